//! The app's own format, `bulletin-annotations` version 1: a whole project (documents,
//! labels, user words). Offsets are code points, end exclusive; every entity carries its
//! `text` so that any reader can check the offsets. Schema: `docs/format.md` and
//! `docs/bulletin-annotations.schema.json`.

use super::{ImportError, ImportErrorKind as Kind};
use crate::core::action::Editor;
use crate::core::annotations::{AnnotationSet, Rejection};
use crate::core::document::{text_sha256, Document, Metadata, Project, Status, APP_NAME, APP_VERSION};
use crate::core::entity::{Entity, Origin};
use crate::core::label::{Label, LabelSet};
use crate::core::segment::{Token, UserWord};
use crate::core::text::TextIndex;
use crate::core::CoreError;
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "bulletin-annotations";
pub const VERSION: u32 = 1;
pub const OFFSET_UNIT: &str = "codepoint";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppInfo {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileV1 {
    pub format: String,
    pub version: u32,
    pub offset_unit: String,
    pub app: AppInfo,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exported: Option<String>,
    #[serde(default)]
    pub annotator: String,
    pub labels: Vec<Label>,
    #[serde(default)]
    pub user_words: Vec<UserWord>,
    pub documents: Vec<DocumentV1>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentV1 {
    pub id: String,
    #[serde(default)]
    pub title: String,
    pub text: String,
    pub sha256: String,
    #[serde(default)]
    pub status: Status,
    pub meta: Metadata,
    #[serde(default)]
    pub nesting: bool,
    pub entities: Vec<EntityV1>,
    #[serde(default)]
    pub rejected: Vec<Rejection>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<Token>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityV1 {
    pub id: u64,
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub text: String,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Export options.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExportOptions {
    /// Include jieba tokens (large: about as many as there are characters).
    pub include_tokens: bool,
}

/// Builds the v1 structure for some documents of a project.
pub fn to_file<'a>(
    project: &Project,
    documents: impl IntoIterator<Item = &'a Document>,
    exported: Option<&str>,
    options: ExportOptions,
) -> FileV1 {
    FileV1 {
        format: FORMAT.into(),
        version: VERSION,
        offset_unit: OFFSET_UNIT.into(),
        app: AppInfo { name: APP_NAME.into(), version: APP_VERSION.into() },
        exported: exported.map(str::to_owned),
        annotator: project.annotator.clone(),
        labels: project.labels.labels().to_vec(),
        user_words: project.user_words.clone(),
        documents: documents.into_iter().map(|d| document_to_v1(d, options)).collect(),
    }
}

fn document_to_v1(doc: &Document, options: ExportOptions) -> DocumentV1 {
    let set = doc.entities();
    DocumentV1 {
        id: doc.id.clone(),
        title: doc.title.clone(),
        text: doc.text.to_string(),
        sha256: doc.sha256.clone(),
        status: doc.status,
        meta: doc.meta.clone(),
        nesting: set.nesting(),
        entities: set
            .iter()
            .map(|e| EntityV1 {
                id: e.id,
                start: e.start,
                end: e.end,
                label: e.label.clone(),
                text: doc.span_text(e.start, e.end).to_owned(),
                origin: e.origin,
                confidence: e.confidence,
                note: e.note.clone(),
            })
            .collect(),
        rejected: set.rejected().cloned().collect(),
        tokens: if options.include_tokens { doc.tokens.to_vec() } else { Vec::new() },
    }
}

/// Serialises the whole project as pretty JSON.
pub fn export(project: &Project, exported: Option<&str>, options: ExportOptions) -> String {
    let file = to_file(project, &project.documents, exported, options);
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Parses and fully validates a v1 file into a project. Nothing is partially applied.
pub fn import(input: &str) -> Result<Project, ImportError> {
    ImportError::check_size(input)?;
    let mut value: serde_json::Value = serde_json::from_str(input).map_err(|e| ImportError::from_json(&e))?;
    if is_autosave(&value) {
        // The app's autosave (and its crash-rescue download) wraps the project.
        value = value.get_mut("project").map(serde_json::Value::take).unwrap_or_default();
    }
    check_header(&value)?;
    let file: FileV1 =
        serde_json::from_value(value).map_err(|e| ImportError::new(Kind::InvalidValue, e.to_string()))?;
    from_file(file)
}

/// Whether `value` is the app's autosave wrapper `{"project": <v1 file>, "current", "draft"}`.
pub fn is_autosave(value: &serde_json::Value) -> bool {
    value.get("format").is_none()
        && value.get("project").and_then(|p| p.get("format")).and_then(|f| f.as_str()) == Some(FORMAT)
}

fn check_header(value: &serde_json::Value) -> Result<(), ImportError> {
    let Some(object) = value.as_object() else {
        return Err(ImportError::new(Kind::UnknownFormat, "expected a JSON object at the top level"));
    };
    match object.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(ImportError::new(Kind::UnknownFormat, format!("format is {other:?}; expected {FORMAT:?}"))
                .field("format"))
        }
        None => {
            return Err(
                ImportError::new(Kind::MissingField, format!("no `format`; expected {FORMAT:?}")).field("format")
            )
        }
    }
    match object.get("version").and_then(|v| v.as_u64()) {
        Some(1) => {}
        Some(v) => {
            return Err(ImportError::new(
                Kind::UnsupportedVersion,
                format!("version {v} is not supported; this app reads version 1"),
            )
            .field("version"))
        }
        None => return Err(ImportError::new(Kind::MissingField, "no numeric `version`").field("version")),
    }
    match object.get("offset_unit").and_then(|v| v.as_str()) {
        Some(OFFSET_UNIT) => Ok(()),
        other => Err(ImportError::new(Kind::InvalidValue, format!("offset_unit is {other:?}; expected \"codepoint\""))
            .field("offset_unit")),
    }
}

/// Validates a parsed file and builds the project.
pub fn from_file(file: FileV1) -> Result<Project, ImportError> {
    let labels =
        LabelSet::new(file.labels).map_err(|e| ImportError::new(Kind::InvalidValue, e.to_string()).field("labels"))?;
    for (i, word) in file.user_words.iter().enumerate() {
        word.validate()
            .map_err(|e| ImportError::new(Kind::InvalidValue, e.to_string()).at(format!("user word {}", i + 1)))?;
    }
    let mut documents = Vec::with_capacity(file.documents.len());
    for (i, doc) in file.documents.into_iter().enumerate() {
        let place = format!("document {} ({:?})", i + 1, doc.id);
        if documents.iter().any(|d: &Document| d.id == doc.id) {
            return Err(ImportError::new(Kind::Duplicate, format!("document id {:?} appears twice", doc.id))
                .at(place)
                .field("id"));
        }
        documents.push(document_from_v1(doc, &labels).map_err(|e| match e.location {
            Some(inner) => ImportError { location: Some(format!("{place}, {inner}")), ..e },
            None => e.at(place),
        })?);
    }
    Ok(Project { documents, labels, user_words: file.user_words, annotator: file.annotator })
}

fn document_from_v1(doc: DocumentV1, labels: &LabelSet) -> Result<Document, ImportError> {
    let actual = text_sha256(&doc.text);
    if !doc.sha256.eq_ignore_ascii_case(&actual) {
        return Err(ImportError::new(
            Kind::HashMismatch,
            format!("sha256 is {} but the text hashes to {actual}; the text was changed after export", doc.sha256),
        )
        .field("sha256"));
    }
    let index =
        TextIndex::new(&doc.text).map_err(|e| ImportError::new(Kind::InvalidValue, e.to_string()).field("text"))?;
    let unknown: Vec<String> = {
        let mut names: Vec<String> =
            doc.entities.iter().filter(|e| !labels.contains(&e.label)).map(|e| e.label.clone()).collect();
        names.sort();
        names.dedup();
        names
    };
    if !unknown.is_empty() {
        let mut err =
            ImportError::new(Kind::UnknownLabel, format!("labels not in the label set: {}", unknown.join(", ")));
        err.unknown_labels = unknown;
        return Err(err.field("label"));
    }
    let mut set = AnnotationSet::new(index.char_len()).with_nesting(doc.nesting);
    for (j, e) in doc.entities.into_iter().enumerate() {
        let place = format!("entity {} (id {})", j + 1, e.id);
        let span_text = check_span(&doc.text, &index, e.start, e.end).map_err(|err| err.at(place.clone()))?;
        if span_text != e.text {
            return Err(ImportError::new(
                Kind::TextMismatch,
                format!("text is {:?} but the span {}..{} holds {:?}", e.text, e.start, e.end, span_text),
            )
            .at(place)
            .field("text"));
        }
        let entity = Entity {
            id: e.id,
            start: e.start,
            end: e.end,
            label: e.label,
            origin: e.origin,
            confidence: e.confidence,
            note: e.note,
        };
        set.insert(entity).map_err(|err| core_to_import(err).at(place))?;
    }
    for r in doc.rejected {
        set.remember_rejection(r);
    }
    let mut out = Document::new(doc.id, doc.title, doc.text, &doc.meta.created);
    out.editor = Editor::new(set);
    out.tokens = doc.tokens.into();
    out.status = doc.status;
    out.meta = doc.meta;
    Ok(out)
}

/// Checks `[start, end)` against the text and returns the span's text.
pub fn check_span<'t>(text: &'t str, index: &TextIndex, start: usize, end: usize) -> Result<&'t str, ImportError> {
    use crate::core::text::CharOffset;
    if start >= end {
        return Err(
            ImportError::new(Kind::InvalidValue, format!("start {start} is not before end {end}")).field("start")
        );
    }
    if end > index.char_len() {
        return Err(ImportError::new(
            Kind::OffsetOutOfRange,
            format!("end {end} is past the end of the text ({} code points)", index.char_len()),
        )
        .field("end"));
    }
    index.slice(text, CharOffset(start), CharOffset(end)).map_err(core_to_import)
}

/// Maps core refusals onto import error kinds.
pub fn core_to_import(err: CoreError) -> ImportError {
    let kind = match err {
        CoreError::OffsetOutOfRange { .. } => Kind::OffsetOutOfRange,
        CoreError::NotCharBoundary { .. } => Kind::NotCharBoundary,
        CoreError::Overlap { .. } => Kind::Overlap,
        CoreError::Duplicate { .. } => Kind::Duplicate,
        CoreError::UnknownLabel(_) => Kind::UnknownLabel,
        _ => Kind::InvalidValue,
    };
    ImportError::new(kind, err.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Suggestion;
    use crate::core::pipeline::Analysis;

    fn project(text: &str, spans: &[(usize, usize, &str)]) -> Project {
        let mut doc = Document::new("d1", "title", text, "2026-11-25T00:00:00.000Z");
        doc.apply_analysis(Analysis {
            tokens: vec![],
            suggestions: spans
                .iter()
                .map(|&(start, end, label)| Suggestion { start, end, label: label.into(), confidence: Some(0.9) })
                .collect(),
        });
        Project { documents: vec![doc], ..Project::default() }
    }

    #[test]
    fn export_then_import_is_the_identity() {
        for text in ["记者 刘伟平报道", "𠮷野家在郑州👨🏻‍🚒", "e\u{301}\r\n郑州", ""] {
            let spans: &[(usize, usize, &str)] = if text.is_empty() { &[] } else { &[(0, 1, "PER"), (2, 3, "LOC")] };
            let original = project(text, spans);
            let json = export(&original, Some("2026-11-25T00:00:00.000Z"), ExportOptions::default());
            let back = import(&json).unwrap();
            assert_eq!(back.documents[0].entities().entities(), original.documents[0].entities().entities());
            assert_eq!(&*back.documents[0].text, text);
            assert_eq!(back.labels, original.labels);
        }
    }

    #[test]
    fn the_autosave_wrapper_imports_as_its_project() {
        let original = project("记者刘伟平", &[(2, 5, "PER")]);
        let file = to_file(&original, &original.documents, None, ExportOptions { include_tokens: true });
        let wrapped = serde_json::json!({ "project": file, "current": 0, "draft": "" }).to_string();
        assert_eq!(crate::core::formats::detect(&wrapped, "rescue.json"), Some(crate::core::formats::Format::Json));
        let back = import(&wrapped).unwrap();
        assert_eq!(back.documents[0].entities().entities(), original.documents[0].entities().entities());
    }

    #[test]
    fn entity_text_is_the_code_point_span() {
        let json = export(&project("𠮷野家在郑州", &[(4, 6, "LOC")]), None, ExportOptions::default());
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["offset_unit"], "codepoint");
        assert_eq!(value["documents"][0]["entities"][0]["text"], "郑州");
    }

    #[test]
    fn errors_name_the_place_and_the_problem() {
        let good = export(&project("记者刘伟平", &[(2, 5, "PER")]), None, ExportOptions::default());
        let cases = [
            (good.replace("\"刘伟平\"", "\"刘伟\""), Kind::TextMismatch, "document 1 (\"d1\"), entity 1 (id 1)"),
            (good.replace("\"end\": 5", "\"end\": 9"), Kind::OffsetOutOfRange, "entity 1"),
            (good.replace("\"label\": \"PER\"", "\"label\": \"ANIMAL\""), Kind::UnknownLabel, "document 1"),
            (good.replace("\"version\": 1", "\"version\": 2"), Kind::UnsupportedVersion, ""),
            (good.replace(FORMAT, "other"), Kind::UnknownFormat, ""),
            (good[..good.len() / 2].to_string(), Kind::MalformedJson, "line"),
        ];
        for (input, kind, place) in cases {
            let err = import(&input).unwrap_err();
            assert_eq!(err.kind, kind, "{err}");
            assert!(err.to_string().contains(place), "{err} should mention {place}");
        }
    }
}
