//! Character-level BIO ("CoNLL"), the format MSRA-style Chinese NER trainers read: one
//! character per line, a TAB, and its tag (`O`, `B-LABEL`, `I-LABEL`); a blank line between
//! sentences or paragraphs.
//!
//! ```text
//! (the gaps are single TABs)
//! -DOCSTART-    O
//!
//! 记    O
//! 者    O
//! \s    O
//! 刘    B-PER
//! 伟    I-PER
//! 平    I-PER
//!
//! 郑    B-LOC
//! 州    I-LOC
//!
//! ```
//!
//! The rules, chosen so that export then import gives back exactly the same text:
//!
//! - Each document starts with `-DOCSTART-<TAB>O` and one blank line, and ends with one
//!   blank line. Import also reads files without `-DOCSTART-` as a single document.
//! - A line break (`\n`) outside an entity is a **blank line**, so trainers see sentence and
//!   paragraph boundaries. A `\r` before it is its own token line, `\r`, so CRLF texts come
//!   back as CRLF. A line break inside an entity is the token `\n`.
//! - Characters a whitespace-splitting reader would lose are escaped: space is `\s`, tab
//!   `\t`, carriage return `\r`, newline `\n`, backslash `\\`, and any other whitespace or
//!   control character, and invisible format characters (zero-width joiner, BOM, bidi
//!   marks), is `\u{HEX}`: `\u{3000}` for the ideographic space, `\u{200d}` for ZWJ.
//!   Everything else, including combining marks and astral characters (𠮷), is written as
//!   is. Each code point is its own line, so 👨🏻‍🚒 is four lines: 👨, 🏻, `\u{200d}`, 🚒.
//! - Offsets are implicit: one line per **code point**.
//! - CoNLL has no ids, titles or origins: import names documents `<file>-1`, `<file>-2`…
//!   and marks entities as reviewed. Nested entities cannot be written in BIO, so export
//!   refuses them.
//!
//! Import also accepts a space instead of the TAB, extra middle columns (the tag is the last
//! column), CRLF line ends, and BIOES/BMES tags (`E-`, `S-`, `M-`).

use super::{build_document, check_labels, ExportError, ImportError, ImportErrorKind as Kind, ImportOptions};
use super::{OffsetUnit, RawSpan};
use crate::core::document::Document;
use crate::core::entity::Origin;

pub const DOCSTART: &str = "-DOCSTART-";

/// Writes every document; fails on nested entities, which BIO cannot express.
pub fn export(docs: &[&Document]) -> Result<String, ExportError> {
    let mut out = String::new();
    for doc in docs {
        export_document(doc, &mut out)?;
    }
    Ok(out)
}

fn export_document(doc: &Document, out: &mut String) -> Result<(), ExportError> {
    let text: &str = &doc.text;
    let chars: Vec<char> = text.chars().collect();
    let mut tags: Vec<Option<(bool, &str)>> = vec![None; chars.len()];
    for e in doc.entities().iter() {
        let Some(slots) = tags.get_mut(e.start..e.end) else {
            return Err(ExportError::new(format!(
                "document {:?}: entity {}..{} is out of range",
                doc.id, e.start, e.end
            )));
        };
        if slots.iter().any(Option::is_some) {
            return Err(ExportError::new(format!(
                "document {:?}: entity {} at {}..{} is nested in another; CoNLL BIO cannot express nesting",
                doc.id, e.label, e.start, e.end
            )));
        }
        for (k, slot) in slots.iter_mut().enumerate() {
            *slot = Some((k == 0, e.label.as_str()));
        }
    }
    out.push_str(DOCSTART);
    out.push_str("\tO\n\n");
    for (c, tag) in chars.iter().zip(&tags) {
        match tag {
            None if *c == '\n' => out.push('\n'),
            None => {
                push_token(out, *c);
                out.push_str("\tO\n");
            }
            Some((begin, label)) => {
                push_token(out, *c);
                out.push_str(if *begin { "\tB-" } else { "\tI-" });
                out.push_str(label);
                out.push('\n');
            }
        }
    }
    out.push('\n');
    Ok(())
}

fn push_token(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        ' ' => out.push_str("\\s"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        c if c.is_whitespace() || c.is_control() || is_invisible(c) => {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
        c => out.push(c),
    }
}

/// Format characters that would be invisible on a line of their own (ZWJ, BOM, bidi marks…).
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

/// Reads a token written by [`push_token`]: exactly one character, maybe escaped.
fn parse_token(token: &str) -> Option<char> {
    if let Some(escape) = token.strip_prefix('\\') {
        return match escape {
            "\\" => Some('\\'),
            "s" => Some(' '),
            "t" => Some('\t'),
            "r" => Some('\r'),
            "n" => Some('\n'),
            _ => {
                let hex = escape.strip_prefix("u{")?.strip_suffix('}')?;
                if hex.is_empty() || hex.len() > 6 {
                    return None;
                }
                char::from_u32(u32::from_str_radix(hex, 16).ok()?)
            }
        };
    }
    let mut chars = token.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

#[derive(Default)]
struct RawDoc {
    line: usize,
    text: String,
    len: usize,
    spans: Vec<RawSpan>,
    /// The open entity: its label and index in `spans`.
    open: Option<(String, usize)>,
    /// Whether the last character came from a blank line (and so may be the terminator).
    ends_with_blank: bool,
    has_tokens: bool,
}

impl RawDoc {
    fn push(&mut self, c: char, from_blank: bool) {
        self.text.push(c);
        self.len += 1;
        self.ends_with_blank = from_blank;
    }

    fn finish(mut self) -> RawDoc {
        if self.ends_with_blank && self.text.ends_with('\n') {
            self.text.pop();
            self.len -= 1;
        }
        self
    }
}

/// Parses every line, checks labels, then builds documents.
pub fn import(input: &str, stem: &str, options: &ImportOptions) -> Result<Vec<Document>, ImportError> {
    let mut docs: Vec<RawDoc> = Vec::new();
    let mut current = RawDoc { line: 1, ..RawDoc::default() };
    // `current` began with -DOCSTART- (so it is kept even when empty).
    let mut in_docstart = false;
    // The line after -DOCSTART- may be the conventional blank separator.
    let mut expect_separator = false;
    let mut lines: Vec<&str> = input.split('\n').collect();
    if input.ends_with('\n') {
        lines.pop();
    }
    for (i, raw_line) in lines.into_iter().enumerate() {
        let number = i + 1;
        let line = raw_line.strip_suffix('\r').unwrap_or(raw_line);
        if line.starts_with(DOCSTART) {
            if in_docstart || current.has_tokens {
                docs.push(current.finish());
            }
            current = RawDoc { line: number, ..RawDoc::default() };
            in_docstart = true;
            expect_separator = true;
            continue;
        }
        let separator = std::mem::take(&mut expect_separator);
        if line.trim().is_empty() {
            if !separator {
                current.open = None;
                current.push('\n', true);
            }
            continue;
        }
        let (token, tag) = split_line(line).ok_or_else(|| {
            ImportError::new(Kind::Malformed, format!("expected a character, a TAB and a tag; got {line:?}"))
                .at(format!("line {number}"))
        })?;
        let c = parse_token(token).ok_or_else(|| {
            ImportError::new(
                Kind::Malformed,
                format!("{token:?} is not one character or an escape like \\s, \\t, \\n, \\u{{3000}}"),
            )
            .at(format!("line {number}"))
            .field("character")
        })?;
        apply_tag(&mut current, tag, number)?;
        current.has_tokens = true;
        current.push(c, false);
    }
    if in_docstart || current.has_tokens {
        docs.push(current.finish());
    }
    if docs.is_empty() {
        return Err(ImportError::new(Kind::Empty, "no characters or documents found"));
    }
    check_labels(docs.iter().flat_map(|d| d.spans.iter().map(|s| s.label.as_str())), &options.labels)?;
    let mut out = Vec::with_capacity(docs.len());
    for (i, doc) in docs.into_iter().enumerate() {
        let id = format!("{stem}-{}", i + 1);
        out.push(build_document(id, None, doc.text, doc.spans, OffsetUnit::CodePoint, options).map_err(|e| {
            if e.location.is_none() {
                e.at(format!("document starting at line {}", doc.line))
            } else {
                e
            }
        })?);
    }
    Ok(out)
}

/// `token<TAB>…<TAB>tag`, or `token tag` with a single space.
fn split_line(line: &str) -> Option<(&str, &str)> {
    if let Some((token, rest)) = line.split_once('\t') {
        let tag = rest.rsplit('\t').next().unwrap_or(rest);
        return Some((token, tag.trim()));
    }
    let (token, tag) = line.rsplit_once(' ')?;
    (!token.is_empty() && !tag.is_empty()).then_some((token, tag))
}

fn apply_tag(doc: &mut RawDoc, tag: &str, number: usize) -> Result<(), ImportError> {
    let place = format!("line {number}");
    let bad = |why: String| ImportError::new(Kind::InvalidValue, why).at(place.clone()).field("tag");
    if tag == "O" {
        doc.open = None;
        return Ok(());
    }
    let Some((prefix, label)) = tag.split_once(['-', '_']) else {
        return Err(bad(format!("tag {tag:?} is not O, B-LABEL or I-LABEL")));
    };
    if label.is_empty() {
        return Err(bad(format!("tag {tag:?} has no label")));
    }
    let at = doc.len;
    let start = |doc: &mut RawDoc| {
        doc.spans.push(RawSpan {
            start: at,
            end: at + 1,
            label: label.to_owned(),
            text: None,
            origin: Origin::Manual,
            confidence: None,
            place: place.clone(),
        });
        doc.spans.len() - 1
    };
    match prefix {
        "B" => {
            let k = start(doc);
            doc.open = Some((label.to_owned(), k));
        }
        "S" => {
            start(doc);
            doc.open = None;
        }
        "I" | "M" | "E" => {
            let Some((open_label, k)) = doc.open.clone() else {
                return Err(bad(format!("{tag} does not continue an entity; expected B-{label}")));
            };
            if open_label != label {
                return Err(bad(format!(
                    "{tag} continues a {open_label} entity; expected B-{label} or I-{open_label}"
                )));
            }
            if let Some(span) = doc.spans.get_mut(k) {
                span.end = at + 1;
            }
            if prefix == "E" {
                doc.open = None;
            }
        }
        _ => return Err(bad(format!("tag {tag:?} does not start with B-, I-, E-, S- or M-"))),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_round_trip() {
        for c in [
            '\u{200d}', '\\', ' ', '\t', '\r', '\n', '\u{3000}', '\u{a0}', '\u{feff}', '\u{2028}', 'a', '郑', '𠮷',
            '\u{301}',
        ] {
            let mut s = String::new();
            push_token(&mut s, c);
            assert_eq!(parse_token(&s), Some(c), "{c:?} written as {s:?}");
            assert!(!s.chars().any(char::is_whitespace), "{s:?} has whitespace");
        }
        assert_eq!(parse_token("ab"), None);
        assert_eq!(parse_token("\\u{110000}"), None);
        assert_eq!(parse_token("\\x"), None);
    }

    #[test]
    fn reads_plain_msra_style_files() {
        let input = "郑 B-LOC\n州 I-LOC\n人 O\n\n刘\tB-PER\n";
        let docs = import(input, "msra", &ImportOptions::default()).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(&*docs[0].text, "郑州人\n刘");
        let spans: Vec<_> = docs[0].entities().iter().map(|e| (e.start, e.end, e.label.as_str())).collect();
        assert_eq!(spans, [(0, 2, "LOC"), (4, 5, "PER")]);
    }

    #[test]
    fn bioes_and_bmes_tags_are_read() {
        let input = "郑\tB-LOC\n州\tE-LOC\n人\tS-PER\n刘\tB-PER\n伟\tM-PER\n平\tE-PER\n";
        let docs = import(input, "x", &ImportOptions::default()).unwrap();
        let spans: Vec<_> = docs[0].entities().iter().map(|e| (e.start, e.end, e.label.as_str())).collect();
        assert_eq!(spans, [(0, 2, "LOC"), (2, 3, "PER"), (3, 6, "PER")]);
    }

    #[test]
    fn nested_entities_cannot_be_exported() {
        use crate::core::annotations::AnnotationSet;
        use crate::core::entity::Span;
        let mut set = AnnotationSet::new(3).with_nesting(true);
        set.add(Span { start: 0, end: 3 }, "ORG", Origin::Manual, None).unwrap();
        set.add(Span { start: 0, end: 2 }, "LOC", Origin::Manual, None).unwrap();
        let mut doc = Document::new("d", "t", "郑州局", "2026-11-25T00:00:00.000Z");
        doc.editor = crate::core::action::Editor::new(set);
        let err = export(&[&doc]).unwrap_err();
        assert!(err.message.contains("nest"), "{err}");
    }

    #[test]
    fn broken_bio_is_refused_with_the_line() {
        let err = import("郑\tO\n州\tI-LOC\n", "x", &ImportOptions::default()).unwrap_err();
        assert_eq!(err.kind, Kind::InvalidValue);
        assert_eq!(err.location.as_deref(), Some("line 2"));
    }
}
