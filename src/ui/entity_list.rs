//! The entity index: entities grouped by label, unique values with counts, searchable,
//! with a jump to each value's mentions.

use crate::core::entity::Entity;
use crate::core::label::LabelSet;
use crate::core::text::{char_slice, CharOffset, TextIndex};
use crate::ui::i18n::{use_lang, Key};
use crate::ui::reader::{matches_query, Focus, ReaderMsg};
use std::collections::BTreeMap;
use yew::prelude::*;

/// One unique value of a label and where it occurs.
#[derive(Debug, Clone, PartialEq)]
pub struct IndexEntry {
    pub text: String,
    pub ids: Vec<u64>,
}

/// Unique values per label, most frequent first (ties by first mention), in label-set order.
pub fn build_index(text: &str, entities: &[Entity], labels: &LabelSet) -> Vec<(String, Vec<IndexEntry>)> {
    let mut by_label: BTreeMap<&str, Vec<IndexEntry>> = BTreeMap::new();
    // Where each (label, value) sits in `by_label`, so a repeat is found in O(1).
    let mut seen: std::collections::HashMap<(&str, &str), usize> = std::collections::HashMap::new();
    let index = TextIndex::new(text).ok();
    for e in entities {
        let value = match &index {
            Some(index) => index.slice(text, CharOffset(e.start), CharOffset(e.end)).unwrap_or(""),
            None => char_slice(text, e.start, e.end).unwrap_or(""),
        };
        let entries = by_label.entry(e.label.as_str()).or_default();
        match seen.get(&(e.label.as_str(), value)).and_then(|&i| entries.get_mut(i)) {
            Some(entry) => entry.ids.push(e.id),
            None => {
                seen.insert((e.label.as_str(), value), entries.len());
                entries.push(IndexEntry { text: value.into(), ids: vec![e.id] });
            }
        }
    }
    let mut ordered: Vec<(String, Vec<IndexEntry>)> = Vec::new();
    let known = labels.iter().map(|l| l.name.as_str());
    let extra: Vec<&str> = by_label.keys().copied().filter(|k| !labels.contains(k)).collect();
    for name in known.chain(extra) {
        if let Some(mut entries) = by_label.remove(name) {
            // Stable sort keeps first-mention order among equal counts.
            entries.sort_by_key(|e| std::cmp::Reverse(e.ids.len()));
            ordered.push((name.to_owned(), entries));
        }
    }
    ordered
}

#[derive(Properties, PartialEq)]
pub struct EntityListProps {
    pub index: Vec<(String, Vec<IndexEntry>)>,
    /// The document the index describes, so a focus names its document.
    pub doc_id: AttrValue,
    #[prop_or_default]
    pub query: AttrValue,
    /// The entry being stepped through, if it is on this document.
    #[prop_or_default]
    pub focus: Option<Focus>,
    pub on_reader: Callback<ReaderMsg>,
}

/// The entity index: a search box, the mention navigation of the focused entry, and the
/// entries grouped by label. `,` and `.` step to the previous and next mention.
#[function_component(EntityList)]
pub fn entity_list(props: &EntityListProps) -> Html {
    let lang = use_lang();
    let on_reader = &props.on_reader;
    let oninput = on_reader.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        ReaderMsg::Search(input.value())
    });
    let onkeydown = {
        let on_reader = on_reader.clone();
        Callback::from(move |e: KeyboardEvent| {
            let typing = e.target_dyn_into::<web_sys::HtmlInputElement>().is_some();
            if typing || e.ctrl_key() || e.meta_key() || e.alt_key() {
                return;
            }
            let by = match e.key().as_str() {
                "." | ">" | "。" => 1,
                "," | "<" | "，" => -1,
                _ => return,
            };
            e.prevent_default();
            on_reader.emit(ReaderMsg::StepMention(by));
        })
    };
    let focused = props.focus.as_ref();
    let nav = focused.and_then(|focus| {
        let entry = props.index.iter().find(|(l, _)| *l == focus.label)?.1.iter().find(|e| e.text == focus.text)?;
        let at = focus.current(entry.ids.len())?;
        Some(html! {
            <div class="mention-nav" role="group" aria-label={lang.t(Key::MentionNav)} data-testid="mention-nav">
                <button onclick={on_reader.reform(|_: MouseEvent| ReaderMsg::StepMention(-1))} data-testid="mention-prev"
                    title=",">{"‹ "}{lang.t(Key::PreviousMention)}</button>
                <span class="mention-position" aria-live="polite" data-testid="mention-position">
                    <span lang="zh-CN">{&focus.text}</span>{format!(" {} / {}", at + 1, entry.ids.len())}
                </span>
                <button onclick={on_reader.reform(|_: MouseEvent| ReaderMsg::StepMention(1))} data-testid="mention-next"
                    title=".">{lang.t(Key::NextMention)}{" ›"}</button>
                <button class="close" onclick={on_reader.reform(|_: MouseEvent| ReaderMsg::ClearFocus)}
                    aria-label={lang.t(Key::Dismiss)} data-testid="mention-clear">{"×"}</button>
            </div>
        })
    });
    let mut shown = 0;
    let groups: Vec<Html> = props
        .index
        .iter()
        .filter_map(|(label, entries)| {
            let total: usize = entries.iter().map(|e| e.ids.len()).sum();
            let matching: Vec<&IndexEntry> = entries.iter().filter(|e| matches_query(&e.text, &props.query)).collect();
            if matching.is_empty() {
                return None;
            }
            shown += matching.len();
            let items = matching.into_iter().map(|entry| {
                let active = focused.is_some_and(|f| f.label == *label && f.text == entry.text);
                let msg = ReaderMsg::FocusEntry {
                    doc_id: props.doc_id.to_string(),
                    label: label.clone(),
                    text: entry.text.clone(),
                };
                let onclick = on_reader.reform(move |_: MouseEvent| msg.clone());
                html! {
                    <li>
                        <button class={classes!("index-entry", active.then_some("active"))} {onclick}
                            aria-pressed={active.to_string()} data-testid="index-entry" data-label={label.clone()}>
                            <span class="index-text" lang="zh-CN">{&entry.text}</span>
                            <span class="count">{entry.ids.len()}</span>
                        </button>
                    </li>
                }
            });
            let heading_id = format!("index-{label}");
            Some(html! {
                <section class={classes!("index-group", format!("label-{label}"))} data-testid="index-group"
                    data-label={label.clone()} aria-labelledby={heading_id.clone()}>
                    <h3 id={heading_id}>
                        <span class="swatch" aria-hidden="true"></span>{lang.label_name(label)}
                        <span class="label-code">{label}</span><span class="count">{total}</span>
                    </h3>
                    <ul>{ for items }</ul>
                </section>
            })
        })
        .collect();
    let body = if props.index.is_empty() {
        html! { <p class="muted" data-testid="entity-index-empty">{lang.t(Key::NoEntities)}</p> }
    } else if shown == 0 {
        html! { <p class="muted" data-testid="entity-index-empty">{lang.t(Key::NoMatches)}</p> }
    } else {
        groups.into_iter().collect::<Html>()
    };
    html! {
        <section class="entity-index panel" data-testid="entity-index" aria-labelledby="entity-index-heading" {onkeydown}>
            <h2 id="entity-index-heading">{lang.t(Key::EntityIndex)}</h2>
            <label for="index-search" class="visually-hidden">{lang.t(Key::SearchIndex)}</label>
            <input type="search" id="index-search" class="index-search" data-testid="index-search"
                value={props.query.clone()} placeholder={lang.t(Key::SearchPlaceholder)} {oninput} />
            { for nav }
            <p class="hint muted">{lang.t(Key::MentionKeysHint)}</p>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Origin;

    fn e(id: u64, start: usize, end: usize, label: &str) -> Entity {
        Entity { id, start, end, label: label.into(), origin: Origin::Auto, confidence: None, note: None }
    }

    #[test]
    fn groups_by_label_in_label_order_with_counts() {
        let text = "郑州 刘伟 郑州 中原区 郑州";
        let entities =
            [e(1, 0, 2, "LOC"), e(2, 3, 5, "PER"), e(3, 6, 8, "LOC"), e(4, 9, 12, "LOC"), e(5, 13, 15, "LOC")];
        let index = build_index(text, &entities, &LabelSet::default());
        assert_eq!(index[0].0, "PER");
        assert_eq!(index[1].0, "LOC");
        assert_eq!(index[1].1[0], IndexEntry { text: "郑州".into(), ids: vec![1, 3, 5] });
        assert_eq!(index[1].1[1].text, "中原区");
    }
}
