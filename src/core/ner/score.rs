//! Exact-span scoring: a prediction counts only when (start, end, label) all match.

use std::collections::{BTreeMap, HashSet};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Per-label counts plus the micro total (under the key `"micro"`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    pub by_label: BTreeMap<String, Counts>,
    pub micro: Counts,
}

impl Scores {
    /// Adds one text's gold and predicted `(start, end, label)` spans.
    pub fn add(&mut self, gold: &[(usize, usize, String)], pred: &[(usize, usize, String)]) {
        let g: HashSet<_> = gold.iter().collect();
        let p: HashSet<_> = pred.iter().collect();
        for s in &p {
            let c = self.by_label.entry(s.2.clone()).or_default();
            if g.contains(s) {
                c.tp += 1;
                self.micro.tp += 1;
            } else {
                c.fp += 1;
                self.micro.fp += 1;
            }
        }
        for s in g.difference(&p) {
            self.by_label.entry(s.2.clone()).or_default().fn_ += 1;
            self.micro.fn_ += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_match_only() {
        let mut s = Scores::default();
        let gold = vec![(0, 2, "PER".to_string()), (3, 5, "LOC".to_string())];
        let pred = vec![(0, 2, "PER".to_string()), (3, 6, "LOC".to_string())];
        s.add(&gold, &pred);
        assert_eq!(s.micro, Counts { tp: 1, fp: 1, fn_: 1 });
        assert!((s.micro.f1() - 0.5).abs() < 1e-9);
    }
}
