//! The annotator's action bar: what is selected and what can be done to it. It sits
//! above the text (not in a floating popup) so its place is predictable and every
//! button is reachable from the keyboard.

use crate::core::action::Action;
use crate::core::entity::{Entity, Origin, Span};
use crate::core::label::LabelSet;
use crate::core::segment::UserWord;
use crate::ui::i18n::{use_lang, Key};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ActionBarProps {
    pub labels: LabelSet,
    /// Selected text waiting for a label, with its text.
    pub pending: Option<(Span, AttrValue)>,
    /// The selected entity, with its text.
    pub selected: Option<(Entity, AttrValue)>,
    /// Where the selected entity's label would go with "apply to all mentions".
    pub mentions: Vec<Span>,
    /// Unreviewed suggestions per label.
    pub suggestions: Vec<(String, usize)>,
    pub on_edit: Callback<Action>,
    /// Adds the pending selection's text to the user dictionary.
    pub on_add_word: Callback<UserWord>,
}

/// POS tags offered for user words (jieba's tag set); empty means none.
const POS_CHOICES: [&str; 9] = ["", "n", "nr", "ns", "nt", "nz", "v", "t", "m"];

#[function_component(ActionBar)]
pub fn action_bar(props: &ActionBarProps) -> Html {
    let lang = use_lang();
    let pos = use_state(String::new);
    let label_buttons = |make: &dyn Fn(String) -> Action, current: Option<&str>| -> Html {
        props
            .labels
            .iter()
            .map(|label| {
                let action = make(label.name.clone());
                let onclick = props.on_edit.reform(move |_: MouseEvent| action.clone());
                let key = label.hotkey.map(|k| k.to_string()).unwrap_or_default();
                html! {
                    <button class={classes!("label-button", format!("label-{}", label.name))} {onclick}
                        aria-pressed={(current == Some(label.name.as_str())).to_string()}
                        data-testid="label-button" data-label={label.name.clone()} title={label.description.clone()}>
                        <kbd>{key}</kbd>{" "}{lang.label_name(&label.name)}
                    </button>
                }
            })
            .collect()
    };
    let body = if let Some((span, text)) = &props.pending {
        let span = *span;
        let add = move |label: String| Action::Add { start: span.start, end: span.end, label };
        html! {
            <>
            <span class="what">{lang.t(Key::Selected)}{"："}<q data-testid="pending-text">{text.clone()}</q></span>
            <span class="group" role="group" aria-label={lang.t(Key::LabelAs)}>{label_buttons(&add, None)}</span>
            <span class="group add-word">
                <select aria-label={lang.t(Key::PosOptional)} data-testid="word-pos" onchange={{
                    let pos = pos.clone();
                    Callback::from(move |e: Event| pos.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()))
                }}>
                    { for POS_CHOICES.iter().map(|p| html! { <option value={*p} selected={*pos == *p}>{ if p.is_empty() { lang.t(Key::PosOptional) } else { p } }</option> }) }
                </select>
                <button data-testid="add-word" onclick={{
                    let (word, pos) = (text.to_string(), (*pos).clone());
                    props.on_add_word.reform(move |_: MouseEvent| UserWord {
                        word: word.clone(),
                        pos: Some(pos.clone()).filter(|p| !p.is_empty()),
                        freq: None,
                    })
                }}>{lang.t(Key::AddToDictionary)}</button>
            </span>
            <span class="muted hint">{lang.t(Key::OverlapRule)}</span>
            </>
        }
    } else if let Some((entity, text)) = &props.selected {
        let id = entity.id;
        let relabel = move |label: String| Action::Relabel { id, label };
        let button = |key: Key, kbd: &'static str, action: Option<Action>, testid: &'static str| {
            let disabled = action.is_none();
            let onclick = props.on_edit.reform(move |_: MouseEvent| action.clone().unwrap_or(Action::Accept { id }));
            html! { <button {onclick} {disabled} data-testid={testid} title={kbd}>{lang.t(key)}<kbd>{kbd}</kbd></button> }
        };
        let (start, end) = (entity.start, entity.end);
        let resize = |start: usize, end: usize| (start < end).then_some(Action::Resize { id, start, end });
        let origin = match entity.origin {
            Origin::Auto => lang.t(Key::OriginAuto),
            _ => lang.t(Key::OriginConfirmed),
        };
        html! {
            <>
            <span class="what"><q data-testid="selected-text">{text.clone()}</q>{" "}
                <span class="muted">{lang.label_name(&entity.label)}{" · "}{origin}</span></span>
            <span class="group" role="group" aria-label={lang.t(Key::LabelAs)}>{label_buttons(&relabel, Some(&entity.label))}</span>
            <span class="group" role="group">
                {button(Key::Accept, "a", (entity.origin == Origin::Auto).then_some(Action::Accept { id }), "accept")}
                {button(Key::Reject, "x", Some(Action::Reject { id }), "reject")}
                {button(Key::Delete, "Del", Some(Action::Delete { id }), "delete")}
            </span>
            if !props.mentions.is_empty() {
                <span class="group" role="group">
                    <button data-testid="label-mentions" title="m" onclick={{
                        let action = Action::LabelMentions { spans: props.mentions.clone(), label: entity.label.clone() };
                        props.on_edit.reform(move |_: MouseEvent| action.clone())
                    }}>{lang.t(Key::LabelMentions).replace("{n}", &props.mentions.iter().filter(|s| **s != entity.span()).count().to_string())}<kbd>{"m"}</kbd></button>
                </span>
            }
            <span class="group" role="group">
                {button(Key::GrowLeft, "[", start.checked_sub(1).and_then(|s| resize(s, end)), "grow-left")}
                {button(Key::ShrinkLeft, "{", resize(start + 1, end), "shrink-left")}
                {button(Key::ShrinkRight, "}", end.checked_sub(1).and_then(|e| resize(start, e)), "shrink-right")}
                {button(Key::GrowRight, "]", resize(start, end + 1), "grow-right")}
            </span>
            </>
        }
    } else {
        html! { <span class="muted hint">{lang.t(Key::SelectionHint)}</span> }
    };
    let bulk = props.suggestions.iter().filter(|(_, n)| *n > 0).map(|(label, n)| {
        let (accept, reject) = (label.clone(), label.clone());
        let on_accept = props.on_edit.reform(move |_: MouseEvent| Action::AcceptAllOfLabel { label: accept.clone() });
        let on_reject = props.on_edit.reform(move |_: MouseEvent| Action::RejectAllOfLabel { label: reject.clone() });
        html! {
            <span class={classes!("bulk", format!("label-{label}"))}>
                <span class="swatch"></span>{lang.label_name(label)}{format!(" ({n}) ")}
                <button onclick={on_accept} data-testid="accept-all" data-label={label.clone()}>{lang.t(Key::AcceptAll)}</button>
                <button onclick={on_reject} data-testid="reject-all" data-label={label.clone()}>{lang.t(Key::RejectAll)}</button>
            </span>
        }
    });
    html! {
        <div class="action-bar" data-testid="action-bar" role="toolbar" aria-label={lang.t(Key::ActionsNav)}>
            <div class="action-row">{body}</div>
            if props.suggestions.iter().any(|(_, n)| *n > 0) {
                <div class="action-row bulk-row"><span class="muted">{lang.t(Key::Suggestions)}{"："}</span>{ for bulk }</div>
            }
        </div>
    }
}
