//! Interchange formats. Every format states its offset unit; the app's own is code points.
//!
//! Import parses the whole input first and returns a complete result or an
//! [`ImportError`]; callers swap the result in only on success, so a failed import
//! changes nothing.

// Import errors are rare and carry the place and the problem for the user; boxing them
// would only make every call site noisier.
#![allow(clippy::result_large_err)]

pub mod brat;
pub mod conll;
pub mod doccano;
#[cfg(not(target_arch = "wasm32"))]
pub mod input;
pub mod json_v1;
pub mod label_studio;
pub mod records;
pub mod zip;

use crate::core::action::Editor;
use crate::core::annotations::AnnotationSet;
use crate::core::document::{Document, Project};
use crate::core::entity::{Entity, Origin};
use crate::core::label::LabelSet;
use crate::core::text::{CharOffset, TextIndex, Utf16Offset};
use serde::Serialize;
use std::fmt;

/// Inputs larger than this are refused before parsing, with a message, not a hang.
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;

/// What kind of problem an import hit. Tests and the UI match on this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ImportErrorKind {
    TooLarge,
    Empty,
    MalformedJson,
    Malformed,
    UnknownFormat,
    UnsupportedVersion,
    MissingField,
    InvalidValue,
    OffsetOutOfRange,
    NotCharBoundary,
    TextMismatch,
    Overlap,
    UnknownLabel,
    HashMismatch,
    Duplicate,
}

/// A failed import: where (file, line or record, field) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportError {
    pub kind: ImportErrorKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// "line 3", "record 2", "document 1, entity 4"…
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
    /// For [`ImportErrorKind::UnknownLabel`]: the labels the user may add before retrying.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unknown_labels: Vec<String>,
}

impl ImportError {
    pub fn new(kind: ImportErrorKind, message: impl Into<String>) -> Self {
        Self { kind, file: None, location: None, field: None, message: message.into(), unknown_labels: Vec::new() }
    }

    pub fn at(mut self, location: impl Into<String>) -> Self {
        self.location = Some(location.into());
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    /// Refuses inputs over [`MAX_IMPORT_BYTES`] and empty ones.
    pub fn check_size(input: &str) -> Result<(), ImportError> {
        if input.len() > MAX_IMPORT_BYTES {
            return Err(ImportError::new(
                ImportErrorKind::TooLarge,
                format!(
                    "the file is {:.1} MB; the limit is {} MB. Split it into smaller files",
                    input.len() as f64 / 1_048_576.0,
                    MAX_IMPORT_BYTES / 1_048_576
                ),
            ));
        }
        if input.trim().is_empty() {
            return Err(ImportError::new(ImportErrorKind::Empty, "the file is empty"));
        }
        Ok(())
    }

    /// A serde_json error, with its line and column.
    pub fn from_json(err: &serde_json::Error) -> Self {
        let kind = match err.classify() {
            serde_json::error::Category::Data => ImportErrorKind::InvalidValue,
            _ => ImportErrorKind::MalformedJson,
        };
        ImportError::new(kind, format!("{err}")).at(format!("line {}, column {}", err.line(), err.column()))
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{file}: ")?;
        }
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for ImportError {}

/// The unit a format's offsets count in. Both are end-exclusive.
///
/// | text | `CodePoint` | `Utf16` |
/// |------|------------:|--------:|
/// | `郑州` | 2 | 2 |
/// | `𠮷` | 1 | 2 |
/// | `👨🏻‍🚒` | 4 | 7 |
///
/// They differ only outside the Basic Multilingual Plane, so for most Chinese text both
/// give the same numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OffsetUnit {
    /// Unicode code points: Python `str` indices, the app's own unit.
    #[default]
    CodePoint,
    /// UTF-16 code units: JavaScript string indices, what doccano's UI counts.
    Utf16,
}

impl OffsetUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::CodePoint => "codepoint",
            OffsetUnit::Utf16 => "utf16",
        }
    }

    /// Parses `codepoint` (also `char`, `codepoints`) or `utf16` (also `utf-16`).
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "codepoint" | "codepoints" | "char" | "chars" => Some(OffsetUnit::CodePoint),
            "utf16" | "utf-16" => Some(OffsetUnit::Utf16),
            _ => None,
        }
    }

    /// Converts a code-point offset into this unit. `at` must be within the text.
    pub fn from_char(self, index: &TextIndex, at: usize) -> usize {
        match self {
            OffsetUnit::CodePoint => at,
            OffsetUnit::Utf16 => index.char_to_utf16(CharOffset(at)).map(|u| u.0).unwrap_or(at),
        }
    }

    /// Converts an offset in this unit into code points; refused when past the end of the
    /// text or (UTF-16) between the two halves of a surrogate pair.
    pub fn to_char(self, index: &TextIndex, at: usize) -> Result<usize, ImportError> {
        let result = match self {
            OffsetUnit::CodePoint => {
                if at > index.char_len() {
                    Err(crate::core::CoreError::OffsetOutOfRange {
                        offset: at,
                        unit: "code point",
                        len: index.char_len(),
                    })
                } else {
                    Ok(at)
                }
            }
            OffsetUnit::Utf16 => index.utf16_to_char(Utf16Offset(at)).map(|c| c.0),
        };
        result.map_err(json_v1::core_to_import)
    }
}

/// Every interchange format, with its options. The UI and the CLIs call only
/// [`Format::export_project`], [`import`] and [`detect`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// The app's own `bulletin-annotations` v1 JSON (code points); the whole project.
    Json,
    /// doccano JSONL, `{"text", "label": [[start, end, "LABEL"]]}`, in the given unit.
    Doccano { unit: OffsetUnit },
    /// Label Studio tasks JSON. Current Label Studio counts code points; versions before
    /// about 1.4 counted UTF-16 units. With `auto_as_predictions`, unreviewed entities go
    /// out as `predictions` instead of `annotations`.
    LabelStudio { unit: OffsetUnit, auto_as_predictions: bool },
    /// Character-level BIO, one character and tag per line (see [`conll`]).
    Conll,
    /// brat standoff `.txt` + `.ann` in a ZIP (code points); export only.
    Brat,
}

impl Format {
    /// Every format with its default options, for menus.
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Doccano { unit: OffsetUnit::Utf16 },
        Format::LabelStudio { unit: OffsetUnit::CodePoint, auto_as_predictions: false },
        Format::Conll,
        Format::Brat,
    ];

    /// The short name used on the command line: `json`, `doccano`, `labelstudio`, `conll`, `brat`.
    pub fn name(&self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Doccano { .. } => "doccano",
            Format::LabelStudio { .. } => "labelstudio",
            Format::Conll => "conll",
            Format::Brat => "brat",
        }
    }

    /// Parses a short name, with each format's default options: doccano counts UTF-16
    /// (what doccano's UI writes and reads), Label Studio counts code points.
    pub fn parse(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "json" | "bulletin" | "bulletin-annotations" => Some(Format::Json),
            "doccano" | "jsonl" => Some(Format::Doccano { unit: OffsetUnit::Utf16 }),
            "labelstudio" | "label-studio" | "label_studio" | "ls" => {
                Some(Format::LabelStudio { unit: OffsetUnit::CodePoint, auto_as_predictions: false })
            }
            "conll" | "bio" => Some(Format::Conll),
            "brat" => Some(Format::Brat),
            _ => None,
        }
    }

    /// Whether [`import`] reads this format (brat is export-only).
    pub fn can_import(&self) -> bool {
        !matches!(self, Format::Brat)
    }

    /// The same format with another offset unit (no change for formats without a choice).
    pub fn with_unit(self, unit: OffsetUnit) -> Format {
        match self {
            Format::Doccano { .. } => Format::Doccano { unit },
            Format::LabelStudio { auto_as_predictions, .. } => Format::LabelStudio { unit, auto_as_predictions },
            other => other,
        }
    }

    /// The file extension of an export, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            Format::Json | Format::LabelStudio { .. } => "json",
            Format::Doccano { .. } => "jsonl",
            Format::Conll => "conll",
            Format::Brat => "zip",
        }
    }

    /// Exports `docs` (documents of `project`) in this format. `now` is an RFC 3339
    /// timestamp stamped on the export and used in the suggested file name.
    pub fn export_project(&self, project: &Project, docs: &[&Document], now: &str) -> Result<Exported, ExportError> {
        let base = export_base_name(docs, now);
        let file_name = format!("{base}.{}", self.extension());
        let (content, mime) = match *self {
            Format::Json => {
                let file =
                    json_v1::to_file(project, docs.iter().copied(), Some(now), json_v1::ExportOptions::default());
                let text = serde_json::to_string_pretty(&file).map_err(|e| ExportError::new(e.to_string()))?;
                (ExportContent::Text(text), "application/json")
            }
            Format::Doccano { unit } => (ExportContent::Text(doccano::export(docs, unit)), "application/jsonl"),
            Format::LabelStudio { unit, auto_as_predictions } => {
                let options = label_studio::ExportOptions { unit, auto_as_predictions };
                (ExportContent::Text(label_studio::export(docs, options)), "application/json")
            }
            Format::Conll => (ExportContent::Text(conll::export(docs)?), "text/plain; charset=utf-8"),
            Format::Brat => (ExportContent::Bytes(brat::export_zip(&project.labels, docs, now)?), "application/zip"),
        };
        Ok(Exported { file_name, mime, content })
    }

    /// Exports every document of the project.
    pub fn export_all(&self, project: &Project, now: &str) -> Result<Exported, ExportError> {
        let docs: Vec<&Document> = project.documents.iter().collect();
        self.export_project(project, &docs, now)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Format::Doccano { unit } | Format::LabelStudio { unit, .. } => {
                write!(f, "{} ({})", self.name(), unit.as_str())
            }
            _ => f.write_str(self.name()),
        }
    }
}

/// `single-doc-id` for one document, `bulletin-YYYY-MM-DD` for several.
fn export_base_name(docs: &[&Document], now: &str) -> String {
    match docs {
        [doc] => {
            let name = brat::safe_file_stem(&doc.id);
            if name.is_empty() {
                "document".into()
            } else {
                name
            }
        }
        _ => format!("bulletin-{}", now.get(..10).unwrap_or("export")),
    }
}

/// The bytes or text of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportContent {
    Text(String),
    Bytes(Vec<u8>),
}

/// A finished export: content plus a suggested file name and MIME type for the download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub file_name: String,
    pub mime: &'static str,
    pub content: ExportContent,
}

impl Exported {
    /// The content as bytes (UTF-8 for text formats).
    pub fn into_bytes(self) -> Vec<u8> {
        match self.content {
            ExportContent::Text(text) => text.into_bytes(),
            ExportContent::Bytes(bytes) => bytes,
        }
    }

    /// The content as text, or `None` for binary exports (brat's ZIP).
    pub fn as_text(&self) -> Option<&str> {
        match &self.content {
            ExportContent::Text(text) => Some(text),
            ExportContent::Bytes(_) => None,
        }
    }
}

/// Why an export could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportError {
    pub message: String,
}

impl ExportError {
    pub fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ExportError {}

/// What an import checks against and how it builds documents.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// Labels an entity may use; others fail with [`ImportErrorKind::UnknownLabel`]. The
    /// app JSON carries its own label set and ignores this.
    pub labels: LabelSet,
    /// Allow nested (never crossing) spans; when off, overlaps are refused.
    pub nesting: bool,
    /// RFC 3339 timestamp for the new documents' `created` and `modified`.
    pub now: String,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self { labels: LabelSet::default(), nesting: false, now: "1970-01-01T00:00:00.000Z".into() }
    }
}

/// Parses and fully validates `input` (the contents of `file_name`) as `format`.
///
/// The result is a complete [`Project`]; nothing is applied on error. For formats other than
/// the app JSON the project's labels are `options.labels` and it has no user words.
/// Errors carry `file_name` in [`ImportError::file`].
pub fn import(format: Format, input: &str, file_name: &str, options: &ImportOptions) -> Result<Project, ImportError> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let stem = file_stem(file_name);
    let result = ImportError::check_size(input).and_then(|()| match format {
        Format::Json => json_v1::import(input),
        Format::Doccano { unit } => doccano::import(input, unit, &stem, options).map(|d| project_of(d, options)),
        Format::LabelStudio { unit, .. } => {
            label_studio::import(input, unit, &stem, options).map(|d| project_of(d, options))
        }
        Format::Conll => conll::import(input, &stem, options).map(|d| project_of(d, options)),
        Format::Brat => Err(ImportError::new(
            ImportErrorKind::UnknownFormat,
            "brat standoff is export-only; import the app JSON, doccano, Label Studio or CoNLL instead",
        )),
    });
    result.map_err(|e| if file_name.is_empty() { e } else { e.in_file(file_name) })
}

fn project_of(documents: Vec<Document>, options: &ImportOptions) -> Project {
    Project { documents, labels: options.labels.clone(), ..Project::default() }
}

/// `dir/bulletins.jsonl` → `bulletins`; used to name documents that have no id.
fn file_stem(file_name: &str) -> String {
    let name = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = name.split('.').next().unwrap_or(name);
    if stem.is_empty() {
        "doc".into()
    } else {
        stem.into()
    }
}

/// Guesses a file's format from its name and first bytes; `None` when unsure.
///
/// - a JSON object with `"format": "bulletin-annotations"` → [`Format::Json`];
/// - a JSON array of objects with `data` (or one such object) → Label Studio (code points);
/// - lines of JSON objects with `text` → doccano (UTF-16, as doccano writes);
/// - lines of `char<TAB>tag` or `-DOCSTART-` → [`Format::Conll`].
pub fn detect(input: &str, file_name: &str) -> Option<Format> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let head = input.trim_start();
    let lower = file_name.to_ascii_lowercase();
    let doccano = Format::Doccano { unit: OffsetUnit::Utf16 };
    let label_studio = Format::LabelStudio { unit: OffsetUnit::CodePoint, auto_as_predictions: false };
    if head.starts_with('[') {
        return Some(label_studio);
    }
    if head.starts_with('{') {
        // Look at the first record only: enough to tell the formats apart.
        let first_line = head.lines().next().unwrap_or("");
        if let Ok(serde_json::Value::Object(object)) = serde_json::from_str::<serde_json::Value>(first_line) {
            if object.get("format").and_then(|f| f.as_str()) == Some(json_v1::FORMAT)
                || json_v1::is_autosave(&serde_json::Value::Object(object.clone()))
            {
                return Some(Format::Json);
            }
            return Some(if object.contains_key("data") { label_studio } else { doccano });
        }
        let mut cut = head.len().min(4096);
        while !head.is_char_boundary(cut) {
            cut -= 1;
        }
        let probe = head.get(..cut).unwrap_or(head);
        if probe.contains("\"bulletin-annotations\"") {
            return Some(Format::Json);
        }
        if lower.ends_with(".jsonl") {
            return Some(doccano);
        }
        if probe.contains("\"data\"") {
            return Some(label_studio);
        }
        return if lower.ends_with(".json") { Some(Format::Json) } else { None };
    }
    let first = head.lines().next().unwrap_or("");
    if first.starts_with("-DOCSTART-")
        || first.contains('\t')
        || [".conll", ".bio", ".bmes"].iter().any(|e| lower.ends_with(e))
    {
        return Some(Format::Conll);
    }
    None
}

/// One span read from a file, before validation; offsets are in the file's unit.
#[derive(Debug, Clone)]
pub(crate) struct RawSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// The span's text, where the format has it.
    pub text: Option<String>,
    pub origin: Origin,
    pub confidence: Option<f32>,
    /// Where it was read, e.g. "line 3, span 2".
    pub place: String,
}

/// Fails with [`ImportErrorKind::UnknownLabel`] listing every label not in `labels`.
pub(crate) fn check_labels<'a>(used: impl IntoIterator<Item = &'a str>, labels: &LabelSet) -> Result<(), ImportError> {
    let mut unknown: Vec<String> = used.into_iter().filter(|l| !labels.contains(l)).map(str::to_owned).collect();
    unknown.sort();
    unknown.dedup();
    if unknown.is_empty() {
        return Ok(());
    }
    let mut err = ImportError::new(
        ImportErrorKind::UnknownLabel,
        format!("labels not in the label set: {}; add them to the label set and import again", unknown.join(", ")),
    )
    .field("label");
    err.unknown_labels = unknown;
    Err(err)
}

/// Validates spans against `text` and builds a document. Spans that are exact duplicates
/// of one another are errors, like overlaps.
pub(crate) fn build_document(
    id: String,
    title: Option<String>,
    text: String,
    spans: Vec<RawSpan>,
    unit: OffsetUnit,
    options: &ImportOptions,
) -> Result<Document, ImportError> {
    let index = TextIndex::new(&text)
        .map_err(|e| ImportError::new(ImportErrorKind::InvalidValue, e.to_string()).field("text"))?;
    let mut set = AnnotationSet::new(index.char_len()).with_nesting(options.nesting);
    for (j, span) in spans.into_iter().enumerate() {
        let place = span.place.clone();
        let start = unit.to_char(&index, span.start).map_err(|e| e.at(place.clone()).field("start"))?;
        let end = unit.to_char(&index, span.end).map_err(|e| e.at(place.clone()).field("end"))?;
        let span_text = json_v1::check_span(&text, &index, start, end).map_err(|e| e.at(place.clone()))?;
        if let Some(expected) = &span.text {
            if expected != span_text {
                return Err(ImportError::new(
                    ImportErrorKind::TextMismatch,
                    format!(
                        "text is {expected:?} but the span {}..{} ({}) holds {span_text:?}",
                        span.start,
                        span.end,
                        unit.as_str()
                    ),
                )
                .at(place)
                .field("text"));
            }
        }
        let entity = Entity {
            id: j as u64 + 1,
            start,
            end,
            label: span.label,
            origin: span.origin,
            confidence: span.confidence,
            note: None,
        };
        set.insert(entity).map_err(|e| json_v1::core_to_import(e).at(place))?;
    }
    let title = title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| Document::guess_title(&text));
    let mut doc = Document::new(id, title, text, &options.now);
    doc.editor = Editor::new(set);
    Ok(doc)
}

/// Refuses a second document with the same id.
pub(crate) fn check_unique_ids(docs: &[Document], id: &str, place: &str) -> Result<(), ImportError> {
    if docs.iter().any(|d| d.id == id) {
        return Err(ImportError::new(ImportErrorKind::Duplicate, format!("document id {id:?} appears twice"))
            .at(place)
            .field("id"));
    }
    Ok(())
}

/// The text of an entity in a document, for formats that write it.
pub(crate) fn entity_text<'d>(doc: &'d Document, entity: &Entity) -> &'d str {
    doc.span_text(entity.start, entity.end)
}

/// serde_json's message without its " at line 1 column 5" suffix, for one-line records
/// whose place the caller names.
pub(crate) fn json_problem(err: &serde_json::Error) -> String {
    let message = err.to_string();
    match message.rsplit_once(" at line ") {
        Some((problem, _)) => format!("{problem} (column {})", err.column()),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Some(format));
        }
        assert_eq!(Format::parse("nope"), None);
        assert_eq!(OffsetUnit::parse("UTF-16"), Some(OffsetUnit::Utf16));
        assert_eq!(file_stem("dir/sub\\bulletins.jsonl.gz"), "bulletins");
        assert_eq!(file_stem(""), "doc");
    }

    #[test]
    fn detect_tells_the_formats_apart() {
        let cases: [(&str, &str, Option<&str>); 7] = [
            ("{\n  \"format\": \"bulletin-annotations\",\n  \"version\": 1}", "p.json", Some("json")),
            ("{\"format\": \"bulletin-annotations\", \"version\": 1}", "p.txt", Some("json")),
            ("{\"text\": \"郑州\", \"label\": []}\n", "x", Some("doccano")),
            ("[{\"data\": {\"text\": \"郑州\"}}]", "x", Some("labelstudio")),
            ("\u{feff}-DOCSTART-\tO\n\n郑\tB-LOC\n", "x", Some("conll")),
            ("郑 B-LOC\n", "train.bio", Some("conll")),
            ("just some text", "notes.txt", None),
        ];
        for (input, name, expected) in cases {
            assert_eq!(detect(input, name).map(|f| f.name()), expected, "{input:?}");
        }
    }

    #[test]
    fn export_names_and_mime_types() {
        let mut project = Project::default();
        project.documents.push(Document::new("a/b", "t", "郑州", "2026-11-25T00:00:00.000Z"));
        project.documents.push(Document::new("c", "t", "洛阳", "2026-11-25T00:00:00.000Z"));
        let one = Format::Conll.export_project(&project, &[&project.documents[0]], "2026-11-25T00:00:00.000Z").unwrap();
        assert_eq!((one.file_name.as_str(), one.mime), ("a_b.conll", "text/plain; charset=utf-8"));
        let all = Format::Doccano { unit: OffsetUnit::Utf16 }.export_all(&project, "2026-11-25T00:00:00.000Z").unwrap();
        assert_eq!(all.file_name, "bulletin-2026-11-25.jsonl");
        assert_eq!(all.as_text().map(|t| t.lines().count()), Some(2));
    }

    #[test]
    fn brat_cannot_be_imported_and_errors_name_the_file() {
        let err = import(Format::Brat, "T1\tPER 0 1\t郑", "a.ann", &ImportOptions::default()).unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::UnknownFormat);
        assert!(err.to_string().starts_with("a.ann: "), "{err}");
        let err = import(Format::Conll, "  \n", "b.conll", &ImportOptions::default()).unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::Empty);
    }
}
