//! Interchange formats. Every format states its offset unit; the app's own is code points.
//!
//! Import parses the whole input first and returns a complete result or an
//! [`ImportError`]; callers swap the result in only on success, so a failed import
//! changes nothing.

pub mod json_v1;

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
