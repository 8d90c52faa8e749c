//! Averaged structured perceptron over BIOES tags: the trainer behind `src/bin/train.rs`.
//! It keeps float weights in a hashed table of the same shape as the shipped model, then
//! [`Model::quantise`](super::model::Model::quantise)s them.

use super::features::{self, N_FEATURES};
use super::gazetteer::Gazetteer;
use super::model::{viterbi, Model, ModelError};
use super::tags::{self, N_TAGS};
use crate::core::segment::Token;

/// One training sentence: the feature rows of each character and its gold tags.
pub struct Example {
    rows: Vec<[u32; N_FEATURES]>,
    gold: Vec<u8>,
}

impl Example {
    /// `spans` are `(start, end, type index)` in code points; `tokens` are jieba's; `gaz`
    /// the dictionary flags (computed leaving this sentence's own entities out).
    pub fn new(chars: &[char], tokens: &[Token], gaz: &[u16], spans: &[(usize, usize, usize)], bits: u32) -> Self {
        let rows = features::extract(chars, tokens, gaz)
            .into_iter()
            .map(|f| f.map(|h| features::row(h, bits) as u32))
            .collect();
        Self { rows, gold: tags::encode(chars.len(), spans) }
    }

    pub fn len(&self) -> usize {
        self.gold.len()
    }

    pub fn is_empty(&self) -> bool {
        self.gold.is_empty()
    }
}

/// A deterministic xorshift generator, so a seed fixes the training order everywhere.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Perceptron state with the lazy-averaging trick: the average is `w - u / c`.
pub struct Trainer {
    bits: u32,
    w: Vec<f32>,
    u: Vec<f64>,
    trans: Vec<f32>,
    trans_u: Vec<f64>,
    c: f64,
}

impl Trainer {
    pub fn new(bits: u32) -> Self {
        let n = (1usize << bits) * N_TAGS;
        Self {
            bits,
            w: vec![0.0; n],
            u: vec![0.0; n],
            trans: vec![0.0; N_TAGS * N_TAGS],
            trans_u: vec![0.0; N_TAGS * N_TAGS],
            c: 1.0,
        }
    }

    fn predict(&self, ex: &Example) -> Vec<u8> {
        let em: Vec<[f32; N_TAGS]> = ex
            .rows
            .iter()
            .map(|rows| {
                let mut s = [0f32; N_TAGS];
                for &r in rows {
                    let base = r as usize * N_TAGS;
                    if let Some(w) = self.w.get(base..base + N_TAGS) {
                        for (a, b) in s.iter_mut().zip(w) {
                            *a += b;
                        }
                    }
                }
                s
            })
            .collect();
        viterbi(&em, &self.trans)
    }

    fn bump(&mut self, row: u32, tag: u8, d: f32) {
        let i = row as usize * N_TAGS + tag as usize;
        if let (Some(w), Some(u)) = (self.w.get_mut(i), self.u.get_mut(i)) {
            *w += d;
            *u += self.c * d as f64;
        }
    }

    fn bump_trans(&mut self, prev: u8, cur: u8, d: f32) {
        let i = prev as usize * N_TAGS + cur as usize;
        if let (Some(w), Some(u)) = (self.trans.get_mut(i), self.trans_u.get_mut(i)) {
            *w += d;
            *u += self.c * d as f64;
        }
    }

    /// One pass over `examples` in `order`; returns the number of mis-tagged characters.
    pub fn epoch(&mut self, examples: &[Example], order: &[usize]) -> usize {
        let mut wrong = 0;
        for &k in order {
            let Some(ex) = examples.get(k) else { continue };
            let pred = self.predict(ex);
            if pred != ex.gold {
                for (i, (&p, &g)) in pred.iter().zip(&ex.gold).enumerate() {
                    if p != g {
                        wrong += 1;
                        for &r in &ex.rows[i] {
                            self.bump(r, g, 1.0);
                            self.bump(r, p, -1.0);
                        }
                    }
                    if i > 0 {
                        let (pp, gp) = (pred[i - 1], ex.gold[i - 1]);
                        if (pp, p) != (gp, g) {
                            self.bump_trans(gp, g, 1.0);
                            self.bump_trans(pp, p, -1.0);
                        }
                    }
                }
            }
            self.c += 1.0;
        }
        wrong
    }

    /// The averaged weights, quantised into a shippable model.
    pub fn model(
        &self,
        prune: f32,
        keep_rows: usize,
        min_code: u8,
        code_step: u8,
        gaz: Gazetteer,
    ) -> Result<Model, ModelError> {
        let avg = |w: &[f32], u: &[f64]| -> Vec<f32> {
            w.iter().zip(u).map(|(&w, &u)| (w as f64 - u / self.c) as f32).collect()
        };
        Model::quantise(
            self.bits,
            &avg(&self.w, &self.u),
            &avg(&self.trans, &self.trans_u),
            prune,
            keep_rows,
            min_code,
            code_step,
            gaz,
        )
    }
}
