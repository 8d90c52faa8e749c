//! Tools between pasting and analysing: clean up broken lines, split a bulletin page into
//! one document per article; and the annotator-agreement panel.

use crate::core::document::Document;
use crate::core::split::split_into_documents;
use crate::ui::agreement::AgreementPanel;
use crate::ui::annotator::StateHandle;
use crate::ui::cleanup::CleanupPreview;
use crate::ui::i18n::{use_lang, Key};
use crate::ui::state::Msg;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DraftToolsProps {
    /// Opens and analyses documents given as (title, text).
    pub on_open_texts: Callback<Vec<(String, String)>>,
}

#[derive(Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    Cleanup,
    Agreement,
}

#[function_component(DraftTools)]
pub fn draft_tools(props: &DraftToolsProps) -> Html {
    let lang = use_lang();
    let open = use_state(|| Open::Nothing);
    let Some(state) = use_context::<StateHandle>() else { return html! {} };
    let toggle = |which: Open| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(if *open == which { Open::Nothing } else { which }))
    };
    let on_split = {
        let (state, on_open) = (state.clone(), props.on_open_texts.clone());
        Callback::from(move |_: MouseEvent| {
            let articles = split_into_documents(&state.draft);
            let texts = if articles.is_empty() {
                vec![(Document::guess_title(&state.draft), state.draft.clone())]
            } else {
                articles
            };
            on_open.emit(texts);
        })
    };
    let on_accept = {
        let (dispatcher, open) = (state.dispatcher(), open.clone());
        Callback::from(move |text: String| {
            dispatcher.dispatch(Msg::SetDraft(text));
            open.set(Open::Nothing);
        })
    };
    let on_cancel = {
        let open = open.clone();
        Callback::from(move |()| open.set(Open::Nothing))
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |()| open.set(Open::Nothing))
    };
    let empty = state.draft.trim().is_empty();
    html! {
        <div class="draft-tools" data-testid="draft-tools">
            <button onclick={toggle(Open::Cleanup)} disabled={empty} aria-expanded={(*open == Open::Cleanup).to_string()}
                data-testid="cleanup-open">{lang.t(Key::CleanUp)}</button>
            <button onclick={on_split} disabled={empty} data-testid="split-articles">{lang.t(Key::SplitArticles)}</button>
            <button onclick={toggle(Open::Agreement)} aria-expanded={(*open == Open::Agreement).to_string()}
                data-testid="agreement-open">{lang.t(Key::CompareAnnotators)}</button>
            if *open == Open::Cleanup {
                <CleanupPreview draft={AttrValue::from(state.draft.clone())} {on_accept} {on_cancel} />
            }
            if *open == Open::Agreement {
                <AgreementPanel labels={state.project.labels.clone()} on_close={Some(on_close)} />
            }
        </div>
    }
}
