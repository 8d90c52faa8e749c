//! JSON Lines records for the `annotate` tool: each input line is an object with a `"text"`
//! string; the output line is the same object plus
//! `"entities": [{"start", "end", "label", "text"}]`, offsets in code points, end exclusive.

use super::{ImportError, ImportErrorKind as Kind};
use crate::core::document::Document;
use serde_json::{Map, Value};

/// One input line.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// 1-based line number in the input.
    pub line: usize,
    /// The line as read, without surrounding whitespace.
    pub raw: String,
    pub object: Map<String, Value>,
    pub text: String,
}

/// Parses every non-blank line; the first bad one fails with its line number.
pub fn parse_records(input: &str) -> Result<Vec<Record>, ImportError> {
    let mut records = Vec::new();
    for (i, line) in input.lines().enumerate() {
        let raw = line.trim();
        if raw.is_empty() {
            continue;
        }
        records.push(parse_record(raw, i + 1)?);
    }
    Ok(records)
}

/// Parses one line.
pub fn parse_record(raw: &str, line: usize) -> Result<Record, ImportError> {
    let place = format!("line {line}");
    let value: Value = serde_json::from_str(raw).map_err(|e| {
        ImportError::new(Kind::MalformedJson, format!("not valid JSON: {}", super::json_problem(&e))).at(place.clone())
    })?;
    let Value::Object(object) = value else {
        return Err(ImportError::new(Kind::InvalidValue, "expected a JSON object with a \"text\" field").at(place));
    };
    let text = match object.get("text") {
        Some(Value::String(text)) => text.clone(),
        Some(_) => {
            return Err(ImportError::new(Kind::InvalidValue, "\"text\" must be a string").at(place).field("text"))
        }
        None => return Err(ImportError::new(Kind::MissingField, "no \"text\" field").at(place).field("text")),
    };
    Ok(Record { line, raw: raw.to_owned(), object, text })
}

/// `[{"start", "end", "label", "text"}]` for a document's entities, in code points.
pub fn entities_json(doc: &Document) -> Value {
    /// A struct, not `json!`, so the keys keep this order in the output.
    #[derive(serde::Serialize)]
    struct Out<'a> {
        start: usize,
        end: usize,
        label: &'a str,
        text: &'a str,
    }
    let entities: Vec<Out> = doc
        .entities()
        .iter()
        .map(|e| Out { start: e.start, end: e.end, label: &e.label, text: super::entity_text(doc, e) })
        .collect();
    serde_json::to_value(entities).unwrap_or_default()
}

/// The output line: the input object, byte for byte, with `"entities"` appended. When the
/// input already has an `"entities"` key it is replaced (and the object re-serialised).
pub fn output_line(record: &Record, entities: &Value) -> String {
    if !record.object.contains_key("entities") {
        if let Some(body) = record.raw.strip_suffix('}') {
            let body = body.trim_end();
            let separator = if body.ends_with('{') { "" } else { "," };
            return format!("{body}{separator}\"entities\":{entities}}}");
        }
    }
    let mut object = record.object.clone();
    object.insert("entities".into(), entities.clone());
    Value::Object(object).to_string()
}

/// A document for a record: id from an `"id"` string or number (else `line-N`), made unique
/// among `taken`; title from a `"title"` string (else the first line of the text).
pub fn record_document(record: &Record, taken: &mut std::collections::HashSet<String>, now: &str) -> Document {
    let base = match record.object.get("id") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => format!("line-{}", record.line),
    };
    let mut id = base.clone();
    let mut k = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{k}");
        k += 1;
    }
    let title = match record.object.get("title") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.clone(),
        _ => Document::guess_title(&record.text),
    };
    Document::new(id, title, record.text.clone(), now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn other_fields_pass_through_in_their_order() {
        let record = parse_record(r#"{"z": 1.50, "text": "郑州", "a": [1]}"#, 7).unwrap();
        let out = output_line(&record, &json!([]));
        assert_eq!(out, r#"{"z": 1.50, "text": "郑州", "a": [1],"entities":[]}"#);
        let replaced = parse_record(r#"{"text": "x", "entities": 5}"#, 1).unwrap();
        let value: Value = serde_json::from_str(&output_line(&replaced, &json!([]))).unwrap();
        assert_eq!(value["entities"], json!([]));
    }

    #[test]
    fn bad_lines_name_their_number() {
        let err = parse_records("{\"text\": \"a\"}\n\n[1]\n").unwrap_err();
        assert_eq!(err.location.as_deref(), Some("line 3"));
        let err = parse_records("{\"text\": 3}").unwrap_err();
        assert_eq!(err.kind, Kind::InvalidValue);
        let err = parse_records("{\"txt\": \"a\"}").unwrap_err();
        assert_eq!(err.kind, Kind::MissingField);
    }
}
