//! Learning from corrections: the shipped model plus what each document's reviewed
//! sentences teach it.
//!
//! A document's *lessons* are its reviewed sentences (those holding a confirmed entity or a
//! rejected suggestion) with their PER/LOC/ORG entities as gold. Learning from a document
//! first takes back what its previous lessons taught, then runs passive-aggressive updates
//! (a perceptron step just large enough to make the model tag the sentence as the gold) over
//! its lessons. So the adaptation is always what the documents' *current* annotations
//! teach: undoing a correction and learning again takes its update back exactly (changes
//! are whole units), and the same lessons in the same order give the same model everywhere.
//!
//! Only the lexical (varying) feature rows change: the bias, dictionary and transition
//! weights are shared by every character, and moving them for one name would move all.

use super::features::N_VARYING;
use super::model::{viterbi, Model};
use super::tags::{self, N_TAGS};
use crate::core::annotations::AnnotationSet;
use crate::core::segment::Token;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use thiserror::Error;

/// Passes over a document's lessons; most sentences are right after the first.
const PASSES: usize = 3;
/// The margin asked for per wrong tag, as a fraction of the model's largest weight: large
/// enough that a name taught in one sentence is found in others (see `docs/ner.md`,
/// "Learning from corrections", for the curve it was chosen on).
pub const MARGIN: f32 = 0.25;
/// The format name in an adaptation file.
pub const FORMAT: &str = "bulletin-adaptation";
pub const VERSION: u32 = 1;

/// One reviewed sentence and its PER/LOC/ORG gold, in code points of `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    pub text: String,
    /// `(start, end, type index into tags::TYPES)`, sorted and flat.
    pub gold: Vec<(usize, usize, usize)>,
}

/// The reviewed sentences of a text with `set`'s entities as gold. Sentences end after
/// `。！？!?；` or a line break; an entity across a sentence end belongs to neither.
pub fn lessons(text: &str, set: &AnnotationSet) -> Vec<Lesson> {
    sentences(text, set, false)
}

/// Every sentence of a text with `set`'s entities as gold: a training file, where what is
/// not marked is known not to be an entity.
pub fn all_lessons(text: &str, set: &AnnotationSet) -> Vec<Lesson> {
    sentences(text, set, true)
}

fn sentences(text: &str, set: &AnnotationSet, every: bool) -> Vec<Lesson> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        let last = i + 1 == chars.len();
        if !("。！？!?；\n".contains(*c) || last) {
            continue;
        }
        let end = i + 1;
        let span = crate::core::entity::Span { start, end };
        let reviewed = every
            || set.overlapping(span).any(|e| e.origin.is_confirmed())
            || set.rejected().any(|r| r.start < end && r.end > start);
        if reviewed {
            let mut gold: Vec<(usize, usize, usize)> = set
                .overlapping(span)
                .filter(|e| e.start >= start && e.end <= end)
                .filter_map(|e| Some((e.start - start, e.end - start, tags::TYPES.iter().position(|t| *t == e.label)?)))
                .collect();
            gold.sort_unstable();
            out.push(Lesson { text: chars[start..end].iter().collect(), gold });
        }
        start = end;
    }
    out
}

/// What a person decided on a text: its confirmed entities and its rejections. Learning
/// is asked for when this changes, not when fresh suggestions arrive.
pub fn decisions(set: &AnnotationSet) -> Vec<(usize, usize, String, bool)> {
    let confirmed = set.iter().filter(|e| e.origin.is_confirmed()).map(|e| (e.start, e.end, e.label.clone(), true));
    confirmed.chain(set.rejected().map(|r| (r.start, r.end, r.label.clone(), false))).collect()
}

/// Why an adaptation file was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum AdaptationError {
    #[error("not an adaptation file: {0}")]
    Format(String),
    #[error("adaptation format version {0} is not supported (expected {VERSION})")]
    Version(u32),
    #[error("this adaptation was learned on another model ({0}); it cannot be applied to this one ({1})")]
    OtherModel(String, String),
    #[error("the adaptation has a change outside the model (row {0}, tag {1})")]
    OutOfRange(u32, u32),
}

/// What one document taught: `(feature row, tag, units)` changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Taught {
    pub doc: String,
    /// Reviewed sentences the changes were learned from.
    pub lessons: usize,
    pub changes: Vec<(u32, u32, i32)>,
}

/// The file form of an adaptation (also what autosave keeps). Offsets do not appear: the
/// changes are to hashed feature rows of the model whose fingerprint is `model`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdaptationFile {
    pub format: String,
    pub version: u32,
    /// [`Model::fingerprint`] in hex.
    pub model: String,
    /// One unit of a change, as a fraction of the model's largest weight.
    #[serde(default)]
    pub unit: String,
    pub taught: Vec<Taught>,
}

/// The per-document changes learned so far; their sum is on the model's overlay.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Adaptation {
    taught: BTreeMap<String, Taught>,
    /// The margin asked for per wrong tag, in units of the model's largest weight
    /// (`None`: [`MARGIN`]).
    margin: Option<f32>,
}

impl Adaptation {
    pub fn margin(&self) -> f32 {
        self.margin.unwrap_or(MARGIN)
    }

    /// Changes the margin (for tuning with `learning_curve`); later lessons use it.
    pub fn set_margin(&mut self, margin: f32) {
        self.margin = (margin.is_finite() && margin > 0.0).then_some(margin);
    }

    pub fn is_empty(&self) -> bool {
        self.taught.is_empty()
    }

    /// Documents that taught something, and reviewed sentences in all.
    pub fn summary(&self) -> (usize, usize) {
        (self.taught.len(), self.taught.values().map(|t| t.lessons).sum())
    }

    /// Learns `doc`'s current lessons, replacing what it taught before. Returns whether the
    /// model changed. `segment` gives the tokens of a lesson's text.
    pub fn learn(
        &mut self,
        model: &mut Model,
        doc: &str,
        lessons: &[Lesson],
        segment: impl Fn(&str) -> Vec<Token>,
    ) -> bool {
        let old = self.taught.remove(doc).unwrap_or_default();
        for &(row, tag, d) in &old.changes {
            model.bump(row, tag as usize, -d);
        }
        let mut changes: HashMap<(u32, u32), i32> = HashMap::new();
        let target = self.margin() * model.largest_weight();
        let prepared: Vec<(Vec<char>, Vec<Token>, Vec<u8>)> = lessons
            .iter()
            .map(|l| {
                let chars = super::features::normalised_chars(&l.text);
                let gold = tags::encode(chars.len(), &l.gold);
                (chars, segment(&l.text), gold)
            })
            .collect();
        for _ in 0..PASSES {
            let mut wrong = false;
            for (chars, tokens, gold) in &prepared {
                wrong |= step(model, chars, tokens, gold, target, &mut changes);
            }
            if !wrong {
                break;
            }
        }
        let mut list: Vec<(u32, u32, i32)> =
            changes.into_iter().filter(|(_, d)| *d != 0).map(|((r, t), d)| (r, t, d)).collect();
        list.sort_unstable();
        let changed = list != old.changes;
        if !list.is_empty() {
            self.taught.insert(doc.to_owned(), Taught { doc: doc.to_owned(), lessons: lessons.len(), changes: list });
        }
        changed
    }

    /// Forgets a document (it was closed or deleted); returns whether the model changed.
    pub fn forget(&mut self, model: &mut Model, doc: &str) -> bool {
        let Some(old) = self.taught.remove(doc) else { return false };
        for &(row, tag, d) in &old.changes {
            model.bump(row, tag as usize, -d);
        }
        true
    }

    /// Back to the shipped model.
    pub fn reset(&mut self, model: &mut Model) {
        self.taught.clear();
        model.clear_adaptation();
    }

    pub fn to_file(&self, model: &Model) -> AdaptationFile {
        AdaptationFile {
            format: FORMAT.into(),
            version: VERSION,
            model: format!("{:016x}", model.fingerprint()),
            unit: format!("{} of a score", model.unit()),
            taught: self.taught.values().cloned().collect(),
        }
    }

    /// Replaces the adaptation with a file's, checked whole before anything changes.
    pub fn load(&mut self, model: &mut Model, file: AdaptationFile) -> Result<(), AdaptationError> {
        if file.format != FORMAT {
            return Err(AdaptationError::Format(format!("format is {:?}, expected {FORMAT:?}", file.format)));
        }
        if file.version != VERSION {
            return Err(AdaptationError::Version(file.version));
        }
        let ours = format!("{:016x}", model.fingerprint());
        if file.model != ours {
            return Err(AdaptationError::OtherModel(file.model, ours));
        }
        let rows = 1u64 << model.bits();
        if let Some(&(r, t, _)) =
            file.taught.iter().flat_map(|t| &t.changes).find(|(r, t, _)| *r as u64 >= rows || *t as usize >= N_TAGS)
        {
            return Err(AdaptationError::OutOfRange(r, t));
        }
        self.reset(model);
        for taught in file.taught {
            for &(row, tag, d) in &taught.changes {
                model.bump(row, tag as usize, d);
            }
            self.taught.insert(taught.doc.clone(), taught);
        }
        Ok(())
    }
}

/// One passive-aggressive update on a sentence; returns whether it was wrong before.
/// `target` is the margin asked for per wrong tag.
fn step(
    model: &mut Model,
    chars: &[char],
    tokens: &[Token],
    gold: &[u8],
    target: f32,
    changes: &mut HashMap<(u32, u32), i32>,
) -> bool {
    let (rows, em) = model.emissions(chars, tokens);
    let trans = model.transitions();
    let pred = viterbi(&em, trans);
    if pred == gold {
        return false;
    }
    let score = |seq: &[u8]| -> f32 {
        let mut s = 0.0;
        for (i, &t) in seq.iter().enumerate() {
            s += em.get(i).map_or(0.0, |e| e[t as usize]);
            if i > 0 {
                s += trans.get(seq[i - 1] as usize * N_TAGS + t as usize).copied().unwrap_or(0.0);
            }
        }
        s
    };
    let margin = score(gold) - score(&pred);
    let mut diff: HashMap<(u32, u32), i32> = HashMap::new();
    let mut loss = 0.0f32;
    for (i, (&p, &g)) in pred.iter().zip(gold).enumerate() {
        if p == g {
            continue;
        }
        loss += 1.0;
        for &r in rows.get(i).map(|r| &r[..N_VARYING]).unwrap_or_default() {
            *diff.entry((r, g as u32)).or_default() += 1;
            *diff.entry((r, p as u32)).or_default() -= 1;
        }
    }
    let norm: f32 = diff.values().map(|&c| (c * c) as f32).sum();
    if norm == 0.0 {
        return true;
    }
    // The step that makes gold beat the prediction by the number of wrong tags.
    let tau = ((target * loss - margin) / norm).max(0.0);
    let units = tau / model.unit();
    for ((r, t), c) in diff {
        let d = (units * c as f32).round().clamp(-1e9, 1e9) as i32;
        if d != 0 {
            model.bump(r, t as usize, d);
            *changes.entry((r, t)).or_default() += d;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::{Origin, Span};

    #[test]
    fn lessons_are_the_reviewed_sentences_with_their_names_as_gold() {
        // Three sentences; the 2nd has a rejection, the 3rd only a suggestion.
        let text = "张三在郑州。李四去北京！王五\n";
        let mut set = AnnotationSet::new(text.chars().count());
        set.add(Span { start: 0, end: 2 }, "PER", Origin::Manual, None).unwrap();
        set.add(Span { start: 3, end: 5 }, "LOC", Origin::Auto, None).unwrap();
        let wrong = set.add(Span { start: 6, end: 8 }, "ORG", Origin::Auto, None).unwrap();
        set.reject(wrong).unwrap();
        set.add(Span { start: 9, end: 11 }, "LOC", Origin::Auto, None).unwrap();
        set.add(Span { start: 12, end: 14 }, "PER", Origin::Auto, None).unwrap();
        let got = lessons(text, &set);
        assert_eq!(
            got,
            vec![
                Lesson { text: "张三在郑州。".into(), gold: vec![(0, 2, 0), (3, 5, 1)] },
                Lesson { text: "李四去北京！".into(), gold: vec![(3, 5, 1)] },
            ]
        );
        assert_eq!(decisions(&set).len(), 2);
    }
}
