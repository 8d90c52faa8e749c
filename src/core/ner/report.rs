//! The model's report card: how well the suggestions did on each document marked done,
//! measured on what was suggested when its review began, before any of its corrections
//! could teach the model (progressive validation: each document is a test before it is
//! training).

use super::score::{Counts, Scores};
use serde::{Deserialize, Serialize};

/// What was suggested in a document just before its first correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub doc: String,
    /// `(start, end, label)` in code points.
    pub spans: Vec<(usize, usize, String)>,
}

/// One finished document's score.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub doc: String,
    pub counts: Counts,
    /// Micro F1 over this and every earlier finished document.
    pub running_f1: f64,
}

/// Scores of the finished documents, in the order their reviews began.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportCard {
    pub documents: Vec<Checked>,
    pub total: Scores,
}

impl ReportCard {
    /// `gold` gives a document's final entities when it is marked done, else `None`.
    pub fn of(baselines: &[Baseline], gold: impl Fn(&str) -> Option<Vec<(usize, usize, String)>>) -> Self {
        let mut card = Self::default();
        for b in baselines {
            let Some(gold) = gold(&b.doc) else { continue };
            let mut one = Scores::default();
            one.add(&gold, &b.spans);
            card.total.add(&gold, &b.spans);
            card.documents.push(Checked { doc: b.doc.clone(), counts: one.micro, running_f1: card.total.micro.f1() });
        }
        card
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(v: &[(usize, usize, &str)]) -> Vec<(usize, usize, String)> {
        v.iter().map(|&(s, e, l)| (s, e, l.to_owned())).collect()
    }

    #[test]
    fn only_finished_documents_count_in_review_order() {
        let baselines = vec![
            Baseline { doc: "b".into(), spans: spans(&[(0, 2, "PER"), (5, 7, "LOC")]) },
            Baseline { doc: "open".into(), spans: spans(&[(0, 1, "PER")]) },
            Baseline { doc: "a".into(), spans: spans(&[(1, 3, "ORG")]) },
        ];
        let gold = |doc: &str| match doc {
            "b" => Some(spans(&[(0, 2, "PER"), (5, 8, "LOC")])),
            "a" => Some(spans(&[(1, 3, "ORG"), (4, 6, "DATE")])),
            _ => None,
        };
        let card = ReportCard::of(&baselines, gold);
        let docs: Vec<&str> = card.documents.iter().map(|c| c.doc.as_str()).collect();
        assert_eq!(docs, ["b", "a"]);
        assert_eq!(card.documents[0].counts, Counts { tp: 1, fp: 1, fn_: 1 });
        assert!((card.documents[0].running_f1 - 0.5).abs() < 1e-9);
        // Over both: 2 right of 3 suggested, of 4 gold: P 2/3, R 1/2.
        assert!((card.documents[1].running_f1 - 4.0 / 7.0).abs() < 1e-9);
        assert_eq!(card.total.by_label["LOC"], Counts { tp: 0, fp: 1, fn_: 1 });
        assert_eq!(card.total.by_label["DATE"], Counts { tp: 0, fp: 0, fn_: 1 });
    }
}
