#![cfg(not(target_arch = "wasm32"))]
//! Exports of one hand-checked example compared with hand-written files in `tests/golden/`
//! (see its README for the offset tables), and the golden files imported back.

use bulletin::core::action::Editor;
use bulletin::core::annotations::AnnotationSet;
use bulletin::core::document::{Document, Project};
use bulletin::core::entity::{Entity, Origin};
use bulletin::core::formats::{brat, detect, import, Format, ImportOptions, OffsetUnit};
use serde_json::Value;

const NOW: &str = "2026-11-25T00:00:00.000Z";
const TEXT: &str = "记者 刘伟平\r\n𠮷野家在郑州市开业👨🏻\u{200d}🚒。";

fn golden(name: &str) -> String {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn example() -> Project {
    let mut set = AnnotationSet::new(22);
    let entity = |id, start, end, label: &str, origin, confidence| Entity {
        id,
        start,
        end,
        label: label.into(),
        origin,
        confidence,
        note: None,
    };
    set.insert(entity(1, 3, 6, "PER", Origin::Manual, None)).unwrap();
    set.insert(entity(2, 8, 11, "ORG", Origin::Auto, Some(0.75))).unwrap();
    set.insert(entity(3, 12, 15, "LOC", Origin::AcceptedAuto, None)).unwrap();
    let mut doc = Document::new("g1", "golden", TEXT, NOW);
    doc.editor = Editor::new(set);
    Project { documents: vec![doc], ..Project::default() }
}

fn export_text(format: Format) -> String {
    format.export_all(&example(), NOW).unwrap().as_text().unwrap().to_owned()
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap()
}

fn jsonl(text: &str) -> Vec<Value> {
    text.lines().filter(|l| !l.trim().is_empty()).map(json).collect()
}

#[test]
fn app_json_matches_golden() {
    let mut exported = json(&export_text(Format::Json));
    let labels = exported.as_object_mut().unwrap().remove("labels").unwrap();
    let names: Vec<&str> = labels.as_array().unwrap().iter().map(|l| l["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["PER", "LOC", "ORG", "DATE", "NUM", "TERM"]);
    assert_eq!(exported, json(&golden("example.json")));
}

#[test]
fn doccano_matches_golden_in_both_units() {
    let cp = export_text(Format::Doccano { unit: OffsetUnit::CodePoint });
    assert_eq!(jsonl(&cp), jsonl(&golden("example.doccano-codepoint.jsonl")));
    let utf16 = export_text(Format::Doccano { unit: OffsetUnit::Utf16 });
    assert_eq!(jsonl(&utf16), jsonl(&golden("example.doccano-utf16.jsonl")));
}

#[test]
fn label_studio_matches_golden() {
    let exported = export_text(Format::LabelStudio { unit: OffsetUnit::CodePoint, auto_as_predictions: true });
    assert_eq!(json(&exported), json(&golden("example.labelstudio.json")));
}

#[test]
fn conll_matches_golden_byte_for_byte() {
    assert_eq!(export_text(Format::Conll), golden("example.conll"));
}

#[test]
fn brat_ann_matches_golden_and_the_zip_holds_it() {
    let project = example();
    assert_eq!(brat::ann(&project.documents[0]), golden("example.ann"));
    let exported = Format::Brat.export_all(&project, NOW).unwrap();
    assert_eq!(exported.mime, "application/zip");
    assert_eq!(exported.file_name, "g1.zip");
    let files = brat::files(&project.labels, &[&project.documents[0]]);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["g1.txt", "g1.ann", "annotation.conf", "visual.conf"]);
    assert_eq!(files[0].1, TEXT.as_bytes());
    let zip = exported.into_bytes();
    let ann = golden("example.ann");
    assert!(zip.windows(ann.len()).any(|w| w == ann.as_bytes()), "stored, so the .ann bytes appear verbatim");
}

fn spans(project: &Project) -> Vec<(usize, usize, String, Origin)> {
    project.documents[0].entities().iter().map(|e| (e.start, e.end, e.label.clone(), e.origin)).collect()
}

#[test]
fn golden_files_import_to_the_example() {
    let options = ImportOptions { now: NOW.into(), ..ImportOptions::default() };
    let expected = |origins: [Origin; 3]| {
        vec![
            (3, 6, "PER".to_owned(), origins[0]),
            (8, 11, "ORG".to_owned(), origins[1]),
            (12, 15, "LOC".to_owned(), origins[2]),
        ]
    };
    let manual = [Origin::Manual; 3];
    let cases = [
        ("example.json", Format::Json, expected([Origin::Manual, Origin::Auto, Origin::AcceptedAuto])),
        ("example.doccano-codepoint.jsonl", Format::Doccano { unit: OffsetUnit::CodePoint }, expected(manual)),
        ("example.doccano-utf16.jsonl", Format::Doccano { unit: OffsetUnit::Utf16 }, expected(manual)),
        (
            "example.labelstudio.json",
            Format::LabelStudio { unit: OffsetUnit::CodePoint, auto_as_predictions: false },
            expected([Origin::Manual, Origin::Auto, Origin::AcceptedAuto]),
        ),
        ("example.conll", Format::Conll, expected(manual)),
    ];
    for (name, format, spans_expected) in cases {
        let mut input = golden(name);
        if format == Format::Json {
            // The golden file leaves the label set out; put the default one back.
            let mut value = json(&input);
            value["labels"] = serde_json::to_value(bulletin::core::label::LabelSet::default()).unwrap();
            input = value.to_string();
        }
        let project = import(format, &input, name, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(&*project.documents[0].text, TEXT, "{name}");
        assert_eq!(spans(&project), spans_expected, "{name}");
        assert_eq!(detect(&input, name).map(|f| f.name()), Some(format.name()), "{name}");
    }
}

#[test]
fn the_wrong_unit_is_caught_where_the_format_has_text() {
    // Label Studio results carry their text, so reading UTF-16 offsets as code points fails
    // loudly instead of shifting spans.
    let utf16 = export_text(Format::LabelStudio { unit: OffsetUnit::Utf16, auto_as_predictions: false });
    let options = ImportOptions::default();
    let err = import(
        Format::LabelStudio { unit: OffsetUnit::CodePoint, auto_as_predictions: false },
        &utf16,
        "x.json",
        &options,
    )
    .unwrap_err();
    assert_eq!(err.kind, bulletin::core::formats::ImportErrorKind::TextMismatch, "{err}");
    assert!(err.to_string().starts_with("x.json: task 1, annotation result 2"), "{err}");
}
