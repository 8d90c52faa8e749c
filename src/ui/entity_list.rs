//! The entity index: entities grouped by label, unique values with counts.

use crate::core::entity::Entity;
use crate::core::label::LabelSet;
use crate::core::text::char_slice;
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
    for e in entities {
        let value = char_slice(text, e.start, e.end).unwrap_or("");
        let entries = by_label.entry(e.label.as_str()).or_default();
        match entries.iter_mut().find(|x| x.text == value) {
            Some(entry) => entry.ids.push(e.id),
            None => entries.push(IndexEntry { text: value.into(), ids: vec![e.id] }),
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
    pub on_select: Callback<Option<u64>>,
}

#[function_component(EntityList)]
pub fn entity_list(props: &EntityListProps) -> Html {
    if props.index.is_empty() {
        return html! { <p class="muted" data-testid="entity-index-empty">{"No entities yet · 暂无实体"}</p> };
    }
    let groups = props.index.iter().map(|(label, entries)| {
        let count: usize = entries.iter().map(|e| e.ids.len()).sum();
        let items = entries.iter().map(|entry| {
            let first = entry.ids.first().copied();
            let onclick = props.on_select.reform(move |_| first);
            html! {
                <li>
                    <button class="index-entry" {onclick} data-testid="index-entry" data-label={label.clone()}>
                        <span class="index-text">{&entry.text}</span>
                        <span class="count">{entry.ids.len()}</span>
                    </button>
                </li>
            }
        });
        html! {
            <section class={classes!("index-group", format!("label-{label}"))} data-testid="index-group" data-label={label.clone()}>
                <h3><span class="swatch"></span>{label}<span class="count">{count}</span></h3>
                <ul>{ for items }</ul>
            </section>
        }
    });
    html! { <div class="entity-index" data-testid="entity-index">{ for groups }</div> }
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
