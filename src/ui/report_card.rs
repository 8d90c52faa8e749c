//! The model's report card (see [`crate::core::ner::report`]): scores per label on the
//! finished documents, and a chart of F1 document by document.

use crate::core::ner::report::ReportCard;
use crate::core::ner::score::Counts;
use crate::ui::i18n::{use_lang, Key};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReportCardProps {
    pub card: Rc<ReportCard>,
}

const W: f64 = 280.0;
const H: f64 = 100.0;
const PAD: f64 = 4.0;

/// `(x, y)` in the chart for document `i` of `n` with F1 `f1`.
fn point(i: usize, n: usize, f1: f64) -> (f64, f64) {
    let x = if n <= 1 { W / 2.0 } else { PAD + (W - 2.0 * PAD) * i as f64 / (n - 1) as f64 };
    (x, PAD + (H - 2.0 * PAD) * (1.0 - f1.clamp(0.0, 1.0)))
}

fn percent(v: f64) -> String {
    format!("{:.1}", v * 100.0)
}

fn row(label: &str, caption: String, c: &Counts) -> Html {
    html! {
        <tr data-testid="report-row" data-label={label.to_owned()} data-f1={format!("{:.4}", c.f1())}>
            <th scope="row">{caption}</th>
            <td>{percent(c.precision())}</td>
            <td>{percent(c.recall())}</td>
            <td>{percent(c.f1())}</td>
            <td>{c.tp + c.fn_}</td>
        </tr>
    }
}

#[function_component(ReportCardView)]
pub fn report_card(props: &ReportCardProps) -> Html {
    let lang = use_lang();
    let card = &props.card;
    let n = card.documents.len();
    let body = if n == 0 {
        html! { <p class="muted">{lang.t(Key::ReportCardEmpty)}</p> }
    } else {
        let running: Vec<String> = card
            .documents
            .iter()
            .enumerate()
            .map(|(i, d)| point(i, n, d.running_f1))
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        let dots = card.documents.iter().enumerate().map(|(i, d)| {
            let (x, y) = point(i, n, d.counts.f1());
            html! { <circle class="report-dot" cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="2.5"><title>{percent(d.counts.f1())}</title></circle> }
        });
        let labels = card.total.by_label.iter().map(|(l, c)| row(l, lang.label_name(l), c));
        html! {
            <>
            <p class="muted">{lang.t(Key::ReportCardDocs).replace("{n}", &n.to_string())}</p>
            <table class="report-table">
                <thead><tr>
                    <th scope="col">{lang.t(Key::ReportLabel)}</th><th scope="col">{lang.t(Key::ReportPrecision)}</th>
                    <th scope="col">{lang.t(Key::ReportRecall)}</th><th scope="col">{"F1"}</th>
                    <th scope="col">{lang.t(Key::ReportGold)}</th>
                </tr></thead>
                <tbody>
                    { for labels }
                    { row("all", lang.t(Key::ReportCardAll).to_owned(), &card.total.micro) }
                </tbody>
            </table>
            <figure class="chart">
                <figcaption id="report-chart-title">{lang.t(Key::ReportCardChart)}</figcaption>
                <svg data-testid="report-chart" data-points={n.to_string()} viewBox={format!("0 0 {W} {H}")}
                    role="img" aria-labelledby="report-chart-title" width="100%" preserveAspectRatio="xMinYMin meet">
                    <title>{lang.t(Key::ReportCardChart)}</title>
                    <line class="report-axis" x1={PAD.to_string()} y1={(H - PAD).to_string()} x2={(W - PAD).to_string()} y2={(H - PAD).to_string()} />
                    <polyline class="report-line" points={running.join(" ")} />
                    { for dots }
                </svg>
            </figure>
            </>
        }
    };
    html! {
        <section class="report-card" data-testid="report-card" aria-labelledby="report-card-heading">
            <h3 id="report-card-heading">{lang.t(Key::ReportCard)}</h3>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_span_the_chart_and_f1_runs_bottom_to_top() {
        assert_eq!(point(0, 1, 1.0), (W / 2.0, PAD));
        assert_eq!(point(0, 3, 0.0), (PAD, H - PAD));
        assert_eq!(point(2, 3, 0.5).0, W - PAD);
        assert!((point(1, 3, 0.5).1 - H / 2.0).abs() < 1e-9);
    }
}
