//! The reading view's state: language, hidden labels, segmentation view, the index search
//! and the index entry being stepped through. Plain data, reduced by [`ReaderState::apply`]
//! and tested natively; `State` holds one and forwards [`ReaderMsg`]s to it.

use crate::core::entity::Origin;
use crate::core::segment::Token;
use crate::ui::i18n::{Key, Lang};
use std::collections::BTreeSet;

/// The index entry whose mentions are highlighted and stepped through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    /// The document it belongs to; a focus on another document is ignored.
    pub doc_id: String,
    pub label: String,
    pub text: String,
    /// Which mention is current; taken modulo the number of mentions, so stepping wraps.
    pub at: i64,
}

impl Focus {
    /// The current mention's position among `count` mentions.
    pub fn current(&self, count: usize) -> Option<usize> {
        (count > 0).then(|| self.at.rem_euclid(count as i64) as usize)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReaderState {
    pub lang: Lang,
    /// Labels whose highlights are hidden.
    pub hidden: BTreeSet<String>,
    /// Shows word boundaries and POS tags.
    pub segmentation: bool,
    /// Filters the entity index.
    pub query: String,
    pub focus: Option<Focus>,
    /// Counts focus changes, so revealing the same mention twice still scrolls.
    pub reveal: u64,
}

/// Everything the reading view can be asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReaderMsg {
    SetLang(Lang),
    ToggleLabel(String),
    ToggleSegmentation,
    Search(String),
    /// Highlights every mention of an index entry and reveals the first.
    FocusEntry {
        doc_id: String,
        label: String,
        text: String,
    },
    /// Moves to the next (`1`) or previous (`-1`) mention, wrapping around.
    StepMention(i64),
    ClearFocus,
}

impl ReaderState {
    pub fn apply(&mut self, msg: ReaderMsg) {
        match msg {
            ReaderMsg::SetLang(lang) => self.lang = lang,
            ReaderMsg::ToggleLabel(label) => {
                if !self.hidden.remove(&label) {
                    self.hidden.insert(label);
                }
            }
            ReaderMsg::ToggleSegmentation => self.segmentation = !self.segmentation,
            ReaderMsg::Search(query) => self.query = query,
            ReaderMsg::FocusEntry { doc_id, label, text } => {
                // Jumping to a hidden label's mention shows that label again.
                self.hidden.remove(&label);
                self.focus = Some(Focus { doc_id, label, text, at: 0 });
                self.reveal += 1;
            }
            ReaderMsg::StepMention(by) => {
                if let Some(focus) = &mut self.focus {
                    focus.at += by;
                    self.reveal += 1;
                }
            }
            ReaderMsg::ClearFocus => self.focus = None,
        }
    }

    /// The focus, if it belongs to `doc_id`.
    pub fn focus_on(&self, doc_id: &str) -> Option<&Focus> {
        self.focus.as_ref().filter(|f| f.doc_id == doc_id)
    }
}

/// Whether `value` matches the index search: case-insensitive, ignoring surrounding spaces.
pub fn matches_query(value: &str, query: &str) -> bool {
    let query = query.trim();
    query.is_empty() || value.to_lowercase().contains(&query.to_lowercase())
}

/// The jieba POS tags of the words overlapping `[start, end)` (code points), joined by `+`.
/// `tokens` are sorted and do not overlap.
pub fn pos_of(tokens: &[Token], start: usize, end: usize) -> String {
    let first = tokens.partition_point(|t| (t.end as usize) <= start);
    let tags: Vec<&str> =
        tokens[first..].iter().take_while(|t| (t.start as usize) < end).map(|t| t.pos.as_str()).collect();
    tags.join("+")
}

/// The tooltip of an entity: label, POS and origin.
pub fn tooltip(lang: Lang, label: &str, pos: &str, origin: Origin) -> String {
    let origin = if origin.is_confirmed() { Key::OriginConfirmed } else { Key::OriginAuto };
    let pos = if pos.is_empty() { "–" } else { pos };
    format!("{} {label} · {} {pos} · {}", lang.label_name(label), lang.t(Key::PosTag), lang.t(origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(start: u32, end: u32, pos: &str) -> Token {
        Token { start, end, pos: pos.into() }
    }

    #[test]
    fn toggling_a_label_twice_shows_it_again() {
        let mut state = ReaderState::default();
        state.apply(ReaderMsg::ToggleLabel("LOC".into()));
        assert!(state.hidden.contains("LOC"));
        state.apply(ReaderMsg::ToggleLabel("PER".into()));
        state.apply(ReaderMsg::ToggleLabel("LOC".into()));
        assert_eq!(state.hidden.iter().collect::<Vec<_>>(), ["PER"]);
    }

    #[test]
    fn stepping_wraps_both_ways_and_focusing_unhides_the_label() {
        let mut state = ReaderState::default();
        state.apply(ReaderMsg::StepMention(1));
        assert_eq!(state.focus, None, "nothing to step through");
        state.apply(ReaderMsg::ToggleLabel("LOC".into()));
        state.apply(ReaderMsg::FocusEntry { doc_id: "d".into(), label: "LOC".into(), text: "郑州".into() });
        assert!(state.hidden.is_empty());
        let focus = |s: &ReaderState| s.focus.as_ref().unwrap().current(3);
        assert_eq!(focus(&state), Some(0));
        state.apply(ReaderMsg::StepMention(-1));
        assert_eq!(focus(&state), Some(2));
        for _ in 0..4 {
            state.apply(ReaderMsg::StepMention(1));
        }
        assert_eq!(focus(&state), Some(0));
        assert_eq!(state.focus.as_ref().unwrap().current(0), None);
        assert!(state.focus_on("d").is_some());
        assert!(state.focus_on("other").is_none());
        let before = state.reveal;
        state.apply(ReaderMsg::FocusEntry { doc_id: "d".into(), label: "LOC".into(), text: "郑州".into() });
        assert!(state.reveal > before, "the same entry again still reveals");
    }

    #[test]
    fn search_is_case_insensitive_and_empty_matches_all() {
        assert!(matches_query("郑州市", " 郑州 "));
        assert!(matches_query("Zhengzhou", "zheng"));
        assert!(matches_query("任何", ""));
        assert!(!matches_query("郑州", "开封"));
    }

    #[test]
    fn pos_joins_the_tags_of_overlapping_words() {
        let tokens = [token(0, 2, "n"), token(2, 5, "nr"), token(5, 6, "p"), token(6, 8, "ns")];
        assert_eq!(pos_of(&tokens, 2, 5), "nr");
        assert_eq!(pos_of(&tokens, 1, 6), "n+nr+p");
        assert_eq!(pos_of(&tokens, 6, 8), "ns");
        assert_eq!(pos_of(&tokens, 8, 9), "");
        assert_eq!(pos_of(&[], 0, 1), "");
    }

    #[test]
    fn tooltips_name_label_pos_and_origin_in_the_ui_language() {
        assert_eq!(tooltip(Lang::En, "PER", "nr", Origin::Auto), "Person PER · POS nr · auto");
        assert_eq!(tooltip(Lang::Zh, "LOC", "", Origin::Manual), "地名 LOC · 词性 – · 已确认");
        assert_eq!(tooltip(Lang::En, "ORG", "nt", Origin::AcceptedAuto), "Organisation ORG · POS nt · confirmed");
    }
}
