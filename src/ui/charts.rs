//! Inline SVG bar charts drawn with Yew: entity counts by label and the top entities.
//! Geometry goes in attributes (the CSP forbids inline styles); colours come from the
//! `label-*` classes in `app.css`.

use crate::ui::entity_list::IndexEntry;
use crate::ui::i18n::{use_lang, Key, Lang};
use yew::prelude::*;

/// One bar: its label (for the colour class), its caption and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub caption: String,
    pub value: usize,
}

/// Bars of counts per label, in index order.
pub fn label_bars(lang: Lang, index: &[(String, Vec<IndexEntry>)]) -> Vec<Bar> {
    index
        .iter()
        .map(|(label, entries)| Bar {
            label: label.clone(),
            caption: lang.label_name(label),
            value: entries.iter().map(|e| e.ids.len()).sum(),
        })
        .collect()
}

/// The `n` most frequent entities of any label; ties keep index order.
pub fn top_bars(index: &[(String, Vec<IndexEntry>)], n: usize) -> Vec<Bar> {
    let mut all: Vec<Bar> = index
        .iter()
        .flat_map(|(label, entries)| {
            entries.iter().map(move |e| Bar { label: label.clone(), caption: e.text.clone(), value: e.ids.len() })
        })
        .collect();
    all.sort_by_key(|b| std::cmp::Reverse(b.value));
    all.truncate(n);
    all
}

const ROW: usize = 24;
const CAPTION_W: usize = 110;
const BAR_W: usize = 170;

fn chart(id: &str, title: &str, bars: &[Bar]) -> Html {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1);
    let height = (bars.len() * ROW).max(ROW);
    let rows = bars.iter().enumerate().map(|(i, bar)| {
        let y = i * ROW;
        let width = (bar.value * BAR_W).div_ceil(max).max(2);
        html! {
            <g class={classes!("chart-row", format!("label-{}", bar.label))}>
                <text x={(CAPTION_W - 6).to_string()} y={(y + 16).to_string()} class="chart-caption" text-anchor="end">
                    {&bar.caption}
                </text>
                <rect x={CAPTION_W.to_string()} y={(y + 4).to_string()} width={width.to_string()} height={(ROW - 8).to_string()}
                    class="chart-bar" rx="2" />
                <text x={(CAPTION_W + width + 4).to_string()} y={(y + 16).to_string()} class="chart-value">
                    {bar.value}
                </text>
            </g>
        }
    });
    let title_id = format!("{id}-title");
    html! {
        <figure class="chart" data-testid={id.to_owned()}>
            <figcaption id={title_id.clone()}>{title}</figcaption>
            <svg viewBox={format!("0 0 {} {height}", CAPTION_W + BAR_W + 40)} role="img" aria-labelledby={title_id}
                width="100%" preserveAspectRatio="xMinYMin meet">
                <title>{title}</title>
                { for rows }
            </svg>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub struct ChartsProps {
    pub index: Vec<(String, Vec<IndexEntry>)>,
}

#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let lang = use_lang();
    if props.index.is_empty() {
        return html! {};
    }
    html! {
        <section class="charts panel" aria-labelledby="charts-heading" data-testid="charts">
            <h2 id="charts-heading">{lang.t(Key::Charts)}</h2>
            { chart("chart-labels", lang.t(Key::CountsByLabel), &label_bars(lang, &props.index)) }
            { chart("chart-top", lang.t(Key::TopEntities), &top_bars(&props.index, 8)) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(text: &str, n: u64) -> IndexEntry {
        IndexEntry { text: text.into(), ids: (0..n).collect() }
    }

    #[test]
    fn bars_count_mentions_and_rank_the_top_entities() {
        let index = vec![
            ("PER".to_owned(), vec![entry("刘伟平", 2), entry("孙志刚", 1)]),
            ("LOC".to_owned(), vec![entry("郑州", 5), entry("中原区", 2)]),
        ];
        let labels = label_bars(Lang::En, &index);
        assert_eq!(
            labels.iter().map(|b| (b.caption.as_str(), b.value)).collect::<Vec<_>>(),
            [("Person", 3), ("Place", 7)]
        );
        let top = top_bars(&index, 3);
        assert_eq!(
            top.iter().map(|b| (b.caption.as_str(), b.value)).collect::<Vec<_>>(),
            [("郑州", 5), ("刘伟平", 2), ("中原区", 2)]
        );
    }
}
