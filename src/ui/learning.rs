//! Learning from corrections in the browser: the model panel, and the hook that asks the
//! worker to learn after the annotator pauses, then refreshes every document's suggestions.
//!
//! The worker owns the adapted model; the state keeps the copy it last reported
//! ([`Learning::file`]), which autosave stores with the project and a restore sends back.

use crate::browser::download;
use crate::browser::worker::{self, Bridge, Request};
use crate::core::document::Document;
use crate::core::lexicon::ProjectLexicon;
use crate::core::ner::adapt::{self, AdaptationFile, Lesson};
use crate::core::ner::report::Baseline;
use crate::ui::i18n::{Key, Lang};
use crate::ui::state::{Msg, Notice, State, StorageStatus, WorkerStatus};
use gloo_timers::callback::Timeout;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// How long the annotator pauses before the model learns: corrections come in bursts.
const IDLE_MS: u32 = 600;

/// A request for the worker that a component made through the reducer.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelCommand {
    Load(AdaptationFile),
    Reset,
}

/// What the state knows of the adapted model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Learning {
    /// The adaptation the worker last reported (saved with the project).
    pub file: Option<Rc<AdaptationFile>>,
    /// Bumped when suggestions may have changed: every document is refreshed.
    pub refresh: u64,
    /// The latest command for the worker, numbered so that the same one twice is sent twice.
    pub command: Option<(u64, ModelCommand)>,
    /// What annotators decided about strings across documents, as of the last pause.
    pub lexicon: Rc<ProjectLexicon>,
    /// What was suggested in each document when its review began (for the report card).
    pub baselines: Rc<Vec<Baseline>>,
}

impl Learning {
    /// Sentences and documents learned from.
    pub fn summary(&self) -> (usize, usize) {
        self.file.as_ref().map_or((0, 0), |f| (f.taught.iter().map(|t| t.lessons).sum(), f.taught.len()))
    }

    /// Keeps the worker's report. Suggestions after learning are refreshed by the pause
    /// that sent the lessons ([`use_learning`]), so the report itself refreshes nothing.
    pub fn adapted(&mut self, file: Option<AdaptationFile>) {
        if let Some(file) = file {
            self.file = Some(Rc::new(file));
        }
    }

    /// Remembers `doc`'s suggestions before its first correction; later calls keep the first.
    pub fn review_begins(&mut self, doc: &Document) {
        let set = doc.entities();
        let decided = set.iter().any(|e| e.origin.is_confirmed()) || set.rejected().next().is_some();
        if decided || self.baselines.iter().any(|b| b.doc == doc.id) {
            return;
        }
        let spans = set.iter().map(|e| (e.start, e.end, e.label.clone())).collect();
        Rc::make_mut(&mut self.baselines).push(Baseline { doc: doc.id.clone(), spans });
    }

    /// Queues a command for the worker, and refreshes suggestions after it.
    pub fn send(&mut self, command: ModelCommand) {
        let seq = self.command.as_ref().map_or(1, |(n, _)| n + 1);
        self.command = Some((seq, command));
        self.refresh += 1;
    }
}

/// Connects the state to the worker's learning: restores the saved adaptation, learns from
/// each document whose decisions changed once the annotator pauses, refreshes suggestions
/// after the model changed, and carries out [`ModelCommand`]s.
#[hook]
pub fn use_learning(state: &UseReducerHandle<State>, bridge: &Bridge) {
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    // Each document's decisions as last learned; `None` until the saved project is back.
    let learned = use_mut_ref(|| None::<HashMap<String, Vec<(usize, usize, String, bool)>>>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let ready = state.storage != StorageStatus::Restoring && state.worker == WorkerStatus::Ready;
    {
        let (state, bridge, learned) = (state.clone(), bridge.clone(), learned.clone());
        use_effect_with(ready, move |ready| {
            if *ready && learned.borrow().is_none() {
                // What the restored documents decided is already in the restored adaptation.
                let docs = state.project.documents.iter();
                *learned.borrow_mut() = Some(docs.map(|d| (d.id.clone(), adapt::decisions(d.entities()))).collect());
                let docs = state.project.documents.iter().map(|d| (&*d.text, d.entities()));
                state.dispatch(Msg::Lexicon(Rc::new(ProjectLexicon::of(docs))));
                if let Some(file) = state.learning.file.as_deref() {
                    bridge.send(Request::LoadAdaptation(file.clone()));
                }
            }
        });
    }
    {
        let (latest, bridge, learned, timer) = (latest.clone(), bridge.clone(), learned.clone(), timer.clone());
        use_effect_with(state.doc_revision, move |_| {
            let armed = Timeout::new(IDLE_MS, move || {
                let state = latest.borrow().clone();
                let mut learned = learned.borrow_mut();
                let Some(learned) = learned.as_mut() else { return };
                let mut any = false;
                for doc in &state.project.documents {
                    let decisions = adapt::decisions(doc.entities());
                    let before = learned.get(&doc.id);
                    if before == Some(&decisions) || (before.is_none() && decisions.is_empty()) {
                        continue;
                    }
                    let lessons: Vec<Lesson> = adapt::lessons(&doc.text, doc.entities());
                    learned.insert(doc.id.clone(), decisions);
                    bridge.send(Request::Learn { doc_id: doc.id.clone(), lessons });
                    any = true;
                }
                if any {
                    // Decisions changed: the lexicon may have too, and the model may have
                    // learned. The refreshes queue behind the lessons in the worker.
                    let docs = state.project.documents.iter().map(|d| (&*d.text, d.entities()));
                    let lexicon = Rc::new(ProjectLexicon::of(docs));
                    let words = state.segmenter_words_with(&lexicon);
                    state.dispatch(Msg::Lexicon(lexicon));
                    refresh_all(&state, &bridge, &words);
                }
            });
            // A newer change re-arms the timer; the old one is dropped (cancelled).
            *timer.borrow_mut() = Some(armed);
        });
    }
    {
        let (state, bridge) = (state.clone(), bridge.clone());
        use_effect_with(state.learning.refresh, move |refresh| {
            if *refresh > 0 {
                refresh_all(&state, &bridge, &state.segmenter_words());
            }
        });
    }
    {
        let bridge = bridge.clone();
        use_effect_with(state.learning.command.clone(), move |command| match command {
            Some((_, ModelCommand::Load(file))) => bridge.send(Request::LoadAdaptation(file.clone())),
            Some((_, ModelCommand::Reset)) => bridge.send(Request::ResetAdaptation),
            None => {}
        });
    }
}

/// Asks the worker for fresh suggestions for every analysed document not being analysed.
fn refresh_all(state: &State, bridge: &Bridge, words: &[crate::core::segment::UserWord]) {
    for doc in state.project.documents.iter().filter(|d| !d.tokens.is_empty()) {
        if !state.analysing.contains(&doc.id) {
            let (doc_id, text) = (doc.id.clone(), doc.text.to_string());
            worker::send_soon(bridge, Request::Refresh { doc_id, text, user_words: words.to_vec() });
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct ModelPanelProps {
    pub learning: Learning,
    pub on_msg: Callback<Msg>,
}

/// What the model has learned, with export, import and reset.
#[function_component(ModelPanel)]
pub fn model_panel(props: &ModelPanelProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let (sentences, docs) = props.learning.summary();
    let on_reset = props.on_msg.reform(|_: MouseEvent| Msg::ModelCommand(ModelCommand::Reset));
    let on_export = {
        let (file, on_msg) = (props.learning.file.clone(), props.on_msg.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(file) = file.as_deref() else { return };
            let json = serde_json::to_string(file).unwrap_or_default();
            if let Err(err) = download::download("model-adaptation.json", "application/json", json.as_bytes()) {
                on_msg.emit(Msg::Notify(Notice { error: true, text: format!("Download failed: {err:?}") }));
            }
        })
    };
    let on_import = {
        let on_msg = props.on_msg.clone();
        Callback::from(move |e: Event| {
            let files = crate::browser::files::input_files(&e);
            let on_msg = on_msg.clone();
            wasm_bindgen_futures::spawn_local(async move {
                for file in crate::browser::files::read_text_files(files).await {
                    let msg =
                        match file.map(|f| serde_json::from_str::<AdaptationFile>(&f.text).map_err(|e| (f.name, e))) {
                            Ok(Ok(file)) => Msg::ModelCommand(ModelCommand::Load(file)),
                            Ok(Err((name, e))) => Msg::Notify(Notice {
                                error: true,
                                text: format!("{name}: not a model adaptation file ({e}); nothing changed"),
                            }),
                            Err(message) => Msg::Notify(Notice { error: true, text: message }),
                        };
                    on_msg.emit(msg);
                }
            });
        })
    };
    html! {
        <section class="model-panel" data-testid="model-panel" aria-label={lang.t(Key::ModelPanel)}>
            <h3>{lang.t(Key::ModelPanel)}</h3>
            <p data-testid="model-learned" data-sentences={sentences.to_string()} data-documents={docs.to_string()}>
                { if sentences == 0 { lang.t(Key::ModelShipped).to_owned() } else {
                    lang.t(Key::ModelLearned).replace("{sentences}", &sentences.to_string()).replace("{documents}", &docs.to_string())
                } }
            </p>
            <div class="model-actions">
                <button data-testid="model-export" disabled={props.learning.file.is_none()} onclick={on_export}>{lang.t(Key::ModelExport)}</button>
                <label class="file-button">{lang.t(Key::ModelImport)}
                    <input type="file" accept=".json,application/json" data-testid="model-import" onchange={on_import} />
                </label>
                <button data-testid="model-reset" disabled={sentences == 0} onclick={on_reset}>{lang.t(Key::ModelReset)}</button>
            </div>
        </section>
    }
}
