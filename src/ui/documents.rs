//! The document list: status, entity counts and overall progress.

use crate::core::document::{Project, Status};
use crate::ui::i18n::{use_lang, Key};
use yew::prelude::*;

/// What the list shows of one document.
#[derive(Debug, Clone, PartialEq)]
pub struct DocSummary {
    pub title: String,
    pub status: Status,
    pub entities: usize,
    pub unreviewed: usize,
}

pub fn summaries(project: &Project) -> Vec<DocSummary> {
    project
        .documents
        .iter()
        .map(|d| DocSummary {
            title: d.title.clone(),
            status: d.status,
            entities: d.entities().len(),
            unreviewed: d.entities().iter().filter(|e| !e.origin.is_confirmed()).count(),
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct DocumentListProps {
    pub docs: Vec<DocSummary>,
    pub current: Option<usize>,
    pub on_switch: Callback<usize>,
    pub on_status: Callback<Status>,
}

#[function_component(DocumentList)]
pub fn document_list(props: &DocumentListProps) -> Html {
    let lang = use_lang();
    if props.docs.is_empty() {
        return html! {};
    }
    let status_name = |s: Status| match s {
        Status::New => lang.t(Key::StatusNew),
        Status::InProgress => lang.t(Key::StatusInProgress),
        Status::Done => lang.t(Key::StatusDone),
    };
    let done = props.docs.iter().filter(|d| d.status == Status::Done).count();
    let total: usize = props.docs.iter().map(|d| d.entities).sum();
    let items = props.docs.iter().enumerate().map(|(i, d)| {
        let onclick = props.on_switch.reform(move |_: MouseEvent| i);
        let current = props.current == Some(i);
        html! {
            <li>
                <button class={classes!("doc-item", current.then_some("current"))} {onclick} data-testid="doc-item"
                    aria-current={current.then_some("true")}>
                    <span class="doc-name">{&d.title}</span>
                    <span class={classes!("doc-status", format!("status-{:?}", d.status).to_lowercase())}>{status_name(d.status)}</span>
                    <span class="count">{d.entities}</span>
                </button>
            </li>
        }
    });
    let current_status = props.current.and_then(|i| props.docs.get(i)).map(|d| d.status);
    let toggle = current_status.map(|status| {
        let (next, key) = if status == Status::Done {
            (Status::InProgress, Key::MarkInProgress)
        } else {
            (Status::Done, Key::MarkDone)
        };
        let onclick = props.on_status.reform(move |_: MouseEvent| next);
        html! { <button {onclick} data-testid="toggle-done">{lang.t(key)}</button> }
    });
    html! {
        <nav class="documents" aria-label={lang.t(Key::Documents)} data-testid="documents">
            <h2>{lang.t(Key::Documents)}</h2>
            <progress max={props.docs.len().to_string()} value={done.to_string()} aria-label={lang.t(Key::Progress)}></progress>
            <p class="muted" data-testid="progress">{format!("{done}/{} {} · {total} {}", props.docs.len(), lang.t(Key::StatusDone), lang.t(Key::EntitiesTotal))}</p>
            <ul>{ for items }</ul>
            { for toggle }
        </nav>
    }
}
