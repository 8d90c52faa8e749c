//! Bulletin-aware entity recognition: rules plus a trained model (see issue 4 and
//! `docs/ner.md`).
//!
//! [`BulletinRecogniser`] combines:
//! - rules for bylines (PER) and quoted names (TERM), see [`rules_text`];
//! - rules for DATE and NUM, see [`rules_time`];
//! - the trained tagger [`Model`] for PER/LOC/ORG, whose spans are post-edited by
//!   [`rules_place`] (administrative chains split per level, prefixes joined to ORGs).
//!
//! Precedence (the output is flat and sorted by start):
//! 1. bylines and quoted TERMs, which punctuation delimits, come first (a TERM without
//!    separators gives way when the model finds a name inside it);
//! 2. then, among DATE/NUM rules and model spans, the longest span wins; on equal length
//!    a rule beats the model, then the earlier span wins;
//! 3. a span overlapping one already taken is dropped.

pub mod adapt;
pub mod corpus;
pub mod features;
pub mod gazetteer;
pub mod kernel;
pub mod model;
pub mod perceptron;
pub mod report;
pub mod rules;
pub mod rules_org;
pub mod rules_place;
pub mod rules_text;
pub mod rules_time;
pub mod score;
pub mod tags;

pub use model::{Model, ModelError};

use crate::core::entity::Suggestion;
use crate::core::recognise::{PosRecogniser, Recogniser};
use crate::core::segment::Token;
use rules::Cand;

/// Rules plus the model; without a model, PER/LOC/ORG come from jieba's POS tags.
#[derive(Debug, Clone)]
pub struct BulletinRecogniser {
    model: Option<Model>,
    adaptation: adapt::Adaptation,
}

impl BulletinRecogniser {
    pub fn new(model: Model) -> Self {
        Self { model: Some(model), adaptation: adapt::Adaptation::default() }
    }

    /// Parses a model file (as fetched by the web worker; see [`Model::from_file_bytes`]).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        Model::from_file_bytes(bytes).map(Self::new)
    }

    /// Rules only, with jieba POS tags standing in for the model.
    pub fn without_model() -> Self {
        Self { model: None, adaptation: adapt::Adaptation::default() }
    }

    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref()
    }

    /// Learns `doc`'s lessons (see [`adapt`]); returns whether suggestions may change.
    /// Without a model there is nothing to adapt.
    pub fn learn(&mut self, doc: &str, lessons: &[adapt::Lesson], segment: impl Fn(&str) -> Vec<Token>) -> bool {
        match self.model.as_mut() {
            Some(model) => self.adaptation.learn(model, doc, lessons, segment),
            None => false,
        }
    }

    pub fn adaptation(&self) -> &adapt::Adaptation {
        &self.adaptation
    }

    pub fn adaptation_mut(&mut self) -> &mut adapt::Adaptation {
        &mut self.adaptation
    }

    /// The adaptation as a file; `None` without a model.
    pub fn adaptation_file(&self) -> Option<adapt::AdaptationFile> {
        self.model.as_ref().map(|m| self.adaptation.to_file(m))
    }

    /// Replaces the adaptation with a file's; on error nothing changes.
    pub fn load_adaptation(&mut self, file: adapt::AdaptationFile) -> Result<(), adapt::AdaptationError> {
        match self.model.as_mut() {
            Some(model) => self.adaptation.load(model, file),
            None => Err(adapt::AdaptationError::Format("no model is loaded to adapt".into())),
        }
    }

    /// Back to the shipped model.
    pub fn reset_adaptation(&mut self) {
        if let Some(model) = self.model.as_mut() {
            self.adaptation.reset(model);
        }
    }

    /// PER/LOC/ORG candidates from the model (or POS tags), after the place rules.
    fn entities(&self, text: &str, chars: &[char], tokens: &[Token]) -> Vec<Cand> {
        let raw: Vec<Cand> = match &self.model {
            Some(m) => {
                let norm: Vec<char> = chars.iter().map(|&c| features::normalise(c)).collect();
                m.tag(&norm, tokens).into_iter().map(|(s, e, t)| Cand::new(s, e, tags::TYPES[t.min(2)])).collect()
            }
            None => PosRecogniser
                .recognise(text, tokens)
                .into_iter()
                .filter_map(|s| {
                    tags::TYPES.iter().find(|t| **t == s.label).map(|&label| Cand::new(s.start, s.end, label))
                })
                .collect(),
        };
        // Forms of address are not names (张阿姨), nor are bare surnames (李 of 李警官) or
        // names with the given name hidden (张某, 王某明).
        let raw = raw
            .into_iter()
            .map(|c| tidy(chars, c))
            .filter(|c| c.label != "PER" || rules_text::full_name(chars, c.start, c.end));
        // The model's places ending in a bare 社区/街道 after prose words are dropped by the
        // same test as the rule's (美化社区).
        let raw = raw.filter(|c| c.label != "LOC" || rules_place::plausible_place(chars, c));
        let mut split = rules_place::split_chains(chars, tokens, raw.map(|c| trim_preposition(chars, c)).collect());
        split.extend(rules_place::admin_units(chars, tokens));
        split.extend(rules_place::roads(chars, tokens));
        // Overlaps are settled here, longest first, so the prefix joining sees flat spans.
        let mut flat = resolve(chars.len(), Vec::new(), split, 0);
        flat.extend(rules_place::extend(chars, tokens, &flat));
        let flat = resolve(chars.len(), Vec::new(), flat, 0);
        rules_place::join_prefixes(chars, flat)
            .into_iter()
            .filter(|c| c.label != "ORG" || !rules_org::bare_body(chars, c))
            .map(|c| relabel(chars, tokens, c))
            .collect()
    }

    /// All candidates resolved into flat spans, sorted by start.
    pub fn spans(&self, text: &str, tokens: &[Token]) -> Vec<Cand> {
        let chars: Vec<char> = text.chars().collect();
        let qs = rules::quotes(&chars);
        let mut inside = vec![false; chars.len()];
        for &(o, c) in &qs {
            inside.get_mut(o + 1..c).into_iter().flatten().for_each(|x| *x = true);
        }
        let quoted = |i: usize| inside.get(i).copied().unwrap_or(false);
        let mut first = rules_text::bylines(&chars);
        first.extend(rules_text::titled_names(&chars, tokens));
        // A name the rules are sure of is a name wherever else it appears (吕尚向说).
        // Indexed by first character, so that many names stay linear in the text.
        let mut seen: std::collections::HashMap<char, Vec<&[char]>> = std::collections::HashMap::new();
        for name in first.iter().filter_map(|c| chars.get(c.start..c.end)) {
            if let Some(&c0) = name.first() {
                let list = seen.entry(c0).or_default();
                if !list.contains(&name) && list.len() < 16 {
                    list.push(name);
                }
            }
        }
        // Most characters start no name: a filter skips them without hashing.
        let starts = rules::CharFilter::of(seen.keys().copied());
        let mut more = Vec::new();
        for (i, c) in chars.iter().enumerate() {
            if !starts.may_hold(*c) {
                continue;
            }
            for name in seen.get(c).into_iter().flatten() {
                if chars.get(i..i + name.len()) == Some(*name) {
                    more.push(Cand::new(i, i + name.len(), "PER"));
                }
            }
        }
        first.extend(more);
        let entities = self.entities(text, &chars, tokens);
        // A plain quote the model finds a name in is that name, not a TERM: “中国苏铁研究中心”
        // is an ORG, “港人治港” holds two LOCs (news corpora mark them so). Quotes with
        // separators (“智汇郑东·共赢未来”) are slogans and stay TERMs.
        let mut names: Vec<(usize, usize)> = entities.iter().map(|e| (e.start, e.end)).collect();
        names.sort_unstable();
        let has_name = |t: &Cand| {
            let from = names.partition_point(|&(s, _)| s < t.start);
            names.get(from..).unwrap_or_default().iter().take_while(|&&(s, _)| s < t.end).any(|&(_, e)| e <= t.end)
        };
        let slogan = |t: &Cand| chars.get(t.start..t.end).is_some_and(|s| s.iter().any(|c| "·、+＋ ".contains(*c)));
        first.extend(rules_text::terms(&chars).into_iter().filter(|t| slogan(t) || !has_name(t)));
        let mut rest = rules_time::dates(&chars);
        rest.extend(rules_org::outlets(&chars, tokens));
        rest.extend(rules_org::prefixed_departments(&chars, tokens));
        rest.extend(rules_time::numbers(&chars, tokens, &quoted));
        let n_rules = rest.len();
        rest.extend(entities);
        resolve(chars.len(), first, rest, n_rules)
    }
}

/// A model span without the quote marks or brackets at its edges (《华夏时报, “地铁集团),
/// the 讯 of a dateline (深圳商报讯) or the 说 after a name (李军说).
fn tidy(chars: &[char], c: Cand) -> Cand {
    const EDGE: &str = "《》“”‘’\"'（）()【】〈〉「」、，。：；！？ ";
    let (mut s, mut e) = (c.start, c.end);
    while s < e && chars.get(s).is_some_and(|x| EDGE.contains(*x)) {
        s += 1;
    }
    while e > s && chars.get(e - 1).is_some_and(|x| EDGE.contains(*x)) {
        e -= 1;
    }
    let tail = |w: char| e > s + 2 && chars.get(e - 1) == Some(&w);
    if (c.label == "ORG" && tail('讯') && chars.get(e - 2).is_some_and(|x| "报社网台".contains(*x)))
        || (c.label == "PER" && tail('说'))
    {
        e -= 1;
    }
    Cand::new(s, e, c.label)
}

/// A model span that took in the preposition before a one-character place prefix (从县医院)
/// starts after it.
fn trim_preposition(chars: &[char], c: Cand) -> Cand {
    let glued = chars.get(c.start).is_some_and(|p| "从在到向由对据经与和".contains(*p))
        && chars.get(c.start + 1).is_some_and(|p| "市区县省".contains(*p));
    if glued && c.len() > 3 {
        Cand::new(c.start + 1, c.end, c.label)
    } else {
        c
    }
}

/// Spans whose context changes their label: a village committee used as a place
/// (在李庄村委会一带) is LOC; a name glued to an office (张三县长) is PER, not a county.
fn relabel(chars: &[char], tokens: &[Token], c: Cand) -> Cand {
    let committee = ["村委会", "居委会"].iter().any(|w| rules::ends_with(chars, c.end, w));
    if c.label == "ORG"
        && committee
        && rules::match_any(chars, c.end, &["一带", "附近", "周边", "门口", "旁"]).is_some()
    {
        return Cand::new(c.start, c.end, "LOC");
    }
    let office = c.label == "LOC"
        && chars.get(c.end) == Some(&'长')
        && chars.get(c.end - 1).is_some_and(|u| "县市区镇乡村".contains(*u));
    let name =
        tokens.iter().any(|t| t.start as usize == c.start && t.end as usize + 1 == c.end && t.pos.starts_with("nr"));
    if office && name {
        return Cand::new(c.start, c.end - 1, "PER");
    }
    c
}

/// Flat spans by the precedence in the module docs. `rest[..n_rules]` are rule spans.
fn resolve(n: usize, first: Vec<Cand>, rest: Vec<Cand>, n_rules: usize) -> Vec<Cand> {
    let mut taken = vec![false; n];
    let mut out = Vec::new();
    let mut take = |c: Cand, out: &mut Vec<Cand>| {
        if c.is_empty() || c.end > n {
            return;
        }
        if taken.get(c.start..c.end).is_some_and(|s| s.iter().all(|t| !t)) {
            taken.get_mut(c.start..c.end).into_iter().flatten().for_each(|t| *t = true);
            out.push(c);
        }
    };
    let mut first = first;
    first.sort_by_key(|c| (std::cmp::Reverse(c.len()), c.start));
    for c in first {
        take(c, &mut out);
    }
    let mut rest: Vec<(usize, Cand)> =
        rest.into_iter().enumerate().map(|(i, c)| ((i >= n_rules) as usize, c)).collect();
    rest.sort_by_key(|(model, c)| (std::cmp::Reverse(c.len()), *model, c.start));
    for (_, c) in rest {
        take(c, &mut out);
    }
    out.sort_by_key(|c| (c.start, c.end));
    out
}

impl Recogniser for BulletinRecogniser {
    fn recognise(&self, text: &str, tokens: &[Token]) -> Vec<Suggestion> {
        self.spans(text, tokens)
            .into_iter()
            .map(|c| Suggestion { start: c.start, end: c.end, label: c.label.into(), confidence: None })
            .collect()
    }

    fn bulletin_mut(&mut self) -> Option<&mut BulletinRecogniser> {
        Some(self)
    }
}
