//! Server-side renders of the agreement panel and the clean-up preview: the HTML a user
//! would see for known inputs, checked natively without a browser.
#![cfg(not(target_arch = "wasm32"))]

use bulletin::core::action::Editor;
use bulletin::core::agreement::{compare, Agreement, Choice};
use bulletin::core::annotations::AnnotationSet;
use bulletin::core::document::{Document, Project};
use bulletin::core::entity::{Origin, Span};
use bulletin::core::label::LabelSet;
use bulletin::ui::agreement::{
    AgreementPanel, AgreementPanelProps, AgreementTable, AgreementTableProps, DisagreementList, DisagreementListProps,
};
use bulletin::ui::cleanup::{CleanupPreview, CleanupPreviewProps};
use bulletin::ui::i18n::Lang;
use std::rc::Rc;
use yew::prelude::*;
use yew::LocalServerRenderer;

const NOW: &str = "2026-11-25T00:00:00.000Z";
const TEXT: &str = "刘伟平在郑州市中原区";

fn project(spans: &[(usize, usize, &str)]) -> Project {
    let mut doc = Document::new("d1", "郑州新闻", TEXT, NOW);
    let mut set = AnnotationSet::new(TEXT.chars().count());
    for &(start, end, label) in spans {
        set.add(Span { start, end }, label, Origin::Manual, None).unwrap();
    }
    doc.editor = Editor::new(set);
    Project { documents: vec![doc], ..Project::default() }
}

/// A: PER 刘伟平, LOC 郑州市, LOC 中原区; B: PER 刘伟平, ORG 郑州市, LOC 中原.
fn agreement() -> Rc<Agreement> {
    let a = project(&[(0, 3, "PER"), (4, 7, "LOC"), (7, 10, "LOC")]);
    let b = project(&[(0, 3, "PER"), (4, 7, "ORG"), (7, 9, "LOC")]);
    Rc::new(compare(&a, &b))
}

/// The row of the table for `label`, as HTML.
fn row<'h>(html: &'h str, label: &str) -> &'h str {
    let start = html.find(&format!("data-label=\"{label}\"")).unwrap_or_else(|| panic!("no row for {label}: {html}"));
    let end = html[start..].find("</tr>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

#[tokio::test]
async fn the_agreement_table_shows_counts_f1_and_kappa_per_label() {
    let props = AgreementTableProps { agreement: agreement() };
    let html = LocalServerRenderer::<AgreementTable>::with_props(props).render().await;
    assert!(html.contains("data-testid=\"agreement-table\""), "{html}");
    // PER: 1 in A, 1 in B, 1 matched, P = R = F1 = κ = 1.
    let per = row(&html, "PER");
    assert!(per.contains("label-PER") && per.contains("人名"), "{per}");
    assert_eq!(per.matches("1.000").count(), 4, "{per}");
    // LOC: 2 in A, 1 in B, none matched; κ = 2/7 ≈ 0.286 (worked out in core::agreement).
    let loc = row(&html, "LOC");
    assert!(loc.contains("<td>2</td><td>1</td><td>0</td>"), "{loc}");
    assert!(loc.contains("0.286"), "{loc}");
    // ORG: nothing in A, so recall is undefined and shown as a dash.
    let org = row(&html, "ORG");
    assert!(org.contains("—"), "{org}");
    // Overall: 1 of 3 matched, F1 = 1/3; multi-class κ = 37/77 ≈ 0.481.
    let all = row(&html, "all");
    assert!(all.contains("agreement-overall") && all.contains("0.333") && all.contains("0.481"), "{all}");
    assert!(html.contains("κ 按字计算"), "the unit is named: {html}");
}

#[tokio::test]
async fn the_disagreement_list_offers_a_choice_per_region_and_marks_the_chosen_one() {
    let agreement = agreement();
    let choices = Rc::new(vec![Some(Choice::TakeB), None]);
    let props = DisagreementListProps { agreement, choices, on_choose: Callback::noop() };
    let html = LocalServerRenderer::<DisagreementList>::with_props(props).render().await;
    assert_eq!(html.matches("data-testid=\"disagreement\"").count(), 2, "{html}");
    assert!(html.contains("标签不同") && html.contains("边界不同"), "{html}");
    assert!(html.contains("郑州市") && html.contains("中原"), "{html}");
    assert_eq!(html.matches("data-testid=\"take-a\"").count(), 2);
    assert_eq!(html.matches("aria-pressed=\"true\"").count(), 1, "only the chosen button is pressed");
    assert_eq!(html.matches("class=\"disagreement kind-label decided\"").count(), 1, "{html}");
}

#[tokio::test]
async fn the_agreement_panel_starts_with_two_drop_zones_and_no_table() {
    let props = AgreementPanelProps { labels: LabelSet::default(), on_close: None };
    let html = LocalServerRenderer::<AgreementPanel>::with_props(props).render().await;
    assert!(html.contains("data-testid=\"agreement-drop-A\"") && html.contains("data-testid=\"agreement-drop-B\""));
    assert!(!html.contains("agreement-table"));
    assert!(!html.contains("style="), "strict CSP: no inline styles");
}

/// A made-up bulletin page in the repository (tests/fixtures/README.md describes it).
fn sample() -> String {
    include_str!("fixtures/bulletin-page.txt").to_owned()
}

fn noop_preview(draft: &str) -> CleanupPreviewProps {
    CleanupPreviewProps {
        draft: AttrValue::from(draft.to_owned()),
        on_accept: Callback::noop(),
        on_cancel: Callback::noop(),
    }
}

#[tokio::test]
async fn the_cleanup_preview_lists_the_joins_of_the_sample_with_context() {
    let html = LocalServerRenderer::<CleanupPreview>::with_props(noop_preview(&sample())).render().await;
    assert!(html.contains("合并 4 处断行"), "{html}");
    // The 如⏎⏎今 join, with 8 characters of context each side, shown as a deletion of two
    // line breaks.
    assert!(html.contains("<del>⏎⏎</del><ins></ins>"), "{html}");
    assert!(html.contains("…享的长效机制。如") && html.contains("今,街口公示栏里…"), "context around the join");
    assert!(html.contains("<del>,</del><ins>，</ins>"));
    assert!(!html.contains("disabled"), "apply is enabled when there are changes");
    assert!(!html.contains("style="), "strict CSP: no inline styles");
}

#[tokio::test]
async fn the_cleanup_preview_of_clean_text_has_nothing_to_apply() {
    let html = LocalServerRenderer::<CleanupPreview>::with_props(noop_preview("第一句。\n第二句。")).render().await;
    assert!(html.contains("无需清理"), "{html}");
    assert_eq!(html.matches("data-testid=\"cleanup-change\"").count(), 0);
    assert!(html.contains("disabled"), "apply is disabled: {html}");
}

#[function_component(EnglishPreview)]
fn english_preview() -> Html {
    html! {
        <ContextProvider<Lang> context={Lang::En}>
            <CleanupPreview draft="商户治理机制。如\n\n今,店内悬挂红旗。" on_accept={Callback::noop()} on_cancel={Callback::noop()} />
        </ContextProvider<Lang>>
    }
}

#[tokio::test]
async fn the_cleanup_preview_speaks_english_when_asked() {
    let html = LocalServerRenderer::<EnglishPreview>::new().render().await;
    assert!(html.contains("1 line joins, 1 punctuation marks; 2 selected."), "{html}");
}
