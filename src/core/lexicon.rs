//! The project lexicon: what annotators decided about a string holds wherever it occurs.
//! - Within a document, a confirmed entity's other mentions take its label as one edit
//!   ("apply to all N mentions", [`other_mentions`]).
//! - Across documents, [`ProjectLexicon`] revises the recogniser's suggestions: a string
//!   confirmed with a label is suggested with it at its other occurrences, and a string
//!   rejected with a label is not suggested with it again. Confirmed names also become
//!   segmenter user words ([`ProjectLexicon::user_words`]).

use crate::core::annotations::AnnotationSet;
use crate::core::entity::{Entity, Span, Suggestion};
use crate::core::segment::UserWord;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Strings shorter than this are not carried to other places: one character (`中`, `港`)
/// means too many things.
pub const MIN_CHARS: usize = 2;
/// Longer strings are not carried either: they are sentences, not names.
pub const MAX_CHARS: usize = 40;

/// What the annotators decided about strings, over every document of a project.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProjectLexicon {
    /// Strings confirmed with exactly one label, and never rejected with it.
    confirmed: BTreeMap<String, String>,
    /// `(string, label)` rejected and never confirmed.
    rejected: BTreeSet<(String, String)>,
    /// Confirmed strings by first character, longest first, for one left-to-right scan.
    by_first: HashMap<char, Vec<(Vec<char>, String)>>,
}

impl ProjectLexicon {
    /// The decisions in `docs` (text, annotations).
    pub fn of<'a>(docs: impl IntoIterator<Item = (&'a str, &'a AnnotationSet)>) -> Self {
        let mut labels: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut rejected: BTreeSet<(String, String)> = BTreeSet::new();
        for (text, set) in docs {
            let decided = set.iter().any(|e| e.origin.is_confirmed()) || set.rejected().next().is_some();
            if !decided {
                continue;
            }
            let chars: Vec<char> = text.chars().collect();
            let surface = |s: usize, e: usize| {
                chars.get(s..e).filter(|c| (MIN_CHARS..=MAX_CHARS).contains(&c.len())).map(|c| c.iter().collect())
            };
            for e in set.iter().filter(|e| e.origin.is_confirmed()) {
                if let Some(s) = surface(e.start, e.end) {
                    labels.entry(s).or_default().insert(e.label.clone());
                }
            }
            for r in set.rejected() {
                if let Some(s) = surface(r.start, r.end) {
                    rejected.insert((s, r.label.clone()));
                }
            }
        }
        // Confirmed in one place and rejected in another: context decides, not the string.
        let contested: BTreeSet<(String, String)> = labels
            .iter()
            .flat_map(|(s, ls)| ls.iter().map(move |l| (s.clone(), l.clone())))
            .filter(|key| rejected.contains(key))
            .collect();
        rejected.retain(|key| !contested.contains(key));
        let confirmed: BTreeMap<String, String> = labels
            .into_iter()
            .filter(|(_, ls)| ls.len() == 1)
            .filter_map(|(s, ls)| ls.into_iter().next().map(|l| (s, l)))
            .filter(|(s, l)| !contested.contains(&(s.clone(), l.clone())))
            .collect();
        let mut by_first: HashMap<char, Vec<(Vec<char>, String)>> = HashMap::new();
        for (s, l) in &confirmed {
            let chars: Vec<char> = s.chars().collect();
            if let Some(&c) = chars.first() {
                by_first.entry(c).or_default().push((chars, l.clone()));
            }
        }
        for v in by_first.values_mut() {
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        }
        Self { confirmed, rejected, by_first }
    }

    pub fn is_empty(&self) -> bool {
        self.confirmed.is_empty() && self.rejected.is_empty()
    }

    /// The label a string was confirmed with, when it is carried to other places.
    pub fn label_of(&self, surface: &str) -> Option<&str> {
        self.confirmed.get(surface).map(String::as_str)
    }

    /// The recogniser's `suggestions` for `text`, revised by the lexicon: rejected
    /// `(string, label)` pairs are dropped, and each occurrence of a confirmed string is
    /// suggested with its label, replacing the suggestions it overlaps, unless it lies
    /// inside a longer suggestion (`郑州` inside `郑州市公安局` stays part of the ORG).
    /// The result is sorted by start and has no overlaps.
    pub fn revise(&self, text: &str, suggestions: &[Suggestion]) -> Vec<Suggestion> {
        if self.is_empty() {
            return suggestions.to_vec();
        }
        let chars: Vec<char> = text.chars().collect();
        let surface = |s: &Suggestion| chars.get(s.start..s.end).map(|c| c.iter().collect::<String>());
        let mut kept: Vec<Suggestion> = suggestions
            .iter()
            .filter(|s| {
                let text = surface(s).unwrap_or_default();
                !self.rejected.contains(&(text, s.label.clone()))
            })
            .cloned()
            .collect();
        for (span, label) in self.occurrences(&chars) {
            let inside_longer =
                kept.iter().any(|s| s.start <= span.start && span.end <= s.end && s.end - s.start > span.len());
            if inside_longer {
                continue;
            }
            kept.retain(|s| s.end <= span.start || span.end <= s.start);
            kept.push(Suggestion { start: span.start, end: span.end, label: label.to_owned(), confidence: None });
        }
        kept.sort_by_key(|s| (s.start, s.end));
        kept
    }

    /// Non-overlapping occurrences of confirmed strings, left to right, longest first.
    fn occurrences(&self, chars: &[char]) -> Vec<(Span, &str)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < chars.len() {
            let hit = self.by_first.get(&chars[i]).and_then(|cands| {
                cands.iter().find(|(needle, _)| chars.get(i..i + needle.len()) == Some(needle.as_slice()))
            });
            match hit {
                Some((needle, label)) => {
                    out.push((Span { start: i, end: i + needle.len() }, label.as_str()));
                    i += needle.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// Confirmed person, place and organisation names as segmenter words, so that jieba
    /// keeps them whole; `known` are the project's own user words, which win.
    pub fn user_words(&self, known: &[UserWord]) -> Vec<UserWord> {
        let pos = |label: &str| match label {
            "PER" => Some("nr"),
            "LOC" => Some("ns"),
            "ORG" => Some("nt"),
            _ => None,
        };
        self.confirmed
            .iter()
            .filter(|(s, _)| !known.iter().any(|w| &w.word == *s))
            .filter(|(s, _)| !s.chars().any(char::is_whitespace))
            .filter_map(|(s, l)| pos(l).map(|p| UserWord { word: s.clone(), pos: Some(p.into()), freq: None }))
            .collect()
    }
}

/// The other places in `text` where `entity`'s string occurs and could take its label: not
/// already that entity, and not overlapping a confirmed entity (a person's decision wins).
/// Unreviewed suggestions there are replaced by [`crate::core::action::Action::LabelMentions`].
pub fn other_mentions(text: &str, set: &AnnotationSet, entity: &Entity) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let Some(needle) = chars.get(entity.start..entity.end).filter(|n| !n.is_empty()) else { return Vec::new() };
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= chars.len() {
        if chars[i..i + needle.len()] != *needle {
            i += 1;
            continue;
        }
        let span = Span { start: i, end: i + needle.len() };
        let same =
            set.overlapping(span).any(|e| e.span() == span && e.label == entity.label && e.origin.is_confirmed());
        let decided = set.overlapping(span).any(|e| e.origin.is_confirmed());
        if span != entity.span() && !same && !decided {
            out.push(span);
        }
        i += needle.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Origin;

    #[test]
    fn mentions_skip_the_entity_itself_and_decided_places() {
        // 𠮷 is astral: offsets are code points, not UTF-16 units.
        let text = "𠮷王小明说，王小明和王小明的同事王小明。";
        let mut set = AnnotationSet::new(text.chars().count());
        let id = set.add(Span { start: 1, end: 4 }, "PER", Origin::Manual, None).unwrap();
        set.add(Span { start: 6, end: 9 }, "LOC", Origin::Auto, None).unwrap();
        set.add(Span { start: 10, end: 12 }, "ORG", Origin::Manual, None).unwrap();
        let entity = set.get(id).unwrap().clone();
        assert_eq!(other_mentions(text, &set, &entity), vec![Span { start: 6, end: 9 }, Span { start: 16, end: 19 }]);
    }

    fn sug(start: usize, end: usize, label: &str) -> Suggestion {
        Suggestion { start, end, label: label.into(), confidence: None }
    }

    fn spans(v: &[Suggestion]) -> Vec<(usize, usize, &str)> {
        v.iter().map(|s| (s.start, s.end, s.label.as_str())).collect()
    }

    /// A document where `decided` were confirmed (label) and `rejected` rejected.
    fn decided(text: &str, confirmed: &[(usize, usize, &str)], rejected: &[(usize, usize, &str)]) -> AnnotationSet {
        let mut set = AnnotationSet::new(text.chars().count());
        for &(s, e, l) in confirmed {
            set.add(Span { start: s, end: e }, l, Origin::Manual, None).unwrap();
        }
        for &(s, e, l) in rejected {
            let id = set.add(Span { start: s, end: e }, l, Origin::Auto, None).unwrap();
            set.reject(id).unwrap();
        }
        set
    }

    #[test]
    fn confirmed_strings_are_suggested_in_other_documents() {
        // Doc A: 郑马 confirmed as a custom EVENT, 大河网 as ORG.
        let a = "郑马今天开跑，大河网报道。";
        let set_a = decided(a, &[(0, 2, "EVENT"), (7, 10, "ORG")], &[]);
        let lexicon = ProjectLexicon::of([(a, &set_a)]);
        // Doc B, with an astral character first: offsets are code points.
        let b = "𠮷据大河网消息，郑马报名开始，郑马组委会说。";
        // The recogniser cut 大河网 short and found nothing at 郑马; 郑马组委会 is an ORG.
        let revised = lexicon.revise(b, &[sug(2, 4, "LOC"), sug(15, 20, "ORG")]);
        assert_eq!(spans(&revised), vec![(2, 5, "ORG"), (8, 10, "EVENT"), (15, 20, "ORG")]);
    }

    #[test]
    fn rejected_strings_are_not_suggested_again_with_that_label() {
        let a = "王阿婆说，王阿婆笑了。";
        let set_a = decided(a, &[], &[(0, 3, "PER")]);
        let lexicon = ProjectLexicon::of([(a, &set_a)]);
        let b = "记者见到王阿婆和王阿婆的邻居。";
        let revised = lexicon.revise(b, &[sug(4, 7, "PER"), sug(8, 11, "LOC")]);
        assert_eq!(spans(&revised), vec![(8, 11, "LOC")]);
    }

    #[test]
    fn contested_and_short_strings_are_left_to_the_recogniser() {
        let a = "中原区在中原路。";
        let b = "中原路上的中原。";
        // 中原 is LOC in one place and rejected as LOC in the other; 中 alone is too short.
        let set_a = decided(a, &[(0, 2, "LOC"), (4, 5, "LOC")], &[]);
        let set_b = decided(b, &[], &[(5, 7, "LOC")]);
        let lexicon = ProjectLexicon::of([(a, &set_a), (b, &set_b)]);
        assert!(lexicon.label_of("中原").is_none() && lexicon.label_of("中").is_none());
        let c = "中原的中原路";
        let revised = lexicon.revise(c, &[sug(0, 2, "LOC")]);
        assert_eq!(spans(&revised), vec![(0, 2, "LOC")]);
        // Two labels for one string: neither is carried.
        let set_c = decided(c, &[(0, 2, "ORG")], &[]);
        let set_d = decided(c, &[(0, 2, "LOC")], &[]);
        assert!(ProjectLexicon::of([(c, &set_c), (c, &set_d)]).is_empty());
    }

    #[test]
    fn confirmed_names_become_user_words_with_their_part_of_speech() {
        let a = "张三在大河网看到郑马。";
        let set_a = decided(a, &[(0, 2, "PER"), (3, 6, "ORG"), (8, 10, "EVENT")], &[]);
        let lexicon = ProjectLexicon::of([(a, &set_a)]);
        let known = [UserWord { word: "张三".into(), pos: Some("n".into()), freq: Some(9) }];
        let words = lexicon.user_words(&known);
        assert_eq!(words.len(), 1);
        assert_eq!((words[0].word.as_str(), words[0].pos.as_deref()), ("大河网", Some("nt")));
    }
}
