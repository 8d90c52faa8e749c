//! Documents and projects: the text, its tokens, its entities and who made them.

use crate::core::action::Editor;
use crate::core::annotations::AnnotationSet;
use crate::core::label::{Label, LabelSet};
use crate::core::pipeline::Analysis;
use crate::core::segment::{Token, UserWord, SEGMENTER, SEGMENTER_VERSION};
use crate::core::text::{char_len, CharOffset, TextIndex};
use crate::core::CoreError;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::Arc;

pub const APP_NAME: &str = "bulletin";
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Lower-case hex SHA-256 of the text's UTF-8 bytes.
pub fn text_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Review status of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    #[default]
    New,
    InProgress,
    Done,
}

/// Who and what made a document's annotations, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    pub app_version: String,
    pub segmenter: String,
    pub segmenter_version: String,
    #[serde(default)]
    pub annotator: String,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339.
    pub modified: String,
}

impl Metadata {
    pub fn new(now: &str) -> Self {
        Self {
            app_version: APP_VERSION.into(),
            segmenter: SEGMENTER.into(),
            segmenter_version: SEGMENTER_VERSION.into(),
            annotator: String::new(),
            created: now.into(),
            modified: now.into(),
        }
    }
}

/// One text and everything known about it. The text and tokens are shared (`Arc`) so
/// that copying a document, as the UI reducer does on every edit, stays cheap.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub text: Arc<str>,
    pub sha256: String,
    #[serde(default)]
    pub tokens: Arc<[Token]>,
    pub editor: Editor,
    #[serde(default)]
    pub status: Status,
    pub meta: Metadata,
    /// Code-point index of `text`, built on first use (span look-ups are O(1) after it).
    #[serde(skip)]
    index: IndexCache,
}

/// A lazily built [`TextIndex`]. It is derived from the text, so it takes no part in
/// equality and is never saved.
#[derive(Clone, Default)]
struct IndexCache(std::sync::OnceLock<Arc<TextIndex>>);

impl PartialEq for IndexCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for IndexCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IndexCache")
    }
}

impl Document {
    pub fn new(id: impl Into<String>, title: impl Into<String>, text: impl Into<Arc<str>>, now: &str) -> Self {
        let text: Arc<str> = text.into();
        Self {
            id: id.into(),
            title: title.into(),
            sha256: text_sha256(&text),
            editor: Editor::new(AnnotationSet::new(char_len(&text))),
            text,
            tokens: Arc::from(Vec::new()),
            status: Status::New,
            meta: Metadata::new(now),
            index: IndexCache::default(),
        }
    }

    pub fn entities(&self) -> &AnnotationSet {
        self.editor.set()
    }

    /// Stores fresh tokens and merges the suggestions (one undo step).
    pub fn apply_analysis(&mut self, analysis: Analysis) {
        self.tokens = analysis.tokens.into();
        self.editor.replace(|set| {
            set.merge_suggestions(&analysis.suggestions);
        });
    }

    /// Replaces the unreviewed suggestions after the model learned, as no undo step;
    /// confirmed entities and rejections stay as they are.
    pub fn refresh_suggestions(&mut self, suggestions: &[crate::core::entity::Suggestion]) {
        self.editor.amend(|set| {
            set.merge_suggestions(suggestions);
        });
    }

    /// The text of `[start, end)` in code points, or `""` when out of range.
    pub fn span_text(&self, start: usize, end: usize) -> &str {
        match self.text_index() {
            Some(index) => index.slice(&self.text, CharOffset(start), CharOffset(end)).unwrap_or(""),
            None => crate::core::text::char_slice(&self.text, start, end).unwrap_or(""),
        }
    }

    /// The text's code-point index (built once).
    pub fn text_index(&self) -> Option<&TextIndex> {
        if let Some(index) = self.index.0.get() {
            return Some(index);
        }
        let index = TextIndex::new(&self.text).ok()?;
        Some(self.index.0.get_or_init(|| Arc::new(index)))
    }

    /// A title from the first non-empty line, at most 40 characters.
    pub fn guess_title(text: &str) -> String {
        let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
        let title: String = line.chars().take(40).collect();
        if title.is_empty() {
            "untitled".into()
        } else {
            title
        }
    }
}

/// Many documents sharing one label set and one user dictionary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Project {
    pub documents: Vec<Document>,
    #[serde(default)]
    pub labels: LabelSet,
    #[serde(default)]
    pub user_words: Vec<UserWord>,
    #[serde(default)]
    pub annotator: String,
}

impl Project {
    /// How many entities, across all documents, carry `label`.
    pub fn label_uses(&self, label: &str) -> usize {
        self.documents.iter().map(|d| d.entities().iter().filter(|e| e.label == label).count()).sum()
    }

    /// Replaces label `at` (or appends when `at` is past the end) with `label`, checking the
    /// whole set; a rename carries over to every entity. Nothing changes on error.
    pub fn put_label(&mut self, at: usize, label: Label) -> Result<(), CoreError> {
        let mut labels = self.labels.labels().to_vec();
        let old_name = labels.get(at).map(|l| l.name.clone());
        match labels.get_mut(at) {
            Some(slot) => *slot = label.clone(),
            None => labels.push(label.clone()),
        }
        self.labels = LabelSet::new(labels)?;
        if let Some(old) = old_name.filter(|old| *old != label.name) {
            for doc in &mut self.documents {
                let mut set = doc.entities().clone();
                set.rename_label(&old, &label.name);
                doc.editor = crate::core::action::Editor::new(set);
            }
        }
        Ok(())
    }

    /// Removes a label that no entity uses; a label in use is refused with its count.
    pub fn remove_label(&mut self, name: &str) -> Result<(), CoreError> {
        let count = self.label_uses(name);
        if count > 0 {
            return Err(CoreError::LabelInUse { name: name.into(), count });
        }
        let labels = self.labels.labels().iter().filter(|l| l.name != name).cloned().collect();
        self.labels = LabelSet::new(labels)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Suggestion;

    #[test]
    fn sha256_is_of_utf8_bytes() {
        assert_eq!(text_sha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(text_sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn analysis_merges_into_the_editor_as_one_step() {
        let mut doc = Document::new("d1", "t", "记者刘伟平", "2026-01-01T00:00:00.000Z");
        doc.apply_analysis(Analysis {
            tokens: vec![],
            suggestions: vec![Suggestion { start: 2, end: 5, label: "PER".into(), confidence: None }],
        });
        assert_eq!(doc.entities().len(), 1);
        assert_eq!(doc.span_text(2, 5), "刘伟平");
        doc.editor.undo().unwrap();
        assert!(doc.entities().is_empty());
    }

    #[test]
    fn label_edits_check_the_set_and_carry_renames_to_entities() {
        let mut project = Project::default();
        let mut doc = Document::new("d", "t", "郑州", "2026-01-01T00:00:00.000Z");
        doc.apply_analysis(Analysis {
            tokens: vec![],
            suggestions: vec![Suggestion { start: 0, end: 2, label: "LOC".into(), confidence: None }],
        });
        project.documents.push(doc);
        assert_eq!(project.remove_label("LOC"), Err(CoreError::LabelInUse { name: "LOC".into(), count: 1 }));
        let mut place = project.labels.get("LOC").unwrap().clone();
        place.name = "PLACE".into();
        project.put_label(1, place).unwrap();
        assert_eq!(project.documents[0].entities().entities()[0].label, "PLACE");
        assert_eq!(project.documents[0].entities().entities()[0].origin, crate::core::entity::Origin::Auto);
        let mut clash = project.labels.get("PER").unwrap().clone();
        clash.name = "ORG".into();
        let before = project.clone();
        assert!(project.put_label(0, clash).is_err());
        assert_eq!(project, before);
        assert!(project.remove_label("TERM").is_ok());
        assert!(!project.labels.contains("TERM"));
    }

    #[test]
    fn titles_come_from_the_first_line() {
        assert_eq!(Document::guess_title("\n\n  郑州新闻  \n正文"), "郑州新闻");
        assert_eq!(Document::guess_title(" \n"), "untitled");
    }
}
