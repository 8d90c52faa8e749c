#![cfg(not(target_arch = "wasm32"))]
//! Server-side renders of the reading components, checked natively without a browser.

use bulletin::core::entity::{Entity, Origin};
use bulletin::core::label::LabelSet;
use bulletin::core::outline::outline;
use bulletin::ui::document_view::{DocumentView, DocumentViewProps, Reading};
use bulletin::ui::entity_list::{build_index, EntityList, EntityListProps};
use bulletin::ui::outline_view::{OutlineView, OutlineViewProps};
use bulletin::ui::reader::Focus;
use std::sync::Arc;
use yew::{Callback, LocalServerRenderer};

/// A made-up bulletin page in the repository (tests/fixtures/README.md describes it).
fn sample() -> String {
    include_str!("fixtures/bulletin-page.txt").to_owned()
}

fn entity(id: u64, start: usize, end: usize, label: &str) -> Entity {
    Entity { id, start, end, label: label.into(), origin: Origin::Auto, confidence: None, note: None }
}

/// The visible text of an HTML fragment: tags dropped, in document order.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
}

async fn render_index(props: EntityListProps) -> String {
    LocalServerRenderer::<EntityList>::with_props(props).render().await
}

fn index_props(query: &str, focus: Option<Focus>) -> EntityListProps {
    //          0123456789012345
    let text = "郑州 刘伟 郑州 中原区 郑州 孙志刚";
    let entities = [
        entity(1, 0, 2, "LOC"),
        entity(2, 3, 5, "PER"),
        entity(3, 6, 8, "LOC"),
        entity(4, 9, 12, "LOC"),
        entity(5, 13, 15, "LOC"),
        entity(6, 16, 19, "PER"),
    ];
    EntityListProps {
        index: build_index(text, &entities, &LabelSet::default()),
        doc_id: "d1".into(),
        query: query.to_owned().into(),
        focus,
        on_reader: Callback::noop(),
    }
}

#[tokio::test]
async fn the_index_groups_by_label_with_counts_most_frequent_first() {
    let html = render_index(index_props("", None)).await;
    assert_eq!(html.matches(r#"data-testid="index-group""#).count(), 2);
    assert_eq!(html.matches(r#"data-testid="index-entry""#).count(), 4);
    let text = text_of(&html);
    // Label-set order (PER before LOC); inside LOC, 郑州 ×3 before 中原区 ×1. No language
    // context: the UI falls back to Chinese.
    let per = text.find("人名").expect("PER heading");
    let loc = text.find("地名").expect("LOC heading");
    assert!(per < loc, "{text}");
    let zhengzhou = text.find("郑州3").expect("郑州 with its count");
    let zhongyuan = text.find("中原区1").expect("中原区 with its count");
    assert!(loc < zhengzhou && zhengzhou < zhongyuan, "{text}");
    assert!(text.contains("LOC4"), "the LOC group counts all four mentions: {text}");
    assert!(!html.contains(r#"data-testid="mention-nav""#), "no focus, no navigation");
}

#[tokio::test]
async fn the_index_search_filters_entries_and_says_when_nothing_matches() {
    let html = render_index(index_props("州", None)).await;
    assert_eq!(html.matches(r#"data-testid="index-entry""#).count(), 1);
    assert!(text_of(&html).contains("郑州"));
    assert!(!text_of(&html).contains("刘伟"));
    let none = render_index(index_props("开封", None)).await;
    assert_eq!(none.matches(r#"data-testid="index-entry""#).count(), 0);
    assert!(text_of(&none).contains("没有匹配的实体"));
}

#[tokio::test]
async fn a_focused_entry_is_pressed_and_shows_its_position_among_mentions() {
    let focus = Focus { doc_id: "d1".into(), label: "LOC".into(), text: "郑州".into(), at: -1 };
    let html = render_index(index_props("", Some(focus))).await;
    assert_eq!(html.matches(r#"aria-pressed="true""#).count(), 1);
    assert!(html.contains(r#"data-testid="mention-nav""#));
    // One step back from the first of three wraps to the third.
    assert!(text_of(&html).contains("郑州 3 / 3"), "{}", text_of(&html));
}

#[tokio::test]
async fn the_outline_lists_headlines_reporters_and_links_to_each_article() {
    let articles = outline(&sample());
    let count = articles.len();
    let html = LocalServerRenderer::<OutlineView>::with_props(OutlineViewProps { articles }).render().await;
    assert_eq!(html.matches(r#"data-testid="outline-entry""#).count(), count);
    let text = text_of(&html);
    assert_eq!(count, 12, "ten reports and two photos");
    for headline in ["推进城市精细化管理 让河阳街巷更整洁", "彩色花带扮靓城市绿廊", "健康义诊 进社区"]
    {
        assert!(text.contains(headline), "{headline}");
    }
    for reporter in ["赵明轩", "钱雨桐", "唐晓峰", "宋佳音"] {
        assert!(text.contains(&format!("记者 {reporter}")), "{reporter}: {text}");
    }
    assert!(text.contains("通讯员 韩东、刘晴、王军"), "{text}");
    assert!(text.contains("摄影 林子墨"), "{text}");
    assert!(text.contains("摄影 宋佳音"), "{text}");
    assert!(html.contains(r##"href="#article-0""##));
    assert!(html.contains(&format!(r##"href="#article-{}""##, count - 1)));
}

#[tokio::test]
async fn a_long_outline_lists_the_first_articles_and_offers_the_rest() {
    let one = outline(&sample());
    let copies = bulletin::ui::outline_view::FIRST_ARTICLES / one.len() + 2;
    let articles: Vec<_> = (0..copies).flat_map(|_| one.clone()).collect();
    let count = articles.len();
    assert!(count > bulletin::ui::outline_view::FIRST_ARTICLES);
    let html = LocalServerRenderer::<OutlineView>::with_props(OutlineViewProps { articles }).render().await;
    assert_eq!(html.matches(r#"data-testid="outline-entry""#).count(), bulletin::ui::outline_view::FIRST_ARTICLES);
    assert!(html.contains(r#"data-testid="outline-show-all""#));
    assert!(text_of(&html).contains(&format!("({count})")), "the button gives the total");
}

#[tokio::test]
async fn an_outline_of_plain_text_says_it_found_no_articles() {
    let html = LocalServerRenderer::<OutlineView>::with_props(OutlineViewProps { articles: vec![] }).render().await;
    assert!(text_of(&html).contains("未找到文章"));
}

// The document view wraps paragraphs in `.para` spans (for CSS `content-visibility`)
// without adding text and without splitting an entity's mark.

async fn render_document(text: &str, entities: Vec<Entity>, anchors: Vec<(usize, String)>) -> String {
    render_selected(text, entities, anchors, None).await
}

async fn render_selected(
    text: &str,
    entities: Vec<Entity>,
    anchors: Vec<(usize, String)>,
    selected: Option<u64>,
) -> String {
    let props = DocumentViewProps {
        text: Arc::from(text),
        entities,
        selected,
        on_select: Callback::noop(),
        reading: Reading { anchors, ..Reading::default() },
    };
    LocalServerRenderer::<DocumentView>::with_props(props).hydratable(false).render().await
}

#[tokio::test]
async fn paragraphs_wrap_the_text_without_changing_it() {
    // 郑州\n\n中原区\n金水区 — the second entity spans a line break and stays whole.
    let text = "郑州\n\n中原区\n金水区";
    let html =
        render_document(text, vec![entity(1, 0, 2, "LOC"), entity(2, 4, 10, "LOC")], vec![(4, "article-1".into())])
            .await;
    assert_eq!(text_of(&html), text);
    assert_eq!(html.matches("class=\"para\"").count(), 3, "{html}");
    assert_eq!(html.matches("data-testid=\"entity\"").count(), 2);
    assert!(html.contains("data-start=\"4\""), "{html}");
    // The article anchor opens the paragraph it belongs to.
    assert!(html.contains("<span data-para=\"2\" class=\"para\"><span id=\"article-1\""), "{html}");
    for text in ["", "\n", "a\n", "\n\nb", "一\r\n二\n"] {
        assert_eq!(text_of(&render_document(text, vec![], vec![]).await), text, "{text:?}");
    }
}

// A long document draws highlights only in the paragraphs near the viewport (at first, the
// top ones), plus the one holding the selected entity; the text and anchors are all there.
#[tokio::test]
async fn a_long_document_draws_highlights_only_near_the_viewport() {
    let line = "记者乔贺报道郑州市今日发布通知。\n"; // 17 code points, an entity at 2..4 per line
    let lines = bulletin::ui::document_view::LAZY_CHARS / 17 + 100;
    let text = line.repeat(lines);
    let entities: Vec<Entity> = (0..lines).map(|i| entity(i as u64 + 1, i * 17 + 2, i * 17 + 4, "PER")).collect();
    let far = lines as u64 - 5;
    let anchors = vec![(17 * (lines - 3), "article-9".to_string())];
    let html = render_selected(&text, entities.clone(), anchors.clone(), None).await;
    assert_eq!(text_of(&html), text, "the text is whole");
    let blocks = lines.div_ceil(bulletin::ui::document_view::BLOCK_PARAS);
    assert_eq!(html.matches("class=\"block").count(), blocks);
    let (paras, marks) = (html.matches("class=\"para").count(), html.matches("data-testid=\"entity\"").count());
    assert!(paras > 10 && paras < 200 && marks == paras, "{paras} paragraphs, {marks} marks drawn at first");
    assert!(!html.contains(&format!("data-id=\"{far}\"")));
    assert!(html.contains("id=\"article-9\""), "anchors are kept in plain paragraphs");
    let html = render_selected(&text, entities, anchors, Some(far)).await;
    assert!(html.contains(&format!("data-id=\"{far}\"")), "the selected entity's paragraph is drawn");
    assert_eq!(text_of(&html), text);
}

// A text longer than DRAW_CHARS goes into the page a slice per task: the first render holds
// only the blocks that start before the limit (later tasks add the rest, in the browser),
// unless the selected entity lies further on, in which case everything up to it is drawn.
#[tokio::test]
async fn a_long_text_is_drawn_a_slice_at_a_time_but_always_up_to_the_selected_entity() {
    use bulletin::ui::document_view::{BLOCK_PARAS, DRAW_CHARS};
    let line = "记者乔贺报道郑州市今日发布通知。\n"; // 17 code points
    let lines = 3 * DRAW_CHARS / 17;
    let text = line.repeat(lines);
    let entities: Vec<Entity> = (0..lines).map(|i| entity(i as u64 + 1, i * 17 + 2, i * 17 + 4, "PER")).collect();
    let html = render_selected(&text, entities.clone(), vec![], None).await;
    let drawn = text_of(&html);
    let first_blocks = (DRAW_CHARS / 17).div_ceil(BLOCK_PARAS);
    assert_eq!(drawn, line.repeat(first_blocks * BLOCK_PARAS), "whole blocks up to the limit, in order");
    assert!(drawn.chars().count() < text.chars().count() / 2);

    let far = lines as u64 - 3;
    let html = render_selected(&text, entities, vec![], Some(far)).await;
    assert!(html.contains(&format!("data-id=\"{far}\"")), "the selected entity's block is drawn");
    assert!(text.starts_with(&text_of(&html)), "with everything before it");
    assert!(text_of(&html).chars().count() > text.chars().count() * 9 / 10);
}
