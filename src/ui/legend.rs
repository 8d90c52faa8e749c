//! The legend: one toggle per label (colour, underline style, name, count) and the
//! segmentation view switch.

use crate::ui::i18n::{use_lang, Key};
use crate::ui::reader::ReaderMsg;
use std::collections::BTreeSet;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// Label names with their number of entities, in label-set order.
    pub labels: Vec<(String, usize)>,
    pub hidden: BTreeSet<String>,
    pub segmentation: bool,
    /// Whether the document has words to show (it has been analysed).
    #[prop_or(true)]
    pub has_tokens: bool,
    pub on_reader: Callback<ReaderMsg>,
}

#[function_component(Legend)]
pub fn legend(props: &LegendProps) -> Html {
    let lang = use_lang();
    let items = props.labels.iter().map(|(label, count)| {
        let shown = !props.hidden.contains(label);
        let msg = ReaderMsg::ToggleLabel(label.clone());
        let onclick = props.on_reader.reform(move |_: MouseEvent| msg.clone());
        let state = lang.t(if shown { Key::Shown } else { Key::Hidden });
        html! {
            <li>
                <button class={classes!("legend-item", format!("label-{label}"), (!shown).then_some("off"))} {onclick}
                    aria-pressed={shown.to_string()} data-testid="label-toggle" data-label={label.clone()}
                    title={format!("{} {label}: {state}", lang.label_name(label))}>
                    <span class="swatch" aria-hidden="true"></span>
                    <span class="legend-name">{lang.label_name(label)}</span>
                    <span class="label-code">{label}</span>
                    <span class="count">{count}</span>
                </button>
            </li>
        }
    });
    let onchange = props.on_reader.reform(|_: Event| ReaderMsg::ToggleSegmentation);
    html! {
        <section class="reader-bar" aria-label={lang.t(Key::ReaderTools)} data-testid="legend">
            <p class="legend-hint muted" id="legend-hint">{lang.t(Key::Legend)}</p>
            <ul class="legend" aria-describedby="legend-hint">{ for items }</ul>
            <label class="seg-toggle">
                <input type="checkbox" checked={props.segmentation} disabled={!props.has_tokens} {onchange}
                    data-testid="segmentation-toggle" />
                {" "}{lang.t(Key::Segmentation)}
            </label>
        </section>
    }
}

/// The legend's rows: every label of the set, then any other label the index has, each with
/// its number of entities.
pub fn legend_labels(
    labels: &crate::core::label::LabelSet,
    index: &[(String, Vec<crate::ui::entity_list::IndexEntry>)],
) -> Vec<(String, usize)> {
    let count = |name: &str| {
        index.iter().find(|(l, _)| l == name).map_or(0, |(_, entries)| entries.iter().map(|e| e.ids.len()).sum())
    };
    let known = labels.iter().map(|l| l.name.clone());
    let extra = index.iter().map(|(l, _)| l.clone()).filter(|l| !labels.contains(l));
    known
        .chain(extra)
        .map(|name| {
            let n = count(&name);
            (name, n)
        })
        .collect()
}
