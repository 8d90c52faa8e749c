//! The packed dictionary in `assets/` is exactly jieba-rs's own `dict.txt`, and segmenting
//! with it gives what jieba-rs gives with that file.
#![cfg(not(target_arch = "wasm32"))]

use bulletin::core::dict::{unpack, PACKED};
use bulletin::core::oov::guess_pos;
use bulletin::core::segment::Segmenter;
use std::path::PathBuf;

/// jieba-rs's `dict.txt`, read from the crate source cargo unpacked to build jieba-rs.
///
/// First where cargo keeps registry sources (`$CARGO_HOME/registry/src/*/jieba-rs-<version>`,
/// the version from `Cargo.lock`): that copy exists whenever this test was built, even with
/// a cold cache where `cargo metadata --offline` fails because crates of other platforms or
/// targets were never downloaded. Then, for vendored or otherwise replaced sources,
/// through `cargo metadata --offline`.
fn jieba_dict_txt() -> String {
    let path = registry_copy()
        .or_else(metadata_copy)
        .expect("jieba-rs's source: neither in the registry nor in cargo metadata");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The version of jieba-rs that `Cargo.lock` pins.
fn locked_version() -> String {
    let lock = include_str!("../Cargo.lock");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == r#"name = "jieba-rs""# {
            let version = lines.next().and_then(|l| l.strip_prefix("version = \"")).and_then(|v| v.strip_suffix('"'));
            return version.expect("a version line after the name").to_owned();
        }
    }
    panic!("jieba-rs is not in Cargo.lock");
}

fn cargo_home() -> Option<PathBuf> {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
}

fn registry_copy() -> Option<PathBuf> {
    let crate_dir = format!("jieba-rs-{}", locked_version());
    let registries = std::fs::read_dir(cargo_home()?.join("registry/src")).ok()?;
    registries
        .filter_map(Result::ok)
        .map(|registry| registry.path().join(&crate_dir).join("src/data/dict.txt"))
        .find(|path| path.is_file())
}

fn metadata_copy() -> Option<PathBuf> {
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
    Some(PathBuf::from(manifest).parent().unwrap().join("src/data/dict.txt"))
}

#[test]
fn the_locked_jieba_rs_is_found_in_the_registry_or_through_cargo_metadata() {
    let version = locked_version();
    assert!(version.split('.').all(|part| part.parse::<u32>().is_ok()), "{version}");
    let path = registry_copy().or_else(metadata_copy).unwrap();
    assert!(path.to_string_lossy().contains(&format!("jieba-rs-{version}")), "{}", path.display());
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
    // A made-up bulletin page in the repository (tests/fixtures/README.md describes it).
    let sample = include_str!("fixtures/bulletin-page.txt");
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
    for word in ["南关区财政局", "孟雪柳子航", "河阳市第二人民医院"] {
        assert_eq!(ours.jieba().suggest_freq(word), reference.suggest_freq(word), "{word}");
    }
    for (m, t) in mine.iter().zip(&theirs) {
        assert_eq!((m.0, m.1, m.2.as_str()), *t);
    }
}
