//! No-panic fuzzing with proptest (cargo-fuzz needs nightly; this crate builds on stable).
//!
//! Targets, each a plain `#[test]` that counts and prints its inputs:
//! - every import parser (`formats::import` for each importing [`Format`]) and
//!   `formats::detect`, on arbitrary Unicode and on valid exports that were then broken
//!   (truncated, bytes flipped, numbers swapped, lines duplicated, pieces inserted);
//! - the whole pipeline: text → `Pipeline::analyze` → document → export in every format;
//! - offset conversions (`TextIndex`), on arbitrary Unicode and on text that came from
//!   the DOM as UTF-16 with lone surrogates (`String::from_utf16_lossy`).
//!
//! A dedicated test feeds a single 10 MB line to every parser, the index and the pipeline.
//!
//! `FUZZ_CASES` sets the number of cases per property (default 256, so `cargo test` stays
//! fast); `make fuzz` runs a million per target in release mode and prints the counts:
//! `FUZZ_CASES=1000000 cargo test --release --test fuzz -- --nocapture`.
//! Every crash found becomes a named regression test at the end of this file.
#![cfg(not(target_arch = "wasm32"))]

use bulletin::core::document::{Document, Project};
use bulletin::core::entity::Suggestion;
use bulletin::core::formats::{self, Format, ImportOptions, OffsetUnit};
use bulletin::core::pipeline::{Analysis, Pipeline};
use bulletin::core::text::{ByteOffset, CharOffset, TextIndex, Utf16Offset};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use std::sync::OnceLock;
use std::time::Instant;

const NOW: &str = "2026-01-02T03:04:05.000Z";

/// Every format `import` reads, with both offset units where there is a choice.
const IMPORTERS: [Format; 6] = [
    Format::Json,
    Format::Doccano { unit: OffsetUnit::Utf16 },
    Format::Doccano { unit: OffsetUnit::CodePoint },
    Format::LabelStudio { unit: OffsetUnit::CodePoint, auto_as_predictions: false },
    Format::LabelStudio { unit: OffsetUnit::Utf16, auto_as_predictions: false },
    Format::Conll,
];

/// Every export, brat's ZIP included.
const EXPORTERS: [Format; 7] = [
    Format::Json,
    Format::Doccano { unit: OffsetUnit::Utf16 },
    Format::Doccano { unit: OffsetUnit::CodePoint },
    Format::LabelStudio { unit: OffsetUnit::CodePoint, auto_as_predictions: false },
    Format::LabelStudio { unit: OffsetUnit::Utf16, auto_as_predictions: true },
    Format::Conll,
    Format::Brat,
];

fn cases() -> u32 {
    std::env::var("FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(256)
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        // Crashes become named regression tests below, not files next to the sources.
        failure_persistence: None,
        max_shrink_iters: 4096,
        ..Config::default()
    })
}

/// Runs `test` on `cases` inputs of `strategy`, prints the count and the time, and
/// panics with the shrunk input on the first failure.
fn fuzz<S: Strategy>(target: &str, cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let started = Instant::now();
    let count = std::sync::atomic::AtomicU64::new(0);
    let result = runner(cases).run(&strategy, |value| {
        count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        test(value)
    });
    let count = count.into_inner();
    println!("fuzz target {target}: {count} inputs in {:.1} s", started.elapsed().as_secs_f64());
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, value)) => panic!("{target}: {reason}\nminimal input: {value:?}"),
        Err(TestError::Abort(reason)) => panic!("{target}: aborted: {reason}"),
    }
}

/// The shipped pipeline (jieba dictionary and NER model), built once for all cases.
fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(Pipeline::default)
}

// ---------------------------------------------------------------- generators

/// Pieces of text that break naive code: astral characters, combining marks, ZWJ
/// sequences, RTL text and controls, NUL, BOM, every newline, JSON and CoNLL syntax.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "郑州", "记者", "刘伟平", "报道", "市委书记", "河南省", "2026年1月2日", "一百二十三", "《公报》", "“",
            "”", "。", "，", "、", "：", "本报讯", "郑州市人民政府", "第十四届",
        ]).prop_map(str::to_owned),
        3 => prop::sample::select(vec![
            "𠮷", "𝕏", "😀", "👨🏻‍🚒", "👩‍👩‍👧‍👦", "🏳️‍🌈", "\u{200d}", "\u{fe0f}", "e\u{301}", "\u{301}", "\u{20dd}",
            "ก\u{e31}", "שָׁלוֹם", "مرحبا", "\u{202e}", "\u{202c}", "\u{200f}", "\u{2066}", "\0", "\u{feff}",
            "\u{fffd}", "\u{10ffff}", "\u{e000}", "\u{85}", "\u{2028}", "\u{2029}",
        ]).prop_map(str::to_owned),
        3 => prop::sample::select(vec![
            "\n", "\r\n", "\r", "\t", " ", "\u{3000}", "\n\n", "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u",
            "\\ud800", "\\uDFFF", "null", "true", "-1", "0", "1e309", "18446744073709551616", "4294967296",
            "\"text\":", "\"label\":", "\"start\":", "\"end\":", "\"entities\":", "\"documents\":",
            "\"format\":\"bulletin-annotations\"", "\"data\":", "\"value\":", "-DOCSTART-", "\tB-PER", "\tI-PER",
            "\tO", "\tB-", "\tI-LOC", "B-ORG", "# ", "<img src=x onerror=alert(1)>",
        ]).prop_map(str::to_owned),
        2 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z0-9 ]{1,8}",
    ]
}

fn unicode_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..48).prop_map(|pieces| pieces.concat())
}

/// A document with arbitrary (often invalid or overlapping) suggestions merged in.
fn document(text: String, spans: &[(usize, usize, usize)], id: usize) -> Document {
    let labels = ["PER", "LOC", "ORG", "DATE", "NUM", "TERM", "NOPE"];
    let len = text.chars().count();
    let suggestions = spans
        .iter()
        .map(|&(a, b, l)| {
            // Mostly in range, sometimes not: merge_suggestions must cope either way.
            let (start, end) = if len > 0 && l % 5 != 0 { (a % (len + 1), b % (len + 1)) } else { (a, b) };
            Suggestion {
                start: start.min(end),
                end: start.max(end),
                label: labels[l % labels.len()].into(),
                confidence: None,
            }
        })
        .collect();
    let mut doc = Document::new(format!("doc-{id}"), Document::guess_title(&text), text, NOW);
    doc.apply_analysis(Analysis { tokens: Vec::new(), suggestions });
    doc
}

fn project() -> impl Strategy<Value = Project> {
    let doc = (unicode_text(), prop::collection::vec((0usize..64, 0usize..64, 0usize..64), 0..8));
    prop::collection::vec(doc, 1..3).prop_map(|docs| Project {
        documents: docs.into_iter().enumerate().map(|(i, (text, spans))| document(text, &spans, i)).collect(),
        ..Project::default()
    })
}

/// How a valid export gets broken.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate(prop::sample::Index),
    FlipByte(prop::sample::Index, u8),
    SwapNumber(prop::sample::Index, &'static str),
    DeleteChar(prop::sample::Index),
    DuplicateLine(prop::sample::Index),
    Insert(prop::sample::Index, String),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let index = any::<prop::sample::Index>;
    let numbers = prop::sample::select(vec![
        "0",
        "-1",
        "1",
        "2",
        "3",
        "7",
        "65535",
        "4294967295",
        "4294967296",
        "18446744073709551615",
        "18446744073709551616",
        "1e309",
        "-0",
        "1.5",
        "null",
        "\"1\"",
        "[]",
    ]);
    prop_oneof![
        index().prop_map(Mutation::Truncate),
        (index(), 1u8..=255).prop_map(|(i, b)| Mutation::FlipByte(i, b)),
        (index(), numbers).prop_map(|(i, n)| Mutation::SwapNumber(i, n)),
        index().prop_map(Mutation::DeleteChar),
        index().prop_map(Mutation::DuplicateLine),
        (index(), piece()).prop_map(|(i, p)| Mutation::Insert(i, p)),
    ]
}

fn floor_boundary(s: &str, at: usize) -> usize {
    (0..=at.min(s.len())).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

fn mutate(input: &str, m: &Mutation) -> String {
    if input.is_empty() {
        return String::new();
    }
    match m {
        Mutation::Truncate(i) => input[..floor_boundary(input, i.index(input.len()))].to_owned(),
        Mutation::FlipByte(i, mask) => {
            let mut bytes = input.as_bytes().to_vec();
            let at = i.index(bytes.len());
            bytes[at] ^= mask;
            String::from_utf8_lossy(&bytes).into_owned()
        }
        Mutation::SwapNumber(i, with) => {
            // Replace the i-th run of ASCII digits (an offset, a count, a version…).
            let runs: Vec<(usize, usize)> = input
                .char_indices()
                .filter(|&(at, c)| c.is_ascii_digit() && !input[..at].ends_with(|p: char| p.is_ascii_digit()))
                .map(|(at, _)| (at, at + input[at..].find(|c: char| !c.is_ascii_digit()).unwrap_or(input.len() - at)))
                .collect();
            if runs.is_empty() {
                return input.to_owned();
            }
            let (a, b) = runs[i.index(runs.len())];
            format!("{}{with}{}", &input[..a], &input[b..])
        }
        Mutation::DeleteChar(i) => {
            let at = floor_boundary(input, i.index(input.len()));
            let mut out = input.to_owned();
            out.remove(at);
            out
        }
        Mutation::DuplicateLine(i) => {
            let lines: Vec<&str> = input.split_inclusive('\n').collect();
            let at = i.index(lines.len());
            let mut out = lines.clone();
            out.insert(at, lines[at]);
            out.concat()
        }
        Mutation::Insert(i, piece) => {
            let at = floor_boundary(input, i.index(input.len() + 1));
            format!("{}{piece}{}", &input[..at], &input[at..])
        }
    }
}

// ---------------------------------------------------------------- checks

/// Every importer and `detect` on one input: any result but a panic. A successful import
/// must also hold together: every entity inside its text.
fn import_everything(input: &str, file_name: &str) -> Result<(), TestCaseError> {
    let options = ImportOptions::default();
    for format in IMPORTERS {
        if let Ok(project) = formats::import(format, input, file_name, &options) {
            for doc in &project.documents {
                let len = doc.text.chars().count();
                for e in doc.entities().entities() {
                    prop_assert!(e.start < e.end && e.end <= len, "{format}: entity {e:?} outside text of {len}");
                }
            }
        }
    }
    let _ = formats::detect(input, file_name);
    Ok(())
}

fn file_name_for(format: Format) -> &'static str {
    match format {
        Format::Json => "project.json",
        Format::Doccano { .. } => "dir/bulletins.jsonl",
        Format::LabelStudio { .. } => "tasks.json",
        Format::Conll => "c:\\data\\tags.conll",
        Format::Brat => "x.zip",
    }
}

/// The offset contract of `TextIndex` on one text, against a slow reference.
fn check_offsets(text: &str, probes: &[usize]) -> Result<(), TestCaseError> {
    let index = TextIndex::new(text).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let chars: Vec<char> = text.chars().collect();
    prop_assert_eq!(index.char_len(), chars.len());
    prop_assert_eq!(index.byte_len(), text.len());
    prop_assert_eq!(index.utf16_len(), text.encode_utf16().count());
    let (mut units, mut bytes) = (0, 0);
    for (i, c) in chars.iter().chain(std::iter::once(&'\0')).enumerate() {
        let at = CharOffset(i);
        prop_assert_eq!(index.char_to_utf16(at).ok(), Some(Utf16Offset(units)));
        prop_assert_eq!(index.char_to_byte(at).ok(), Some(ByteOffset(bytes)));
        prop_assert_eq!(index.utf16_to_char(Utf16Offset(units)).ok(), Some(at));
        prop_assert_eq!(index.byte_to_char(ByteOffset(bytes)).ok(), Some(at));
        prop_assert_eq!(index.utf16_to_char_floor(Utf16Offset(units)), at);
        prop_assert_eq!(index.utf16_to_char_ceil(Utf16Offset(units)), at);
        if i < chars.len() {
            units += c.len_utf16();
            bytes += c.len_utf8();
        }
    }
    prop_assert!(index.char_to_utf16(CharOffset(chars.len() + 1)).is_err());
    prop_assert!(index.char_to_byte(CharOffset(usize::MAX)).is_err());
    let utf16_boundaries: Vec<usize> = std::iter::once(0)
        .chain(chars.iter().scan(0, |u, c| {
            *u += c.len_utf16();
            Some(*u)
        }))
        .collect();
    for &p in probes {
        // Probes cover the text and a little past its end, in every unit.
        let u = p % (index.utf16_len() + 3);
        let floor = index.utf16_to_char_floor(Utf16Offset(u));
        let ceil = index.utf16_to_char_ceil(Utf16Offset(u));
        prop_assert!(floor <= ceil && ceil.0 <= chars.len());
        prop_assert!(utf16_boundaries[floor.0] <= u.min(index.utf16_len()));
        match index.utf16_to_char(Utf16Offset(u)) {
            Ok(c) => prop_assert_eq!(utf16_boundaries[c.0], u),
            Err(_) => prop_assert!(u > index.utf16_len() || !utf16_boundaries.contains(&u)),
        }
        let b = p % (text.len() + 3);
        prop_assert_eq!(index.byte_to_char(ByteOffset(b)).is_ok(), b <= text.len() && text.is_char_boundary(b));
        let (s, e) = (CharOffset(p % (chars.len() + 2)), CharOffset((p / 7) % (chars.len() + 2)));
        match index.slice(text, s, e) {
            Ok(slice) => prop_assert_eq!(slice, chars[s.0..e.0].iter().collect::<String>()),
            Err(_) => prop_assert!(s > e || e.0 > chars.len()),
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- targets

#[test]
fn fuzz_import_arbitrary_text() {
    // The two import properties share the budget: every importer and `detect` sees both
    // halves, so each of them gets `FUZZ_CASES` inputs in total.
    fuzz(
        "import+detect, each of 6 importers (arbitrary Unicode)",
        cases().div_ceil(2),
        (unicode_text(), 0usize..6),
        |(input, f)| import_everything(&input, file_name_for(IMPORTERS[f])),
    );
}

#[test]
fn fuzz_import_broken_exports() {
    let strategy = (project(), 0usize..EXPORTERS.len() - 1, prop::collection::vec(mutation(), 1..4));
    let target = "import+detect, each of 6 importers (broken JSON/JSONL/CoNLL exports)";
    fuzz(target, cases().div_ceil(2), strategy, |(project, f, mutations)| {
        let format = EXPORTERS[f];
        let exported = format.export_all(&project, NOW).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let valid = exported.as_text().unwrap_or_default().to_owned();
        import_everything(&valid, file_name_for(format))?;
        let broken = mutations.iter().fold(valid, |text, m| mutate(&text, m));
        import_everything(&broken, file_name_for(format))
    });
}

#[test]
fn fuzz_pipeline_then_export_everything() {
    fuzz("pipeline (analyze → export in every format)", cases(), unicode_text(), |text| {
        let analysis = pipeline().analyze(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let len = text.chars().count();
        for t in &analysis.tokens {
            prop_assert!(t.start < t.end && t.end as usize <= len, "token {t:?} outside text of {len}");
        }
        for s in &analysis.suggestions {
            prop_assert!(s.start < s.end && s.end <= len, "suggestion {s:?} outside text of {len}");
        }
        let mut doc = Document::new("doc-1", Document::guess_title(&text), text.clone(), NOW);
        doc.apply_analysis(analysis);
        let project = Project { documents: vec![doc], ..Project::default() };
        for format in EXPORTERS {
            let exported =
                format.export_all(&project, NOW).map_err(|e| TestCaseError::fail(format!("{format}: {e}")))?;
            prop_assert!(!exported.into_bytes().is_empty());
        }
        Ok(())
    });
}

#[test]
fn fuzz_offsets_on_unicode() {
    fuzz(
        "offsets (TextIndex, arbitrary Unicode)",
        cases(),
        (unicode_text(), prop::collection::vec(any::<usize>(), 0..8)),
        |(t, p)| check_offsets(&t, &p),
    );
}

#[test]
fn fuzz_offsets_on_dom_utf16_with_lone_surrogates() {
    // The DOM hands over UTF-16 that may hold lone surrogates; browsers (and wasm-bindgen)
    // turn them into U+FFFD, one unit each, so DOM offsets still line up with the text.
    let unit = prop_oneof![
        3 => 0xd800u16..=0xdfff,
        3 => prop::sample::select(vec![0x0000u16, 0x000a, 0x000d, 0x200d, 0x0301, 0x202e, 0x90d1, 0xfeff, 0xfffd]),
        2 => any::<u16>(),
    ];
    let strategy = (prop::collection::vec(unit, 0..64), prop::collection::vec(any::<usize>(), 0..8));
    fuzz("offsets (TextIndex, DOM UTF-16 with lone surrogates)", cases(), strategy, |(units, probes)| {
        let text = String::from_utf16_lossy(&units);
        let index = TextIndex::new(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(index.utf16_len(), units.len(), "lossy decoding keeps the DOM's unit count");
        for &p in &probes {
            let at = Utf16Offset(p % (units.len() + 3));
            prop_assert!(index.utf16_to_char_floor(at).0 <= index.char_len());
        }
        check_offsets(&text, &probes)
    });
}

/// One line of 10 MB through every parser, `detect`, the index and the pipeline: a
/// refusal with a message is fine, a panic or a hang is not.
#[test]
fn ten_megabyte_line() {
    const SIZE: usize = 10 * 1024 * 1024;
    let started = Instant::now();
    let cjk: String = "郑州记者刘伟平报道𠮷👨🏻‍🚒".chars().cycle().take(SIZE / 3).collect();
    let ascii = "a".repeat(SIZE);
    let json = format!("{{\"text\": \"{}\", \"label\": [[0, 3, \"PER\"]]}}", &cjk[..floor_boundary(&cjk, SIZE - 64)]);
    let conll = format!("郑\tB-LOC{}", "\u{3000}".repeat(SIZE / 3));
    let mut count = 0;
    for input in [&cjk, &ascii, &json, &conll] {
        assert!(input.len() >= SIZE - 64 && !input.contains('\n'));
        import_everything(input, "big.jsonl").unwrap();
        let index = TextIndex::new(input).unwrap();
        assert_eq!(index.utf16_len(), input.encode_utf16().count());
        assert_eq!(index.utf16_to_char_floor(Utf16Offset(usize::MAX)).0, index.char_len());
        // Over MAX_TEXT_CHARS: refused quickly with an error, not analysed for minutes.
        assert!(pipeline().analyze(input).is_err(), "a 10 MB text is over the analysis limit");
        count += 1;
    }
    println!("fuzz target 10 MB line: {count} inputs in {:.1} s", started.elapsed().as_secs_f64());
}

// ---------------------------------------------------------------- regressions
// Every crash the targets above found, minimised, as a named test.
