//! Editing the label set: rename, recolour, hotkeys, descriptions, add and delete.
//! Each row is checked as it is edited; the project refuses a change that breaks the set
//! (a clash of names or hotkeys), and a label in use cannot be deleted.

use crate::core::label::{Label, LabelSet};
use crate::ui::i18n::{use_lang, Key};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LabelEditorProps {
    pub labels: LabelSet,
    /// Entities per label, for the delete check.
    pub uses: Vec<usize>,
    pub on_put: Callback<(usize, Label)>,
    pub on_remove: Callback<String>,
}

#[derive(Properties, PartialEq)]
struct RowProps {
    at: usize,
    label: Label,
    uses: usize,
    on_put: Callback<(usize, Label)>,
    on_remove: Callback<String>,
}

#[function_component(LabelRow)]
fn label_row(props: &RowProps) -> Html {
    let lang = use_lang();
    let draft = use_state(|| props.label.clone());
    {
        let draft = draft.clone();
        use_effect_with(props.label.clone(), move |label| draft.set(label.clone()));
    }
    let problem = draft.validate().err().map(|e| e.to_string());
    let edit = |change: fn(&mut Label, String)| {
        let (draft, on_put, at) = (draft.clone(), props.on_put.clone(), props.at);
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let mut next = (*draft).clone();
            change(&mut next, input.value());
            draft.set(next.clone());
            if next.validate().is_ok() {
                on_put.emit((at, next));
            }
        })
    };
    let on_name = edit(|l, v| l.name = v.trim().to_owned());
    let on_colour = edit(|l, v| l.colour = v);
    let on_key = edit(|l, v| l.hotkey = v.trim().chars().next());
    let on_description = edit(|l, v| l.description = v);
    let name = props.label.name.clone();
    let on_delete = props.on_remove.reform(move |_: MouseEvent| name.clone());
    let delete_title =
        if props.uses > 0 { format!("{} {}", props.uses, lang.t(Key::EntitiesTotal)) } else { String::new() };
    html! {
        <li class={classes!("label-row", format!("label-{}", props.label.name))} data-testid="label-row">
            <input type="color" value={draft.colour.clone()} onchange={on_colour} aria-label={lang.t(Key::LabelColour)} />
            <input type="text" value={draft.name.clone()} onchange={on_name} size="6" aria-label={lang.t(Key::LabelName)} data-testid="label-name" />
            <input type="text" value={draft.hotkey.map(String::from).unwrap_or_default()} onchange={on_key} size="1" maxlength="1"
                aria-label={lang.t(Key::LabelHotkey)} />
            <input type="text" value={draft.description.clone()} onchange={on_description} aria-label={lang.t(Key::LabelDescription)} />
            <button onclick={on_delete} title={delete_title} data-testid="label-delete">{lang.t(Key::Delete)}</button>
            if let Some(problem) = problem {
                <span class="field-error" role="alert">{problem}</span>
            }
        </li>
    }
}

#[function_component(LabelEditor)]
pub fn label_editor(props: &LabelEditorProps) -> Html {
    let lang = use_lang();
    let rows = props.labels.iter().enumerate().map(|(at, label)| {
        html! {
            <LabelRow key={label.name.clone()} {at} label={label.clone()} uses={props.uses.get(at).copied().unwrap_or(0)}
                on_put={props.on_put.clone()} on_remove={props.on_remove.clone()} />
        }
    });
    let at = props.labels.len();
    let fresh = (1..).map(|n| format!("NEW{n}")).find(|name| !props.labels.contains(name)).unwrap_or_default();
    let on_add = props.on_put.reform(move |_: MouseEvent| (at, Label::plain(fresh.clone())));
    html! {
        <details class="label-editor" data-testid="label-editor">
            <summary>{lang.t(Key::Labels)}</summary>
            <ul>{ for rows }</ul>
            <button onclick={on_add} data-testid="label-add">{lang.t(Key::AddLabel)}</button>
        </details>
    }
}
