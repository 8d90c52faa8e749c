//! Gold JSONL records (the format of `shared/data`): one text and its entities per line,
//! code-point offsets, end exclusive.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoldEntity {
    pub start: usize,
    pub end: usize,
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub text: String,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    /// Where the text comes from (the bulletin development set names its outlet), for
    /// scores by source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

/// Parses JSONL; blank lines are skipped, a bad line is an error naming its number.
pub fn parse_jsonl(input: &str) -> Result<Vec<Record>, String> {
    input
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Reads a JSONL file, gunzipping it when it starts with the gzip magic `1f 8b`.
#[cfg(not(target_arch = "wasm32"))]
pub fn read_jsonl(path: &std::path::Path) -> Result<Vec<Record>, String> {
    use std::io::Read;
    let raw = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let text = if raw.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(raw.as_slice())
            .read_to_string(&mut s)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        s
    } else {
        String::from_utf8(raw).map_err(|e| format!("{}: {e}", path.display()))?
    };
    parse_jsonl(&text).map_err(|e| format!("{}: {e}", path.display()))
}
