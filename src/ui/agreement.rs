//! The agreement panel: load two volunteers' exports, see how well they agree per label, and
//! curate a merged project. The work is done by [`crate::core::agreement`]; this file only
//! renders a [`Review`] and turns clicks into [`ReviewMsg`]s.

use crate::core::agreement::{Agreement, Choice, Disagreement, DisagreementKind, Review, Side, Unit, UnitSummary};
use crate::core::formats::Format;
use crate::core::label::LabelSet;
use crate::ui::i18n::{use_lang, Lang};
use std::rc::Rc;
use yew::prelude::*;

/// A string in the UI's two languages. The panel's strings stay here, not in the shared
/// key table, so this file can be added without touching `i18n.rs`.
fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// A score as three decimals, or a dash when it is undefined.
pub fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_owned(), |v| format!("{v:.3}"))
}

/// What the panel's reducer does.
#[derive(Debug, Clone, PartialEq)]
pub enum ReviewMsg {
    /// A file was read for one side.
    Load {
        side: Side,
        file_name: String,
        text: String,
    },
    /// A file could not be read.
    Fail(String),
    Choose {
        index: usize,
        choice: Option<Choice>,
    },
    ChooseUndecided(Choice),
    /// The label set for later imports changed.
    SetLabels(LabelSet),
}

/// The panel's state: the core's [`Review`], the label set imports are checked against,
/// and the last error.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReviewState {
    pub review: Review,
    pub labels: LabelSet,
    pub error: Option<String>,
}

impl Reducible for ReviewState {
    type Action = ReviewMsg;

    fn reduce(self: Rc<Self>, action: ReviewMsg) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            ReviewMsg::Load { side, file_name, text } => {
                next.error = next.review.load(side, &file_name, &text, &next.labels).err().map(|e| e.to_string());
            }
            ReviewMsg::Fail(message) => next.error = Some(message),
            ReviewMsg::Choose { index, choice } => next.review.choose(index, choice),
            ReviewMsg::ChooseUndecided(choice) => next.review.choose_undecided(choice),
            ReviewMsg::SetLabels(labels) => {
                if labels == next.labels {
                    return self;
                }
                next.labels = labels;
            }
        }
        Rc::new(next)
    }
}

#[derive(Properties, PartialEq)]
pub struct AgreementPanelProps {
    /// The labels that exports without their own label set (doccano, Label Studio, CoNLL)
    /// are checked against; the app JSON carries its own.
    #[prop_or_default]
    pub labels: LabelSet,
    /// Shows a close button when set.
    #[prop_or_default]
    pub on_close: Option<Callback<()>>,
}

/// The whole panel: two drop zones, the score table, the disagreements and the download.
#[function_component(AgreementPanel)]
pub fn agreement_panel(props: &AgreementPanelProps) -> Html {
    let lang = use_lang();
    let state = {
        let labels = props.labels.clone();
        use_reducer(move || ReviewState { labels, ..ReviewState::default() })
    };
    let on_files = {
        let dispatch = state.dispatcher();
        Callback::from(move |(side, files): (Side, Vec<web_sys::File>)| {
            let Some(file) = files.into_iter().next() else { return };
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match crate::browser::files::read_text_file(&file).await {
                    Ok(read) => dispatch.dispatch(ReviewMsg::Load { side, file_name: read.name, text: read.text }),
                    Err(message) => dispatch.dispatch(ReviewMsg::Fail(message)),
                }
            });
        })
    };
    let on_choose = {
        let dispatch = state.dispatcher();
        Callback::from(move |(index, choice): (usize, Option<Choice>)| {
            dispatch.dispatch(ReviewMsg::Choose { index, choice })
        })
    };
    let review = &state.review;
    let on_download = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(merged) = state.review.merged() else { return };
            let now = crate::browser::clock::now();
            let result =
                Format::Json.export_all(&merged.project, &now).map_err(|e| e.to_string()).and_then(|exported| {
                    let name = format!("merged-{}", exported.file_name);
                    let mime = exported.mime;
                    crate::browser::download::download(&name, mime, &exported.into_bytes())
                        .map_err(|e| e.as_string().unwrap_or_else(|| "the browser refused the download".into()))
                });
            if let Err(message) = result {
                state.dispatch(ReviewMsg::Fail(message));
            }
        })
    };
    {
        let dispatch = state.dispatcher();
        use_effect_with(props.labels.clone(), move |labels| dispatch.dispatch(ReviewMsg::SetLabels(labels.clone())));
    }
    let undecided_to = |choice: Choice| {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(ReviewMsg::ChooseUndecided(choice)))
    };
    let file_of = |side: Side| match side {
        Side::A => review.a.as_ref().map(|l| l.file_name.clone()),
        Side::B => review.b.as_ref().map(|l| l.file_name.clone()),
    };
    let close = props.on_close.as_ref().map(|on_close| {
        let onclick = on_close.reform(|_: MouseEvent| ());
        html! { <button class="agreement-close" {onclick}>{tr(lang, "关闭", "Close")}</button> }
    });
    let body = match &review.agreement {
        None => html! {
            <p class="muted">{tr(lang,
                "载入同一批文档的两份导出（应用 JSON、doccano、Label Studio 或 CoNLL），A 作为参照。",
                "Load two exports of the same documents (app JSON, doccano, Label Studio or CoNLL); A is the reference.")}</p>
        },
        Some(agreement) => {
            let agreement = Rc::new(agreement.clone());
            let choices = Rc::new(review.choices.clone());
            let total = review.choices.len();
            let decided = review.decided();
            html! {
                <>
                    <AgreementTable agreement={agreement.clone()} />
                    <div class="agreement-actions">
                        <span class="muted" data-testid="agreement-decided">
                            {format!("{} {decided}/{total}", tr(lang, "已决定", "Decided"))}
                        </span>
                        <button onclick={undecided_to(Choice::TakeA)} disabled={decided == total}>
                            {tr(lang, "其余取 A", "Rest: take A")}</button>
                        <button onclick={undecided_to(Choice::TakeB)} disabled={decided == total}>
                            {tr(lang, "其余取 B", "Rest: take B")}</button>
                        <button class="primary" data-testid="download-merged" onclick={on_download}
                            title={tr(lang, "未决定的分歧不计入合并结果", "Undecided disagreements are left out of the merge")}>
                            {tr(lang, "下载合并结果 (JSON)", "Download merged (JSON)")}</button>
                    </div>
                    <DisagreementList {agreement} {choices} {on_choose} />
                </>
            }
        }
    };
    html! {
        <section class="agreement-panel" aria-label={tr(lang, "标注一致性", "Annotator agreement")}
            data-testid="agreement-panel">
            <header class="agreement-header">
                <h2>{tr(lang, "标注一致性", "Annotator agreement")}</h2>
                {for close}
            </header>
            <div class="agreement-inputs">
                <ExportDrop side={Side::A} file_name={file_of(Side::A)} on_files={on_files.clone()} />
                <ExportDrop side={Side::B} file_name={file_of(Side::B)} {on_files} />
            </div>
            if let Some(error) = &state.error {
                <p class="agreement-error" role="alert" data-testid="agreement-error">{error}</p>
            }
            {body}
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ExportDropProps {
    side: Side,
    file_name: Option<String>,
    on_files: Callback<(Side, Vec<web_sys::File>)>,
}

/// A file picker that also takes a dropped file.
#[function_component(ExportDrop)]
fn export_drop(props: &ExportDropProps) -> Html {
    let lang = use_lang();
    let side = props.side;
    let letter = match side {
        Side::A => "A",
        Side::B => "B",
    };
    let onchange = props.on_files.reform(move |e: Event| (side, crate::browser::files::input_files(&e)));
    let drop = crate::ui::hooks::use_drop_zone(props.on_files.reform(move |files| (side, files)));
    let id = format!("agreement-file-{letter}");
    html! {
        <div class={classes!("agreement-drop", drop.dragging.then_some("dragging"))} ondrop={drop.ondrop} ondragover={drop.ondragover} ondragleave={drop.ondragleave}
            data-testid={format!("agreement-drop-{letter}")}>
            <label for={id.clone()}>
                <strong>{format!("{} {letter}", tr(lang, "标注者", "Annotator"))}</strong>
                {if side == Side::A { tr(lang, "（参照）", " (reference)") } else { "" }}
            </label>
            <input type="file" id={id} accept=".json,.jsonl,.conll,.bio,.txt" {onchange} />
            <span class="muted">
                {props.file_name.clone().unwrap_or_else(|| tr(lang, "选择或拖入导出文件", "Choose or drop an export").to_owned())}
            </span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AgreementTableProps {
    pub agreement: Rc<Agreement>,
}

/// Per-label counts, precision, recall, F1 and κ, the overall row, and which documents
/// were compared.
#[function_component(AgreementTable)]
pub fn agreement_table(props: &AgreementTableProps) -> Html {
    let lang = use_lang();
    let agreement = &props.agreement;
    let row = |s: &crate::core::agreement::LabelScores, overall: bool| {
        let name = if overall {
            tr(lang, "全部（微平均）", "All (micro)").to_owned()
        } else {
            lang.label_name(&s.label)
        };
        html! {
            <tr class={classes!(overall.then_some("agreement-overall"))} data-label={s.label.clone()}>
                <th scope="row">
                    <span class={classes!("agreement-label", (!overall).then(|| format!("label-{}", s.label)))}>{name}</span>
                    if !overall { {" "}<span class="label-code">{&s.label}</span> }
                </th>
                <td>{s.in_a}</td>
                <td>{s.in_b}</td>
                <td>{s.matched}</td>
                <td>{score(s.precision)}</td>
                <td>{score(s.recall)}</td>
                <td class="agreement-f1">{score(s.f1)}</td>
                <td class="agreement-kappa">{score(s.kappa)}</td>
            </tr>
        }
    };
    let unit = match agreement.unit {
        UnitSummary::None => tr(lang, "没有可比较的文档。", "No documents to compare.").to_owned(),
        UnitSummary::All(Unit::Token) => tr(lang, "κ 按 jieba 词计算。", "κ counts jieba tokens.").to_owned(),
        UnitSummary::All(Unit::Char) => {
            tr(lang, "κ 按字计算（导出中没有分词）。", "κ counts characters (the exports have no tokens).").to_owned()
        }
        UnitSummary::Mixed { token_documents, char_documents } => match lang {
            Lang::Zh => format!("κ 在 {token_documents} 篇文档中按词、在 {char_documents} 篇中按字计算。"),
            Lang::En => format!("κ counts tokens in {token_documents} documents and characters in {char_documents}."),
        },
    };
    let id_matches =
        agreement.documents.iter().filter(|d| d.matched_by == crate::core::agreement::MatchedBy::Id).count();
    let unmatched = |ids: &[String]| ids.join(", ");
    html! {
        <div class="agreement-summary" data-testid="agreement-table">
            <p class="muted" data-testid="agreement-unit">
                {match lang {
                    Lang::Zh => format!("比较了 {} 篇文档。", agreement.documents.len()),
                    Lang::En => format!("{} documents compared.", agreement.documents.len()),
                }}
                {" "}{unit}
                if id_matches > 0 {
                    {" "}{match lang {
                        Lang::Zh => format!("{id_matches} 篇按 id 配对，文字不完全相同。"),
                        Lang::En => format!("{id_matches} paired by id: their texts differ."),
                    }}
                }
            </p>
            if !agreement.only_in_a.is_empty() || !agreement.only_in_b.is_empty() {
                <p class="agreement-unmatched">
                    if !agreement.only_in_a.is_empty() {
                        {tr(lang, "仅在 A 中：", "Only in A: ")}{unmatched(&agreement.only_in_a)}{" "}
                    }
                    if !agreement.only_in_b.is_empty() {
                        {tr(lang, "仅在 B 中：", "Only in B: ")}{unmatched(&agreement.only_in_b)}
                    }
                </p>
            }
            <table class="agreement-table">
                <thead>
                    <tr>
                        <th scope="col">{tr(lang, "标签", "Label")}</th>
                        <th scope="col">{"A"}</th>
                        <th scope="col">{"B"}</th>
                        <th scope="col">{tr(lang, "一致", "Matched")}</th>
                        <th scope="col" title={tr(lang, "精确率（以 A 为参照）", "Precision (A as reference)")}>{"P"}</th>
                        <th scope="col" title={tr(lang, "召回率", "Recall")}>{"R"}</th>
                        <th scope="col" title={tr(lang, "精确跨度 F1", "Exact-span F1")}>{"F1"}</th>
                        <th scope="col" title={tr(lang, "Cohen's κ（逐词）", "Cohen's κ (per unit)")}>{"κ"}</th>
                    </tr>
                </thead>
                <tbody>
                    { for agreement.labels.iter().map(|s| row(s, false)) }
                </tbody>
                <tfoot>{row(&agreement.overall, true)}</tfoot>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DisagreementListProps {
    pub agreement: Rc<Agreement>,
    /// One per disagreement, `None` while undecided.
    pub choices: Rc<Vec<Option<Choice>>>,
    /// `(index, choice)`; `None` clears the choice (clicking the chosen button again).
    pub on_choose: Callback<(usize, Option<Choice>)>,
}

fn kind_name(lang: Lang, kind: DisagreementKind) -> &'static str {
    match kind {
        DisagreementKind::LabelDiffers => tr(lang, "标签不同", "Label differs"),
        DisagreementKind::BoundaryDiffers => tr(lang, "边界不同", "Boundary differs"),
        DisagreementKind::OnlyA => tr(lang, "仅 A", "Only in A"),
        DisagreementKind::OnlyB => tr(lang, "仅 B", "Only in B"),
    }
}

fn kind_class(kind: DisagreementKind) -> &'static str {
    match kind {
        DisagreementKind::LabelDiffers => "kind-label",
        DisagreementKind::BoundaryDiffers => "kind-boundary",
        DisagreementKind::OnlyA => "kind-only-a",
        DisagreementKind::OnlyB => "kind-only-b",
    }
}

/// One annotator's version of a region: each span's text and label, or "nothing".
fn version(lang: Lang, d: &Disagreement, side: Side) -> Html {
    let spans = match side {
        Side::A => &d.a,
        Side::B => &d.b,
    };
    if spans.is_empty() {
        return html! { <span class="muted">{tr(lang, "（无）", "(nothing)")}</span> };
    }
    html! {
        { for spans.iter().map(|s| html! {
            <span class={classes!("agreement-span", format!("label-{}", s.label))}
                title={format!("{}..{}", s.start, s.end)}>
                {d.span_text(s)}<span class="label-code">{&s.label}</span>
            </span>
        }) }
    }
}

/// The disagreements, each with its kind, both versions and take-A / take-B / neither.
#[function_component(DisagreementList)]
pub fn disagreement_list(props: &DisagreementListProps) -> Html {
    let lang = use_lang();
    let agreement = &props.agreement;
    if agreement.disagreements.is_empty() {
        return html! {
            <p class="agreement-none" data-testid="disagreements">{tr(lang, "没有分歧。", "No disagreements.")}</p>
        };
    }
    let items = agreement.disagreements.iter().enumerate().map(|(index, d)| {
        let chosen = props.choices.get(index).copied().flatten();
        let button = |choice: Choice, text: &'static str, testid: &'static str| {
            let pressed = chosen == Some(choice);
            let next = if pressed { None } else { Some(choice) };
            let onclick = props.on_choose.reform(move |_: MouseEvent| (index, next));
            html! {
                <button class={classes!(pressed.then_some("chosen"))} aria-pressed={pressed.to_string()}
                    data-testid={testid} {onclick}>{text}</button>
            }
        };
        let title = agreement.documents.get(d.document).map(|p| p.title.clone()).unwrap_or_default();
        html! {
            <li class={classes!("disagreement", kind_class(d.kind), chosen.is_some().then_some("decided"))}
                data-testid="disagreement">
                <div class="disagreement-head">
                    <span class="disagreement-kind">{kind_name(lang, d.kind)}</span>
                    <span class="muted">{format!("{title} · {}..{}", d.start, d.end)}</span>
                </div>
                <div class="disagreement-text">{&d.text}</div>
                <div class="disagreement-versions">
                    <div><span class="version-name">{"A"}</span>{version(lang, d, Side::A)}</div>
                    <div><span class="version-name">{"B"}</span>{version(lang, d, Side::B)}</div>
                </div>
                <div class="disagreement-choices" role="group" aria-label={tr(lang, "选择", "Choose")}>
                    {button(Choice::TakeA, tr(lang, "取 A", "Take A"), "take-a")}
                    {button(Choice::TakeB, tr(lang, "取 B", "Take B"), "take-b")}
                    {button(Choice::Neither, tr(lang, "都不要", "Neither"), "take-neither")}
                </div>
            </li>
        }
    });
    html! {
        <ol class="disagreements" data-testid="disagreements">{ for items }</ol>
    }
}
