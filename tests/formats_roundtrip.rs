#![cfg(not(target_arch = "wasm32"))]
//! Export then import is the identity, for every format that imports, on texts with astral
//! characters, emoji sequences, combining marks, CRLF, tabs, spaces and empty texts.

use bulletin::core::action::Editor;
use bulletin::core::annotations::AnnotationSet;
use bulletin::core::document::{Document, Project};
use bulletin::core::entity::{Origin, Span};
use bulletin::core::formats::{import, Format, ImportOptions, OffsetUnit};
use bulletin::core::text::char_len;
use proptest::prelude::*;

const NOW: &str = "2026-11-25T00:00:00.000Z";

/// Pieces that stress offsets and line handling.
const PIECES: &[&str] = &[
    "郑",
    "州",
    "刘伟平",
    "𠮷",
    "👨🏻‍🚒",
    "e\u{301}",
    "\r\n",
    "\n",
    " ",
    "\t",
    "\\",
    "\u{3000}",
    "a",
    "-DOCSTART-",
    "O",
    "B-PER",
    "\u{feff}",
    "\u{200d}",
    "\n\n",
    "。",
];

fn arb_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..14).prop_map(|p| p.concat())
}

fn arb_doc(index: usize) -> impl Strategy<Value = Document> {
    let labels = prop::sample::select(vec!["PER", "LOC", "ORG", "DATE", "NUM", "TERM"]);
    let origins = prop::sample::select(vec![Origin::Auto, Origin::Manual, Origin::AcceptedAuto]);
    (arb_text(), prop::collection::vec((0usize..16, 1usize..6, labels, origins), 0..8)).prop_map(
        move |(text, spans)| {
            let len = char_len(&text);
            let mut set = AnnotationSet::new(len);
            for (start, width, label, origin) in spans {
                // Out-of-range and overlapping spans are refused; the rest make a flat set.
                let _ = set.add(Span { start, end: start + width }, label, origin, None);
            }
            let mut doc = Document::new(format!("doc-{index}"), format!("title {index}"), text, NOW);
            doc.editor = Editor::new(set);
            doc
        },
    )
}

fn arb_project() -> impl Strategy<Value = Project> {
    (1usize..4)
        .prop_flat_map(|n| (0..n).map(arb_doc).collect::<Vec<_>>())
        .prop_map(|documents| Project { documents, ..Project::default() })
}

type Spans = Vec<(usize, usize, String)>;

fn spans(doc: &Document) -> Spans {
    doc.entities().iter().map(|e| (e.start, e.end, e.label.clone())).collect()
}

fn round_trip(format: Format, project: &Project) -> Result<Project, TestCaseError> {
    let exported = format.export_all(project, NOW).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let text = exported.as_text().ok_or_else(|| TestCaseError::fail("binary export"))?.to_owned();
    let options = ImportOptions { now: NOW.into(), ..ImportOptions::default() };
    import(format, &text, &exported.file_name, &options)
        .map_err(|e| TestCaseError::fail(format!("{format}: {e}\n--- export ---\n{text}")))
}

fn check_texts_and_spans(original: &Project, back: &Project) -> Result<(), TestCaseError> {
    prop_assert_eq!(back.documents.len(), original.documents.len());
    for (a, b) in original.documents.iter().zip(&back.documents) {
        prop_assert_eq!(&*a.text, &*b.text);
        prop_assert_eq!(spans(a), spans(b));
        prop_assert_eq!(&a.sha256, &b.sha256);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn json_round_trips_everything(project in arb_project()) {
        let back = round_trip(Format::Json, &project)?;
        check_texts_and_spans(&project, &back)?;
        for (a, b) in project.documents.iter().zip(&back.documents) {
            prop_assert_eq!(a.entities().entities(), b.entities().entities());
            prop_assert_eq!(&a.id, &b.id);
            prop_assert_eq!(&a.title, &b.title);
        }
    }

    #[test]
    fn doccano_round_trips_in_both_units(project in arb_project()) {
        for unit in [OffsetUnit::CodePoint, OffsetUnit::Utf16] {
            let back = round_trip(Format::Doccano { unit }, &project)?;
            check_texts_and_spans(&project, &back)?;
            for (a, b) in project.documents.iter().zip(&back.documents) {
                prop_assert_eq!(&a.id, &b.id);
                prop_assert_eq!(&a.title, &b.title);
            }
        }
    }

    #[test]
    fn label_studio_round_trips_with_origins(project in arb_project()) {
        for unit in [OffsetUnit::CodePoint, OffsetUnit::Utf16] {
            // With predictions, every origin comes back as it was.
            let back = round_trip(Format::LabelStudio { unit, auto_as_predictions: true }, &project)?;
            check_texts_and_spans(&project, &back)?;
            for (a, b) in project.documents.iter().zip(&back.documents) {
                prop_assert_eq!(&a.id, &b.id);
                let origins = |d: &Document| d.entities().iter().map(|e| e.origin).collect::<Vec<_>>();
                prop_assert_eq!(origins(a), origins(b));
            }
            // Without, the spans still come back; unreviewed ones count as reviewed.
            let back = round_trip(Format::LabelStudio { unit, auto_as_predictions: false }, &project)?;
            check_texts_and_spans(&project, &back)?;
            for doc in &back.documents {
                prop_assert!(doc.entities().iter().all(|e| e.origin.is_confirmed()));
            }
        }
    }

    #[test]
    fn conll_round_trips_texts_and_spans(project in arb_project()) {
        let back = round_trip(Format::Conll, &project)?;
        check_texts_and_spans(&project, &back)?;
    }

    #[test]
    fn brat_zip_names_every_document(project in arb_project()) {
        let exported = Format::Brat.export_all(&project, NOW).unwrap();
        let bytes = exported.into_bytes();
        prop_assert_eq!(&bytes[..4], b"PK\x03\x04");
        for doc in &project.documents {
            let name = format!("{}.ann", doc.id);
            prop_assert!(bytes.windows(name.len()).any(|w| w == name.as_bytes()), "{} missing", name);
        }
    }
}

#[test]
fn the_listed_edge_cases_round_trip_in_every_format() {
    let texts = ["", "𠮷", "👨🏻‍🚒 firemen", "e\u{301}郑州", "a\r\nb\r\n", "\n", " \t\\ ", "\r\n\r\n郑州\n"];
    let documents = texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let len = char_len(text);
            let mut set = AnnotationSet::new(len);
            if len > 0 {
                set.add(Span { start: 0, end: len }, "LOC", Origin::Manual, None).unwrap();
            }
            let mut doc = Document::new(format!("e{i}"), "t", *text, NOW);
            doc.editor = Editor::new(set);
            doc
        })
        .collect();
    let project = Project { documents, ..Project::default() };
    for format in [
        Format::Json,
        Format::Doccano { unit: OffsetUnit::CodePoint },
        Format::Doccano { unit: OffsetUnit::Utf16 },
        Format::LabelStudio { unit: OffsetUnit::CodePoint, auto_as_predictions: false },
        Format::LabelStudio { unit: OffsetUnit::Utf16, auto_as_predictions: true },
        Format::Conll,
    ] {
        let back = round_trip(format, &project).unwrap();
        check_texts_and_spans(&project, &back).unwrap();
    }
}
