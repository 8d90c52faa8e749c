//! The paste box: paste, drop or open text files, then analyse.

use crate::ui::i18n::{use_lang, Key};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct InputPanelProps {
    pub draft: AttrValue,
    pub busy: bool,
    pub on_draft: Callback<String>,
    pub on_files: Callback<Vec<web_sys::File>>,
    pub on_analyze: Callback<()>,
    /// Loads the built-in sample bulletin.
    #[prop_or_default]
    pub on_sample: Callback<()>,
}

#[function_component(InputPanel)]
pub fn input_panel(props: &InputPanelProps) -> Html {
    let lang = use_lang();
    let oninput = props.on_draft.reform(|e: InputEvent| {
        let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
        area.value()
    });
    let onchange = props.on_files.reform(|e: Event| crate::browser::files::input_files(&e));
    let drop = crate::ui::hooks::use_drop_zone(props.on_files.clone());
    let onclick = props.on_analyze.reform(|_: MouseEvent| ());
    let chars = props.draft.chars().count();
    html! {
        <section class={classes!("input-panel", drop.dragging.then_some("dragging"))} aria-label={lang.t(Key::TextInput)}
            ondrop={drop.ondrop} ondragover={drop.ondragover} ondragleave={drop.ondragleave}>
            <label for="paste-input" class="visually-hidden">{lang.t(Key::BulletinText)}</label>
            <textarea id="paste-input" data-testid="paste-input" value={props.draft.clone()} {oninput}
                placeholder={lang.t(Key::PastePlaceholder)} rows="8" spellcheck="false" />
            <div class="input-actions">
                <button data-testid="analyze" class="primary" {onclick} disabled={props.draft.trim().is_empty() || props.busy}>
                    { lang.t(if props.busy { Key::Analysing } else { Key::Analyze }) }
                </button>
                <label class="button file-button">
                    {lang.t(Key::OpenFile)}
                    <input type="file" accept=".txt,text/plain" multiple=true data-testid="open-file" {onchange} />
                </label>
                <button data-testid="try-sample" onclick={props.on_sample.reform(|_: MouseEvent| ())} disabled={props.busy}>
                    {lang.t(Key::TrySample)}
                </button>
                <span class="muted">{format!("{chars} {}", lang.t(Key::Characters))}</span>
            </div>
        </section>
    }
}
