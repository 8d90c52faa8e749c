//! Label Studio tasks JSON for named-entity projects (the `<Text name="text">` +
//! `<Labels name="label" toName="text">` template).
//!
//! ```json
//! [{"data": {"text": "记者 刘伟平", "doc_id": "d1", "title": "…"},
//!   "annotations": [{"result": [{"id": "e1", "from_name": "label", "to_name": "text",
//!     "type": "labels", "origin": "manual",
//!     "value": {"start": 3, "end": 6, "text": "刘伟平", "labels": ["PER"]}}]}],
//!   "predictions": [{"model_version": "bulletin 0.1.0", "result": […]}]}]
//! ```
//!
//! **Offset unit.** Older Label Studio (before about 1.4, 2021) stored JavaScript string
//! offsets, i.e. **UTF-16 units** (Label Studio issue #1347: after `💩` every offset was one
//! too large). The current editor counts **code points**, as its own end-to-end test
//! `web/libs/editor/tests/integration/e2e/ner/emoji.cy.ts` ("Should calculate offsets by
//! code points in text") checks. So the unit is an explicit [`OffsetUnit`], defaulting to
//! `CodePoint`; every result also carries `value.text`, which import checks, so a wrong unit
//! is caught as a text mismatch rather than silently shifting spans.
//!
//! **Export.** Every entity goes into one annotation, with `origin` `manual` for manual
//! entities and `prediction` for recogniser ones. With `auto_as_predictions`, unreviewed
//! entities go into `predictions` instead (with their confidence as `score`), so a Label
//! Studio reviewer sees them as pre-annotations.
//!
//! **Import.** Reads the first annotation that was not cancelled and the first prediction.
//! Result items of type `labels` become entities; other types (relations, choices) are
//! ignored. Annotation entities are reviewed ([`Origin::Manual`], or
//! [`Origin::AcceptedAuto`] when their `origin` is `prediction`); prediction entities are
//! unreviewed ([`Origin::Auto`]), and a prediction that overlaps an annotation is dropped,
//! because the person's annotation supersedes it.

use super::{build_document, check_labels, check_unique_ids, ImportError, ImportErrorKind as Kind, ImportOptions};
use super::{OffsetUnit, RawSpan};
use crate::core::document::{Document, APP_NAME, APP_VERSION};
use crate::core::entity::{Entity, Origin};
use crate::core::text::TextIndex;
use serde_json::{json, Map, Value};

/// The names in Label Studio's named-entity template.
pub const FROM_NAME: &str = "label";
pub const TO_NAME: &str = "text";

/// Export options.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportOptions {
    pub unit: OffsetUnit,
    /// Put unreviewed ([`Origin::Auto`]) entities into `predictions`.
    pub auto_as_predictions: bool,
}

/// A JSON array of tasks, one per document.
pub fn export(docs: &[&Document], options: ExportOptions) -> String {
    let tasks: Vec<Value> = docs.iter().map(|doc| task(doc, options)).collect();
    serde_json::to_string_pretty(&Value::Array(tasks)).unwrap_or_default()
}

fn task(doc: &Document, options: ExportOptions) -> Value {
    let text: &str = &doc.text;
    let Ok(index) = TextIndex::new(text) else {
        return json!({ "data": { "text": text, "doc_id": doc.id, "title": doc.title } });
    };
    let mut annotated = Vec::new();
    let mut predicted = Vec::new();
    for e in doc.entities().iter() {
        let item = result_item(doc, &index, e, options.unit);
        if options.auto_as_predictions && e.origin == Origin::Auto {
            predicted.push(item);
        } else {
            annotated.push(item);
        }
    }
    let mut task = json!({
        "data": { "text": text, "doc_id": doc.id, "title": doc.title },
        "annotations": [{ "result": annotated, "ground_truth": false }],
    });
    if !predicted.is_empty() {
        task["predictions"] = json!([{ "model_version": format!("{APP_NAME} {APP_VERSION}"), "result": predicted }]);
    }
    task
}

fn result_item(doc: &Document, index: &TextIndex, e: &Entity, unit: OffsetUnit) -> Value {
    let origin = if e.origin == Origin::Manual { "manual" } else { "prediction" };
    let mut item = json!({
        "id": format!("e{}", e.id),
        "from_name": FROM_NAME,
        "to_name": TO_NAME,
        "type": "labels",
        "origin": origin,
        "value": {
            "start": unit.from_char(index, e.start),
            "end": unit.from_char(index, e.end),
            "text": super::entity_text(doc, e),
            "labels": [e.label],
        },
    });
    if let Some(score) = e.confidence {
        item["score"] = json!(score);
    }
    item
}

struct Task {
    place: String,
    id: Option<String>,
    title: Option<String>,
    text: String,
    spans: Vec<RawSpan>,
}

/// Parses all tasks, checks labels, then offsets and text; all documents or the first error.
pub fn import(
    input: &str,
    unit: OffsetUnit,
    stem: &str,
    options: &ImportOptions,
) -> Result<Vec<Document>, ImportError> {
    let value: Value = serde_json::from_str(input).map_err(|e| ImportError::from_json(&e))?;
    let tasks = match value {
        Value::Array(tasks) => tasks,
        Value::Object(task) if task.contains_key("data") => vec![Value::Object(task)],
        _ => {
            return Err(ImportError::new(
                Kind::UnknownFormat,
                "expected a JSON array of Label Studio tasks, each with `data.text`",
            ))
        }
    };
    if tasks.is_empty() {
        return Err(ImportError::new(Kind::Empty, "the task list is empty"));
    }
    let parsed = tasks.iter().enumerate().map(|(i, t)| parse_task(t, i + 1)).collect::<Result<Vec<_>, _>>()?;
    check_labels(parsed.iter().flat_map(|t| t.spans.iter().map(|s| s.label.as_str())), &options.labels)?;
    let mut docs: Vec<Document> = Vec::with_capacity(parsed.len());
    for (i, task) in parsed.into_iter().enumerate() {
        let id = task.id.unwrap_or_else(|| format!("{stem}-{}", i + 1));
        check_unique_ids(&docs, &id, &task.place)?;
        docs.push(build_document(id, task.title, task.text, task.spans, unit, options)?);
    }
    Ok(docs)
}

fn parse_task(value: &Value, number: usize) -> Result<Task, ImportError> {
    let place = format!("task {number}");
    let Value::Object(task) = value else {
        return Err(ImportError::new(Kind::InvalidValue, "a task must be a JSON object").at(place));
    };
    let Some(data) = task.get("data") else {
        return Err(ImportError::new(Kind::MissingField, "no `data`").at(place).field("data"));
    };
    let Value::Object(data) = data else {
        return Err(ImportError::new(Kind::InvalidValue, "`data` must be an object").at(place).field("data"));
    };
    let text = match data.get("text") {
        Some(Value::String(text)) => text.clone(),
        Some(_) => {
            return Err(ImportError::new(Kind::InvalidValue, "`data.text` must be a string")
                .at(place)
                .field("data.text"))
        }
        None => return Err(ImportError::new(Kind::MissingField, "no `data.text`").at(place).field("data.text")),
    };
    let id = match (data.get("doc_id"), task.get("id")) {
        (Some(Value::String(s)), _) => Some(s.clone()),
        (_, Some(Value::Number(n))) => Some(n.to_string()),
        (_, Some(Value::String(s))) => Some(s.clone()),
        _ => None,
    };
    let title = data.get("title").and_then(Value::as_str).map(str::to_owned);

    let mut spans = Vec::new();
    if let Some(annotation) =
        first_of(task, "annotations", &place, |a| a.get("was_cancelled") != Some(&Value::Bool(true)))?
    {
        let place = format!("{place}, annotation");
        spans = parse_results(annotation, &place, false)?;
    }
    if let Some(prediction) = first_of(task, "predictions", &place, |_| true)? {
        let place = format!("{place}, prediction");
        let score = prediction.get("score").and_then(Value::as_f64).map(|s| s as f32);
        let mut predicted = parse_results(prediction, &place, true)?;
        predicted.retain(|p| !spans.iter().any(|a: &RawSpan| p.start < a.end && a.start < p.end));
        for p in &mut predicted {
            p.confidence = p.confidence.or(score);
        }
        spans.extend(predicted);
    }
    Ok(Task { place, id, title, text, spans })
}

/// The first object in `task[key]` that `keep` accepts.
fn first_of<'a>(
    task: &'a Map<String, Value>,
    key: &str,
    place: &str,
    keep: impl Fn(&Map<String, Value>) -> bool,
) -> Result<Option<&'a Map<String, Value>>, ImportError> {
    match task.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => {
            for (k, item) in items.iter().enumerate() {
                let Value::Object(object) = item else {
                    return Err(ImportError::new(
                        Kind::InvalidValue,
                        format!("`{key}` item {} is not an object", k + 1),
                    )
                    .at(place)
                    .field(key));
                };
                if keep(object) {
                    return Ok(Some(object));
                }
            }
            Ok(None)
        }
        Some(_) => Err(ImportError::new(Kind::InvalidValue, format!("`{key}` must be a list")).at(place).field(key)),
    }
}

fn parse_results(holder: &Map<String, Value>, place: &str, predicted: bool) -> Result<Vec<RawSpan>, ImportError> {
    let items = match holder.get("result") {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => {
            return Err(ImportError::new(Kind::InvalidValue, "`result` must be a list").at(place).field("result"))
        }
    };
    let mut spans = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let place = format!("{place} result {}", k + 1);
        let Value::Object(item) = item else {
            return Err(ImportError::new(Kind::InvalidValue, "a result must be an object").at(place));
        };
        if item.get("type").and_then(Value::as_str) != Some("labels") {
            continue;
        }
        spans.push(parse_labels_result(item, &place, predicted)?);
    }
    Ok(spans)
}

fn parse_labels_result(item: &Map<String, Value>, place: &str, predicted: bool) -> Result<RawSpan, ImportError> {
    let Some(Value::Object(value)) = item.get("value") else {
        return Err(ImportError::new(Kind::MissingField, "no `value` object").at(place).field("value"));
    };
    let offset = |name: &str| -> Result<usize, ImportError> {
        let field = format!("value.{name}");
        match value.get(name) {
            None => Err(ImportError::new(Kind::MissingField, format!("no `{field}`")).at(place).field(field)),
            Some(v) => v.as_u64().map(|n| usize::try_from(n).unwrap_or(usize::MAX)).ok_or_else(|| {
                ImportError::new(Kind::InvalidValue, format!("`{field}` must be a non-negative whole number"))
                    .at(place)
                    .field(field)
            }),
        }
    };
    let (start, end) = (offset("start")?, offset("end")?);
    let label = match value.get("labels") {
        Some(Value::Array(labels)) => match labels.as_slice() {
            [Value::String(label)] => label.clone(),
            _ => {
                return Err(ImportError::new(
                    Kind::InvalidValue,
                    format!("`value.labels` must hold exactly one label name, not {}", Value::Array(labels.clone())),
                )
                .at(place)
                .field("value.labels"))
            }
        },
        _ => {
            return Err(ImportError::new(Kind::MissingField, "no `value.labels` list").at(place).field("value.labels"))
        }
    };
    let text = match value.get("text") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => Some(text.clone()),
        Some(_) => {
            return Err(ImportError::new(Kind::InvalidValue, "`value.text` must be a string")
                .at(place)
                .field("value.text"))
        }
    };
    let origin = if predicted {
        Origin::Auto
    } else if item.get("origin").and_then(Value::as_str) == Some("prediction") {
        Origin::AcceptedAuto
    } else {
        Origin::Manual
    };
    let confidence = item.get("score").and_then(Value::as_f64).map(|s| s as f32);
    Ok(RawSpan { start, end, label, text, origin, confidence, place: place.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Suggestion;
    use crate::core::pipeline::Analysis;

    fn doc() -> Document {
        let mut doc = Document::new("d1", "t", "记者刘伟平在郑州", "2026-11-25T00:00:00.000Z");
        doc.apply_analysis(Analysis {
            tokens: vec![],
            suggestions: vec![
                Suggestion { start: 2, end: 5, label: "PER".into(), confidence: Some(0.5) },
                Suggestion { start: 6, end: 8, label: "LOC".into(), confidence: None },
            ],
        });
        let loc = doc.entities().entities()[1].id;
        doc.editor.replace(|set| set.accept(loc).unwrap_or(()));
        doc
    }

    #[test]
    fn auto_entities_can_go_out_as_predictions_and_come_back_unreviewed() {
        let doc = doc();
        let json = export(&[&doc], ExportOptions { unit: OffsetUnit::CodePoint, auto_as_predictions: true });
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value[0]["predictions"][0]["result"][0]["value"]["text"], "刘伟平");
        assert_eq!(value[0]["annotations"][0]["result"][0]["value"]["labels"][0], "LOC");
        let back = import(&json, OffsetUnit::CodePoint, "x", &ImportOptions::default()).unwrap();
        let origins: Vec<_> = back[0].entities().iter().map(|e| (e.label.as_str(), e.origin)).collect();
        assert_eq!(origins, [("PER", Origin::Auto), ("LOC", Origin::AcceptedAuto)]);
        assert_eq!(back[0].entities().entities()[0].confidence, Some(0.5));
    }

    #[test]
    fn a_prediction_overlapping_an_annotation_is_dropped() {
        let input = r#"[{"data": {"text": "记者刘伟平"},
            "annotations": [{"result": [{"type": "labels", "value": {"start": 2, "end": 5, "text": "刘伟平", "labels": ["PER"]}}]}],
            "predictions": [{"result": [{"type": "labels", "value": {"start": 3, "end": 5, "labels": ["PER"]}}]}]}]"#;
        let docs = import(input, OffsetUnit::CodePoint, "x", &ImportOptions::default()).unwrap();
        assert_eq!(docs[0].entities().len(), 1);
        assert_eq!(docs[0].entities().entities()[0].origin, Origin::Manual);
    }
}
