//! The root component: owns the reducer and the analysis worker, lays out the panels.

use crate::browser::reader as reader_dom;
use crate::browser::{clock, download, worker};
use crate::core::document::Document;
use crate::core::entity::Entity;
use crate::core::formats::json_v1;
use crate::core::outline::outline;
use crate::core::outline::Article;
use crate::core::sample::SAMPLE_BULLETIN;
use crate::ui::annotator::{Analyser, AnnotatorBar, ProjectPanel, StateHandle, StorageBanners};
use crate::ui::charts::Charts;
use crate::ui::document_view::{DocumentView, Reading};
use crate::ui::draft_tools::DraftTools;
use crate::ui::entity_list::{build_index, EntityList, IndexEntry};
use crate::ui::hooks::{selection_callback, use_autosave, use_reveal_selected, use_shortcuts};
use crate::ui::i18n::{Key, Lang};
use crate::ui::input_panel::InputPanel;
use crate::ui::legend::{legend_labels, Legend};
use crate::ui::outline_view::{anchor_id, OutlineView};
use crate::ui::reader::ReaderMsg;
use crate::ui::state::{Msg, Notice, State, StorageStatus, WorkerStatus};
use std::cell::Cell;
use std::sync::Arc;
use yew::prelude::*;

thread_local! {
    static NEXT_DOC: Cell<u32> = const { Cell::new(0) };
}

fn new_doc_id() -> String {
    let n = NEXT_DOC.with(|c| {
        c.set(c.get() + 1);
        c.get()
    });
    format!("doc-{}-{n}", clock::now_ms())
}

/// What the views need from the current document, derived once per change of the
/// documents (see [`State::doc_revision`]) instead of on every render: typing in the
/// paste box re-renders the app, and for a 1 MB document these cost tens of milliseconds.
struct Derived {
    entities: Vec<Entity>,
    index: Vec<(String, Vec<IndexEntry>)>,
    labels: Vec<(String, usize)>,
}

fn derive(state: &State) -> Option<Derived> {
    let doc = state.current_doc()?;
    let entities = doc.entities().entities().to_vec();
    let index = build_index(&doc.text, &entities, &state.project.labels);
    let labels = legend_labels(&state.project.labels, &index);
    Some(Derived { entities, index, labels })
}

/// The current text's articles and their anchors, which depend on the text alone.
struct Outline {
    articles: Vec<Article>,
    anchors: Vec<(usize, String)>,
}

fn outline_of(text: Option<&str>) -> Outline {
    let articles = text.map(outline).unwrap_or_default();
    let anchors = articles.iter().enumerate().map(|(i, a)| (a.start, anchor_id(i))).collect();
    Outline { articles, anchors }
}

fn error(text: impl Into<String>) -> Msg {
    Msg::Notify(Notice { error: true, text: text.into() })
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let unrestorable = use_autosave(&state);
    use_shortcuts(&state);
    use_reveal_selected(state.selected);
    use_effect_with(state.project.labels.clone(), crate::browser::label_styles::apply);
    let doc_host = use_node_ref();
    let on_selection = selection_callback(&state, doc_host.clone());
    let on_mouseup = on_selection.reform(|e: MouseEvent| (e.alt_key(),));
    let on_keyup = on_selection.reform(|e: KeyboardEvent| (e.alt_key(),));
    let bridge = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| {
            let bridge = worker::spawn(move |response| {
                dispatcher.dispatch(match response {
                    worker::Response::Ready => Msg::WorkerReady,
                    worker::Response::Analyzed { doc_id, analysis } => {
                        // A task of its own: decoding a 1 MB reply and drawing it are each
                        // tens of milliseconds, and together they would block the page.
                        let dispatcher = dispatcher.clone();
                        let msg = Msg::AnalysisFinished { doc_id, analysis };
                        clock::after_this_task(move || dispatcher.dispatch(msg));
                        return;
                    }
                    worker::Response::Failed { doc_id, message } => Msg::AnalysisFailed { doc_id, message },
                    worker::Response::Progress { doc_id, done, total } => Msg::AnalysisProgress { doc_id, done, total },
                    worker::Response::Cancelled { doc_id } => Msg::AnalysisCancelled { doc_id },
                    worker::Response::Adapted { file, .. } => Msg::Adapted(file),
                    worker::Response::AdaptationRefused { message } => {
                        error(format!("The model file was not loaded: {message}. The model is unchanged."))
                    }
                    worker::Response::Refreshed { doc_id, suggestions } => Msg::Refreshed { doc_id, suggestions },
                })
            });
            bridge.send(worker::Request::Warmup);
            bridge
        })
    };

    // The UI language follows the browser at first; the switch changes it afterwards.
    let lang = state.reader.lang;
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let lang = Lang::from_tag(&reader_dom::navigator_language());
            dispatcher.dispatch(Msg::Reader(ReaderMsg::SetLang(lang)));
        });
    }
    use_effect_with(lang, |lang| reader_dom::set_document_lang(lang.tag(), lang.t(Key::AppTitle)));
    // Offline support; a new deployment waiting in the service worker shows a reload banner.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| crate::browser::offline::register(move || dispatcher.dispatch(Msg::UpdateReady)));
    }
    // Callbacks made once, so children whose other props did not change skip re-rendering
    // (a new callback never compares equal).
    let on_reader: Callback<ReaderMsg> = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| dispatcher.to_callback().reform(Msg::Reader))).clone()
    };
    let on_select: Callback<Option<u64>> = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| dispatcher.to_callback().reform(Msg::Select))).clone()
    };
    let derived = {
        let state = state.clone();
        let key = (state.current_doc().map(|d| d.id.clone()), state.doc_revision);
        use_memo(key, move |_| derive(&state))
    };
    let outlined = {
        let doc = state.current_doc();
        // The id as well as the address: a freed text's address can be reused.
        let key = doc.map(|d| (d.id.clone(), Arc::as_ptr(&d.text) as *const u8 as usize));
        let text = doc.map(|d| d.text.clone());
        use_memo(key, move |_| outline_of(text.as_deref()))
    };
    let report_card = {
        let state = state.clone();
        let key = (state.doc_revision, state.learning.baselines.len());
        use_memo(key, move |_| state.report_card())
    };
    crate::ui::learning::use_learning(&state, &bridge);
    let on_msg: Callback<Msg> = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| dispatcher.to_callback())).clone()
    };
    let on_switch_lang = on_reader.reform(move |_: MouseEvent| ReaderMsg::SetLang(lang.other()));

    let analyser = {
        let bridge = bridge.clone();
        Analyser(Callback::from(move |(doc_id, text, user_words)| {
            // After this task, which draws the new document: encoding and posting 1 MB is a
            // task's worth of work too.
            worker::send_soon(&bridge, worker::Request::Analyze { doc_id, text, user_words });
        }))
    };
    // Opens a document per text and queues it for analysis.
    let open_texts: Callback<Vec<(String, String)>> = {
        let (state, analyser) = (state.clone(), analyser.clone());
        Callback::from(move |texts: Vec<(String, String)>| {
            for (title, text) in texts {
                let id = new_doc_id();
                state.dispatch(Msg::OpenDocument { id: id.clone(), title, text: text.clone(), now: clock::now() });
                analyser.0.emit((id, text, state.segmenter_words()));
            }
        })
    };

    let on_draft = state.dispatcher().to_callback().reform(Msg::SetDraft);
    let on_analyze = {
        let (state, open_texts) = (state.clone(), open_texts.clone());
        Callback::from(move |()| {
            let text = state.draft.clone();
            if !text.trim().is_empty() {
                open_texts.emit(vec![(Document::guess_title(&text), text)]);
                // The text lives on as the document; a megabyte left in the paste box would
                // be laid out again on every change of the page's width. Emptying it costs
                // tens of milliseconds too, so it gets a task of its own.
                let dispatcher = state.dispatcher();
                clock::after_this_task(move || dispatcher.dispatch(Msg::SetDraft(String::new())));
            }
        })
    };
    let on_sample = {
        let open_texts = open_texts.clone();
        Callback::from(move |()| {
            open_texts.emit(vec![(lang.t(Key::SampleTitle).to_owned(), SAMPLE_BULLETIN.to_owned())]);
        })
    };
    let on_files = {
        let (dispatcher, open_texts) = (state.dispatcher(), open_texts.clone());
        Callback::from(move |files: Vec<web_sys::File>| {
            let (dispatcher, open_texts) = (dispatcher.clone(), open_texts.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut texts = Vec::new();
                for result in crate::browser::files::read_text_files(files).await {
                    match result {
                        Ok(file) => texts.push((file.name, file.text)),
                        Err(message) => dispatcher.dispatch(error(message)),
                    }
                }
                // One file fills the paste box for review; several open as documents at once.
                if texts.len() == 1 {
                    dispatcher.dispatch(Msg::SetDraft(texts.remove(0).1));
                } else if !texts.is_empty() {
                    open_texts.emit(texts);
                }
            });
        })
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let now = clock::now();
            let json = json_v1::export(&state.project, Some(&now), json_v1::ExportOptions::default());
            let stem = state.current_doc().map(|d| download::safe_file_stem(&d.title)).unwrap_or_default();
            let name = format!("{stem}.annotations.json");
            if let Err(err) = download::download(&name, "application/json", json.as_bytes()) {
                state.dispatch(error(format!("Download failed: {err:?}")));
            }
        })
    };
    let on_undo = state.dispatcher().to_callback().reform(|_: MouseEvent| Msg::Undo);
    let on_redo = state.dispatcher().to_callback().reform(|_: MouseEvent| Msg::Redo);
    let on_dismiss = state.dispatcher().to_callback().reform(|_: MouseEvent| Msg::DismissNotice);

    // The UI is usable as soon as it is drawn and the saved project is back; analyses asked
    // for before the worker has its dictionary wait in the worker's queue.
    let ready = state.storage != StorageStatus::Restoring;
    let analysis_ready = state.worker == WorkerStatus::Ready;
    let doc = state.current_doc();
    let notice = state.notice.as_ref().map(|n| {
        html! {
            <div class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }} data-testid="notice">
                <span>{&n.text}</span>
                <button onclick={on_dismiss} aria-label={lang.t(Key::Dismiss)}>{"×"}</button>
            </div>
        }
    });
    let document = match (doc, derived.as_ref()) {
        (Some(doc), Some(derived)) => {
            let Derived { entities, index, labels } = derived;
            let Outline { articles, anchors } = &*outlined;
            let analysing = state.analysing.contains(&doc.id);
            let reader = &state.reader;
            let focus = reader.focus_on(&doc.id).cloned();
            let mentions: Vec<u64> = focus
                .as_ref()
                .and_then(|f| index.iter().find(|(l, _)| *l == f.label)?.1.iter().find(|e| e.text == f.text))
                .map(|e| e.ids.clone())
                .unwrap_or_default();
            let current = focus.as_ref().and_then(|f| f.current(mentions.len())).map(|i| mentions[i]);
            let reading = Reading {
                tokens: doc.tokens.clone(),
                hidden: reader.hidden.clone(),
                segmentation: reader.segmentation,
                mentions,
                current,
                reveal: reader.reveal,
                anchors: anchors.clone(),
            };
            let labels = labels.clone();
            html! {
                <>
                <main id="main" class="document" aria-label={lang.t(Key::DocumentRegion)} aria-busy={analysing.to_string()}
                    ref={doc_host.clone()} tabindex="-1" onmouseup={on_mouseup.clone()} onkeyup={on_keyup.clone()}>
                    <Legend {labels} hidden={reader.hidden.clone()} segmentation={reader.segmentation}
                        has_tokens={!doc.tokens.is_empty()} on_reader={on_reader.clone()} />
                    <h2 class="doc-title">{&doc.title}</h2>
                    <AnnotatorBar />
                    <DocumentView text={doc.text.clone()} entities={entities.clone()} selected={state.selected} on_select={on_select.clone()} {reading} />
                </main>
                <aside class="sidebar" aria-label={lang.t(Key::Sidebar)}>
                    <ProjectPanel />
                    <EntityList index={index.clone()} doc_id={AttrValue::from(doc.id.clone())}
                        query={AttrValue::from(reader.query.clone())} {focus} on_reader={on_reader.clone()} />
                    <OutlineView articles={articles.clone()} />
                    <Charts index={index.clone()} />
                    <crate::ui::learning::ModelPanel learning={state.learning.clone()} on_msg={on_msg.clone()} />
                    <crate::ui::report_card::ReportCardView card={report_card.clone()} />
                </aside>
                </>
            }
        }
        _ => html! {
            <main id="main" class="document empty" aria-label={lang.t(Key::DocumentRegion)}>
                <p class="muted">{lang.t(Key::EmptyHint)}</p>
            </main>
        },
    };
    let (can_undo, can_redo) = doc.map(|d| (d.editor.can_undo(), d.editor.can_redo())).unwrap_or_default();
    html! {
        <ContextProvider<Lang> context={lang}>
        <ContextProvider<StateHandle> context={state.clone()}>
        <ContextProvider<Analyser> context={analyser}>
        <div class={classes!("app", (!analysis_ready).then_some("loading"))} data-testid={if ready { "app-ready" } else { "app-loading" }}
            data-analysis={if analysis_ready { "ready" } else { "loading" }}>
            <a class="skip-link" href="#main">{lang.t(Key::SkipToDocument)}</a>
            <header class="topbar">
                <h1>{lang.t(Key::AppTitle)}</h1>
                <nav class="toolbar" aria-label={lang.t(Key::ActionsNav)}>
                    <button onclick={on_undo} disabled={!can_undo} data-testid="undo" title="Ctrl+Z">{lang.t(Key::Undo)}</button>
                    <button onclick={on_redo} disabled={!can_redo} data-testid="redo" title="Ctrl+Shift+Z">{lang.t(Key::Redo)}</button>
                    <button onclick={on_export} disabled={doc.is_none()} data-testid="export-json">{lang.t(Key::ExportJson)}</button>
                </nav>
                <button class="lang-switch" data-testid="lang-switch" lang={lang.other().tag()}
                    title={lang.t(Key::SwitchLanguage)} onclick={on_switch_lang}>{lang.other().endonym()}</button>
                <span class="status" role="status">{ if analysis_ready { "" } else { lang.t(Key::LoadingDictionary) } }</span>
            </header>
            { for notice }
            <StorageBanners {unrestorable} />
            if state.update_ready {
                <crate::ui::update_banner::UpdateBanner on_reload={Callback::from(|()| crate::browser::offline::apply_update())} />
            }
            <InputPanel draft={AttrValue::from(state.draft.clone())} busy={state.is_analysing()} {on_draft} {on_files} {on_analyze} {on_sample} />
            <DraftTools on_open_texts={open_texts.clone()} />
            { analysis_progress(&state, &bridge, lang) }
            <div class="workspace">{document}</div>
        </div>
        </ContextProvider<Analyser>>
        </ContextProvider<StateHandle>>
        </ContextProvider<Lang>>
    }
}

/// The progress bar and cancel button shown while the worker analyses a document.
fn analysis_progress(state: &UseReducerHandle<State>, bridge: &worker::Bridge, lang: Lang) -> Html {
    let Some(doc_id) = state.analysing.first().cloned() else { return html! {} };
    let (done, total) = match &state.progress {
        Some((id, done, total)) if *id == doc_id => (*done, (*total).max(1)),
        _ => (0, 1),
    };
    let on_cancel = {
        let (dispatcher, bridge) = (state.dispatcher(), bridge.clone());
        Callback::from(move |_: MouseEvent| {
            worker::send_soon(&bridge, worker::Request::Cancel { doc_id: doc_id.clone() });
            dispatcher.dispatch(Msg::AnalysisCancelled { doc_id: doc_id.clone() });
        })
    };
    html! {
        <div class="analysis-progress" data-testid="analysis-progress">
            <label>
                {lang.t(Key::Analysing)}{" "}
                <progress max={total.to_string()} value={done.to_string()} aria-label={lang.t(Key::Progress)} />
            </label>
            <button data-testid="cancel-analysis" onclick={on_cancel}>{lang.t(Key::Cancel)}</button>
        </div>
    }
}
