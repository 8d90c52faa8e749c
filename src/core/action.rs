//! Edits as data, applied through one function, with undo and redo.

use crate::core::annotations::AnnotationSet;
use crate::core::entity::{Origin, Span};
use crate::core::label::LabelSet;
use crate::core::CoreError;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Every edit a person can make to a document's entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Action {
    Add {
        start: usize,
        end: usize,
        label: String,
    },
    Relabel {
        id: u64,
        label: String,
    },
    Resize {
        id: u64,
        start: usize,
        end: usize,
    },
    Delete {
        id: u64,
    },
    Accept {
        id: u64,
    },
    Reject {
        id: u64,
    },
    AcceptAllOfLabel {
        label: String,
    },
    /// Confirms `label` on every span (see [`crate::core::lexicon::other_mentions`]):
    /// unreviewed suggestions there give way; a span that overlaps a confirmed entity is skipped.
    LabelMentions {
        spans: Vec<Span>,
        label: String,
    },
    RejectAllOfLabel {
        label: String,
    },
    Clear,
}

/// Applies `action`, checking labels against `labels`. On error nothing changes.
pub fn apply(set: &mut AnnotationSet, action: &Action, labels: &LabelSet) -> Result<(), CoreError> {
    let known = |label: &str| {
        if labels.contains(label) {
            Ok(())
        } else {
            Err(CoreError::UnknownLabel(label.into()))
        }
    };
    match action {
        Action::Add { start, end, label } => {
            known(label)?;
            set.add(Span { start: *start, end: *end }, label, Origin::Manual, None).map(drop)
        }
        Action::Relabel { id, label } => {
            known(label)?;
            set.relabel(*id, label)
        }
        Action::Resize { id, start, end } => set.resize(*id, Span { start: *start, end: *end }),
        Action::Delete { id } => set.remove(*id).map(drop),
        Action::Accept { id } => set.accept(*id),
        Action::Reject { id } => set.reject(*id),
        Action::AcceptAllOfLabel { label } => {
            for id in set.suggestions_of(label) {
                set.accept(id)?;
            }
            Ok(())
        }
        Action::LabelMentions { spans, label } => {
            known(label)?;
            for &span in spans {
                if set.overlapping(span).any(|e| e.origin.is_confirmed()) {
                    continue;
                }
                let auto: Vec<u64> = set.overlapping(span).map(|e| e.id).collect();
                for id in auto {
                    set.remove(id)?;
                }
                set.add(span, label, Origin::Manual, None)?;
            }
            Ok(())
        }
        Action::RejectAllOfLabel { label } => {
            for id in set.suggestions_of(label) {
                set.reject(id)?;
            }
            Ok(())
        }
        Action::Clear => {
            set.clear();
            Ok(())
        }
    }
}

/// Most undo steps kept per document; older ones are dropped.
pub const HISTORY_LIMIT: usize = 500;
/// Most entities kept across one document's undo steps (each step is a full snapshot, about
/// 80 bytes per entity in wasm). A 1 MB bulletin has ~12,000, so it keeps ~80 steps, not 500
/// copies of itself.
pub const HISTORY_ENTITIES: usize = 1_000_000;

/// An annotation set with snapshot undo/redo. A new edit drops the redo branch.
/// Consecutive edits with the same group key (a drag, a run of resizes) are one step.
/// Snapshots are shared (`Arc`), so cloning an editor (the UI's reducer clones its state on
/// every message) copies pointers, not thousands of entities per undo step.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Editor {
    current: Arc<AnnotationSet>,
    #[serde(skip)]
    past: Vec<Arc<AnnotationSet>>,
    #[serde(skip)]
    future: Vec<Arc<AnnotationSet>>,
    #[serde(skip)]
    open_group: Option<String>,
}

impl Editor {
    pub fn new(set: AnnotationSet) -> Self {
        Self { current: Arc::new(set), ..Self::default() }
    }

    pub fn set(&self) -> &AnnotationSet {
        &self.current
    }

    /// Applies one edit as its own undo step.
    pub fn apply(&mut self, action: &Action, labels: &LabelSet) -> Result<(), CoreError> {
        self.apply_grouped(action, labels, None)
    }

    /// Applies an edit; if `group` equals the previous edit's group, both undo together.
    pub fn apply_grouped(&mut self, action: &Action, labels: &LabelSet, group: Option<&str>) -> Result<(), CoreError> {
        let mut next = AnnotationSet::clone(&self.current);
        apply(&mut next, action, labels)?;
        self.commit(next, group);
        Ok(())
    }

    /// Replaces the set through any function (e.g. merging fresh suggestions) as one step.
    pub fn replace(&mut self, f: impl FnOnce(&mut AnnotationSet)) {
        let mut next = AnnotationSet::clone(&self.current);
        f(&mut next);
        if next != *self.current {
            self.commit(next, None);
        }
    }

    /// Changes the current set without an undo step: fresh suggestions after the model
    /// learned are not the user's edit, and undo must still reach the edit before them.
    pub fn amend(&mut self, f: impl FnOnce(&mut AnnotationSet)) {
        let mut next = AnnotationSet::clone(&self.current);
        f(&mut next);
        if next != *self.current {
            self.current = Arc::new(next);
        }
    }

    fn commit(&mut self, next: AnnotationSet, group: Option<&str>) {
        let next = Arc::new(next);
        let continues = group.is_some() && group == self.open_group.as_deref();
        if !continues {
            self.past.push(std::mem::replace(&mut self.current, next));
            let mut kept: usize = self.past.iter().map(|set| set.len()).sum();
            while self.past.len() > HISTORY_LIMIT || (kept > HISTORY_ENTITIES && self.past.len() > 1) {
                kept -= self.past.remove(0).len();
            }
        } else {
            self.current = next;
        }
        self.open_group = group.map(str::to_owned);
        self.future.clear();
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    pub fn undo(&mut self) -> Result<(), CoreError> {
        let previous = self.past.pop().ok_or(CoreError::NothingToUndo)?;
        self.future.push(std::mem::replace(&mut self.current, previous));
        self.open_group = None;
        Ok(())
    }

    pub fn redo(&mut self) -> Result<(), CoreError> {
        let next = self.future.pop().ok_or(CoreError::NothingToRedo)?;
        self.past.push(std::mem::replace(&mut self.current, next));
        self.open_group = None;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Suggestion;
    use proptest::prelude::*;

    fn labels() -> LabelSet {
        LabelSet::default()
    }

    /// Fresh suggestions after learning are no undo step: undo still reaches the user's
    /// last edit, and confirmed entities and rejections are untouched by the refresh.
    #[test]
    fn amended_suggestions_keep_the_undo_history_and_the_decisions() {
        let mut editor = Editor::new(AnnotationSet::new(20));
        editor.replace(|set| {
            set.merge_suggestions(&[Suggestion { start: 0, end: 2, label: "PER".into(), confidence: None }]);
        });
        editor.apply(&Action::Add { start: 5, end: 8, label: "LOC".into() }, &labels()).unwrap();
        let fresh = |s, e| Suggestion { start: s, end: e, label: "ORG".into(), confidence: None };
        editor.amend(|set| {
            set.merge_suggestions(&[fresh(10, 12), fresh(5, 8)]);
        });
        let spans: Vec<_> = editor.set().iter().map(|e| (e.start, e.end, e.label.as_str(), e.origin)).collect();
        assert_eq!(spans, vec![(5, 8, "LOC", Origin::Manual), (10, 12, "ORG", Origin::Auto)]);
        editor.undo().unwrap();
        assert!(editor.set().iter().all(|e| e.start != 5), "undo took back the add, not the refresh");
    }

    #[test]
    fn labelling_all_mentions_is_one_undo_step_and_keeps_decisions() {
        let mut editor = Editor::new(AnnotationSet::new(20));
        editor.replace(|set| {
            set.merge_suggestions(&[Suggestion { start: 4, end: 7, label: "LOC".into(), confidence: None }]);
        });
        editor.apply(&Action::Add { start: 10, end: 12, label: "ORG".into() }, &labels()).unwrap();
        let spans = vec![Span { start: 4, end: 7 }, Span { start: 10, end: 13 }, Span { start: 15, end: 18 }];
        editor.apply(&Action::LabelMentions { spans, label: "PER".into() }, &labels()).unwrap();
        let got: Vec<_> = editor.set().iter().map(|e| (e.start, e.end, e.label.as_str(), e.origin)).collect();
        assert_eq!(
            got,
            vec![(4, 7, "PER", Origin::Manual), (10, 12, "ORG", Origin::Manual), (15, 18, "PER", Origin::Manual)]
        );
        editor.undo().unwrap();
        let back: Vec<_> = editor.set().iter().map(|e| (e.start, e.label.as_str())).collect();
        assert_eq!(back, vec![(4, "LOC"), (10, "ORG")]);
    }

    #[test]
    fn unknown_labels_are_refused_and_nothing_changes() {
        let mut editor = Editor::new(AnnotationSet::new(5));
        let err = editor.apply(&Action::Add { start: 0, end: 2, label: "FOO".into() }, &labels());
        assert_eq!(err, Err(CoreError::UnknownLabel("FOO".into())));
        assert!(!editor.can_undo());
        assert!(editor.set().is_empty());
    }

    #[test]
    fn grouped_edits_undo_as_one_step_and_new_edits_drop_redo() {
        let mut editor = Editor::new(AnnotationSet::new(10));
        editor.apply(&Action::Add { start: 0, end: 2, label: "PER".into() }, &labels()).unwrap();
        let id = editor.set().entities()[0].id;
        for end in 3..6 {
            editor.apply_grouped(&Action::Resize { id, start: 0, end }, &labels(), Some("drag")).unwrap();
        }
        assert_eq!(editor.set().entities()[0].end, 5);
        editor.undo().unwrap();
        assert_eq!(editor.set().entities()[0].end, 2);
        assert!(editor.can_redo());
        editor.apply(&Action::Delete { id }, &labels()).unwrap();
        assert!(!editor.can_redo());
        assert_eq!(editor.redo(), Err(CoreError::NothingToRedo));
    }

    #[test]
    fn undo_history_of_a_big_set_is_capped_by_entities_and_keeps_the_latest_steps() {
        let per_set = HISTORY_ENTITIES / 8;
        let mut set = AnnotationSet::new(per_set * 2 + 100);
        let suggestions: Vec<Suggestion> = (0..per_set)
            .map(|i| Suggestion { start: 2 * i, end: 2 * i + 1, label: "PER".into(), confidence: None })
            .collect();
        set.merge_suggestions(&suggestions);
        let mut editor = Editor::new(set);
        let free = per_set * 2;
        for k in 0..20 {
            editor.apply(&Action::Add { start: free + k, end: free + k + 1, label: "LOC".into() }, &labels()).unwrap();
        }
        let steps = editor.past.len();
        let kept: usize = editor.past.iter().map(|s| s.len()).sum();
        assert!(kept <= HISTORY_ENTITIES, "{kept} entities kept");
        assert!((5..20).contains(&steps), "{steps} steps");
        // The newest steps are the ones kept: undoing all of them leaves the oldest adds.
        while editor.can_undo() {
            editor.undo().unwrap();
        }
        assert_eq!(editor.set().len(), per_set + 20 - steps);
    }

    #[test]
    fn a_cloned_editor_shares_its_snapshots() {
        let mut editor = Editor::new(AnnotationSet::new(10));
        editor.apply(&Action::Add { start: 0, end: 2, label: "PER".into() }, &labels()).unwrap();
        let copy = editor.clone();
        assert!(Arc::ptr_eq(&copy.current, &editor.current) && Arc::ptr_eq(&copy.past[0], &editor.past[0]));
        assert_eq!(copy, editor);
    }

    #[test]
    fn accept_and_reject_all_of_a_label() {
        let mut set = AnnotationSet::new(10);
        set.merge_suggestions(&[
            Suggestion { start: 0, end: 1, label: "PER".into(), confidence: None },
            Suggestion { start: 2, end: 3, label: "PER".into(), confidence: None },
            Suggestion { start: 4, end: 5, label: "LOC".into(), confidence: None },
        ]);
        let mut editor = Editor::new(set);
        editor.apply(&Action::AcceptAllOfLabel { label: "PER".into() }, &labels()).unwrap();
        editor.apply(&Action::RejectAllOfLabel { label: "LOC".into() }, &labels()).unwrap();
        let origins: Vec<_> = editor.set().iter().map(|e| (e.label.as_str(), e.origin)).collect();
        assert_eq!(origins, [("PER", Origin::AcceptedAuto), ("PER", Origin::AcceptedAuto)]);
        assert_eq!(editor.set().rejected().count(), 1);
    }

    fn arb_action() -> impl Strategy<Value = Action> {
        let label =
            prop::sample::select(vec!["PER", "LOC", "ORG", "DATE", "NUM", "TERM", "BAD"]).prop_map(String::from);
        prop_oneof![
            (0usize..14, 0usize..14, label.clone()).prop_map(|(start, end, label)| Action::Add { start, end, label }),
            (0u64..8, label.clone()).prop_map(|(id, label)| Action::Relabel { id, label }),
            (0u64..8, 0usize..14, 0usize..14).prop_map(|(id, start, end)| Action::Resize { id, start, end }),
            (0u64..8).prop_map(|id| Action::Delete { id }),
            (0u64..8).prop_map(|id| Action::Accept { id }),
            (0u64..8).prop_map(|id| Action::Reject { id }),
            label.clone().prop_map(|label| Action::AcceptAllOfLabel { label }),
            label.prop_map(|label| Action::RejectAllOfLabel { label }),
            Just(Action::Clear),
        ]
    }

    proptest! {
        #[test]
        fn undo_after_any_action_restores_the_prior_state(actions in prop::collection::vec(arb_action(), 1..30)) {
            let mut set = AnnotationSet::new(12);
            set.merge_suggestions(&[
                Suggestion { start: 0, end: 2, label: "PER".into(), confidence: None },
                Suggestion { start: 5, end: 8, label: "LOC".into(), confidence: Some(0.5) },
            ]);
            let mut editor = Editor::new(set);
            for action in &actions {
                let before = editor.set().clone();
                let steps = editor.past.len();
                match editor.apply(action, &labels()) {
                    Ok(()) => {
                        let after = editor.set().clone();
                        editor.undo().unwrap();
                        prop_assert_eq!(editor.set(), &before);
                        editor.redo().unwrap();
                        prop_assert_eq!(editor.set(), &after);
                    }
                    Err(_) => {
                        prop_assert_eq!(editor.set(), &before);
                        prop_assert_eq!(editor.past.len(), steps);
                    }
                }
                for e in editor.set().iter() {
                    prop_assert!(e.start < e.end && e.end <= 12);
                }
                let spans: Vec<_> = editor.set().iter().map(|e| e.span()).collect();
                for pair in spans.windows(2) {
                    prop_assert!(pair[0].end <= pair[1].start, "flat sets never overlap: {:?}", pair);
                }
            }
        }
    }
}
