//! A labelled span of text.

use crate::core::CoreError;
use serde::{Deserialize, Serialize};

/// Where an entity came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Suggested by the recogniser and not yet reviewed.
    #[default]
    Auto,
    /// Added or changed by a person.
    Manual,
    /// Suggested by the recogniser and accepted by a person.
    AcceptedAuto,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Auto => "auto",
            Origin::Manual => "manual",
            Origin::AcceptedAuto => "accepted-auto",
        }
    }

    /// Confirmed entities are the ones a person has looked at.
    pub fn is_confirmed(self) -> bool {
        self != Origin::Auto
    }
}

/// `[start, end)` in code points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    /// A non-empty span inside a text of `text_len` code points.
    pub fn new(start: usize, end: usize, text_len: usize) -> Result<Self, CoreError> {
        if start >= end || end > text_len {
            return Err(CoreError::InvalidSpan { start, end, len: text_len });
        }
        Ok(Self { start, end })
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when one span lies inside the other (nesting, not crossing).
    pub fn nests_with(self, other: Span) -> bool {
        (self.start <= other.start && other.end <= self.end) || (other.start <= self.start && self.end <= other.end)
    }
}

/// One annotated entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub id: u64,
    pub start: usize,
    pub end: usize,
    pub label: String,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Entity {
    /// Checks the invariants: `start < end <= text_len` and a non-empty label.
    pub fn new(id: u64, span: Span, label: &str, origin: Origin, text_len: usize) -> Result<Self, CoreError> {
        let span = Span::new(span.start, span.end, text_len)?;
        if label.is_empty() {
            return Err(CoreError::UnknownLabel(String::new()));
        }
        Ok(Self { id, start: span.start, end: span.end, label: label.into(), origin, confidence: None, note: None })
    }

    pub fn span(&self) -> Span {
        Span { start: self.start, end: self.end }
    }
}

/// A recogniser's proposal, before it gets an id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub start: usize,
    pub end: usize,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
}

impl Suggestion {
    pub fn span(&self) -> Span {
        Span { start: self.start, end: self.end }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructor_checks_invariants() {
        assert!(Entity::new(1, Span { start: 0, end: 2 }, "PER", Origin::Manual, 2).is_ok());
        for (start, end) in [(1, 1), (2, 1), (0, 3)] {
            assert!(Entity::new(1, Span { start, end }, "PER", Origin::Manual, 2).is_err(), "{start}..{end}");
        }
        assert!(Entity::new(1, Span { start: 0, end: 1 }, "", Origin::Manual, 2).is_err());
    }

    #[test]
    fn overlap_and_nesting() {
        let a = Span { start: 0, end: 4 };
        assert!(a.overlaps(Span { start: 3, end: 5 }));
        assert!(!a.overlaps(Span { start: 4, end: 5 }));
        assert!(a.nests_with(Span { start: 1, end: 3 }));
        assert!(!a.nests_with(Span { start: 3, end: 5 }));
    }
}
