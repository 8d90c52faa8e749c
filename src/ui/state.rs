//! The app state and its reducer. Plain data, so it can be saved and tested natively.

use crate::core::action::Action;
use crate::core::document::{Document, Project, Status};
use crate::core::entity::Span;
use crate::core::pipeline::Analysis;
use std::rc::Rc;
use yew::Reducible;

/// Whether the analysis worker is usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorkerStatus {
    #[default]
    Loading,
    Ready,
}

/// A message for the user: an error or a confirmation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub error: bool,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub project: Project,
    /// Index into `project.documents`.
    pub current: Option<usize>,
    /// Text in the paste box, not yet a document.
    pub draft: String,
    pub worker: WorkerStatus,
    /// Ids of documents being analysed.
    pub analysing: Vec<String>,
    pub notice: Option<Notice>,
    /// The entity with keyboard focus in the document view.
    pub selected: Option<u64>,
    /// Selected text (already snapped to words) waiting for a label.
    pub pending: Option<Span>,
}

impl State {
    pub fn current_doc(&self) -> Option<&Document> {
        self.current.and_then(|i| self.project.documents.get(i))
    }

    fn doc_mut(&mut self, id: &str) -> Option<&mut Document> {
        self.project.documents.iter_mut().find(|d| d.id == id)
    }

    pub fn is_analysing(&self) -> bool {
        !self.analysing.is_empty()
    }
}

/// Everything that can happen to the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    WorkerReady,
    SetDraft(String),
    /// Opens a new document from text; the caller then asks the worker to analyse it.
    OpenDocument {
        id: String,
        title: String,
        text: String,
        now: String,
    },
    AnalysisFinished {
        doc_id: String,
        analysis: Analysis,
    },
    AnalysisFailed {
        doc_id: String,
        message: String,
    },
    Edit {
        action: Action,
        now: String,
    },
    Undo,
    Redo,
    Select(Option<u64>),
    /// Moves the entity selection by this many entities (j/k).
    Step(i32),
    /// Text selected in the document, waiting for a label.
    SetPending(Option<Span>),
    Notify(Notice),
    DismissNotice,
}

impl Reducible for State {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut state = (*self).clone();
        state.apply(msg);
        Rc::new(state)
    }
}

impl State {
    /// Applies one message. Errors become notices; they never panic or lose work.
    pub fn apply(&mut self, msg: Msg) {
        match msg {
            Msg::WorkerReady => self.worker = WorkerStatus::Ready,
            Msg::SetDraft(text) => self.draft = text,
            Msg::OpenDocument { id, title, text, now } => {
                let mut doc = Document::new(id.clone(), title, text, &now);
                doc.meta.annotator = self.project.annotator.clone();
                self.project.documents.push(doc);
                self.current = Some(self.project.documents.len() - 1);
                self.analysing.push(id);
                self.selected = None;
            }
            Msg::AnalysisFinished { doc_id, analysis } => {
                self.analysing.retain(|id| id != &doc_id);
                if let Some(doc) = self.doc_mut(&doc_id) {
                    doc.apply_analysis(analysis);
                }
            }
            Msg::AnalysisFailed { doc_id, message } => {
                self.analysing.retain(|id| id != &doc_id);
                self.notice = Some(Notice { error: true, text: format!("Analysis failed: {message}") });
            }
            Msg::Edit { action, now } => self.edit(action, now),
            Msg::Undo | Msg::Redo => {
                let undo = msg == Msg::Undo;
                if let Some(doc) = self.current.and_then(|i| self.project.documents.get_mut(i)) {
                    let result = if undo { doc.editor.undo() } else { doc.editor.redo() };
                    if let Err(err) = result {
                        self.notice = Some(Notice { error: false, text: err.to_string() });
                    }
                }
            }
            Msg::Select(id) => {
                self.selected = id;
                if id.is_some() {
                    self.pending = None;
                }
            }
            Msg::Step(by) => self.step(by),
            Msg::SetPending(span) => {
                self.pending = span;
                if span.is_some() {
                    self.selected = None;
                }
            }
            Msg::Notify(notice) => self.notice = Some(notice),
            Msg::DismissNotice => self.notice = None,
        }
    }

    /// The id of the entity `by` places after the selected one (or the first/last).
    fn neighbour(&self, by: i32) -> Option<u64> {
        let entities = self.current_doc()?.entities().entities();
        let last = entities.len().checked_sub(1)?;
        let at = match self.selected.and_then(|id| entities.iter().position(|e| e.id == id)) {
            Some(at) => (at as i64 + i64::from(by)).clamp(0, last as i64) as usize,
            None if by < 0 => last,
            None => 0,
        };
        entities.get(at).map(|e| e.id)
    }

    fn step(&mut self, by: i32) {
        self.selected = self.neighbour(by).or(self.selected);
        self.pending = None;
    }

    fn edit(&mut self, action: Action, now: String) {
        let labels = self.project.labels.clone();
        // Reviewing moves on: after accept, reject or delete, the next entity is selected.
        let moves_on = match action {
            Action::Accept { id } | Action::Reject { id } | Action::Delete { id } => Some(id),
            _ => None,
        };
        let after = moves_on.filter(|id| Some(*id) == self.selected).and_then(|_| {
            self.neighbour(1).filter(|next| Some(*next) != self.selected).or_else(|| self.neighbour(-1))
        });
        // A run of resizes of one entity undoes as one step.
        let group = match action {
            Action::Resize { id, .. } => Some(format!("resize-{id}")),
            _ => None,
        };
        let Some(doc) = self.current.and_then(|i| self.project.documents.get_mut(i)) else { return };
        match doc.editor.apply_grouped(&action, &labels, group.as_deref()) {
            Ok(()) => {
                doc.meta.modified = now;
                if doc.status == Status::New {
                    doc.status = Status::InProgress;
                }
                if let Action::Add { start, end, label } = &action {
                    let added = doc.entities().iter().find(|e| e.start == *start && e.end == *end && &e.label == label);
                    self.selected = added.map(|e| e.id);
                    self.pending = None;
                } else if moves_on.is_some() && self.selected == moves_on {
                    self.selected = after.filter(|id| Some(*id) != moves_on);
                }
            }
            Err(err) => self.notice = Some(Notice { error: true, text: err.to_string() }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Suggestion;

    const NOW: &str = "2026-11-25T00:00:00.000Z";

    fn opened(text: &str) -> State {
        let mut state = State::default();
        state.apply(Msg::OpenDocument { id: "d1".into(), title: "t".into(), text: text.into(), now: NOW.into() });
        state
    }

    #[test]
    fn analysis_results_land_on_their_document() {
        let mut state = opened("记者刘伟平");
        assert!(state.is_analysing());
        let analysis = Analysis {
            tokens: vec![],
            suggestions: vec![Suggestion { start: 2, end: 5, label: "PER".into(), confidence: None }],
        };
        state.apply(Msg::AnalysisFinished { doc_id: "other".into(), analysis: analysis.clone() });
        assert!(state.current_doc().unwrap().entities().is_empty());
        state.apply(Msg::AnalysisFinished { doc_id: "d1".into(), analysis });
        assert!(!state.is_analysing());
        assert_eq!(state.current_doc().unwrap().entities().len(), 1);
    }

    #[test]
    fn a_refused_edit_shows_a_notice_and_changes_nothing() {
        let mut state = opened("郑州");
        let add = |start, end| Msg::Edit { action: Action::Add { start, end, label: "LOC".into() }, now: NOW.into() };
        state.apply(add(0, 2));
        let before = state.project.clone();
        state.apply(add(1, 2));
        assert_eq!(state.project, before);
        assert!(state.notice.as_ref().is_some_and(|n| n.error && n.text.contains("overlaps")));
        assert_eq!(state.current_doc().unwrap().status, Status::InProgress);
    }

    #[test]
    fn reviewing_moves_to_the_next_entity() {
        let mut state = opened("记者刘伟平在郑州");
        let suggestions = [(2, 5, "PER"), (6, 8, "LOC")]
            .map(|(start, end, label)| Suggestion { start, end, label: label.into(), confidence: None });
        state.apply(Msg::AnalysisFinished {
            doc_id: "d1".into(),
            analysis: Analysis { tokens: vec![], suggestions: suggestions.to_vec() },
        });
        state.apply(Msg::Step(1));
        let first = state.selected.unwrap();
        assert_eq!(state.current_doc().unwrap().entities().get(first).unwrap().label, "PER");
        state.apply(Msg::Edit { action: Action::Accept { id: first }, now: NOW.into() });
        let second = state.selected.unwrap();
        assert_ne!(first, second);
        assert_eq!(state.current_doc().unwrap().entities().get(second).unwrap().label, "LOC");
        state.apply(Msg::Edit { action: Action::Reject { id: second }, now: NOW.into() });
        assert_eq!(state.selected, Some(first), "the last one gone, the previous is selected");
        state.apply(Msg::Step(-5));
        assert_eq!(state.selected, Some(first));
    }

    #[test]
    fn resizes_in_a_row_undo_together_and_adding_selects_the_new_entity() {
        let mut state = opened("管城区财政局召开会议");
        state.apply(Msg::SetPending(Some(Span { start: 0, end: 3 })));
        state.apply(Msg::Edit { action: Action::Add { start: 0, end: 3, label: "ORG".into() }, now: NOW.into() });
        let id = state.selected.expect("the new entity is selected");
        assert_eq!(state.pending, None);
        for end in [4, 5, 6] {
            state.apply(Msg::Edit { action: Action::Resize { id, start: 0, end }, now: NOW.into() });
        }
        assert_eq!(state.current_doc().unwrap().entities().get(id).unwrap().end, 6);
        state.apply(Msg::Undo);
        assert_eq!(state.current_doc().unwrap().entities().get(id).unwrap().end, 3);
    }

    #[test]
    fn undo_and_redo_follow_edits() {
        let mut state = opened("郑州");
        state.apply(Msg::Edit { action: Action::Add { start: 0, end: 2, label: "LOC".into() }, now: NOW.into() });
        state.apply(Msg::Undo);
        assert!(state.current_doc().unwrap().entities().is_empty());
        state.apply(Msg::Redo);
        assert_eq!(state.current_doc().unwrap().entities().len(), 1);
        state.apply(Msg::Redo);
        assert!(state.notice.is_some());
    }
}
