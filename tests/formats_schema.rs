#![cfg(not(target_arch = "wasm32"))]
//! An exported app JSON file validates against `docs/bulletin-annotations.schema.json`,
//! checked by a small validator for the keywords the schema uses (`type`, `required`,
//! `properties`, `additionalProperties: false`, `items`, `const`, `enum`, `$ref`, `minimum`,
//! `maximum`, `minLength`, `maxLength`). `pattern` is not checked.

use bulletin::core::document::{Document, Project};
use bulletin::core::entity::Suggestion;
use bulletin::core::formats::Format;
use bulletin::core::pipeline::Analysis;
use serde_json::Value;

fn schema() -> Value {
    let path = format!("{}/docs/bulletin-annotations.schema.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn resolve<'a>(root: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
        Some(name) => &root["$defs"][name],
        None => schema,
    }
}

fn validate(root: &Value, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let schema = resolve(root, schema);
    if let Some(expected) = schema.get("const") {
        if value != expected {
            errors.push(format!("{path}: {value} is not {expected}"));
        }
    }
    if let Some(Value::Array(options)) = schema.get("enum") {
        if !options.contains(value) {
            errors.push(format!("{path}: {value} is not one of {options:?}"));
        }
    }
    if let Some(t) = schema.get("type").and_then(Value::as_str) {
        let ok = match t {
            "object" => value.is_object(),
            "array" => value.is_array(),
            "string" => value.is_string(),
            "integer" => value.is_u64() || value.is_i64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            _ => false,
        };
        if !ok {
            errors.push(format!("{path}: {value} is not {t}"));
            return;
        }
    }
    if let Some(n) = value.as_f64() {
        if schema.get("minimum").and_then(Value::as_f64).is_some_and(|m| n < m) {
            errors.push(format!("{path}: {n} is below the minimum"));
        }
        if schema.get("maximum").and_then(Value::as_f64).is_some_and(|m| n > m) {
            errors.push(format!("{path}: {n} is above the maximum"));
        }
    }
    if let Some(s) = value.as_str() {
        let len = s.chars().count() as u64;
        if schema.get("minLength").and_then(Value::as_u64).is_some_and(|m| len < m) {
            errors.push(format!("{path}: too short"));
        }
        if schema.get("maxLength").and_then(Value::as_u64).is_some_and(|m| len > m) {
            errors.push(format!("{path}: too long"));
        }
    }
    if let Value::Object(object) = value {
        for key in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            let key = key.as_str().unwrap();
            if !object.contains_key(key) {
                errors.push(format!("{path}: missing required `{key}`"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (key, v) in object {
            match properties.and_then(|p| p.get(key)) {
                Some(sub) => validate(root, sub, v, &format!("{path}.{key}"), errors),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{path}: `{key}` is not in the schema"))
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(item_schema)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(root, item_schema, item, &format!("{path}[{i}]"), errors);
        }
    }
}

fn errors_of(value: &Value) -> Vec<String> {
    let root = schema();
    let mut errors = Vec::new();
    validate(&root, &root, value, "$", &mut errors);
    errors
}

fn exported() -> Value {
    let mut doc = Document::new("d1", "郑州", "记者刘伟平在郑州👨🏻‍🚒", "2026-11-25T00:00:00.000Z");
    doc.apply_analysis(Analysis {
        tokens: vec![],
        suggestions: vec![
            Suggestion { start: 2, end: 5, label: "PER".into(), confidence: Some(0.9) },
            Suggestion { start: 6, end: 8, label: "LOC".into(), confidence: None },
        ],
    });
    let id = doc.entities().entities()[0].id;
    doc.editor.replace(|set| set.reject(id).unwrap_or(()));
    let project =
        Project { documents: vec![doc, Document::new("d2", "", "", "2026-11-25T00:00:00.000Z")], ..Project::default() };
    let exported = Format::Json.export_all(&project, "2026-11-25T00:00:00.000Z").unwrap();
    serde_json::from_str(exported.as_text().unwrap()).unwrap()
}

#[test]
fn an_export_validates_against_the_schema() {
    let value = exported();
    assert_eq!(errors_of(&value), Vec::<String>::new());
}

#[test]
fn the_validator_catches_what_the_schema_forbids() {
    let mut missing = exported();
    missing["documents"][0].as_object_mut().unwrap().remove("sha256");
    assert!(errors_of(&missing).iter().any(|e| e.contains("sha256")), "{:?}", errors_of(&missing));
    let mut wrong = exported();
    wrong["offset_unit"] = "utf16".into();
    wrong["documents"][0]["entities"][0]["origin"] = "robot".into();
    wrong["documents"][0]["entities"][0]["extra"] = 1.into();
    let errors = errors_of(&wrong);
    assert_eq!(errors.len(), 3, "{errors:?}");
}
