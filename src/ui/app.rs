//! The root component: owns the reducer and the analysis worker, lays out the panels.

use crate::browser::{clock, download, worker};
use crate::core::document::Document;
use crate::core::formats::json_v1;
use crate::ui::document_view::DocumentView;
use crate::ui::entity_list::{build_index, EntityList};
use crate::ui::input_panel::InputPanel;
use crate::ui::state::{Msg, Notice, State, WorkerStatus};
use std::cell::Cell;
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

fn error(text: impl Into<String>) -> Msg {
    Msg::Notify(Notice { error: true, text: text.into() })
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let bridge = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| {
            let bridge = worker::spawn(move |response| {
                dispatcher.dispatch(match response {
                    worker::Response::Ready => Msg::WorkerReady,
                    worker::Response::Analyzed { doc_id, analysis } => Msg::AnalysisFinished { doc_id, analysis },
                    worker::Response::Failed { doc_id, message } => Msg::AnalysisFailed { doc_id, message },
                })
            });
            bridge.send(worker::Request::Warmup);
            bridge
        })
    };

    // Opens a document per text and queues it for analysis.
    let open_texts: Callback<Vec<(String, String)>> = {
        let (state, bridge) = (state.clone(), bridge.clone());
        Callback::from(move |texts: Vec<(String, String)>| {
            for (title, text) in texts {
                let id = new_doc_id();
                state.dispatch(Msg::OpenDocument { id: id.clone(), title, text: text.clone(), now: clock::now() });
                bridge.send(worker::Request::Analyze {
                    doc_id: id,
                    text,
                    user_words: state.project.user_words.clone(),
                });
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
            }
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
    let on_select = state.dispatcher().to_callback().reform(Msg::Select);
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

    let ready = state.worker == WorkerStatus::Ready;
    let doc = state.current_doc();
    let notice = state.notice.as_ref().map(|n| {
        html! {
            <div class={classes!("notice", n.error.then_some("error"))} role={if n.error { "alert" } else { "status" }} data-testid="notice">
                <span>{&n.text}</span>
                <button onclick={on_dismiss} aria-label="Dismiss · 关闭">{"×"}</button>
            </div>
        }
    });
    let document = match doc {
        Some(doc) => {
            let entities = doc.entities().entities().to_vec();
            let index = build_index(&doc.text, &entities, &state.project.labels);
            let analysing = state.analysing.contains(&doc.id);
            html! {
                <>
                <main class="document" aria-label="Document · 文档" aria-busy={analysing.to_string()}>
                    <h2 class="doc-title">{&doc.title}</h2>
                    <DocumentView text={doc.text.clone()} {entities} selected={state.selected} on_select={on_select.clone()} />
                </main>
                <aside class="sidebar" aria-label="Entities · 实体">
                    <h2>{"Entities · 实体"}</h2>
                    <EntityList {index} on_select={on_select.clone()} />
                </aside>
                </>
            }
        }
        None => html! {
            <main class="document empty" aria-label="Document · 文档">
                <p class="muted">{"Paste a bulletin and press Analyze. Nothing leaves your browser. · 粘贴公报后点击“分析”，文本不会离开浏览器。"}</p>
            </main>
        },
    };
    let (can_undo, can_redo) = doc.map(|d| (d.editor.can_undo(), d.editor.can_redo())).unwrap_or_default();
    html! {
        <div class={classes!("app", (!ready).then_some("loading"))} data-testid={if ready { "app-ready" } else { "app-loading" }}>
            <header class="topbar">
                <h1>{"Bulletin annotator · 公报标注"}</h1>
                <nav class="toolbar" aria-label="Actions · 操作">
                    <button onclick={on_undo} disabled={!can_undo} data-testid="undo" title="Ctrl+Z">{"Undo · 撤销"}</button>
                    <button onclick={on_redo} disabled={!can_redo} data-testid="redo" title="Ctrl+Shift+Z">{"Redo · 重做"}</button>
                    <button onclick={on_export} disabled={doc.is_none()} data-testid="export-json">{"Export JSON · 导出"}</button>
                </nav>
                <span class="status" role="status">{ if ready { "" } else { "Loading dictionary… · 正在加载词典…" } }</span>
            </header>
            { for notice }
            <InputPanel draft={AttrValue::from(state.draft.clone())} busy={state.is_analysing()} {on_draft} {on_files} {on_analyze} />
            <div class="workspace">{document}</div>
        </div>
    }
}
