//! brat standoff export: for each document a `.txt` with the text and a `.ann` with one
//! text-bound line per entity, `T1<TAB>PER 2 5<TAB>刘伟平`, bundled in a ZIP together with
//! `annotation.conf` (the entity types) and `visual.conf` (their colours).
//!
//! **Offset unit.** brat is written in Python and indexes the `.txt` as a Python string, so
//! offsets are **code points**, end exclusive, like the app's own. (UTF-8 byte or UTF-16
//! offsets would be wrong after the first non-ASCII character or astral character.)
//!
//! brat does not allow a span to cross a line break: an entity containing `\n` or `\r`
//! is written as a discontinuous span, `T1<TAB>ORG 0 3;4 8<TAB>…`, with its fragments'
//! texts joined by a space. Export only: the app does not read brat files.

use super::zip::ZipWriter;
use super::ExportError;
use crate::core::document::Document;
use crate::core::label::LabelSet;
use crate::core::text::{CharOffset, TextIndex};

/// A file name stem made from an id: letters, digits (any script), `-`, `_` and `.` are kept,
/// everything else becomes `_`; at most 80 characters.
pub fn safe_file_stem(id: &str) -> String {
    let stem: String = id
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .take(80)
        .collect();
    stem.trim_start_matches('.').to_owned()
}

/// The `.ann` content of one document.
pub fn ann(doc: &Document) -> String {
    let text: &str = &doc.text;
    let Ok(index) = TextIndex::new(text) else {
        return String::new();
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut n = 0;
    for e in doc.entities().iter() {
        let Some(span) = chars.get(e.start..e.end) else { continue };
        // Maximal runs without line breaks, as (start, end) in code points.
        let mut fragments: Vec<(usize, usize)> = Vec::new();
        let mut run: Option<usize> = None;
        for (k, c) in span.iter().enumerate() {
            let at = e.start + k;
            match (matches!(c, '\n' | '\r'), run) {
                (true, Some(s)) => {
                    fragments.push((s, at));
                    run = None;
                }
                (false, None) => run = Some(at),
                _ => {}
            }
        }
        if let Some(s) = run {
            fragments.push((s, e.end));
        }
        if fragments.is_empty() {
            continue;
        }
        n += 1;
        let offsets: Vec<String> = fragments.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let texts: Vec<String> = fragments
            .iter()
            .map(|&(s, e)| index.slice(text, CharOffset(s), CharOffset(e)).unwrap_or("").replace('\t', " "))
            .collect();
        out.push_str(&format!("T{n}\t{} {}\t{}\n", e.label, offsets.join(";"), texts.join(" ")));
    }
    out
}

/// `annotation.conf` declaring every label as an entity type.
pub fn annotation_conf(labels: &LabelSet, docs: &[&Document]) -> String {
    let mut out = String::from("[entities]\n");
    for name in label_names(labels, docs) {
        out.push_str(&name);
        out.push('\n');
    }
    out.push_str("\n[relations]\n\n[events]\n\n[attributes]\n");
    out
}

/// `visual.conf` with each label's colour.
pub fn visual_conf(labels: &LabelSet, docs: &[&Document]) -> String {
    let mut out = String::from("[labels]\n");
    let names = label_names(labels, docs);
    for name in &names {
        out.push_str(&format!("{name} | {name}\n"));
    }
    out.push_str("\n[drawing]\n");
    for name in &names {
        if let Some(label) = labels.get(name) {
            out.push_str(&format!("{name}\tbgColor:{}\n", label.colour));
        }
    }
    out
}

/// The label set's names, then any other label used in `docs`.
fn label_names(labels: &LabelSet, docs: &[&Document]) -> Vec<String> {
    let mut names: Vec<String> = labels.iter().map(|l| l.name.clone()).collect();
    for doc in docs {
        for e in doc.entities().iter() {
            if !names.contains(&e.label) {
                names.push(e.label.clone());
            }
        }
    }
    names
}

/// The `(file name, content)` pairs of a brat export: `<id>.txt` and `<id>.ann` per
/// document (ids made file-safe and unique) plus the two configuration files.
pub fn files(labels: &LabelSet, docs: &[&Document]) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::with_capacity(docs.len() * 2 + 2);
    let mut stems: Vec<String> = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let mut stem = safe_file_stem(&doc.id);
        if stem.is_empty() || ["annotation", "visual"].contains(&stem.as_str()) {
            stem = format!("doc-{}", i + 1);
        }
        let base = stem.clone();
        let mut k = 2;
        while stems.contains(&stem) {
            stem = format!("{base}-{k}");
            k += 1;
        }
        stems.push(stem.clone());
        let text: &str = &doc.text;
        files.push((format!("{stem}.txt"), text.as_bytes().to_vec()));
        files.push((format!("{stem}.ann"), ann(doc).into_bytes()));
    }
    files.push(("annotation.conf".into(), annotation_conf(labels, docs).into_bytes()));
    files.push(("visual.conf".into(), visual_conf(labels, docs).into_bytes()));
    files
}

/// A ZIP of [`files`], for one download.
pub fn export_zip(labels: &LabelSet, docs: &[&Document], now: &str) -> Result<Vec<u8>, ExportError> {
    let mut writer = ZipWriter::new(now);
    for (name, content) in files(labels, docs) {
        writer.add(&name, &content)?;
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Suggestion;
    use crate::core::pipeline::Analysis;

    #[test]
    fn entities_across_line_breaks_become_fragments() {
        let mut doc = Document::new("d/1", "t", "郑州\r\n大学 𠮷", "2026-11-25T00:00:00.000Z");
        doc.apply_analysis(Analysis {
            tokens: vec![],
            suggestions: vec![
                Suggestion { start: 0, end: 6, label: "ORG".into(), confidence: None },
                Suggestion { start: 7, end: 8, label: "PER".into(), confidence: None },
            ],
        });
        // 郑州 is 0..2, CRLF 2..4, 大学 4..6, space 6, 𠮷 7 (one code point).
        assert_eq!(ann(&doc), "T1\tORG 0 2;4 6\t郑州 大学\nT2\tPER 7 8\t𠮷\n");
        assert_eq!(safe_file_stem("d/1"), "d_1");
        assert_eq!(safe_file_stem("../x"), "_x");
    }
}
