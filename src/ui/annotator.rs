//! The annotator's panels, wired to the shared state through context: the action bar,
//! the project panel (documents, export, import) and the storage banners.

use crate::browser::{clock, download};
use crate::core::document::Project;
use crate::core::formats::Format;
use crate::core::segment::UserWord;
use crate::ui::action_bar::ActionBar;
use crate::ui::documents::{summaries, DocumentList};
use crate::ui::hooks::{error, Unrestorable};
use crate::ui::i18n::{use_lang, Key};
use crate::ui::label_editor::LabelEditor;
use crate::ui::state::{Msg, State, StorageStatus};
use crate::ui::transfer::{plan_import, ImportPlan, Scope, TransferPanel};
use yew::prelude::*;

/// The app state, shared through context (as in Yew's `contexts` example).
pub type StateHandle = UseReducerHandle<State>;

/// Sends a document (id, text, user words) to the analysis worker.
#[derive(Clone, PartialEq)]
pub struct Analyser(pub Callback<(String, String, Vec<UserWord>)>);

#[hook]
fn use_app_state() -> Option<StateHandle> {
    use_context::<StateHandle>()
}

#[function_component(AnnotatorBar)]
pub fn annotator_bar() -> Html {
    let Some(state) = use_app_state() else { return html! {} };
    let Some(doc) = state.current_doc() else { return html! {} };
    let pending = state.pending.map(|span| (span, AttrValue::from(doc.span_text(span.start, span.end).to_owned())));
    let selected = state
        .selected
        .and_then(|id| doc.entities().get(id))
        .map(|e| (e.clone(), AttrValue::from(doc.span_text(e.start, e.end).to_owned())));
    // Hooks come first in a function component; the mentions are recomputed only when the
    // documents or the selection change (a scan of the whole text).
    let mentions = {
        let state = state.clone();
        let key = (state.doc_revision, state.current, state.selected);
        (*use_memo(key, move |_| state.mentions_of_selected())).clone()
    };
    let suggestions: Vec<(String, usize)> =
        state.project.labels.iter().map(|l| (l.name.clone(), doc.entities().suggestions_of(&l.name).len())).collect();
    let on_edit = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action| dispatcher.dispatch(Msg::Edit { action, now: clock::now() }))
    };
    let analyser = use_context::<Analyser>();
    let on_add_word = {
        let (state, doc_id, text) = (state.clone(), doc.id.clone(), doc.text.to_string());
        Callback::from(move |word: UserWord| {
            if let Err(err) = word.validate() {
                return state.dispatch(error(err.to_string()));
            }
            let mut words = state.project.user_words.clone();
            if !words.iter().any(|w| w.word == word.word) {
                words.push(word.clone());
            }
            words.extend(state.learning.lexicon.user_words(&words));
            state.dispatch(Msg::AddUserWord(word));
            if let Some(Analyser(send)) = &analyser {
                state.dispatch(Msg::AnalysisStarted(doc_id.clone()));
                send.emit((doc_id.clone(), text.clone(), words));
            }
        })
    };
    html! { <ActionBar labels={state.project.labels.clone()} {pending} {selected} {mentions} {suggestions} {on_edit} {on_add_word} /> }
}

/// Offers `project`'s export in `format` for download.
fn export(state: &StateHandle, format: Format, scope: Scope) {
    let now = clock::now();
    let result = match (scope, state.current_doc()) {
        (Scope::Current, Some(doc)) => format.export_project(&state.project, &[doc], &now),
        _ => format.export_all(&state.project, &now),
    };
    match result {
        Ok(exported) => {
            let name = exported.file_name.clone();
            let mime = exported.mime;
            if let Err(err) = download::download(&name, mime, &exported.into_bytes()) {
                state.dispatch(error(format!("Download failed: {err:?}")));
            }
        }
        Err(err) => state.dispatch(error(err.to_string())),
    }
}

/// An import waiting for the user's answer.
#[derive(Clone, PartialEq)]
enum Question {
    Labels { name: String, text: std::rc::Rc<str>, labels: Vec<String> },
    Same { project: Project, same: usize },
}

#[function_component(ProjectPanel)]
pub fn project_panel() -> Html {
    let lang = use_lang();
    let question = use_state(|| None::<Question>);
    let Some(state) = use_app_state() else { return html! {} };
    let run_plan = {
        let (state, question) = (state.clone(), question.clone());
        move |plan: ImportPlan, name: String, text: std::rc::Rc<str>| match plan {
            ImportPlan::Apply(project) => state.dispatch(Msg::Import { project, replace_same: false }),
            ImportPlan::AskSame { project, same } => question.set(Some(Question::Same { project, same })),
            ImportPlan::AskLabels(labels) => question.set(Some(Question::Labels { name, text, labels })),
            ImportPlan::Failed(message) => state.dispatch(error(message)),
        }
    };
    let on_import = {
        let (state, run_plan) = (state.clone(), run_plan.clone());
        Callback::from(move |files: Vec<web_sys::File>| {
            let (state, run_plan) = (state.clone(), run_plan.clone());
            wasm_bindgen_futures::spawn_local(async move {
                for result in crate::browser::files::read_text_files(files).await {
                    match result {
                        Ok(file) => {
                            let plan = plan_import(&state.project, &file.text, &file.name, &[], &clock::now());
                            run_plan(plan, file.name, file.text.into());
                        }
                        Err(message) => state.dispatch(error(message)),
                    }
                }
            });
        })
    };
    let dialog = (*question).clone().map(|q| {
        let cancel = {
            let question = question.clone();
            Callback::from(move |_: MouseEvent| question.set(None))
        };
        match q {
            Question::Labels { name, text, labels } => {
                let add = {
                    let (state, question, run_plan, labels) = (state.clone(), question.clone(), run_plan.clone(), labels.clone());
                    Callback::from(move |_: MouseEvent| {
                        question.set(None);
                        let plan = plan_import(&state.project, &text, &name, &labels, &clock::now());
                        run_plan(plan, name.clone(), text.clone());
                    })
                };
                html! {
                    <div class="question" role="alertdialog" data-testid="import-question">
                        <p>{labels.join(", ")}</p>
                        <button class="primary" onclick={add} data-testid="import-add-labels">{lang.t(Key::AddLabelsAndImport)}</button>
                        <button onclick={cancel}>{lang.t(Key::Cancel)}</button>
                    </div>
                }
            }
            Question::Same { project, same } => {
                let answer = |replace_same: bool| {
                    let (state, question, project) = (state.clone(), question.clone(), project.clone());
                    Callback::from(move |_: MouseEvent| {
                        question.set(None);
                        state.dispatch(Msg::Import { project: project.clone(), replace_same });
                    })
                };
                html! {
                    <div class="question" role="alertdialog" data-testid="import-question">
                        <p>{lang.t(Key::SameDocuments)}{format!(" ({same})")}</p>
                        <button class="primary" onclick={answer(false)} data-testid="import-merge">{lang.t(Key::Merge)}</button>
                        <button onclick={answer(true)} data-testid="import-replace">{lang.t(Key::Replace)}</button>
                        <button onclick={cancel}>{lang.t(Key::Cancel)}</button>
                    </div>
                }
            }
        }
    });
    let on_export = {
        let state = state.clone();
        Callback::from(move |(format, scope)| export(&state, format, scope))
    };
    let dispatcher = state.dispatcher();
    let uses: Vec<usize> = state.project.labels.iter().map(|l| state.project.label_uses(&l.name)).collect();
    html! {
        <>
        <DocumentList docs={summaries(&state.project)} current={state.current}
            on_switch={dispatcher.to_callback().reform(Msg::SwitchDocument)} on_status={dispatcher.to_callback().reform(Msg::SetStatus)} />
        <TransferPanel has_doc={state.current_doc().is_some()} annotator={AttrValue::from(state.project.annotator.clone())}
            {on_export} {on_import} on_annotator={dispatcher.to_callback().reform(Msg::SetAnnotator)} />
        <LabelEditor labels={state.project.labels.clone()} uses={uses}
            on_put={dispatcher.to_callback().reform(|(at, label)| Msg::PutLabel { at, label })}
            on_remove={dispatcher.to_callback().reform(Msg::RemoveLabel)} />
        { for dialog }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct StorageBannersProps {
    pub unrestorable: Option<Unrestorable>,
}

/// Autosave problems, each with a way out that loses nothing.
#[function_component(StorageBanners)]
pub fn storage_banners(props: &StorageBannersProps) -> Html {
    let lang = use_lang();
    let Some(state) = use_app_state() else { return html! {} };
    if let Some(bad) = &props.unrestorable {
        let raw = bad.raw.clone();
        let on_download = Callback::from(move |_: MouseEvent| {
            let _ = download::download("bulletin-saved-data.json", "application/json", raw.as_bytes());
        });
        let on_fresh = state.dispatcher().to_callback().reform(|_: MouseEvent| Msg::RestoreSkipped);
        return html! {
            <div class="notice error" role="alert" data-testid="restore-failed">
                <span>{lang.t(Key::RestoreFailed)}{" "}{&bad.message}</span>
                <button onclick={on_download}>{lang.t(Key::DownloadSaved)}</button>
                <button onclick={on_fresh}>{lang.t(Key::StartFresh)}</button>
            </div>
        };
    }
    let mut banners = Vec::new();
    if let StorageStatus::Failed(why) = &state.storage {
        banners.push(html! {
            <div class="notice error" role="alert" data-testid="storage-failed">
                <span>{lang.t(Key::SaveFailed)}{" ("}{why}{")"}</span>
            </div>
        });
    }
    if state.other_tab_saved {
        let on_reload = Callback::from(|_: MouseEvent| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let on_take_over = state.dispatcher().to_callback().reform(|_: MouseEvent| Msg::TakeOver);
        banners.push(html! {
            <div class="notice" role="alert" data-testid="other-tab">
                <span>{lang.t(Key::OtherTab)}</span>
                <button onclick={on_reload}>{lang.t(Key::Reload)}</button>
                <button onclick={on_take_over} data-testid="take-over">{lang.t(Key::KeepWorkingHere)}</button>
            </div>
        });
    }
    html! { <>{ for banners }</> }
}
