//! Keyboard shortcuts, as a pure function from a key press and the state to a message.
//!
//! | key | does |
//! |-----|------|
//! | label hotkey (1–9 or a letter) | label the selected text, or relabel the selected entity |
//! | `Enter`, `a` | accept the selected suggestion |
//! | `x` | reject the selected suggestion (it stays rejected on re-analysis) |
//! | `Delete`, `Backspace` | delete the selected entity |
//! | `j` / `k` | next / previous entity |
//! | `[` / `]` | grow the entity by one character left / right |
//! | `{` / `}` | shrink it by one character on the left / right |
//! | `m` | give the selected entity's label to all its other mentions (one undo step) |
//! | `Esc` | clear the selection |
//! | `Ctrl`/`⌘`+`Z`, `Ctrl`/`⌘`+`Shift`+`Z` (or `Ctrl`+`Y`) | undo / redo |

use crate::core::action::Action;
use crate::ui::state::{Msg, State};

/// A key press, as far as shortcuts care.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyPress {
    /// `KeyboardEvent.key`.
    pub key: String,
    pub ctrl: bool,
    pub meta: bool,
    pub shift: bool,
    pub alt: bool,
    /// Focus is in a text field, where keys type text.
    pub in_field: bool,
}

/// The message a key press means, if any.
pub fn msg_for_key(state: &State, press: &KeyPress, now: &str) -> Option<Msg> {
    let command = press.ctrl || press.meta;
    let key = press.key.as_str();
    if command && !press.alt {
        return match key {
            "z" | "Z" if press.shift => Some(Msg::Redo),
            "z" => Some(Msg::Undo),
            "y" if press.ctrl => Some(Msg::Redo),
            _ => None,
        };
    }
    if press.in_field || command || press.alt {
        return None;
    }
    let doc = state.current_doc()?;
    let selected = state.selected.and_then(|id| doc.entities().get(id));
    let edit = |action| Some(Msg::Edit { action, now: now.to_owned() });
    let mut chars = key.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some(label) = state.project.labels.by_hotkey(c).map(|l| l.name.clone()) {
            if let Some(span) = state.pending {
                return edit(Action::Add { start: span.start, end: span.end, label });
            }
            return selected.and_then(|e| edit(Action::Relabel { id: e.id, label }));
        }
    }
    match key {
        "j" => return Some(Msg::Step(1)),
        "k" => return Some(Msg::Step(-1)),
        "Escape" => return Some(Msg::Select(None)).filter(|_| state.selected.is_some() || state.pending.is_some()),
        _ => {}
    }
    let e = selected?;
    let resize = |start: usize, end: usize| edit(Action::Resize { id: e.id, start, end });
    match key {
        "Enter" | "a" => edit(Action::Accept { id: e.id }),
        "x" => edit(Action::Reject { id: e.id }),
        "Delete" | "Backspace" => edit(Action::Delete { id: e.id }),
        "m" => {
            let spans = state.mentions_of_selected();
            if spans.is_empty() {
                return None;
            }
            edit(Action::LabelMentions { spans, label: e.label.clone() })
        }
        "[" => e.start.checked_sub(1).and_then(|start| resize(start, e.end)),
        "]" => resize(e.start, e.end + 1),
        "{" => resize(e.start + 1, e.end),
        "}" => e.end.checked_sub(1).and_then(|end| resize(e.start, end)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::{Span, Suggestion};
    use crate::core::pipeline::Analysis;

    const NOW: &str = "2026-11-25T00:00:00.000Z";

    fn state() -> State {
        let mut state = State::default();
        state.apply(Msg::OpenDocument {
            id: "d".into(),
            title: "t".into(),
            text: "记者刘伟平在郑州".into(),
            now: NOW.into(),
        });
        state.apply(Msg::AnalysisFinished {
            doc_id: "d".into(),
            analysis: Analysis {
                tokens: vec![],
                suggestions: vec![Suggestion { start: 2, end: 5, label: "PER".into(), confidence: None }],
            },
        });
        state
    }

    fn press(key: &str) -> KeyPress {
        KeyPress { key: key.into(), ..KeyPress::default() }
    }

    #[test]
    fn undo_redo_work_with_ctrl_or_cmd_even_in_fields() {
        let s = state();
        assert_eq!(msg_for_key(&s, &KeyPress { ctrl: true, ..press("z") }, NOW), Some(Msg::Undo));
        assert_eq!(msg_for_key(&s, &KeyPress { meta: true, shift: true, ..press("Z") }, NOW), Some(Msg::Redo));
        assert_eq!(msg_for_key(&s, &KeyPress { ctrl: true, ..press("y") }, NOW), Some(Msg::Redo));
        assert_eq!(msg_for_key(&s, &KeyPress { ctrl: true, in_field: true, ..press("z") }, NOW), Some(Msg::Undo));
    }

    #[test]
    fn label_hotkeys_add_the_pending_selection_or_relabel() {
        let mut s = state();
        s.pending = Some(Span { start: 6, end: 8 });
        let add = msg_for_key(&s, &press("2"), NOW);
        assert_eq!(
            add,
            Some(Msg::Edit { action: Action::Add { start: 6, end: 8, label: "LOC".into() }, now: NOW.into() })
        );
        s.pending = None;
        assert_eq!(msg_for_key(&s, &press("2"), NOW), None, "nothing selected");
        s.apply(Msg::Step(1));
        let id = s.selected.unwrap();
        assert_eq!(
            msg_for_key(&s, &press("3"), NOW),
            Some(Msg::Edit { action: Action::Relabel { id, label: "ORG".into() }, now: NOW.into() })
        );
        assert_eq!(msg_for_key(&s, &KeyPress { in_field: true, ..press("3") }, NOW), None, "typing in a field");
    }

    #[test]
    fn review_and_resize_keys_act_on_the_selected_entity() {
        let mut s = state();
        s.apply(Msg::Step(1));
        let id = s.selected.unwrap();
        let edit = |action| Some(Msg::Edit { action, now: NOW.into() });
        assert_eq!(msg_for_key(&s, &press("a"), NOW), edit(Action::Accept { id }));
        assert_eq!(msg_for_key(&s, &press("Enter"), NOW), edit(Action::Accept { id }));
        assert_eq!(msg_for_key(&s, &press("x"), NOW), edit(Action::Reject { id }));
        assert_eq!(msg_for_key(&s, &press("Delete"), NOW), edit(Action::Delete { id }));
        assert_eq!(msg_for_key(&s, &press("["), NOW), edit(Action::Resize { id, start: 1, end: 5 }));
        assert_eq!(msg_for_key(&s, &press("]"), NOW), edit(Action::Resize { id, start: 2, end: 6 }));
        assert_eq!(msg_for_key(&s, &press("{"), NOW), edit(Action::Resize { id, start: 3, end: 5 }));
        assert_eq!(msg_for_key(&s, &press("}"), NOW), edit(Action::Resize { id, start: 2, end: 4 }));
        assert_eq!(msg_for_key(&s, &press("j"), NOW), Some(Msg::Step(1)));
        assert_eq!(msg_for_key(&s, &press("q"), NOW), None);
    }

    #[test]
    fn m_labels_the_other_mentions_of_the_selected_entity_in_one_edit() {
        let mut s = State::default();
        let text = "刘伟平说，刘伟平和郑州的刘伟平。";
        s.apply(Msg::OpenDocument { id: "d".into(), title: "t".into(), text: text.into(), now: NOW.into() });
        let per = |start| Suggestion { start, end: start + 3, label: "PER".into(), confidence: None };
        let analysis = Analysis { tokens: vec![], suggestions: vec![per(0)] };
        s.apply(Msg::AnalysisFinished { doc_id: "d".into(), analysis });
        s.apply(Msg::Step(1));
        let msg = msg_for_key(&s, &press("m"), NOW).expect("m with mentions elsewhere");
        s.apply(msg);
        let got: Vec<_> =
            s.current_doc().unwrap().entities().iter().map(|e| (e.start, e.label.clone(), e.origin)).collect();
        let manual = crate::core::entity::Origin::Manual;
        assert_eq!(got, vec![(0, "PER".into(), manual), (5, "PER".into(), manual), (12, "PER".into(), manual)]);
        s.apply(Msg::Undo);
        assert_eq!(s.current_doc().unwrap().entities().len(), 1, "one undo step");
        let mut none = State::default();
        none.apply(Msg::OpenDocument {
            id: "e".into(), title: "t".into(), text: "刘伟平说".into(), now: NOW.into()
        });
        let analysis = Analysis { tokens: vec![], suggestions: vec![per(0)] };
        none.apply(Msg::AnalysisFinished { doc_id: "e".into(), analysis });
        none.apply(Msg::Step(1));
        assert_eq!(msg_for_key(&none, &press("m"), NOW), None, "no other mention");
    }
}
