//! The analysed text with entity highlights.

use crate::core::entity::Entity;
use crate::core::segment::Token;
use crate::ui::i18n::{use_lang, Key};
use crate::ui::reader::{pos_of, tooltip};
use std::collections::BTreeSet;
use std::sync::Arc;
use yew::prelude::*;

/// A run of the text: plain, or one entity's span.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    Plain(&'a str),
    Entity(&'a Entity, &'a str),
}

/// Cuts `text` into plain runs and entity spans. Entities must be sorted by start;
/// one that overlaps an earlier one (nesting) is shown inside nothing and skipped here,
/// so the outermost span is what the reader sees. Out-of-range entities are skipped.
pub fn pieces<'a>(text: &'a str, entities: &'a [Entity]) -> Vec<Piece<'a>> {
    let byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let mut out = Vec::with_capacity(entities.len() * 2 + 1);
    let mut at = 0; // code points
    for entity in entities {
        if entity.start < at || entity.end >= byte_at.len() || entity.start >= entity.end {
            continue;
        }
        if entity.start > at {
            out.push(Piece::Plain(&text[byte_at[at]..byte_at[entity.start]]));
        }
        out.push(Piece::Entity(entity, &text[byte_at[entity.start]..byte_at[entity.end]]));
        at = entity.end;
    }
    if at + 1 < byte_at.len() {
        out.push(Piece::Plain(&text[byte_at[at]..]));
    }
    out
}

/// How the reading view draws the text: everything here is optional.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Reading {
    /// jieba's words, for POS tags and the segmentation view.
    pub tokens: Arc<[Token]>,
    /// Labels whose highlights are hidden: their text renders plain.
    pub hidden: BTreeSet<String>,
    /// Draws word boundaries (CSS only: no text is added).
    pub segmentation: bool,
    /// Mentions of the focused index entry, all highlighted.
    pub mentions: Vec<u64>,
    /// The mention to scroll to; `reveal` changes whenever it should scroll again.
    pub current: Option<u64>,
    pub reveal: u64,
    /// Code points where articles start, with the anchor id the outline jumps to.
    pub anchors: Vec<(usize, String)>,
}

#[derive(Properties, PartialEq)]
pub struct DocumentViewProps {
    pub text: Arc<str>,
    pub entities: Vec<Entity>,
    #[prop_or_default]
    pub selected: Option<u64>,
    pub on_select: Callback<Option<u64>>,
    #[prop_or_default]
    pub reading: Reading,
}

/// A run of the text in code points: plain, or the entity at this index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    pub entity: Option<usize>,
}

/// Cuts `[0, len)` at entity edges, with the same skipping rules as [`pieces`].
pub fn runs(len: usize, entities: &[Entity]) -> Vec<Run> {
    let mut out = Vec::with_capacity(entities.len() * 2 + 1);
    let mut at = 0;
    for (i, entity) in entities.iter().enumerate() {
        if entity.start < at || entity.end > len || entity.start >= entity.end {
            continue;
        }
        if entity.start > at {
            out.push(Run { start: at, end: entity.start, entity: None });
        }
        out.push(Run { start: entity.start, end: entity.end, entity: Some(i) });
        at = entity.end;
    }
    if at < len {
        out.push(Run { start: at, end: len, entity: None });
    }
    out
}

/// Splits `[start, end)` at word edges: `(start, end, POS, begins a word)`. Text no token
/// covers comes back with an empty POS.
pub fn word_parts(tokens: &[Token], start: usize, end: usize) -> Vec<(usize, usize, &str, bool)> {
    let mut out = Vec::new();
    let mut at = start;
    let first = tokens.partition_point(|t| (t.end as usize) <= start);
    for t in tokens[first..].iter().take_while(|t| (t.start as usize) < end) {
        let (ts, te) = (t.start as usize, t.end as usize);
        if ts > at {
            out.push((at, ts, "", false));
        }
        let s = ts.max(at);
        let e = te.min(end);
        if s < e {
            out.push((s, e, t.pos.as_str(), s == ts));
            at = e;
        }
    }
    if at < end {
        out.push((at, end, "", false));
    }
    out
}

#[function_component(DocumentView)]
pub fn document_view(props: &DocumentViewProps) -> Html {
    let lang = use_lang();
    let reading = &props.reading;
    {
        let current = reading.current;
        use_effect_with((current, reading.reveal), move |(current, _)| {
            if let Some(id) = *current {
                crate::browser::reader::scroll_to_mention(id);
            }
        });
    }
    let text = &props.text;
    let byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let len = byte_at.len() - 1;
    let lazy = len > LAZY_CHARS;
    let host = use_node_ref();
    let near = use_state(|| (0usize, FIRST_BLOCKS - 1));
    // A long text is put in the page a slice at a time, one task each, so opening 1 MB does
    // not freeze the page: blocks starting before the limit are drawn. Keyed by the text.
    let text_key = Arc::as_ptr(text) as *const u8 as usize;
    let drawn_state = use_state(|| (text_key, DRAW_CHARS));
    let drawn_limit = if drawn_state.0 == text_key { drawn_state.1 } else { DRAW_CHARS };
    {
        let drawn_state = drawn_state.clone();
        use_effect_with((text_key, drawn_limit, len), move |&(key, limit, len)| {
            let next = (limit < len)
                .then(|| gloo_timers::callback::Timeout::new(0, move || drawn_state.set((key, limit + DRAW_CHARS))));
            move || drop(next)
        });
    }
    let slice = |s: usize, e: usize| AttrValue::from(text[byte_at[s]..byte_at[e]].to_owned());
    let visible: Vec<&Entity> = props.entities.iter().filter(|e| !reading.hidden.contains(&e.label)).collect();
    let owned: Vec<Entity> = visible.into_iter().cloned().collect();
    // Plain text, or words when the segmentation view is on.
    let words = |s: usize, e: usize| -> Html {
        if !reading.segmentation {
            return html! { {slice(s, e)} };
        }
        word_parts(&reading.tokens, s, e)
            .into_iter()
            .map(|(ws, we, pos, begins)| {
                // Line breaks and spaces are words to jieba, but a rule beside them is noise.
                if pos.is_empty() || text[byte_at[ws]..byte_at[we]].trim().is_empty() {
                    html! { {slice(ws, we)} }
                } else {
                    let class = classes!("tok", begins.then_some("tok-start"));
                    let title = format!("{} {pos}", lang.t(Key::PosTag));
                    html! { <span {class} data-pos={pos.to_owned()} {title}>{slice(ws, we)}</span> }
                }
            })
            .collect()
    };
    let mark = |entity: &Entity, start: usize, end: usize| {
        let id = entity.id;
        let onclick = props.on_select.reform(move |_| Some(id));
        // Tabbing to an entity selects it, so the review keys act on it.
        let onfocus = props.on_select.reform(move |_| Some(id));
        let class = classes!(
            "entity",
            format!("label-{}", entity.label),
            format!("origin-{}", entity.origin.as_str()),
            (props.selected == Some(id)).then_some("selected"),
            reading.mentions.contains(&id).then_some("mention"),
            (reading.current == Some(id)).then_some("current"),
        );
        let pos = pos_of(&reading.tokens, entity.start, entity.end);
        let tip = tooltip(lang, &entity.label, &pos, entity.origin);
        html! {
            <mark data-testid="entity" data-label={entity.label.clone()} data-start={entity.start.to_string()}
                data-end={entity.end.to_string()} data-origin={entity.origin.as_str()} data-id={id.to_string()}
                data-pos={pos} data-tip={tip} {class} tabindex="0" {onclick} {onfocus}>{words(start, end)}</mark>
        }
    };
    // Each paragraph (up to and including a line break; a break inside an entity is not an
    // edge, so marks are never split) is a `.para` span. Paragraphs are grouped in blocks
    // that the browser lays out and paints only near the viewport (CSS `content-visibility`).
    // In a long document only blocks near the viewport get highlights and paragraph spans:
    // the others are plain text, so a 1 MB paste is a few hundred elements, not 40,000.
    let all_runs = runs(len, &owned);
    let breaks: Vec<usize> =
        text.chars().enumerate().filter(|(_, c)| *c == '\n').map(|(i, _)| i + 1).filter(|&p| p < len).collect();
    let paras = paragraphs(&breaks, len, &all_runs);
    let blocks_total = paras.len().div_ceil(BLOCK_PARAS);
    let para_of = |at: usize| paras.partition_point(|&(_, e)| e <= at);
    let paras_holding = |ids: &mut dyn Iterator<Item = u64>| -> Vec<usize> {
        let ids: std::collections::HashSet<u64> = ids.collect();
        if ids.is_empty() {
            return Vec::new();
        }
        owned.iter().filter(|e| ids.contains(&e.id)).map(|e| para_of(e.start)).collect()
    };
    // Drawn in full wherever they are: the selected entity and the current mention.
    let forced = paras_holding(&mut [props.selected, reading.current].into_iter().flatten());
    // Blocks in the page so far: those starting before the limit, and up to any forced one.
    let drawn_blocks = paras
        .chunks(BLOCK_PARAS)
        .position(|chunk| chunk[0].0 >= drawn_limit)
        .unwrap_or(blocks_total)
        .max(forced.iter().map(|&p| p / BLOCK_PARAS + 1).max().unwrap_or(0));
    {
        let (host, near) = (host.clone(), near.clone());
        // Another text, or a different number of blocks, means other elements to watch.
        let watch_key = (text_key, lazy, drawn_blocks);
        use_effect_with(watch_key, move |(_, lazy, _)| {
            let watch = lazy
                .then(|| host.cast::<web_sys::Element>())
                .flatten()
                .and_then(|h| crate::browser::visibility::watch_blocks(&h, move |a, b| near.set((a, b))));
            move || drop(watch)
        });
    }
    // Painted normally (no paint containment), so outlines and tooltips are not clipped.
    let open: Vec<usize> = forced.iter().copied().chain(paras_holding(&mut reading.mentions.iter().copied())).collect();
    let (first_near, last_near) = *near;
    let full = |block: usize| {
        !lazy
            || (block + SLACK >= first_near && block <= last_near + SLACK)
            || forced.iter().any(|&p| p / BLOCK_PARAS == block)
    };
    // Article anchors are empty elements: they add no text to `.doc-text`. The last
    // paragraph also takes anchors at the very end.
    let anchors_in = |ps: usize, pe: usize| {
        let from = reading.anchors.partition_point(|(p, _)| *p < ps);
        let to = if pe == len { reading.anchors.len() } else { reading.anchors.partition_point(|(p, _)| *p < pe) };
        &reading.anchors[from..to]
    };
    let anchor = |id: &String| html! { <span class="article-anchor" id={id.clone()} tabindex="-1"></span> };
    let full_para = |index: usize, ps: usize, pe: usize| {
        let mut anchors = anchors_in(ps, pe).iter().peekable();
        let mut inner: Vec<Html> = Vec::new();
        let first_run = all_runs.partition_point(|r| r.end <= ps);
        for run in all_runs[first_run..].iter().take_while(|r| r.start < pe) {
            let (rs, re) = (run.start.max(ps), run.end.min(pe));
            let Some(i) = run.entity else {
                let mut at = rs;
                while let Some((pos, id)) = anchors.next_if(|(p, _)| *p < re) {
                    if *pos > at {
                        inner.push(words(at, *pos));
                        at = *pos;
                    }
                    inner.push(anchor(id));
                }
                if at < re {
                    inner.push(words(at, re));
                }
                continue;
            };
            // An anchor that falls inside an entity goes right after it.
            while let Some((_, id)) = anchors.next_if(|(p, _)| *p <= run.start) {
                inner.push(anchor(id));
            }
            inner.push(mark(&owned[i], rs, re));
        }
        inner.extend(anchors.map(|(_, id)| anchor(id)));
        let class = classes!("para", open.contains(&index).then_some("open"));
        html! { <span {class} key={index} data-para={index.to_string()}>{ for inner }</span> }
    };
    let plain_range = |ps: usize, pe: usize| {
        let mut inner: Vec<Html> = Vec::new();
        let mut at = ps;
        for (pos, id) in anchors_in(ps, pe) {
            let pos = (*pos).clamp(at, pe);
            if pos > at {
                inner.push(html! { {slice(at, pos)} });
                at = pos;
            }
            inner.push(anchor(id));
        }
        if at < pe {
            inner.push(html! { {slice(at, pe)} });
        }
        inner
    };
    let blocks = paras.chunks(BLOCK_PARAS).take(drawn_blocks).enumerate().map(|(block, chunk)| {
        let first = block * BLOCK_PARAS;
        let inner: Vec<Html> = match (chunk.first(), chunk.last()) {
            (Some(&(ps, _)), Some(&(_, pe))) if !full(block) => plain_range(ps, pe),
            _ => chunk.iter().enumerate().map(|(k, &(ps, pe))| full_para(first + k, ps, pe)).collect(),
        };
        let class = classes!("block", open.iter().any(|&p| p / BLOCK_PARAS == block).then_some("open"));
        html! { <span {class} key={block} data-block={block.to_string()}>{ for inner }</span> }
    });
    let class = classes!("doc-text", reading.segmentation.then_some("segmented"));
    html! {
        <div {class} lang="zh-CN" data-testid="document-text" ref={host}>{ for blocks }</div>
    }
}

/// Paragraphs per block: the unit drawn in full or as plain text, and watched for visibility.
pub const BLOCK_PARAS: usize = 32;
/// Documents longer than this (code points) draw highlights only near the viewport.
pub const LAZY_CHARS: usize = 20_000;
/// Blocks drawn in full on either side of those the observer reports near.
const SLACK: usize = 1;
/// Blocks drawn in full before the observer first reports.
const FIRST_BLOCKS: usize = 2;
/// Code points of text put in the page per task (see `drawn_limit`): a 1 MB paste takes
/// a dozen steps, a short one just the first.
pub const DRAW_CHARS: usize = 32_000;

/// Splits `[0, len)` into paragraphs at `breaks` (code points just after a line break),
/// except breaks strictly inside an entity run. `runs` tile `[0, len)` as [`runs`] makes them.
pub fn paragraphs(breaks: &[usize], len: usize, runs: &[Run]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(breaks.len() + 1);
    let mut start = 0;
    for &b in breaks.iter().filter(|&&b| b > 0 && b < len) {
        let inside = runs
            .get(runs.partition_point(|r| r.end <= b))
            .is_some_and(|r| r.entity.is_some() && r.start < b && b < r.end);
        if !inside && b > start {
            out.push((start, b));
            start = b;
        }
    }
    if start < len {
        out.push((start, len));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Origin;

    fn entity(id: u64, start: usize, end: usize) -> Entity {
        Entity { id, start, end, label: "PER".into(), origin: Origin::Auto, confidence: None, note: None }
    }

    #[test]
    fn pieces_cover_the_text_and_use_code_points() {
        let text = "𠮷记者刘伟平👨🏻‍🚒摄";
        let entities = [entity(1, 3, 6), entity(2, 4, 5), entity(3, 10, 11), entity(4, 11, 12)];
        let got = pieces(text, &entities);
        let rendered: Vec<&str> = got
            .iter()
            .map(|p| match p {
                Piece::Plain(s) => *s,
                Piece::Entity(_, s) => *s,
            })
            .collect();
        assert_eq!(rendered, ["𠮷记者", "刘伟平", "👨🏻‍🚒", "摄"]);
        assert_eq!(rendered.concat(), text);
    }

    #[test]
    fn runs_tile_the_text_like_pieces() {
        let entities = [entity(1, 3, 6), entity(2, 4, 5), entity(3, 10, 11), entity(4, 11, 12)];
        let got = runs(12, &entities);
        let spans: Vec<_> = got.iter().map(|r| (r.start, r.end, r.entity)).collect();
        assert_eq!(spans, [(0, 3, None), (3, 6, Some(0)), (6, 10, None), (10, 11, Some(2)), (11, 12, Some(3))]);
        assert_eq!(runs(0, &entities), []);
    }

    #[test]
    fn word_parts_split_a_range_at_word_edges() {
        let t = |start, end, pos: &str| Token { start, end, pos: pos.into() };
        let tokens = [t(0, 2, "n"), t(2, 5, "nr"), t(6, 8, "ns")];
        // 记者|刘伟平| |郑州: a range cutting a word keeps the word's tag, without a new edge.
        assert_eq!(
            word_parts(&tokens, 1, 8),
            [(1, 2, "n", false), (2, 5, "nr", true), (5, 6, "", false), (6, 8, "ns", true)]
        );
        assert_eq!(word_parts(&tokens, 3, 4), [(3, 4, "nr", false)]);
        assert_eq!(word_parts(&[], 0, 3), [(0, 3, "", false)]);
    }

    #[test]
    fn paragraphs_end_after_line_breaks_but_never_inside_an_entity() {
        // "ab\ncd\nef": breaks after code points 3 and 6; an entity over 2..5 holds the first.
        let entities = [entity(1, 2, 5)];
        let r = runs(8, &entities);
        assert_eq!(paragraphs(&[3, 6], 8, &r), [(0, 6), (6, 8)]);
        assert_eq!(paragraphs(&[3, 6], 8, &runs(8, &[])), [(0, 3), (3, 6), (6, 8)]);
        // An entity ending right at a break closes its paragraph there.
        assert_eq!(paragraphs(&[3], 5, &runs(5, &[entity(1, 1, 3)])), [(0, 3), (3, 5)]);
        assert_eq!(paragraphs(&[], 0, &[]), []);
        // The paragraphs tile the text.
        let got = paragraphs(&[3, 6], 8, &r);
        assert!(got.windows(2).all(|w| w[0].1 == w[1].0) && got[0].0 == 0 && got.last().unwrap().1 == 8);
    }

    #[test]
    fn out_of_range_entities_are_skipped_not_panicking() {
        let entities = [entity(1, 1, 9), entity(2, 0, 1)];
        assert_eq!(pieces("ab", &entities), [Piece::Entity(&entities[1], "a"), Piece::Plain("b")]);
        assert_eq!(pieces("", &entities), []);
    }
}
