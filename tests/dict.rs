//! The packed dictionary in `assets/` is exactly jieba-rs's own `dict.txt`, and segmenting
//! with it gives what jieba-rs gives with that file.
#![cfg(not(target_arch = "wasm32"))]

use bulletin::core::dict::{unpack, PACKED};
use bulletin::core::oov::guess_pos;
use bulletin::core::segment::Segmenter;
use std::path::PathBuf;

/// jieba-rs's `dict.txt`, found through `cargo metadata` (the crate source cargo downloaded).
fn jieba_dict_txt() -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline", "--manifest-path"])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(out.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&out.stderr));
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let manifest = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "jieba-rs")
        .and_then(|p| p["manifest_path"].as_str())
        .expect("jieba-rs is a dependency");
    let path = PathBuf::from(manifest).parent().unwrap().join("src/data/dict.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn packed_dictionary_decodes_to_jiebas_dict_txt_byte_for_byte() {
    let original = jieba_dict_txt();
    let unpacked = unpack(PACKED).unwrap();
    assert_eq!(unpacked.len(), original.len());
    assert!(unpacked == original, "regenerate with scripts/pack-dict.sh");
}

#[test]
fn segmenting_with_the_packed_dictionary_matches_jieba_with_dict_txt() {
    let reference = jieba_rs::Jieba::with_dict(&mut jieba_dict_txt().as_bytes()).unwrap();
    let ours = Segmenter::new();
    let sample = include_str!("../../shared/samples/zhengzhou-bulletin.txt");
    // jieba tags unknown words `x`; ours then guess (core::oov).
    let theirs: Vec<(usize, usize, &str)> = reference
        .tag(sample, true)
        .into_iter()
        .map(|t| (t.start, t.end, if t.tag == "x" { guess_pos(t.word, |w| reference.has_word(w)) } else { t.tag }))
        .collect();
    let mine: Vec<(usize, usize, String)> =
        ours.segment(sample).into_iter().map(|t| (t.start as usize, t.end as usize, t.pos.to_string())).collect();
    assert!(theirs.len() > 1000);
    assert!(theirs.iter().any(|t| t.2 == "nr") && mine.iter().any(|t| t.2 == "x"));
    assert_eq!(mine.len(), theirs.len());
    // The dictionary's total frequency is the same too (user words get their frequency from it).
    for word in ["管城区财政局", "乔贺李博文", "郑州市人民政府"] {
        assert_eq!(ours.jieba().suggest_freq(word), reference.suggest_freq(word), "{word}");
    }
    for (m, t) in mine.iter().zip(&theirs) {
        assert_eq!((m.0, m.1, m.2.as_str()), *t);
    }
}
