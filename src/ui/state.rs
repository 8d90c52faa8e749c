//! The app state and its reducer. Plain data, so it can be saved and tested natively.

use crate::core::action::Action;
use crate::core::document::{Document, Project, Status};
use crate::core::entity::Span;
use crate::core::entity::Suggestion;
use crate::core::formats::json_v1;
use crate::core::lexicon::ProjectLexicon;
use crate::core::ner::adapt::AdaptationFile;
use crate::core::ner::report::Baseline;
use crate::core::pipeline::Analysis;
use crate::core::segment::{CompactTokens, UserWord};
use crate::ui::learning::{Learning, ModelCommand};
use crate::ui::reader::{ReaderMsg, ReaderState};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use yew::Reducible;

/// Whether the analysis worker is usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorkerStatus {
    #[default]
    Loading,
    Ready,
}

/// Where autosave stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum StorageStatus {
    /// Nothing loaded yet; saving waits until the saved project is restored.
    #[default]
    Restoring,
    Saved,
    /// Saving failed: work stays in memory; the user is told to export.
    Failed(String),
}

/// What autosave writes: the project in the app's own JSON format (without tokens), each
/// document's tokens in compact form, and the view that a reload should come back to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub project: json_v1::FileV1,
    #[serde(default)]
    pub current: Option<usize>,
    #[serde(default)]
    pub draft: String,
    /// The tokens of the documents that have them. Older autosaves kept tokens inside
    /// `project` (as do documents whose tokens do not tile the text); both still restore.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tokens: Vec<SavedTokens>,
    /// What the model learned from this project's corrections.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub adaptation: Option<AdaptationFile>,
    /// What was suggested when each document's review began (the report card's data).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub baselines: Vec<Baseline>,
}

/// One document's tokens in an autosave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedTokens {
    /// The document's id.
    pub doc: String,
    pub tokens: CompactTokens,
}

impl State {
    /// The autosave snapshot.
    pub fn to_saved(&self, now: &str) -> Saved {
        let options = json_v1::ExportOptions { include_tokens: false };
        let mut project = json_v1::to_file(&self.project, &self.project.documents, Some(now), options);
        let mut tokens = Vec::new();
        for (doc, saved) in self.project.documents.iter().zip(&mut project.documents) {
            if doc.tokens.is_empty() {
                continue;
            }
            match CompactTokens::try_from(&doc.tokens[..]) {
                Ok(compact) => tokens.push(SavedTokens { doc: doc.id.clone(), tokens: compact }),
                // Not from jieba (they do not tile the text): kept as they are.
                Err(_) => saved.tokens = doc.tokens.to_vec(),
            }
        }
        let adaptation = self.learning.file.as_deref().cloned();
        let baselines = self.learning.baselines.to_vec();
        Saved { project, current: self.current, draft: self.draft.clone(), tokens, adaptation, baselines }
    }
}

impl Saved {
    /// Validates the saved project and puts the tokens back on their documents. Tokens that
    /// do not decode or do not cover their document's text are dropped (re-analysing the
    /// document brings them back); they never make the restore fail.
    /// The error is the import error's message.
    pub fn into_project(self) -> Result<Project, String> {
        let mut project = json_v1::from_file(self.project).map_err(|e| e.to_string())?;
        for saved in self.tokens {
            let Some(doc) = project.documents.iter_mut().find(|d| d.id == saved.doc) else { continue };
            let text_len = doc.text_index().map(|index| index.char_len());
            if saved.tokens.char_len().map(|n| n as usize) != text_len {
                continue;
            }
            if let Ok(tokens) = saved.tokens.to_tokens() {
                doc.tokens = tokens.into();
            }
        }
        Ok(project)
    }
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
    /// The worker's progress on the analysis under way: (document id, done, total).
    pub progress: Option<(String, u32, u32)>,
    pub notice: Option<Notice>,
    /// The entity with keyboard focus in the document view.
    pub selected: Option<u64>,
    /// Selected text (already snapped to words) waiting for a label.
    pub pending: Option<Span>,
    /// Bumped by every change worth saving; autosave watches it.
    pub revision: u64,
    /// Bumped by every change that may touch the documents or the labels (not the paste
    /// box); views derived from the current document (entity index, outline) are
    /// recomputed only when it or the current document changes.
    pub doc_revision: u64,
    /// Where autosave stands.
    pub storage: StorageStatus,
    /// Another tab saved the same project after this one: saving here is paused.
    pub other_tab_saved: bool,
    /// The reading view: language, label toggles, index search and focus.
    pub reader: ReaderState,
    /// A new version of the app is installed offline and waits for a reload.
    pub update_ready: bool,
    /// The adapted model, as the worker last reported it.
    pub learning: Learning,
}

impl State {
    pub fn current_doc(&self) -> Option<&Document> {
        self.current.and_then(|i| self.project.documents.get(i))
    }

    fn doc_mut(&mut self, id: &str) -> Option<&mut Document> {
        self.project.documents.iter_mut().find(|d| d.id == id)
    }

    /// How the suggestions scored on the finished documents, before each taught the model.
    pub fn report_card(&self) -> crate::core::ner::report::ReportCard {
        crate::core::ner::report::ReportCard::of(&self.learning.baselines, |id| {
            let doc = self.project.documents.iter().find(|d| d.id == id && d.status == Status::Done)?;
            Some(doc.entities().iter().map(|e| (e.start, e.end, e.label.clone())).collect())
        })
    }

    /// The words the segmenter is given: the project's own, then the confirmed names.
    pub fn segmenter_words(&self) -> Vec<UserWord> {
        self.segmenter_words_with(&self.learning.lexicon)
    }

    pub fn segmenter_words_with(&self, lexicon: &ProjectLexicon) -> Vec<UserWord> {
        let mut words = self.project.user_words.clone();
        words.extend(lexicon.user_words(&words));
        words
    }

    pub fn is_analysing(&self) -> bool {
        !self.analysing.is_empty()
    }

    /// The spans "apply to all mentions" would label: the selected entity's other mentions,
    /// and the entity itself while it is still a suggestion.
    pub fn mentions_of_selected(&self) -> Vec<Span> {
        let Some(doc) = self.current_doc() else { return Vec::new() };
        let Some(entity) = self.selected.and_then(|id| doc.entities().get(id)) else { return Vec::new() };
        let mut spans = crate::core::lexicon::other_mentions(&doc.text, doc.entities(), entity);
        if !spans.is_empty() && !entity.origin.is_confirmed() {
            spans.push(entity.span());
            spans.sort();
        }
        spans
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
    /// A document was sent for (re-)analysis.
    AnalysisStarted(String),
    AnalysisFinished {
        doc_id: String,
        analysis: Analysis,
    },
    AnalysisFailed {
        doc_id: String,
        message: String,
    },
    /// The worker segmented `done` of `total` code points of the document.
    AnalysisProgress {
        doc_id: String,
        done: u32,
        total: u32,
    },
    /// The user cancelled the analysis (the caller also tells the worker): the document,
    /// still without tokens or suggestions, is closed; the paste box keeps the text.
    AnalysisCancelled {
        doc_id: String,
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
    /// The saved project was read back at start (already validated).
    Restore {
        project: Project,
        current: Option<usize>,
        draft: String,
        adaptation: Option<AdaptationFile>,
        baselines: Vec<Baseline>,
    },
    /// Nothing to restore, or it could not be read: start saving from here.
    RestoreSkipped,
    SaveDone,
    SaveFailed(String),
    OtherTabSaved,
    /// Keep working here, overwriting the other tab's save.
    TakeOver,
    SwitchDocument(usize),
    SetStatus(Status),
    SetAnnotator(String),
    /// Replaces label `at` (or adds one past the end); renames carry over to entities.
    PutLabel {
        at: usize,
        label: crate::core::label::Label,
    },
    RemoveLabel(String),
    /// Adds a word to the user dictionary; the caller re-analyses the document.
    AddUserWord(crate::core::segment::UserWord),
    /// Adds imported documents; same text (by hash) either merges entities or replaces.
    Import {
        project: Project,
        replace_same: bool,
    },
    /// A reading-view message (language, label toggles, index focus…).
    Reader(ReaderMsg),
    /// The service worker installed a new deployment; the UI offers a reload.
    UpdateReady,
    /// The worker reports the adaptation.
    Adapted(Option<AdaptationFile>),
    /// Fresh suggestions for a document after the model changed (no undo step).
    Refreshed {
        doc_id: String,
        suggestions: Vec<Suggestion>,
    },
    /// Export, import or reset of the adapted model, for the worker.
    ModelCommand(ModelCommand),
    /// The project lexicon after the annotator paused.
    Lexicon(Rc<ProjectLexicon>),
}

impl Msg {
    /// Whether the message changes what autosave keeps.
    fn changes_work(&self) -> bool {
        matches!(
            self,
            Msg::SetDraft(_)
                | Msg::OpenDocument { .. }
                | Msg::AnalysisFinished { .. }
                | Msg::AnalysisCancelled { .. }
                | Msg::Edit { .. }
                | Msg::Undo
                | Msg::Redo
                | Msg::SwitchDocument(_)
                | Msg::SetStatus(_)
                | Msg::SetAnnotator(_)
                | Msg::Import { .. }
                | Msg::TakeOver
                | Msg::PutLabel { .. }
                | Msg::RemoveLabel(_)
                | Msg::AddUserWord(_)
                | Msg::Adapted(_)
                | Msg::Refreshed { .. }
        )
    }
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
        if msg.changes_work() {
            self.revision += 1;
        }
        if (msg.changes_work() && !matches!(msg, Msg::SetDraft(_))) || matches!(msg, Msg::Restore { .. }) {
            self.doc_revision += 1;
        }
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
            Msg::AnalysisStarted(doc_id) => {
                if !self.analysing.contains(&doc_id) {
                    self.analysing.push(doc_id);
                }
            }
            Msg::AnalysisFinished { doc_id, mut analysis } => {
                self.analysing.retain(|id| id != &doc_id);
                self.progress = self.progress.take().filter(|p| p.0 != doc_id);
                let lexicon = self.learning.lexicon.clone();
                if let Some(doc) = self.doc_mut(&doc_id) {
                    analysis.suggestions = lexicon.revise(&doc.text, &analysis.suggestions);
                    doc.apply_analysis(analysis);
                }
            }
            Msg::AnalysisProgress { doc_id, done, total } => {
                if self.analysing.contains(&doc_id) {
                    self.progress = Some((doc_id, done, total));
                }
            }
            Msg::AnalysisCancelled { doc_id } => {
                if self.analysing.contains(&doc_id) {
                    self.analysing.retain(|id| id != &doc_id);
                    self.progress = self.progress.take().filter(|p| p.0 != doc_id);
                    if let Some(i) = self.project.documents.iter().position(|d| d.id == doc_id && d.tokens.is_empty()) {
                        self.project.documents.remove(i);
                        let len = self.project.documents.len();
                        self.current = self.current.and_then(|c| {
                            if c > i {
                                Some(c - 1)
                            } else if c == i {
                                len.checked_sub(1)
                            } else {
                                Some(c)
                            }
                        });
                        self.selected = None;
                    }
                }
            }
            Msg::AnalysisFailed { doc_id, message } => {
                self.analysing.retain(|id| id != &doc_id);
                self.progress = self.progress.take().filter(|p| p.0 != doc_id);
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
            Msg::Select(id) if id.is_some() && id == self.selected => {}
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
            Msg::UpdateReady => self.update_ready = true,
            Msg::Restore { project, current, draft, adaptation, baselines } => {
                if let Some(file) = adaptation {
                    self.learning.file = Some(Rc::new(file));
                }
                let mut baselines = baselines;
                baselines.extend(self.learning.baselines.iter().cloned());
                self.learning.baselines = Rc::new(baselines);
                // Anything done before the restore finished (rare) is kept after it.
                let mut project = project;
                project.documents.append(&mut self.project.documents);
                self.current = current.filter(|&i| i < project.documents.len()).or(self.current);
                self.project = project;
                if self.draft.is_empty() {
                    self.draft = draft;
                }
                self.storage = StorageStatus::Saved;
            }
            Msg::RestoreSkipped => self.storage = StorageStatus::Saved,
            Msg::SaveDone => self.storage = StorageStatus::Saved,
            Msg::SaveFailed(why) => self.storage = StorageStatus::Failed(why),
            Msg::OtherTabSaved => self.other_tab_saved = true,
            Msg::TakeOver => self.other_tab_saved = false,
            Msg::SwitchDocument(i) => {
                if i < self.project.documents.len() {
                    self.current = Some(i);
                    self.selected = None;
                    self.pending = None;
                }
            }
            Msg::SetStatus(status) => {
                if let Some(doc) = self.current.and_then(|i| self.project.documents.get_mut(i)) {
                    doc.status = status;
                }
            }
            Msg::SetAnnotator(name) => {
                let name = name.trim().to_owned();
                for doc in &mut self.project.documents {
                    doc.meta.annotator = name.clone();
                }
                self.project.annotator = name;
            }
            Msg::Import { project, replace_same } => self.import(project, replace_same),
            Msg::PutLabel { at, label } => {
                if let Err(err) = self.project.put_label(at, label) {
                    self.notice = Some(Notice { error: true, text: err.to_string() });
                }
            }
            Msg::RemoveLabel(name) => {
                if let Err(err) = self.project.remove_label(&name) {
                    self.notice = Some(Notice { error: true, text: err.to_string() });
                }
            }
            Msg::AddUserWord(word) => match word.validate() {
                Ok(()) if !self.project.user_words.iter().any(|w| w.word == word.word) => {
                    self.project.user_words.push(word);
                    self.pending = None;
                }
                Ok(()) => {}
                Err(err) => self.notice = Some(Notice { error: true, text: err.to_string() }),
            },
            Msg::Reader(msg) => self.reader.apply(msg),
            Msg::Adapted(file) => self.learning.adapted(file),
            Msg::Refreshed { doc_id, suggestions } => {
                let lexicon = self.learning.lexicon.clone();
                if let Some(doc) = self.doc_mut(&doc_id) {
                    doc.refresh_suggestions(&lexicon.revise(&doc.text, &suggestions));
                }
            }
            Msg::Lexicon(lexicon) => self.learning.lexicon = lexicon,
            Msg::ModelCommand(command) => self.learning.send(command),
        }
    }

    fn import(&mut self, incoming: Project, replace_same: bool) {
        let (mut added, mut merged, mut refused) = (0, 0, 0);
        for label in incoming.labels.iter() {
            if !self.project.labels.contains(&label.name) {
                let mut labels = self.project.labels.labels().to_vec();
                labels.push(label.clone());
                if let Ok(set) = crate::core::label::LabelSet::new(labels) {
                    self.project.labels = set;
                }
            }
        }
        for word in incoming.user_words {
            if !self.project.user_words.contains(&word) {
                self.project.user_words.push(word);
            }
        }
        for doc in incoming.documents {
            match self.project.documents.iter_mut().find(|d| d.sha256 == doc.sha256) {
                Some(existing) if replace_same => {
                    *existing = doc;
                    merged += 1;
                }
                Some(existing) => {
                    let incoming_entities = doc.entities().entities().to_vec();
                    existing.editor.replace(|set| {
                        for e in incoming_entities {
                            if set.add(e.span(), &e.label, e.origin, e.confidence).is_err() {
                                refused += 1;
                            }
                        }
                    });
                    merged += 1;
                }
                None => {
                    let mut doc = doc;
                    if self.project.documents.iter().any(|d| d.id == doc.id) {
                        doc.id = format!("{}-{}", doc.id, self.project.documents.len() + 1);
                    }
                    self.project.documents.push(doc);
                    added += 1;
                }
            }
        }
        if self.current.is_none() && !self.project.documents.is_empty() {
            self.current = Some(0);
        }
        let mut text = format!("Imported: {added} new documents, {merged} matched existing ones");
        if refused > 0 {
            text.push_str(&format!("; {refused} entities overlapped existing ones and were skipped"));
        }
        self.notice = Some(Notice { error: false, text });
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
        let after = moves_on
            .filter(|id| Some(*id) == self.selected)
            .and_then(|_| self.neighbour(1).filter(|next| Some(*next) != self.selected).or_else(|| self.neighbour(-1)));
        // A run of resizes of one entity undoes as one step.
        let group = match action {
            Action::Resize { id, .. } => Some(format!("resize-{id}")),
            _ => None,
        };
        let Some(doc) = self.current.and_then(|i| self.project.documents.get_mut(i)) else { return };
        self.learning.review_begins(doc);
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
    fn progress_shows_and_cancel_closes_the_unanalysed_document() {
        let mut state = opened("记者刘伟平");
        state.apply(Msg::AnalysisProgress { doc_id: "d1".into(), done: 2, total: 5 });
        assert_eq!(state.progress, Some(("d1".into(), 2, 5)));
        state.apply(Msg::AnalysisCancelled { doc_id: "d1".into() });
        assert!(!state.is_analysing());
        assert_eq!(state.progress, None);
        assert!(state.project.documents.is_empty());
        assert_eq!(state.current, None);
        // Late progress for a cancelled document is ignored.
        state.apply(Msg::AnalysisProgress { doc_id: "d1".into(), done: 3, total: 5 });
        assert_eq!(state.progress, None);
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
        let suggestions = [(2, 5, "PER"), (6, 8, "LOC")].map(|(start, end, label)| Suggestion {
            start,
            end,
            label: label.into(),
            confidence: None,
        });
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
    fn the_saved_snapshot_restores_the_same_project() {
        let text = "记者刘伟平在郑州";
        let mut state = opened(text);
        let tokens = crate::core::segment::Segmenter::new().segment(text);
        state.apply(Msg::AnalysisFinished {
            doc_id: "d1".into(),
            analysis: Analysis { tokens: tokens.clone(), suggestions: vec![] },
        });
        state.apply(Msg::Edit { action: Action::Add { start: 2, end: 5, label: "PER".into() }, now: NOW.into() });
        state.apply(Msg::SetDraft("草稿".into()));
        let json = serde_json::to_string(&state.to_saved(NOW)).unwrap();
        // Tokens are saved compactly beside the project, not inside it.
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert!(value["project"]["documents"][0].get("tokens").is_none(), "{json}");
        assert_eq!(value["tokens"][0]["doc"], "d1");
        let restored = |json: &str| {
            let saved: Saved = serde_json::from_str(json).unwrap();
            let (current, draft) = (saved.current, saved.draft.clone());
            let mut fresh = State::default();
            fresh.apply(Msg::Restore {
                project: saved.into_project().unwrap(),
                current,
                draft,
                adaptation: None,
                baselines: vec![],
            });
            fresh
        };
        let fresh = restored(&json);
        assert_eq!(fresh.project.documents[0].entities(), state.project.documents[0].entities());
        assert_eq!(fresh.project.documents[0].text, state.project.documents[0].text);
        assert_eq!(&fresh.project.documents[0].tokens[..], &tokens[..]);
        assert_eq!(fresh.current, Some(0));
        assert_eq!(fresh.draft, "草稿");
        assert_eq!(fresh.storage, StorageStatus::Saved);

        // An older autosave, with the tokens inside the project, still restores them.
        let options = json_v1::ExportOptions { include_tokens: true };
        let file = json_v1::to_file(&state.project, &state.project.documents, Some(NOW), options);
        let old = serde_json::json!({ "project": file, "current": 0, "draft": "草稿" }).to_string();
        let fresh = restored(&old);
        assert_eq!(&fresh.project.documents[0].tokens[..], &tokens[..]);
        assert_eq!(fresh.project.documents[0].entities(), state.project.documents[0].entities());

        // Tokens that do not tile the text stay inside the project; saved tokens that do not
        // fit their document are dropped, not an error.
        let mut odd = state.clone();
        odd.project.documents[0].tokens =
            vec![crate::core::segment::Token { start: 1, end: 2, pos: "x".into() }].into();
        let fresh = restored(&serde_json::to_string(&odd.to_saved(NOW)).unwrap());
        assert_eq!(fresh.project.documents[0].tokens, odd.project.documents[0].tokens);
        let mut saved = state.to_saved(NOW);
        saved.tokens[0].tokens.lens.push(1);
        saved.tokens[0].tokens.pos.push(0);
        let fresh = restored(&serde_json::to_string(&saved).unwrap());
        assert!(fresh.project.documents[0].tokens.is_empty());
        assert_eq!(fresh.project.documents[0].entities(), state.project.documents[0].entities());
    }

    #[test]
    fn changes_bump_the_revision_and_views_do_not() {
        let mut state = opened("郑州");
        let r = state.revision;
        state.apply(Msg::Step(1));
        state.apply(Msg::Notify(Notice { error: false, text: "x".into() }));
        assert_eq!(state.revision, r);
        let d = state.doc_revision;
        state.apply(Msg::SetDraft("草稿".into()));
        assert_eq!(state.revision, r + 1);
        assert_eq!(state.doc_revision, d, "typing in the paste box leaves the documents alone");
        state.apply(Msg::Edit { action: Action::Add { start: 0, end: 2, label: "LOC".into() }, now: NOW.into() });
        assert_eq!(state.revision, r + 2);
        assert_eq!(state.doc_revision, d + 1);
    }

    #[test]
    fn importing_the_same_text_merges_or_replaces() {
        let mut state = opened("记者刘伟平在郑州");
        state.apply(Msg::Edit { action: Action::Add { start: 2, end: 5, label: "PER".into() }, now: NOW.into() });
        let mut other = Document::new("x", "t", "记者刘伟平在郑州", NOW);
        other.editor.apply(&Action::Add { start: 6, end: 8, label: "LOC".into() }, &Default::default()).unwrap();
        let incoming = Project { documents: vec![other], ..Project::default() };
        let mut merged = state.clone();
        merged.apply(Msg::Import { project: incoming.clone(), replace_same: false });
        let labels: Vec<_> = merged.project.documents[0].entities().iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["PER", "LOC"]);
        assert_eq!(merged.project.documents.len(), 1);
        state.apply(Msg::Import { project: incoming, replace_same: true });
        let labels: Vec<_> = state.project.documents[0].entities().iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["LOC"]);
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

    #[test]
    fn the_report_card_scores_done_documents_on_their_suggestions_before_the_first_edit() {
        let mut state = opened("郑州市民王小明在金水区");
        let suggestions = [
            Suggestion { start: 0, end: 2, label: "LOC".into(), confidence: None },
            Suggestion { start: 8, end: 11, label: "LOC".into(), confidence: None },
        ];
        let analysis = Analysis { tokens: vec![], suggestions: suggestions.to_vec() };
        state.apply(Msg::AnalysisFinished { doc_id: "d1".into(), analysis });
        let edit = |action| Msg::Edit { action, now: NOW.into() };
        state.apply(edit(Action::Add { start: 4, end: 7, label: "PER".into() }));
        // A later edit does not move the baseline.
        state.apply(edit(Action::Add { start: 2, end: 4, label: "ORG".into() }));
        assert!(state.report_card().documents.is_empty(), "not done yet");
        state.apply(Msg::SetStatus(Status::Done));
        let card = state.report_card();
        assert_eq!(card.documents.len(), 1);
        // Two of two suggestions right, of four entities in the end.
        assert_eq!(card.total.micro, crate::core::ner::score::Counts { tp: 2, fp: 0, fn_: 2 });
        // Saved and restored with the project.
        let saved = state.to_saved(NOW);
        assert_eq!(saved.baselines.len(), 1);
        let json = serde_json::to_string(&saved).unwrap();
        let back: Saved = serde_json::from_str(&json).unwrap();
        assert_eq!(back.baselines, saved.baselines);
    }
}
