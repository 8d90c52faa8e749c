//! Agreement between two annotators, and a curated merge of their work.
//!
//! Two volunteers export the same documents; [`compare`] pairs the documents up and
//! measures how well the annotations agree, with annotator A as the reference:
//!
//! - **exact-span precision, recall and F1**, per label and micro-averaged: a span counts
//!   as found only when B has the same start, end and label;
//! - **Cohen's κ at token level**: every unit of text (a jieba token, or a character when a
//!   document has no tokens; [`Agreement::unit`] says which) gets one label from each
//!   annotator, the entity's label or `O`, and κ compares the two labellings. Per label it
//!   is one-vs-rest (`L` against everything else); overall it is multi-class.
//!
//! The spans that do not match exactly are grouped into [`Disagreement`]s (spans that
//! overlap go in one group), and [`merge`] builds a curated project from a choice per
//! disagreement. All offsets are code points, end exclusive.

use crate::core::action::Editor;
use crate::core::annotations::AnnotationSet;
use crate::core::document::{text_sha256, Document, Project};
use crate::core::entity::{Entity, Origin, Span};
use crate::core::formats::{self, ImportError, ImportErrorKind, ImportOptions};
use crate::core::label::{Label, LabelSet};
use crate::core::text::char_len;
use std::collections::{BTreeMap, BTreeSet};

/// The label of a unit that no entity covers.
pub const OUTSIDE: &str = "O";

/// Reads an export of any importable format, guessing the format from the name and content.
///
/// `labels` is the label set that formats without their own (everything but the app JSON)
/// are read with. Labels outside it are not an error here: comparing two exports does not
/// need them declared, so they are added, grey and without a hotkey, and the file is read
/// again.
#[allow(clippy::result_large_err)]
pub fn load_export(input: &str, file_name: &str, labels: &LabelSet) -> Result<Project, ImportError> {
    let format = formats::detect(input, file_name).ok_or_else(|| {
        ImportError::new(
            ImportErrorKind::UnknownFormat,
            "cannot tell the format of this file; export it again as the app JSON, doccano, Label Studio or CoNLL",
        )
        .in_file(file_name)
    })?;
    let options = ImportOptions { labels: labels.clone(), ..ImportOptions::default() };
    match formats::import(format, input, file_name, &options) {
        Err(err) if err.kind == ImportErrorKind::UnknownLabel && !err.unknown_labels.is_empty() => {
            let mut all = labels.labels().to_vec();
            all.extend(err.unknown_labels.iter().map(|name| plain_label(name)));
            // An unknown name that is not a valid label name keeps the original error.
            let Ok(labels) = LabelSet::new(all) else { return Err(err) };
            formats::import(format, input, file_name, &ImportOptions { labels, ..options })
        }
        other => other,
    }
}

/// A label with a neutral colour and no hotkey, for names that no label set declares.
fn plain_label(name: &str) -> Label {
    Label { name: name.to_owned(), colour: "#777777".into(), hotkey: None, description: String::new() }
}

/// How two documents were paired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchedBy {
    /// The texts are identical (same SHA-256 of the UTF-8 text).
    Text,
    /// Same id and same length in code points, but the texts differ somewhere; spans are
    /// compared by position.
    Id,
}

/// What a unit of the κ computation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// jieba tokens (A's tokens, or B's when A has none).
    Token,
    /// Characters (code points), because neither export had tokens.
    Char,
}

/// The units of the whole comparison: the same for every document, or a mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitSummary {
    /// No document was compared.
    None,
    /// Every document used this unit.
    All(Unit),
    /// Some documents had tokens and some did not.
    Mixed { token_documents: usize, char_documents: usize },
}

/// One pair of documents compared.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentPair {
    /// Index into A's documents.
    pub a: usize,
    /// Index into B's documents.
    pub b: usize,
    pub id: String,
    pub title: String,
    pub matched_by: MatchedBy,
    pub unit: Unit,
    /// How many units (tokens or characters) the document contributes to κ.
    pub units: usize,
}

/// Scores of one label, or of all labels together (micro average).
#[derive(Debug, Clone, PartialEq)]
pub struct LabelScores {
    /// The label, or `"all"` for the micro average.
    pub label: String,
    /// Spans in A (the reference).
    pub in_a: usize,
    /// Spans in B.
    pub in_b: usize,
    /// Spans in both, with the same start, end and label.
    pub matched: usize,
    /// `matched / in_b`; `None` when B has no span.
    pub precision: Option<f64>,
    /// `matched / in_a`; `None` when A has no span.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall; `None` when both are undefined, 0 when
    /// nothing matched.
    pub f1: Option<f64>,
    /// Cohen's κ over the units; `None` when chance agreement is 1 (both annotators put
    /// every unit in the same single class), where κ is undefined.
    pub kappa: Option<f64>,
}

/// What kind of disagreement a group of spans is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisagreementKind {
    /// The same boundaries, different labels.
    LabelDiffers,
    /// Overlapping spans with different boundaries (the labels may differ too).
    BoundaryDiffers,
    /// A has spans here, B has none.
    OnlyA,
    /// B has spans here, A has none.
    OnlyB,
}

/// A span as one annotator marked it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MarkedSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// A region where the annotators disagree: the spans of A and of B that do not match
/// exactly, grouped while they overlap.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    /// Index into [`Agreement::documents`].
    pub document: usize,
    /// The whole region, from the first start to the last end.
    pub start: usize,
    pub end: usize,
    /// The region's text.
    pub text: String,
    pub kind: DisagreementKind,
    /// A's spans in the region, in order.
    pub a: Vec<MarkedSpan>,
    /// B's spans in the region, in order.
    pub b: Vec<MarkedSpan>,
}

/// The result of [`compare`].
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    pub documents: Vec<DocumentPair>,
    /// Ids of A's documents with no partner in B, and the other way round.
    pub only_in_a: Vec<String>,
    pub only_in_b: Vec<String>,
    /// Per label, in the order of A's label set, then B's, then any other label used.
    pub labels: Vec<LabelScores>,
    /// Micro average over all labels; its κ is the multi-class κ.
    pub overall: LabelScores,
    pub unit: UnitSummary,
    /// Every disagreement, document by document, in text order. Their indices are what
    /// [`merge`]'s choices refer to.
    pub disagreements: Vec<Disagreement>,
}

/// A curator's decision for one disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    TakeA,
    TakeB,
    /// Drop every span of the region.
    Neither,
}

/// Pairs up documents: first by identical text, then by id when the texts have the same
/// length (a document whose text differs in length cannot be compared by offsets).
fn pair_documents(a: &Project, b: &Project) -> Vec<(usize, usize, MatchedBy)> {
    // The stored hash may be stale or missing in a hand-edited file; recompute it.
    let b_hashes: Vec<String> = b.documents.iter().map(|d| text_sha256(&d.text)).collect();
    let mut used_b = vec![false; b.documents.len()];
    let mut pairs: Vec<(usize, usize, MatchedBy)> = Vec::new();
    let mut unpaired_a = Vec::new();
    for (i, doc) in a.documents.iter().enumerate() {
        let hash = text_sha256(&doc.text);
        let found =
            b_hashes.iter().enumerate().position(|(j, h)| !used_b.get(j).copied().unwrap_or(true) && *h == hash);
        match found {
            Some(j) => {
                if let Some(slot) = used_b.get_mut(j) {
                    *slot = true;
                }
                pairs.push((i, j, MatchedBy::Text));
            }
            None => unpaired_a.push(i),
        }
    }
    for i in unpaired_a {
        let Some(doc) = a.documents.get(i) else { continue };
        let len = char_len(&doc.text);
        let found = b.documents.iter().enumerate().position(|(j, other)| {
            !used_b.get(j).copied().unwrap_or(true) && other.id == doc.id && char_len(&other.text) == len
        });
        if let Some(j) = found {
            if let Some(slot) = used_b.get_mut(j) {
                *slot = true;
            }
            pairs.push((i, j, MatchedBy::Id));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// The units of one document, as `[start, end)` code point ranges.
fn units_of(a: &Document, b: &Document) -> (Unit, Vec<Span>) {
    let len = char_len(&a.text);
    let tokens = if a.tokens.is_empty() { &b.tokens } else { &a.tokens };
    let spans: Vec<Span> = tokens
        .iter()
        .map(|t| Span { start: t.start as usize, end: (t.end as usize).min(len) })
        .filter(|s| s.start < s.end)
        .collect();
    if spans.is_empty() {
        (Unit::Char, (0..len).map(|i| Span { start: i, end: i + 1 }).collect())
    } else {
        (Unit::Token, spans)
    }
}

/// The label of every character: the entity covering it, the outermost one when spans
/// nest (as the guidelines keep the outermost), `None` when no entity covers it.
fn char_labels(entities: &[Entity], len: usize) -> Vec<Option<&str>> {
    let mut labels: Vec<Option<&str>> = vec![None; len];
    let mut by_length: Vec<&Entity> = entities.iter().collect();
    by_length.sort_by_key(|e| std::cmp::Reverse(e.end.saturating_sub(e.start)));
    for e in by_length {
        for slot in labels.iter_mut().take(e.end).skip(e.start) {
            slot.get_or_insert(&e.label);
        }
    }
    labels
}

/// The label of a unit: the label of most of its characters, where characters no entity
/// covers count as [`OUTSIDE`]. On a tie an entity label wins over `O`, and the label met
/// first wins over later ones.
///
/// This matters only when an entity boundary falls inside a token. For the token
/// `乔贺李博文` with the entities `乔贺` and `李博文` the unit is PER (5 of 5 characters);
/// with only `乔贺` marked it is O (2 characters PER, 3 uncovered).
fn unit_label<'l>(chars: &[Option<&'l str>], unit: Span) -> &'l str {
    let mut tally: Vec<(&str, usize)> = Vec::new();
    for label in chars.get(unit.start..unit.end).unwrap_or(&[]) {
        let label = label.unwrap_or(OUTSIDE);
        match tally.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => tally.push((label, 1)),
        }
    }
    let mut best: (&str, usize) = (OUTSIDE, 0);
    for (label, n) in tally {
        if n > best.1 || (n == best.1 && best.0 == OUTSIDE) {
            best = (label, n);
        }
    }
    best.0
}

/// Cohen's κ of two labellings of the same units, given as `(a, b)` pairs.
///
/// κ = (p_o − p_e) / (1 − p_e), with p_o the observed agreement and p_e the agreement
/// expected by chance from each annotator's label frequencies. `None` when there are no
/// units or p_e = 1 (both annotators used one and the same class for every unit).
pub fn cohen_kappa<'l>(pairs: impl IntoIterator<Item = (&'l str, &'l str)>) -> Option<f64> {
    let mut n = 0usize;
    let mut agree = 0usize;
    let mut count_a: BTreeMap<&str, usize> = BTreeMap::new();
    let mut count_b: BTreeMap<&str, usize> = BTreeMap::new();
    for (a, b) in pairs {
        n += 1;
        if a == b {
            agree += 1;
        }
        *count_a.entry(a).or_insert(0) += 1;
        *count_b.entry(b).or_insert(0) += 1;
    }
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let p_o = agree as f64 / n;
    let p_e: f64 =
        count_a.iter().map(|(label, &ca)| ca as f64 / n * count_b.get(label).copied().unwrap_or(0) as f64 / n).sum();
    // p_e is a sum of products of fractions; 1 − p_e below a rounding error means 1.
    if 1.0 - p_e < 1e-12 {
        return None;
    }
    Some((p_o - p_e) / (1.0 - p_e))
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

fn scores(label: &str, in_a: usize, in_b: usize, matched: usize, kappa: Option<f64>) -> LabelScores {
    let precision = ratio(matched, in_b);
    let recall = ratio(matched, in_a);
    let f1 = match (precision, recall) {
        (None, None) => None,
        // One side empty and the other not: nothing can match, F1 is 0.
        (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
        _ => Some(0.0),
    };
    LabelScores { label: label.to_owned(), in_a, in_b, matched, precision, recall, f1, kappa }
}

fn marked(e: &Entity) -> MarkedSpan {
    MarkedSpan { start: e.start, end: e.end, label: e.label.clone() }
}

/// Groups the unmatched spans of one document into overlapping regions.
fn disagreements_in(document: usize, text: &str, a: Vec<MarkedSpan>, b: Vec<MarkedSpan>) -> Vec<Disagreement> {
    // (span, from A?) sorted by start: a sweep joins spans while they overlap the region.
    let mut all: Vec<(MarkedSpan, bool)> =
        a.into_iter().map(|s| (s, true)).chain(b.into_iter().map(|s| (s, false))).collect();
    all.sort();
    let mut groups: Vec<Disagreement> = Vec::new();
    for (span, from_a) in all {
        let joins = groups.last().is_some_and(|g| span.start < g.end);
        if !joins {
            groups.push(Disagreement {
                document,
                start: span.start,
                end: span.end,
                text: String::new(),
                kind: DisagreementKind::OnlyA,
                a: Vec::new(),
                b: Vec::new(),
            });
        }
        if let Some(group) = groups.last_mut() {
            group.end = group.end.max(span.end);
            if from_a {
                group.a.push(span);
            } else {
                group.b.push(span);
            }
        }
    }
    for group in &mut groups {
        group.text = crate::core::text::char_slice(text, group.start, group.end).unwrap_or("").to_owned();
        group.kind = match (group.a.as_slice(), group.b.as_slice()) {
            (_, []) => DisagreementKind::OnlyA,
            ([], _) => DisagreementKind::OnlyB,
            ([x], [y]) if x.start == y.start && x.end == y.end => DisagreementKind::LabelDiffers,
            _ => DisagreementKind::BoundaryDiffers,
        };
    }
    groups
}

/// Label order for the table: A's label set, then B's, then labels used but not declared.
fn label_order(a: &Project, b: &Project, used: &BTreeSet<String>) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    let declared = a.labels.iter().chain(b.labels.iter()).map(|l| l.name.clone());
    for name in declared.chain(used.iter().cloned()) {
        if !order.contains(&name) {
            order.push(name);
        }
    }
    order
}

/// Compares two annotators' projects. A is the reference for precision and recall.
pub fn compare(a: &Project, b: &Project) -> Agreement {
    let pairs = pair_documents(a, b);
    let mut documents = Vec::new();
    // Per label: (in A, in B, matched).
    let mut counts: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    // The label of every unit, from A and from B, over all documents.
    let mut unit_labels: Vec<(String, String)> = Vec::new();
    let mut disagreements = Vec::new();
    for (ia, ib, matched_by) in pairs {
        let (Some(doc_a), Some(doc_b)) = (a.documents.get(ia), b.documents.get(ib)) else { continue };
        let ents_a = doc_a.entities().entities();
        let ents_b = doc_b.entities().entities();
        let set_a: BTreeSet<MarkedSpan> = ents_a.iter().map(marked).collect();
        let set_b: BTreeSet<MarkedSpan> = ents_b.iter().map(marked).collect();
        for s in &set_a {
            counts.entry(s.label.clone()).or_default().0 += 1;
        }
        for s in &set_b {
            let entry = counts.entry(s.label.clone()).or_default();
            entry.1 += 1;
            if set_a.contains(s) {
                entry.2 += 1;
            }
        }
        let (unit, units) = units_of(doc_a, doc_b);
        let len = char_len(&doc_a.text);
        let (chars_a, chars_b) = (char_labels(ents_a, len), char_labels(ents_b, len));
        for u in &units {
            unit_labels.push((unit_label(&chars_a, *u).to_owned(), unit_label(&chars_b, *u).to_owned()));
        }
        let index = documents.len();
        let only_a: Vec<MarkedSpan> = set_a.difference(&set_b).cloned().collect();
        let only_b: Vec<MarkedSpan> = set_b.difference(&set_a).cloned().collect();
        disagreements.extend(disagreements_in(index, &doc_a.text, only_a, only_b));
        documents.push(DocumentPair {
            a: ia,
            b: ib,
            id: doc_a.id.clone(),
            title: doc_a.title.clone(),
            matched_by,
            unit,
            units: units.len(),
        });
    }
    let paired_a: BTreeSet<usize> = documents.iter().map(|d| d.a).collect();
    let paired_b: BTreeSet<usize> = documents.iter().map(|d| d.b).collect();
    let unpaired = |p: &Project, paired: &BTreeSet<usize>| -> Vec<String> {
        p.documents.iter().enumerate().filter(|(i, _)| !paired.contains(i)).map(|(_, d)| d.id.clone()).collect()
    };
    let used: BTreeSet<String> = counts.keys().cloned().collect();
    let labels = label_order(a, b, &used)
        .into_iter()
        .map(|label| {
            let (in_a, in_b, matched) = counts.get(&label).copied().unwrap_or_default();
            let one_vs_rest = unit_labels.iter().map(|(x, y)| {
                let side = |l: &str| if l == label { label.as_str() } else { OUTSIDE };
                (side(x), side(y))
            });
            scores(&label, in_a, in_b, matched, cohen_kappa(one_vs_rest))
        })
        .collect();
    let total = counts.values().fold((0, 0, 0), |acc, c| (acc.0 + c.0, acc.1 + c.1, acc.2 + c.2));
    let overall_kappa = cohen_kappa(unit_labels.iter().map(|(x, y)| (x.as_str(), y.as_str())));
    let token_documents = documents.iter().filter(|d| d.unit == Unit::Token).count();
    let char_documents = documents.len() - token_documents;
    let unit = match (token_documents, char_documents) {
        (0, 0) => UnitSummary::None,
        (_, 0) => UnitSummary::All(Unit::Token),
        (0, _) => UnitSummary::All(Unit::Char),
        _ => UnitSummary::Mixed { token_documents, char_documents },
    };
    Agreement {
        only_in_a: unpaired(a, &paired_a),
        only_in_b: unpaired(b, &paired_b),
        documents,
        labels,
        overall: scores("all", total.0, total.1, total.2, overall_kappa),
        unit,
        disagreements,
    }
}

/// A's labels, then those of B's labels that A lacks (without a hotkey that A already uses),
/// then a plain label for any other name used by a chosen span.
fn merged_labels(a: &LabelSet, b: &LabelSet, used: &BTreeSet<String>) -> LabelSet {
    let mut labels: Vec<Label> = a.labels().to_vec();
    for label in b.iter() {
        if labels.iter().any(|l| l.name == label.name) {
            continue;
        }
        let mut label = label.clone();
        if labels.iter().any(|l| l.hotkey.is_some() && l.hotkey == label.hotkey) {
            label.hotkey = None;
        }
        labels.push(label);
    }
    for name in used {
        if !labels.iter().any(|l| &l.name == name) {
            labels.push(plain_label(name));
        }
    }
    // Every label above passed validation in its own set, and hotkey clashes are removed;
    // should something still be refused, A's set is the safe answer.
    LabelSet::new(labels.clone()).unwrap_or_else(|_| {
        LabelSet::new(labels.into_iter().map(|l| Label { hotkey: None, ..l }).collect()).unwrap_or_else(|_| a.clone())
    })
}

/// The result of [`merge`].
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// One document per compared pair: A's text, tokens and metadata with the merged,
    /// flat entities. Documents found in only one project are left out.
    pub project: Project,
    /// Disagreements without a choice (treated as [`Choice::Neither`]).
    pub undecided: usize,
    /// Spans that could not go in because they overlapped a span already there. Only
    /// nested input can cause this; the merged set is always flat.
    pub skipped: Vec<(String, MarkedSpan)>,
}

/// Builds the curated project: in every compared document, the spans both annotators agree
/// on, plus, per disagreement, A's spans, B's spans or none, as `choices[i]` says for
/// `agreement.disagreements[i]` (a missing or `None` choice keeps neither).
///
/// `agreement` must come from `compare(a, b)` on the same projects.
pub fn merge(a: &Project, b: &Project, agreement: &Agreement, choices: &[Option<Choice>]) -> Merged {
    let mut project = Project { labels: LabelSet::default(), user_words: a.user_words.clone(), ..Project::default() };
    for word in &b.user_words {
        if !project.user_words.contains(word) {
            project.user_words.push(word.clone());
        }
    }
    project.annotator = match (a.annotator.trim(), b.annotator.trim()) {
        ("", "") => String::new(),
        (x, "") | ("", x) => x.to_owned(),
        (x, y) => format!("{x} + {y}"),
    };
    let mut undecided = 0;
    let mut skipped = Vec::new();
    let mut used = BTreeSet::new();
    for (index, pair) in agreement.documents.iter().enumerate() {
        let (Some(doc_a), Some(doc_b)) = (a.documents.get(pair.a), b.documents.get(pair.b)) else { continue };
        let origins: BTreeMap<MarkedSpan, Origin> =
            doc_b.entities().iter().chain(doc_a.entities().iter()).map(|e| (marked(e), e.origin)).collect();
        let set_b: BTreeSet<MarkedSpan> = doc_b.entities().iter().map(marked).collect();
        let mut wanted: Vec<MarkedSpan> = doc_a.entities().iter().map(marked).filter(|s| set_b.contains(s)).collect();
        for (i, d) in agreement.disagreements.iter().enumerate().filter(|(_, d)| d.document == index) {
            match choices.get(i).copied().flatten() {
                Some(Choice::TakeA) => wanted.extend(d.a.iter().cloned()),
                Some(Choice::TakeB) => wanted.extend(d.b.iter().cloned()),
                Some(Choice::Neither) => {}
                None => undecided += 1,
            }
        }
        // Longest first, so that with nested input the outermost span wins, as the
        // guidelines ask.
        wanted.sort_by(|x, y| (y.end - y.start).cmp(&(x.end - x.start)).then(x.cmp(y)));
        wanted.dedup();
        let mut set = AnnotationSet::new(char_len(&doc_a.text));
        for span in wanted {
            let origin = origins.get(&span).copied().unwrap_or(Origin::Manual);
            match set.add(Span { start: span.start, end: span.end }, &span.label, origin, None) {
                Ok(_) => {
                    used.insert(span.label.clone());
                }
                Err(_) => skipped.push((doc_a.id.clone(), span)),
            }
        }
        let mut doc = doc_a.clone();
        doc.editor = Editor::new(set);
        doc.meta.annotator = project.annotator.clone();
        project.documents.push(doc);
    }
    project.labels = merged_labels(&a.labels, &b.labels, &used);
    Merged { project, undecided, skipped }
}

impl Disagreement {
    /// The text of one of this region's spans.
    pub fn span_text(&self, span: &MarkedSpan) -> String {
        let from = span.start.saturating_sub(self.start);
        let len = span.end.saturating_sub(span.start);
        self.text.chars().skip(from).take(len).collect()
    }
}

/// Which annotator's export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    A,
    B,
}

/// An export that was read, with the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedExport {
    pub file_name: String,
    pub project: Project,
}

/// A curator's review session: two exports, their comparison and a choice per
/// disagreement. The agreement panel keeps one of these as its state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Review {
    pub a: Option<LoadedExport>,
    pub b: Option<LoadedExport>,
    /// Present once both exports are loaded.
    pub agreement: Option<Agreement>,
    /// One entry per disagreement of [`Self::agreement`]; `None` while undecided.
    pub choices: Vec<Option<Choice>>,
}

impl Review {
    /// Reads `input` as one side's export. On error nothing changes. Loading either side
    /// again recomputes the comparison and clears the choices.
    #[allow(clippy::result_large_err)]
    pub fn load(&mut self, side: Side, file_name: &str, input: &str, labels: &LabelSet) -> Result<(), ImportError> {
        let project = load_export(input, file_name, labels)?;
        let loaded = Some(LoadedExport { file_name: file_name.to_owned(), project });
        match side {
            Side::A => self.a = loaded,
            Side::B => self.b = loaded,
        }
        self.agreement = match (&self.a, &self.b) {
            (Some(a), Some(b)) => Some(compare(&a.project, &b.project)),
            _ => None,
        };
        self.choices = vec![None; self.agreement.as_ref().map_or(0, |r| r.disagreements.len())];
        Ok(())
    }

    /// Records (or, with `None`, clears) the choice for disagreement `index`; an index out
    /// of range is ignored.
    pub fn choose(&mut self, index: usize, choice: Option<Choice>) {
        if let Some(slot) = self.choices.get_mut(index) {
            *slot = choice;
        }
    }

    /// Sets every undecided disagreement to `choice`.
    pub fn choose_undecided(&mut self, choice: Choice) {
        for slot in self.choices.iter_mut().filter(|c| c.is_none()) {
            *slot = Some(choice);
        }
    }

    /// How many disagreements have a choice.
    pub fn decided(&self) -> usize {
        self.choices.iter().filter(|c| c.is_some()).count()
    }

    /// The curated project, once both exports are loaded.
    pub fn merged(&self) -> Option<Merged> {
        let (a, b, agreement) = (self.a.as_ref()?, self.b.as_ref()?, self.agreement.as_ref()?);
        Some(merge(&a.project, &b.project, agreement, &self.choices))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::segment::Token;
    use std::sync::Arc;

    const NOW: &str = "2026-11-25T00:00:00.000Z";

    fn doc(id: &str, text: &str, spans: &[(usize, usize, &str)]) -> Document {
        let mut d = Document::new(id, id, text, NOW);
        let mut set = AnnotationSet::new(char_len(text));
        for &(s, e, l) in spans {
            set.add(Span { start: s, end: e }, l, Origin::Manual, None).unwrap();
        }
        d.editor = Editor::new(set);
        d
    }

    fn project(docs: Vec<Document>) -> Project {
        Project { documents: docs, ..Project::default() }
    }

    fn close(x: Option<f64>, y: f64) -> bool {
        x.is_some_and(|x| (x - y).abs() < 1e-9)
    }

    #[test]
    fn kappa_of_a_two_by_two_table_by_hand() {
        // 10 units. A: PER PER PER PER O O O O O O; B: PER PER PER O PER O O O O O.
        // Agreements: 3 (PER,PER) + 5 (O,O) = 8 → p_o = 0.8.
        // A: PER 4, O 6; B: PER 4, O 6 → p_e = 0.4·0.4 + 0.6·0.6 = 0.16 + 0.36 = 0.52.
        // κ = (0.8 − 0.52) / (1 − 0.52) = 0.28 / 0.48 = 7/12 ≈ 0.5833.
        let a = ["PER", "PER", "PER", "PER", "O", "O", "O", "O", "O", "O"];
        let b = ["PER", "PER", "PER", "O", "PER", "O", "O", "O", "O", "O"];
        assert!(close(cohen_kappa(a.into_iter().zip(b)), 7.0 / 12.0));
    }

    #[test]
    fn kappa_of_three_classes_by_hand() {
        // 6 units. A: LOC LOC ORG ORG O O; B: LOC ORG ORG ORG O LOC.
        // Agreements: unit 1 (LOC), 3, 4 (ORG), 5 (O) = 4 → p_o = 4/6 = 2/3.
        // A: LOC 2, ORG 2, O 2; B: LOC 2, ORG 3, O 1.
        // p_e = (2·2 + 2·3 + 2·1) / 36 = 12/36 = 1/3.
        // κ = (2/3 − 1/3) / (1 − 1/3) = (1/3) / (2/3) = 1/2.
        let a = ["LOC", "LOC", "ORG", "ORG", "O", "O"];
        let b = ["LOC", "ORG", "ORG", "ORG", "O", "LOC"];
        assert!(close(cohen_kappa(a.into_iter().zip(b)), 0.5));
    }

    #[test]
    fn kappa_is_undefined_when_both_use_one_class_and_negative_when_opposite() {
        assert_eq!(cohen_kappa([("O", "O"), ("O", "O")]), None);
        assert_eq!(cohen_kappa(std::iter::empty()), None);
        // A: X O, B: O X. p_o = 0; p_e = ½·½ + ½·½ = ½; κ = (0 − ½)/(1 − ½) = −1.
        assert!(close(cohen_kappa([("X", "O"), ("O", "X")]), -1.0));
        // Perfect agreement with two classes: κ = 1.
        assert!(close(cohen_kappa([("X", "X"), ("O", "O")]), 1.0));
    }

    /// `刘伟平在郑州市中原区` (10 characters, no tokens, so κ counts characters).
    ///   A: PER 0..3 刘伟平, LOC 4..7 郑州市, LOC 7..10 中原区
    ///   B: PER 0..3 刘伟平, ORG 4..7 郑州市, LOC 7..9 中原
    fn small_pair() -> (Project, Project) {
        let text = "刘伟平在郑州市中原区";
        let a = project(vec![doc("d", text, &[(0, 3, "PER"), (4, 7, "LOC"), (7, 10, "LOC")])]);
        let b = project(vec![doc("other-id", text, &[(0, 3, "PER"), (4, 7, "ORG"), (7, 9, "LOC")])]);
        (a, b)
    }

    #[test]
    fn span_scores_and_character_kappa_by_hand() {
        let (a, b) = small_pair();
        let result = compare(&a, &b);
        assert_eq!(result.unit, UnitSummary::All(Unit::Char));
        assert_eq!(result.documents.len(), 1);
        assert_eq!(result.documents[0].matched_by, MatchedBy::Text, "ids differ, texts agree");
        assert_eq!(result.documents[0].units, 10);

        // Spans: A has 3, B has 3, one exact match (PER 0..3).
        // P = 1/3, R = 1/3, F1 = 1/3.
        let all = &result.overall;
        assert_eq!((all.in_a, all.in_b, all.matched), (3, 3, 1));
        assert!(close(all.f1, 1.0 / 3.0));
        let per = result.labels.iter().find(|l| l.label == "PER").unwrap();
        assert!(close(per.f1, 1.0));
        // LOC: A 2, B 1 (7..9), matched 0 → P = 0, R = 0, F1 = 0.
        let loc = result.labels.iter().find(|l| l.label == "LOC").unwrap();
        assert_eq!((loc.in_a, loc.in_b, loc.matched), (2, 1, 0));
        assert!(close(loc.f1, 0.0));
        // ORG: A 0, B 1 → recall undefined, precision 0, F1 0.
        let org = result.labels.iter().find(|l| l.label == "ORG").unwrap();
        assert_eq!(org.recall, None);
        assert!(close(org.f1, 0.0));

        // Characters:  刘 伟 平 在 郑 州 市 中 原 区
        //   A:         P  P  P  O  L  L  L  L  L  L
        //   B:         P  P  P  O  G  G  G  L  L  O      (G = ORG)
        // Overall: agreements 刘伟平在 + 中原 = 6 → p_o = 0.6.
        //   A: PER 3, O 1, LOC 6; B: PER 3, O 2, ORG 3, LOC 2.
        //   p_e = (3·3 + 1·2 + 6·2 + 0·3) / 100 = 23/100 = 0.23.
        //   κ = (0.6 − 0.23) / 0.77 = 0.37 / 0.77 = 37/77 ≈ 0.4805.
        assert!(close(all.kappa, 37.0 / 77.0));
        // PER one-vs-rest: identical labellings, 3 PER + 7 rest → κ = 1.
        assert!(close(per.kappa, 1.0));
        // LOC one-vs-rest: A: 6 LOC, 4 rest; B: 2 LOC (中原), 8 rest.
        //   agreements: 中原 (LOC, LOC) = 2, 刘伟平在 (rest, rest) = 4 → p_o = 0.6.
        //   p_e = 0.6·0.2 + 0.4·0.8 = 0.12 + 0.32 = 0.44.
        //   κ = (0.6 − 0.44) / 0.56 = 0.16 / 0.56 = 2/7 ≈ 0.2857.
        assert!(close(loc.kappa, 2.0 / 7.0));
        // ORG one-vs-rest: A: 0 ORG; B: 3 ORG. p_o = 0.7; p_e = 0·0.3 + 1·0.7 = 0.7.
        //   κ = (0.7 − 0.7) / 0.3 = 0.
        assert!(close(org.kappa, 0.0));
    }

    #[test]
    fn disagreements_are_grouped_and_kinded() {
        let (a, b) = small_pair();
        let result = compare(&a, &b);
        let kinds: Vec<_> = result.disagreements.iter().map(|d| (d.start, d.end, d.kind, d.text.as_str())).collect();
        assert_eq!(
            kinds,
            [(4, 7, DisagreementKind::LabelDiffers, "郑州市"), (7, 10, DisagreementKind::BoundaryDiffers, "中原区")]
        );
        // Only-in-one-side and a region that chains several spans.
        let text = "一二三四五六七八九十";
        let a = project(vec![doc("d", text, &[(0, 2, "NUM"), (3, 5, "NUM"), (5, 7, "NUM")])]);
        let b = project(vec![doc("d", text, &[(4, 6, "NUM"), (8, 10, "NUM")])]);
        let result = compare(&a, &b);
        let found: Vec<_> =
            result.disagreements.iter().map(|d| (d.start, d.end, d.kind, d.a.len(), d.b.len())).collect();
        assert_eq!(
            found,
            [
                (0, 2, DisagreementKind::OnlyA, 1, 0),
                (3, 7, DisagreementKind::BoundaryDiffers, 2, 1),
                (8, 10, DisagreementKind::OnlyB, 0, 1),
            ]
        );
    }

    #[test]
    fn tokens_are_the_units_when_present_and_a_split_token_takes_its_majority_label() {
        // 记者乔贺李博文: tokens 记者 | 乔贺李博文 (one token for two names).
        let text = "记者乔贺李博文";
        let tokens: Arc<[Token]> =
            Arc::from(vec![Token { start: 0, end: 2, pos: "n".into() }, Token { start: 2, end: 7, pos: "nr".into() }]);
        let mut da = doc("d", text, &[(2, 4, "PER"), (4, 7, "PER")]);
        da.tokens = tokens;
        // B marked only 乔贺 (2 of the token's 5 characters) → the token is O for B,
        // while A covers all 5 → PER.
        let db = doc("d", text, &[(2, 4, "PER")]);
        let result = compare(&project(vec![da]), &project(vec![db]));
        assert_eq!(result.unit, UnitSummary::All(Unit::Token));
        assert_eq!(result.documents[0].units, 2);
        // Units: 记者 (O, O), 乔贺李博文 (PER, O). p_o = 1/2.
        // A: O 1, PER 1; B: O 2 → p_e = (1·2 + 1·0) / 4 = 1/2 → κ = 0 / (1/2) = 0.
        assert!(close(result.overall.kappa, 0.0));
    }

    #[test]
    fn documents_pair_by_text_then_by_id_with_the_same_length() {
        let a = project(vec![
            doc("one", "郑州", &[]),
            doc("two", "洛阳市", &[]),
            doc("three", "开封", &[]),
            doc("four", "许昌", &[]),
        ]);
        let b = project(vec![
            doc("x", "郑州", &[]),
            doc("two", "洛阳县", &[]),
            doc("three", "开封市", &[]),
            doc("five", "新乡", &[]),
        ]);
        let result = compare(&a, &b);
        let pairs: Vec<_> = result.documents.iter().map(|d| (d.a, d.b, d.matched_by)).collect();
        assert_eq!(pairs, [(0, 0, MatchedBy::Text), (1, 1, MatchedBy::Id)]);
        assert_eq!(result.only_in_a, ["three", "four"]);
        assert_eq!(result.only_in_b, ["three", "five"]);
    }

    #[test]
    fn merge_follows_the_choices_and_stays_flat() {
        let (a, b) = small_pair();
        let result = compare(&a, &b);
        let spans = |m: &Merged| -> Vec<(usize, usize, String)> {
            m.project.documents[0].entities().iter().map(|e| (e.start, e.end, e.label.clone())).collect()
        };
        let m = merge(&a, &b, &result, &[Some(Choice::TakeB), Some(Choice::TakeA)]);
        assert_eq!(spans(&m), [(0, 3, "PER".to_owned()), (4, 7, "ORG".to_owned()), (7, 10, "LOC".to_owned())]);
        assert_eq!((m.undecided, m.skipped.len()), (0, 0));
        assert_eq!(&*m.project.documents[0].text, "刘伟平在郑州市中原区");
        let m = merge(&a, &b, &result, &[Some(Choice::Neither)]);
        assert_eq!(spans(&m), [(0, 3, "PER".to_owned())]);
        assert_eq!(m.undecided, 1, "the second choice is missing");
        // The merged project re-imports as app JSON, so the set is valid.
        let exported = formats::Format::Json.export_all(&m.project, NOW).unwrap();
        let back =
            formats::import(formats::Format::Json, exported.as_text().unwrap(), "m.json", &ImportOptions::default());
        assert!(back.is_ok(), "{back:?}");
    }

    #[test]
    fn merge_of_nested_input_keeps_the_outermost_span() {
        let text = "中原区园林绿化养护中心";
        let mut set = AnnotationSet::new(char_len(text)).with_nesting(true);
        set.add(Span { start: 0, end: 11 }, "ORG", Origin::Manual, None).unwrap();
        set.add(Span { start: 0, end: 3 }, "LOC", Origin::Manual, None).unwrap();
        let mut da = doc("d", text, &[]);
        da.editor = Editor::new(set);
        let db = doc("d", text, &[(0, 3, "LOC")]);
        let (a, b) = (project(vec![da]), project(vec![db]));
        let result = compare(&a, &b);
        assert_eq!(result.disagreements.len(), 1);
        let m = merge(&a, &b, &result, &[Some(Choice::TakeA)]);
        let kept: Vec<_> = m.project.documents[0].entities().iter().map(|e| (e.start, e.end)).collect();
        assert_eq!(kept, [(0, 11)]);
        assert_eq!(m.skipped.len(), 1, "LOC 0..3 agreed but nests inside the ORG");
        assert!(!m.project.documents[0].entities().nesting());
    }

    #[test]
    fn empty_and_unrelated_projects_do_not_panic() {
        let empty = Project::default();
        let result = compare(&empty, &empty);
        assert_eq!(result.unit, UnitSummary::None);
        assert_eq!(result.overall.kappa, None);
        assert_eq!(result.overall.f1, None);
        let a = project(vec![doc("a", "", &[])]);
        let result = compare(&a, &a);
        assert_eq!(result.documents[0].units, 0);
        let m = merge(&a, &a, &result, &[Some(Choice::TakeA); 5]);
        assert_eq!(m.project.documents.len(), 1);
    }

    #[test]
    fn load_export_detects_the_format_and_names_the_file_on_error() {
        let labels = LabelSet::default();
        let p = load_export("{\"text\": \"郑州\", \"label\": [[0, 2, \"LOC\"]]}\n", "a.jsonl", &labels).unwrap();
        assert_eq!(p.documents[0].entities().len(), 1);
        // Labels outside the set are added rather than refused.
        let p = load_export("{\"text\": \"郑州\", \"label\": [[0, 2, \"CITY\"]]}\n", "a.jsonl", &labels).unwrap();
        assert_eq!(p.documents[0].entities().entities()[0].label, "CITY");
        assert!(p.labels.contains("CITY") && p.labels.contains("PER"));
        let err = load_export("hello", "notes.txt", &labels).unwrap_err();
        assert_eq!(err.kind, ImportErrorKind::UnknownFormat);
        assert!(err.to_string().starts_with("notes.txt: "), "{err}");
    }

    fn doccano(spans: &str) -> String {
        format!("{{\"id\": \"d\", \"text\": \"刘伟平在郑州市中原区\", \"label\": [{spans}]}}\n")
    }

    #[test]
    fn a_review_loads_both_sides_then_merges_the_choices() {
        let labels = LabelSet::default();
        let mut review = Review::default();
        review.load(Side::A, "a.jsonl", &doccano("[0, 3, \"PER\"], [4, 7, \"LOC\"]"), &labels).unwrap();
        assert!(review.agreement.is_none() && review.merged().is_none());
        let before = review.clone();
        assert!(review.load(Side::B, "b.jsonl", "{broken", &labels).is_err());
        assert_eq!(review, before, "a failed load changes nothing");
        review.load(Side::B, "b.jsonl", &doccano("[0, 3, \"PER\"], [4, 7, \"ORG\"]"), &labels).unwrap();
        let result = review.agreement.as_ref().unwrap();
        assert_eq!(result.disagreements.len(), 1);
        let d = &result.disagreements[0];
        assert_eq!(
            (d.span_text(&d.a[0]), d.a[0].label.as_str(), d.b[0].label.as_str()),
            ("郑州市".into(), "LOC", "ORG")
        );
        assert_eq!(review.decided(), 0);
        review.choose(0, Some(Choice::TakeB));
        review.choose(7, Some(Choice::TakeA));
        assert_eq!(review.decided(), 1);
        let merged = review.merged().unwrap();
        let labels: Vec<_> = merged.project.documents[0].entities().iter().map(|e| e.label.clone()).collect();
        assert_eq!(labels, ["PER", "ORG"]);
        review.choose(0, None);
        review.choose_undecided(Choice::Neither);
        assert_eq!(review.choices, [Some(Choice::Neither)]);
    }

    /// Flat, non-overlapping spans over a 12-character text, from arbitrary cut points.
    fn arb_spans() -> impl proptest::strategy::Strategy<Value = Vec<(usize, usize, &'static str)>> {
        use proptest::prelude::*;
        prop::collection::vec((0usize..12, 1usize..4, prop::sample::select(vec!["PER", "LOC", "ORG"])), 0..6).prop_map(
            |raw| {
                let mut spans: Vec<(usize, usize, &str)> = Vec::new();
                for (start, len, label) in raw {
                    let end = (start + len).min(12);
                    if !spans.iter().any(|&(s, e, _)| start < e && s < end) {
                        spans.push((start, end, label));
                    }
                }
                spans
            },
        )
    }

    proptest::proptest! {
        #[test]
        fn scores_stay_in_range_and_taking_one_side_everywhere_gives_that_side(a in arb_spans(), b in arb_spans()) {
            let text = "一二三四五六七八九十百千";
            let (pa, pb) = (project(vec![doc("d", text, &a)]), project(vec![doc("d", text, &b)]));
            let result = compare(&pa, &pb);
            for s in result.labels.iter().chain(std::iter::once(&result.overall)) {
                proptest::prop_assert!(s.kappa.is_none_or(|k| (-1.0 - 1e-9..=1.0 + 1e-9).contains(&k)), "{s:?}");
                proptest::prop_assert!(s.f1.is_none_or(|f| (0.0..=1.0).contains(&f)), "{s:?}");
            }
            let entities = |p: &Project| -> Vec<(usize, usize, String)> {
                p.documents[0].entities().iter().map(|e| (e.start, e.end, e.label.clone())).collect()
            };
            let n = result.disagreements.len();
            for (choice, expected) in [(Choice::TakeA, &pa), (Choice::TakeB, &pb)] {
                let merged = merge(&pa, &pb, &result, &vec![Some(choice); n]);
                proptest::prop_assert_eq!(entities(&merged.project), entities(expected));
                proptest::prop_assert!(merged.skipped.is_empty());
            }
            // Neither everywhere keeps exactly the spans both agree on.
            let merged = merge(&pa, &pb, &result, &vec![Some(Choice::Neither); n]);
            proptest::prop_assert_eq!(merged.project.documents[0].entities().len(), result.overall.matched);
        }
    }
}
