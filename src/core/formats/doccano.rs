//! doccano JSONL for sequence labelling: one JSON object per line,
//! `{"text": "…", "label": [[start, end, "LABEL"], …]}`, end exclusive.
//!
//! **Offset unit.** doccano's UI is JavaScript and counts **UTF-16 code units** (see
//! doccano issue #2290: in `👨🏻‍🚒 firemen drive firetrucks`, doccano puts `firetrucks` at
//! 22..32 while Python says 19..29). Python scripts that write doccano files usually count
//! **code points**. So the unit is an explicit [`OffsetUnit`]: use `Utf16` for files that go
//! to or come from doccano itself, `CodePoint` for Python tooling. The two agree on text
//! inside the Basic Multilingual Plane, which covers almost all Chinese.
//!
//! Export writes `id`, `title`, `text` and `label`; doccano keeps unknown keys as metadata.
//! Import reads `text` and `label` (required and optional), and `id` and `title` when present;
//! other keys are ignored. Imported entities count as reviewed ([`Origin::Manual`]).

use super::{build_document, check_labels, check_unique_ids, ImportError, ImportErrorKind as Kind, ImportOptions};
use super::{OffsetUnit, RawSpan};
use crate::core::document::Document;
use crate::core::entity::Origin;
use crate::core::text::TextIndex;
use serde_json::{json, Value};

/// One JSON line per document.
pub fn export(docs: &[&Document], unit: OffsetUnit) -> String {
    let mut out = String::new();
    for doc in docs {
        out.push_str(&export_line(doc, unit));
        out.push('\n');
    }
    out
}

/// The JSON line for one document, without the newline.
pub fn export_line(doc: &Document, unit: OffsetUnit) -> String {
    let text: &str = &doc.text;
    let labels: Vec<Value> = match TextIndex::new(text) {
        Ok(index) => doc
            .entities()
            .iter()
            .map(|e| json!([unit.from_char(&index, e.start), unit.from_char(&index, e.end), e.label]))
            .collect(),
        Err(_) => Vec::new(),
    };
    json!({ "id": doc.id, "title": doc.title, "text": text, "label": labels }).to_string()
}

struct Record {
    line: usize,
    id: Option<String>,
    title: Option<String>,
    text: String,
    spans: Vec<RawSpan>,
}

/// Parses every line, then checks labels, then offsets; returns all documents or the first error.
pub fn import(
    input: &str,
    unit: OffsetUnit,
    stem: &str,
    options: &ImportOptions,
) -> Result<Vec<Document>, ImportError> {
    let mut records = Vec::new();
    for (i, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        records.push(parse_line(line, i + 1)?);
    }
    if records.is_empty() {
        return Err(ImportError::new(Kind::Empty, "no JSON lines found"));
    }
    check_labels(records.iter().flat_map(|r| r.spans.iter().map(|s| s.label.as_str())), &options.labels)?;
    let mut docs: Vec<Document> = Vec::with_capacity(records.len());
    for record in records {
        let place = format!("line {}", record.line);
        let id = record.id.unwrap_or_else(|| format!("{stem}-{}", record.line));
        check_unique_ids(&docs, &id, &place)?;
        docs.push(build_document(id, record.title, record.text, record.spans, unit, options)?);
    }
    Ok(docs)
}

fn parse_line(line: &str, number: usize) -> Result<Record, ImportError> {
    let place = format!("line {number}");
    let value: Value = serde_json::from_str(line).map_err(|e| {
        ImportError::new(Kind::MalformedJson, format!("not valid JSON: {}", super::json_problem(&e))).at(place.clone())
    })?;
    let Value::Object(object) = value else {
        return Err(
            ImportError::new(Kind::InvalidValue, "expected a JSON object like {\"text\": …, \"label\": […]}").at(place)
        );
    };
    let text = match object.get("text") {
        Some(Value::String(text)) => text.clone(),
        Some(_) => return Err(ImportError::new(Kind::InvalidValue, "`text` must be a string").at(place).field("text")),
        None => return Err(ImportError::new(Kind::MissingField, "no `text`").at(place).field("text")),
    };
    let id = match object.get("id") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let title = object.get("title").and_then(Value::as_str).map(str::to_owned);
    let spans = match object.get("label") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(k, item)| parse_span(item, &format!("{place}, span {}", k + 1)))
            .collect::<Result<_, _>>()?,
        Some(_) => {
            return Err(ImportError::new(Kind::InvalidValue, "`label` must be a list of [start, end, \"LABEL\"]")
                .at(place)
                .field("label"))
        }
    };
    Ok(Record { line: number, id, title, text, spans })
}

fn parse_span(item: &Value, place: &str) -> Result<RawSpan, ImportError> {
    let bad = |what: &str| {
        ImportError::new(Kind::InvalidValue, format!("{what}; expected [start, end, \"LABEL\"] with whole numbers"))
            .at(place)
            .field("label")
    };
    let Value::Array(parts) = item else {
        return Err(bad("a span is not a list"));
    };
    let [start, end, label] = parts.as_slice() else {
        return Err(bad(&format!("a span has {} items, not 3", parts.len())));
    };
    let (Some(start), Some(end)) = (start.as_u64(), end.as_u64()) else {
        return Err(bad("start or end is not a non-negative whole number"));
    };
    let Some(label) = label.as_str() else {
        return Err(bad("the label is not a string"));
    };
    Ok(RawSpan {
        start: usize::try_from(start).unwrap_or(usize::MAX),
        end: usize::try_from(end).unwrap_or(usize::MAX),
        label: label.to_owned(),
        text: None,
        origin: Origin::Manual,
        confidence: None,
        place: place.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::formats::{ImportErrorKind, ImportOptions};

    #[test]
    fn the_unit_decides_the_numbers_outside_the_bmp() {
        // 𠮷 is one code point but two UTF-16 units, so 郑州 moves by one.
        let input = "{\"text\": \"𠮷郑州\", \"label\": [[2, 4, \"LOC\"]]}";
        let docs = import(input, OffsetUnit::Utf16, "t", &ImportOptions::default()).unwrap();
        let e = &docs[0].entities().entities()[0];
        assert_eq!((e.start, e.end), (1, 3));
        let err = import(input, OffsetUnit::CodePoint, "t", &ImportOptions::default()).unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::OffsetOutOfRange, "{err}");
        let mid = "{\"text\": \"𠮷郑州\", \"label\": [[1, 3, \"LOC\"]]}";
        let err = import(mid, OffsetUnit::Utf16, "t", &ImportOptions::default()).unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::NotCharBoundary, "{err}");
        assert!(err.to_string().contains("line 1, span 1"), "{err}");
    }

    #[test]
    fn export_writes_the_chosen_unit() {
        let input = "{\"text\": \"𠮷郑州\", \"label\": [[1, 3, \"LOC\"]]}";
        let docs = import(input, OffsetUnit::CodePoint, "t", &ImportOptions::default()).unwrap();
        let refs: Vec<&Document> = docs.iter().collect();
        assert!(export(&refs, OffsetUnit::Utf16).contains("[[2,4,\"LOC\"]]"));
        assert!(export(&refs, OffsetUnit::CodePoint).contains("[[1,3,\"LOC\"]]"));
    }
}
