#![cfg(not(target_arch = "wasm32"))]
//! Every file in `tests/malformed/` is refused with the error kind (and place) listed in
//! `tests/malformed/cases.json`, without a panic.

use bulletin::core::formats::{
    import, Format, ImportError, ImportErrorKind, ImportOptions, OffsetUnit, MAX_IMPORT_BYTES,
};
use serde::Deserialize;

#[derive(Deserialize)]
struct Manifest {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    file: String,
    format: String,
    kind: String,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    unknown_labels: Vec<String>,
}

fn format(name: &str) -> Format {
    match name {
        "json" => Format::Json,
        "doccano-codepoint" => Format::Doccano { unit: OffsetUnit::CodePoint },
        "doccano-utf16" => Format::Doccano { unit: OffsetUnit::Utf16 },
        "labelstudio" => Format::LabelStudio { unit: OffsetUnit::CodePoint, auto_as_predictions: false },
        "labelstudio-utf16" => Format::LabelStudio { unit: OffsetUnit::Utf16, auto_as_predictions: false },
        "conll" => Format::Conll,
        "brat" => Format::Brat,
        other => panic!("unknown format {other:?} in cases.json"),
    }
}

fn kind_name(kind: ImportErrorKind) -> String {
    serde_json::to_value(kind).unwrap().as_str().unwrap().to_owned()
}

#[test]
fn every_malformed_file_fails_with_its_expected_kind() {
    let dir = format!("{}/tests/malformed", env!("CARGO_MANIFEST_DIR"));
    let manifest: Manifest =
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/cases.json")).unwrap()).unwrap();
    assert!(manifest.cases.len() >= 30, "the corpus has {} cases", manifest.cases.len());
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "cases.json")
        .collect();
    for file in &files {
        assert!(manifest.cases.iter().any(|c| &c.file == file), "{file} is not listed in cases.json");
    }
    let mut failures = Vec::new();
    for case in &manifest.cases {
        let input = std::fs::read_to_string(format!("{dir}/{}", case.file)).unwrap();
        let result = import(format(&case.format), &input, &case.file, &ImportOptions::default());
        let err: ImportError = match result {
            Ok(_) => {
                failures.push(format!("{}: imported without an error", case.file));
                continue;
            }
            Err(err) => err,
        };
        if kind_name(err.kind) != case.kind {
            failures.push(format!("{}: expected {}, got {} ({err})", case.file, case.kind, kind_name(err.kind)));
        }
        if err.file.as_deref() != Some(case.file.as_str()) {
            failures.push(format!("{}: the error does not name the file: {err}", case.file));
        }
        if let Some(location) = &case.location {
            if !err.location.as_deref().unwrap_or("").contains(location.as_str()) {
                failures.push(format!("{}: expected the place {location:?}, got {err}", case.file));
            }
        }
        if err.unknown_labels != case.unknown_labels {
            failures.push(format!(
                "{}: unknown labels {:?}, expected {:?}",
                case.file, err.unknown_labels, case.unknown_labels
            ));
        }
        if err.message.trim().is_empty() {
            failures.push(format!("{}: empty message", case.file));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        manifest.cases.len(),
        failures.join("\n")
    );
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let big = format!("{{\"text\": \"{}\"}}", "郑".repeat(MAX_IMPORT_BYTES / 3 + 1));
    for format in [Format::Json, Format::Doccano { unit: OffsetUnit::Utf16 }, Format::Conll] {
        let err = import(format, &big, "big.jsonl", &ImportOptions::default()).unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::TooLarge, "{err}");
        assert!(err.to_string().contains("limit"), "{err}");
    }
}

#[test]
fn unknown_labels_can_be_added_and_the_import_retried() {
    let input = "{\"text\": \"猫在郑州\", \"label\": [[0, 1, \"ANIMAL\"], [2, 4, \"LOC\"]]}\n";
    let format = Format::Doccano { unit: OffsetUnit::CodePoint };
    let mut options = ImportOptions::default();
    let err = import(format, input, "pets.jsonl", &options).unwrap_err();
    assert_eq!(err.unknown_labels, ["ANIMAL"]);
    let mut labels = options.labels.labels().to_vec();
    labels.push(bulletin::core::label::Label {
        name: "ANIMAL".into(),
        colour: "#999999".into(),
        hotkey: None,
        description: String::new(),
    });
    options.labels = bulletin::core::label::LabelSet::new(labels).unwrap();
    let project = import(format, input, "pets.jsonl", &options).unwrap();
    assert_eq!(project.documents[0].entities().len(), 2);
    assert!(project.labels.contains("ANIMAL"));
}

/// Arbitrary bytes never panic any importer.
mod fuzz {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn garbage_is_an_error_not_a_panic(input in "\\PC{0,200}") {
            for name in ["json", "doccano-utf16", "doccano-codepoint", "labelstudio", "labelstudio-utf16", "conll", "brat"] {
                let _ = import(format(name), &input, "f", &ImportOptions::default());
            }
        }

        #[test]
        fn near_valid_jsonl_never_panics(
            text in "[郑州𠮷a\\r\\n 👨🏻‍🚒]{0,8}",
            spans in prop::collection::vec((0u64..20, 0u64..20, prop::sample::select(vec!["LOC", "X", ""])), 0..4),
        ) {
            let label: Vec<serde_json::Value> = spans.iter().map(|(s, e, l)| serde_json::json!([s, e, l])).collect();
            let line = serde_json::json!({ "text": text, "label": label }).to_string();
            for unit in [OffsetUnit::CodePoint, OffsetUnit::Utf16] {
                let _ = import(Format::Doccano { unit }, &line, "f", &ImportOptions::default());
            }
            let conll: String = text.chars().zip(spans.iter().cycle()).map(|(c, (s, _, l))| {
                let tag = match s % 3 { 0 => "O".to_owned(), 1 => format!("B-{l}"), _ => format!("I-{l}") };
                format!("{c}\t{tag}\n")
            }).collect();
            let _ = import(Format::Conll, &conll, "f", &ImportOptions::default());
        }
    }
}
