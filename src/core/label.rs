//! Labels and the default label set, following `shared/GUIDELINES.md`.

use crate::core::CoreError;
use serde::{Deserialize, Serialize};

/// One entity type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Label {
    /// Short upper-case name used in files, e.g. `PER`.
    pub name: String,
    /// CSS colour, `#rrggbb`.
    pub colour: String,
    /// A single key that applies this label, e.g. `1` or `p`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hotkey: Option<char>,
    #[serde(default)]
    pub description: String,
}

impl Label {
    /// Checks the name, colour and hotkey.
    pub fn validate(&self) -> Result<(), CoreError> {
        let invalid = |reason: &str| CoreError::InvalidLabel { name: self.name.clone(), reason: reason.into() };
        if self.name.is_empty() || self.name.chars().count() > 32 {
            return Err(invalid("a name has 1 to 32 characters"));
        }
        if self.name.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid("a name has no spaces or control characters"));
        }
        let hex = self.colour.strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(invalid("the colour must look like #1f77b4"));
        }
        if let Some(key) = self.hotkey {
            if !key.is_ascii_alphanumeric() || matches!(key, 'a' | 'x' | 'j' | 'k' | 'z') {
                return Err(invalid("the hotkey must be a digit or a letter other than a, x, j, k and z"));
            }
        }
        Ok(())
    }
}

/// An ordered set of labels with unique names and hotkeys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LabelSet(Vec<Label>);

impl Label {
    /// The colour of a label that arrives without one (an import, a new label).
    pub const PLAIN_COLOUR: &'static str = "#888888";

    /// A label with only a name: plain colour, no hotkey, no description.
    pub fn plain(name: impl Into<String>) -> Self {
        Self { name: name.into(), colour: Self::PLAIN_COLOUR.into(), hotkey: None, description: String::new() }
    }
}

impl LabelSet {
    /// This set with plain labels for each of `names` it lacks.
    pub fn with_added(&self, names: &[String]) -> Result<Self, CoreError> {
        let mut all = self.0.clone();
        for name in names {
            if !all.iter().any(|l| &l.name == name) {
                all.push(Label::plain(name.clone()));
            }
        }
        Self::new(all)
    }

    /// Builds a set, checking every label and that names and hotkeys are unique.
    pub fn new(labels: Vec<Label>) -> Result<Self, CoreError> {
        for (i, label) in labels.iter().enumerate() {
            label.validate()?;
            for other in &labels[..i] {
                if other.name == label.name {
                    return Err(CoreError::InvalidLabel {
                        name: label.name.clone(),
                        reason: "the name is used twice".into(),
                    });
                }
                if label.hotkey.is_some() && other.hotkey == label.hotkey {
                    return Err(CoreError::InvalidLabel {
                        name: label.name.clone(),
                        reason: format!("hotkey {:?} is already used by {}", label.hotkey.unwrap_or(' '), other.name),
                    });
                }
            }
        }
        Ok(Self(labels))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Label> {
        self.0.iter()
    }

    pub fn get(&self, name: &str) -> Option<&Label> {
        self.0.iter().find(|l| l.name == name)
    }

    pub fn contains(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    pub fn by_hotkey(&self, key: char) -> Option<&Label> {
        self.0.iter().find(|l| l.hotkey == Some(key))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn labels(&self) -> &[Label] {
        &self.0
    }
}

impl Default for LabelSet {
    fn default() -> Self {
        // Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
        let label = |name: &str, colour: &str, key: char, description: &str| Label {
            name: name.into(),
            colour: colour.into(),
            hotkey: Some(key),
            description: description.into(),
        };
        Self(vec![
            label("PER", "#e69f00", '1', "Person: the name only, no title (记者 刘伟平 → 刘伟平)"),
            label(
                "LOC",
                "#56b4e9",
                '2',
                "Place: administrative units, communities, streets, sites; chains split per level",
            ),
            label("ORG", "#009e73", '3', "Organisation: named bodies, offices, party organisations, businesses"),
            label("DATE", "#cc79a7", '4', "Date or time: 9月20日上午, 二季度, 昨日, 今年"),
            label("NUM", "#d55e00", '5', "Number with unit: 近4万平方米, 1200余户, 84.3%, 第34个"),
            label("TERM", "#0072b2", '6', "Quoted campaign, programme or title name, inside the “ ” only"),
        ])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_set_follows_the_guidelines() {
        let set = LabelSet::default();
        let names: Vec<_> = set.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["PER", "LOC", "ORG", "DATE", "NUM", "TERM"]);
        assert!(LabelSet::new(set.labels().to_vec()).is_ok());
        assert_eq!(set.by_hotkey('3').map(|l| l.name.as_str()), Some("ORG"));
    }

    #[test]
    fn invalid_labels_are_refused_with_a_reason() {
        let mut labels = LabelSet::default().labels().to_vec();
        labels[1].hotkey = Some('1');
        let err = LabelSet::new(labels).unwrap_err().to_string();
        assert!(err.contains("hotkey"), "{err}");

        for (name, colour, key) in
            [("", "#000000", None), ("A B", "#000000", None), ("X", "red", None), ("X", "#000000", Some('x'))]
        {
            let label = Label { name: name.into(), colour: colour.into(), hotkey: key, description: String::new() };
            assert!(label.validate().is_err(), "{name:?} {colour:?} {key:?}");
        }
    }
}
