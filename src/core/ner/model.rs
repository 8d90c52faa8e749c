//! The shipped tagger: hashed feature rows of 8-bit weight codes, BIOES transitions,
//! Viterbi decoding, and a small versioned binary format with a checksum.
//!
//! Weights are quantised on a log scale (code ±k ↦ ±`lo·(hi/lo)^((k-1)/126)`): perceptron
//! weights span four orders of magnitude, and a linear i8 scale zeroed the small ones and
//! cost 15–20 F1 points; the log scale keeps every weight within ~4 % of its value.
//!
//! File layout (all little-endian):
//! `b"BNER"`, version `u16`, tags `u8`, features `u8`, row bits `u8`, reserved `u8`,
//! `lo: f32`, `hi: f32`, `entity_bias: f32`, transitions `tags*tags × f32`, a bitmap of non-zero rows
//! (`2^bits / 8` bytes), the codes of the non-zero rows column-major (for each tag, one `i8`
//! per non-zero row in row order: similar bytes sit together and compress better), then
//! FNV-1a 64 of everything before it.

use super::features::{self, N_FEATURES};
use super::gazetteer::{self, Gazetteer};
use super::kernel::{self, Row, Scores, Sums, LANES};
use super::tags::{self, N_TAGS};
use crate::core::bytes::ByteReader;
use crate::core::segment::Token;
use std::ops::Range;
use thiserror::Error;

pub const MAGIC: &[u8; 4] = b"BNER";
/// Bumped whenever the features, tags or layout change: old files are refused, not misread.
/// 2: the codes are stored column-major (all rows' tag 0, then tag 1, …): 6 % smaller brotli.
pub const VERSION: u16 = 2;
/// Characters per [`Model::tag_block`] call.
const TAG_BLOCK: usize = 4096;
/// Rows are padded to 16 codes so each is one aligned load.
const STRIDE: usize = 16;
const MIN_BITS: u32 = 8;
/// A model of 2^24 rows is 16 bytes × 16 M at most; refuse to inflate beyond that.
const MAX_RAW_BYTES: usize = 300 << 20;
const MAX_BITS: u32 = 24;

/// Why model bytes were refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelError {
    #[error("the model file is truncated ({0} bytes)")]
    Truncated(usize),
    #[error("not a bulletin NER model (bad magic)")]
    BadMagic,
    #[error("model format version {0} is not supported (expected {VERSION}); retrain or update the app")]
    Version(u16),
    #[error("the model does not match this build: {0}")]
    Shape(String),
    #[error("the model file is corrupt (checksum mismatch)")]
    Checksum,
}

/// A trained, quantised tagger.
#[derive(Clone)]
pub struct Model {
    bits: u32,
    lo: f32,
    hi: f32,
    /// Added to the score of every B/S tag: the perceptron is precise but shy, and a small
    /// bonus for starting an entity trades precision for recall (tuned on dev by `train`).
    entity_bias: f32,
    /// The codes decoded to linear i16 (`value / lin_scale`) at load, so that summing a row
    /// is one vectorised add instead of 13 table look-ups (4x faster tagging).
    /// Only the non-zero rows, after one row of zeros at index 0, found through `blocks`:
    /// most look-ups hit zero rows and then touch only the 64 KB of blocks, not the table.
    lin: Vec<Row>,
    blocks: Vec<Block>,
    lin_scale: f32,
    /// `entity_bias` on the B and S tags, 0 elsewhere.
    bias: Scores,
    trans: Vec<f32>,
    rows: Vec<[i8; STRIDE]>,
    gaz: Gazetteer,
    /// The summed rows of the bias and dictionary templates with no dictionary match, per
    /// word position (0..=4): without a dictionary they are the same for every character,
    /// so tagging looks up 19 rows per character instead of 24.
    fixed: [Sums; 5],
    /// What corrections taught on top of the shipped weights (see [`super::adapt`]).
    overlay: Overlay,
}

/// Learned changes to rows of the varying features, in the units of `lin`. A bitmap of the
/// rows it holds keeps tagging as fast as without it for the characters it does not touch.
#[derive(Clone, Default)]
struct Overlay {
    mask: Vec<u64>,
    totals: std::collections::HashMap<u32, [i32; N_TAGS]>,
    rows: std::collections::HashMap<u32, Row>,
}

impl Overlay {
    #[inline]
    fn holds(&self, r: usize) -> bool {
        self.mask.get(r / 64).is_some_and(|m| m & (1 << (r % 64)) != 0)
    }

    fn bump(&mut self, bits: u32, row: u32, tag: usize, d: i32) {
        if self.mask.is_empty() {
            self.mask = vec![0; (1usize << bits).div_ceil(64)];
        }
        let total = self.totals.entry(row).or_insert([0; N_TAGS]);
        if let Some(t) = total.get_mut(tag) {
            *t = t.saturating_add(d);
        }
        if total.iter().all(|&t| t == 0) {
            self.totals.remove(&row);
            self.rows.remove(&row);
            if let Some(m) = self.mask.get_mut(row as usize / 64) {
                *m &= !(1 << (row % 64));
            }
            return;
        }
        let mut lanes = [0i16; LANES];
        for (l, &t) in lanes.iter_mut().zip(total.iter()) {
            *l = t.clamp(i16::MIN as i32, i16::MAX as i32) as i16;
        }
        self.rows.insert(row, Row::new(&lanes));
        if let Some(m) = self.mask.get_mut(row as usize / 64) {
            *m |= 1 << (row % 64);
        }
    }

    /// Adds the learned rows of the varying features `f` (hashes) to `acc`.
    #[inline]
    fn add(&self, acc: &mut Sums, f: &[u64], bits: u32) {
        for &h in f.iter().take(features::N_VARYING) {
            let r = features::row(h, bits);
            if self.holds(r) {
                if let Some(row) = self.rows.get(&(r as u32)) {
                    acc.add(row);
                }
            }
        }
    }
}

/// 64 rows of the table: which are non-zero, and the index in `lin` of the first of them.
/// One struct, so a look-up reads one cache line for both.
#[derive(Clone, Copy, Default)]
struct Block {
    present: u64,
    first: u32,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model").field("bits", &self.bits).field("non_zero_rows", &self.non_zero_rows()).finish()
    }
}

pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01B3))
}

/// A cursor that refuses to read past the end instead of panicking.
/// The 256-entry table of code values for the log scale from `lo` to `hi`.
fn codebook(lo: f32, hi: f32) -> Vec<f32> {
    let ratio = (hi / lo).max(1.0);
    (0..=255u8)
        .map(|b| {
            let k = b as i8;
            let mag = if k == 0 { 0.0 } else { lo * ratio.powf((k.unsigned_abs() as f32 - 1.0) / 126.0) };
            if k < 0 {
                -mag
            } else {
                mag
            }
        })
        .collect()
}

/// The code nearest (in log terms) to `w`; 0 below `lo / 2`.
fn encode(w: f32, lo: f32, hi: f32) -> i8 {
    let a = w.abs();
    if a < lo * 0.5 || !a.is_finite() {
        return 0;
    }
    let ratio = (hi / lo).max(1.0 + 1e-6);
    let k = (1.0 + 126.0 * (a.max(lo) / lo).ln() / ratio.ln()).round().clamp(1.0, 127.0) as i8;
    if w < 0.0 {
        -k
    } else {
        k
    }
}

impl Model {
    /// Quantises float weights (`2^bits` rows × [`N_TAGS`], row-major). Weights below the
    /// `prune` quantile of |w| become zero (rows of zeros are not stored).
    /// Only the `keep_rows` rows with the largest L1 norm are kept (0 keeps all): most rows
    /// hold rare n-grams with tiny weights, and dropping them is what makes the file small.
    #[allow(clippy::too_many_arguments)]
    pub fn quantise(
        bits: u32,
        weights: &[f32],
        trans: &[f32],
        prune: f32,
        keep_rows: usize,
        min_code: u8,
        code_step: u8,
        gaz: Gazetteer,
    ) -> Result<Self, ModelError> {
        let rows_n = 1usize << bits.clamp(MIN_BITS, MAX_BITS);
        if bits != bits.clamp(MIN_BITS, MAX_BITS) || weights.len() != rows_n * N_TAGS || trans.len() != N_TAGS * N_TAGS
        {
            return Err(ModelError::Shape("weights do not match the table size".into()));
        }
        let mut mags: Vec<f32> = weights.iter().map(|w| w.abs()).filter(|w| *w > 0.0 && w.is_finite()).collect();
        mags.sort_by(f32::total_cmp);
        let hi = mags.last().copied().unwrap_or(1.0);
        let q = mags.get((mags.len() as f32 * prune.clamp(0.0, 1.0)) as usize).copied().unwrap_or(hi);
        let lo = q.max(hi * 1e-5).min(hi);
        // Weights whose code would be at most `min_code` are zeroed before rows are ranked:
        // they barely move a score, and runs of zero codes compress well.
        let zeroed: Vec<f32>;
        let weights = if min_code > 0 {
            zeroed =
                weights.iter().map(|&w| if encode(w, lo, hi).unsigned_abs() <= min_code { 0.0 } else { w }).collect();
            &zeroed[..]
        } else {
            weights
        };
        let norm = |r: usize| -> f32 {
            weights.get(r * N_TAGS..(r + 1) * N_TAGS).map_or(0.0, |w| w.iter().map(|x| x.abs()).sum())
        };
        let mut keep = vec![true; rows_n];
        if keep_rows > 0 && keep_rows < rows_n {
            let mut order: Vec<usize> = (0..rows_n).collect();
            order.sort_by(|&a, &b| norm(b).total_cmp(&norm(a)));
            for &r in order.iter().skip(keep_rows) {
                keep[r] = false;
            }
        }
        // Only every `code_step`-th magnitude is used (1 = all 127): fewer distinct codes compress better.
        let step = code_step.max(1) as i32;
        let mut rows = vec![[0i8; STRIDE]; rows_n];
        for (r, row) in rows.iter_mut().enumerate().filter(|(r, _)| keep[*r]) {
            for (t, w) in row.iter_mut().take(N_TAGS).enumerate() {
                *w = encode(weights.get(r * N_TAGS + t).copied().unwrap_or(0.0), lo, hi);
                if step > 1 && *w != 0 {
                    let m = (1 + step * ((w.unsigned_abs() as i32 - 1 + step / 2) / step)).min(127) as i8;
                    *w = if *w < 0 { -m } else { m };
                }
            }
        }
        Ok(Self::assemble(bits, lo, hi, 0.0, trans.to_vec(), rows, gaz))
    }

    fn assemble(
        bits: u32,
        lo: f32,
        hi: f32,
        entity_bias: f32,
        trans: Vec<f32>,
        rows: Vec<[i8; STRIDE]>,
        gaz: Gazetteer,
    ) -> Self {
        let book = codebook(lo, hi);
        // 24 features of at most `hi` each must not overflow the i32 sum; i16 per weight
        // keeps weights down to hi/32000, far below what changes a decision.
        let lin_scale = hi / 32000.0;
        let mut blocks = vec![Block::default(); rows.len().div_ceil(64)];
        let mut lin = vec![Row::new(&[0; LANES])];
        for (i, r) in rows.iter().enumerate() {
            if let Some(b) = blocks.get_mut(i / 64) {
                if i % 64 == 0 {
                    b.first = lin.len() as u32;
                }
                if r.iter().any(|&c| c != 0) {
                    b.present |= 1 << (i % 64);
                    let w = r.map(|c| (book.get(c as u8 as usize).copied().unwrap_or(0.0) / lin_scale).round() as i16);
                    lin.push(Row::new(&w));
                }
            }
        }
        let mut m = Self {
            bits,
            lo,
            hi,
            entity_bias,
            lin,
            blocks,
            lin_scale,
            bias: Scores::new(&[0.0; LANES]),
            trans,
            rows,
            gaz,
            fixed: [Sums::new(&[0; LANES]); 5],
            overlay: Overlay::default(),
        };
        for bmes in 0..5 {
            let mut acc = Sums::new(&[0; LANES]);
            m.add_rows(&mut acc, &features::gaz_features(0, bmes as u64));
            m.fixed[bmes] = acc;
        }
        m.set_entity_bias(entity_bias);
        m
    }

    pub fn set_entity_bias(&mut self, bias: f32) {
        self.entity_bias = if bias.is_finite() { bias } else { 0.0 };
        let mut lanes = [0f32; LANES];
        for t in 0..tags::TYPES.len() {
            for k in [1 + 4 * t, 4 + 4 * t] {
                if let Some(b) = lanes.get_mut(k) {
                    *b = self.entity_bias;
                }
            }
        }
        self.bias = Scores::new(&lanes);
    }

    pub fn entity_bias(&self) -> f32 {
        self.entity_bias
    }

    pub fn non_zero_rows(&self) -> usize {
        self.rows.iter().filter(|r| r.iter().any(|&w| w != 0)).count()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&[N_TAGS as u8, N_FEATURES as u8, self.bits as u8, 0]);
        out.extend_from_slice(&self.lo.to_le_bytes());
        out.extend_from_slice(&self.hi.to_le_bytes());
        out.extend_from_slice(&self.entity_bias.to_le_bytes());
        for t in &self.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let mut bitmap = vec![0u8; self.rows.len().div_ceil(8)];
        let mut kept = Vec::new();
        for (r, row) in self.rows.iter().enumerate() {
            if row.iter().any(|&w| w != 0) {
                if let Some(b) = bitmap.get_mut(r / 8) {
                    *b |= 1 << (r % 8);
                }
                kept.push(row);
            }
        }
        out.extend_from_slice(&bitmap);
        for t in 0..N_TAGS {
            out.extend(kept.iter().map(|row| row[t] as u8));
        }
        let entries = self.gaz.entries();
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        for e in entries {
            out.extend_from_slice(&e.to_le_bytes());
        }
        let sum = fnv1a(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Parses the shipped file (`static/ner-model.bin`): the model bytes, brotli-compressed
    /// (uncompressed bytes are accepted too).
    pub fn from_file_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        if bytes.starts_with(MAGIC) {
            return Self::from_bytes(bytes);
        }
        let raw = crate::core::compressed::decompress(bytes, MAX_RAW_BYTES).map_err(|_| ModelError::BadMagic)?;
        Self::from_bytes(&raw)
    }

    /// The file `train` writes: [`Model::to_bytes`], brotli-compressed.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn to_file_bytes(&self) -> Vec<u8> {
        crate::core::compressed::compress(&self.to_bytes())
    }

    /// Parses model bytes; any corruption is an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        if bytes.len() < 32 {
            return Err(ModelError::Truncated(bytes.len()));
        }
        let (payload, sum) = bytes.split_at(bytes.len() - 8);
        let mut r = ByteReader::new(payload, ModelError::Truncated(bytes.len()));
        if r.take(4)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = u16::from_le_bytes(r.array()?);
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        if sum != fnv1a(payload).to_le_bytes() {
            return Err(ModelError::Checksum);
        }
        let [n_tags, n_features, bits, _] = r.array::<4>()?;
        let bits = bits as u32;
        if n_tags as usize != N_TAGS || n_features as usize != N_FEATURES || !(MIN_BITS..=MAX_BITS).contains(&bits) {
            return Err(ModelError::Shape(format!("{n_tags} tags, {n_features} features, {bits} bits")));
        }
        let (lo, hi, entity_bias) = (r.f32()?, r.f32()?, r.f32()?);
        if !(lo.is_finite() && hi.is_finite() && lo > 0.0 && hi >= lo && entity_bias.is_finite()) {
            return Err(ModelError::Shape("bad weight scale".into()));
        }
        let mut trans = Vec::with_capacity(N_TAGS * N_TAGS);
        for _ in 0..N_TAGS * N_TAGS {
            let t = r.f32()?;
            if !t.is_finite() {
                return Err(ModelError::Shape("bad transition weight".into()));
            }
            trans.push(t);
        }
        let rows_n = 1usize << bits;
        let bitmap = r.take(rows_n / 8)?;
        let kept: Vec<usize> =
            (0..rows_n).filter(|&i| bitmap.get(i / 8).is_some_and(|b| b & (1 << (i % 8)) != 0)).collect();
        let mut rows = vec![[0i8; STRIDE]; rows_n];
        for t in 0..N_TAGS {
            for (&i, &b) in kept.iter().zip(r.take(kept.len())?) {
                if let Some(w) = rows.get_mut(i).and_then(|row| row.get_mut(t)) {
                    *w = b as i8;
                }
            }
        }
        let n_entries = u32::from_le_bytes(r.array()?) as usize;
        let raw = r.take(n_entries.checked_mul(4).ok_or(ModelError::Truncated(bytes.len()))?)?;
        let entries = raw.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect();
        if !r.is_done() {
            return Err(ModelError::Shape("trailing bytes".into()));
        }
        Ok(Self::assemble(bits, lo, hi, entity_bias, trans, rows, Gazetteer::new(entries)))
    }

    /// The index in `lin` of row `r`: 0, the row of zeros, when it is not stored.
    /// Branch-free: whether a feature was seen in training is a coin toss to the CPU.
    #[inline]
    fn row_index(&self, r: usize) -> usize {
        let b = self.blocks.get(r / 64).copied().unwrap_or_default();
        let bit = 1u64 << (r % 64);
        let stored = (b.present & bit != 0) as usize;
        (b.first as usize + (b.present & (bit - 1)).count_ones() as usize) * stored
    }

    /// Adds the rows of the feature hashes `f` to `acc`.
    #[inline]
    fn add_rows(&self, acc: &mut Sums, f: &[u64]) {
        for &h in f {
            if let Some(row) = self.lin.get(self.row_index(features::row(h, self.bits))) {
                acc.add(row);
            }
        }
    }

    /// Entity spans `(start, end, type index)` in code points of the normalised `chars`.
    pub fn tag(&self, chars: &[char], tokens: &[Token]) -> Vec<(usize, usize, usize)> {
        let mut dec = Viterbi::new(&self.trans, chars.len());
        let walker = features::Walker::new(chars, tokens);
        let gaz = (!self.gaz.entries().is_empty()).then(|| gazetteer::flags(chars, |h, _, _| self.gaz.lookup(h)));
        for from in (0..chars.len()).step_by(TAG_BLOCK) {
            self.tag_block(&walker, gaz.as_deref(), from..from + TAG_BLOCK, &mut dec);
        }
        tags::decode(&dec.finish())
    }

    /// Feeds the characters in `range` to `dec`. Not inlined, and called once per block:
    /// a browser swaps a function's optimised code in only when it is called again, so one
    /// call over a whole long text would run on the baseline compiler's code throughout.
    #[inline(never)]
    fn tag_block(&self, walker: &features::Walker, gaz: Option<&[u16]>, range: Range<usize>, dec: &mut Viterbi) {
        let adapted = !self.overlay.totals.is_empty();
        match gaz {
            None => walker.walk(range, |f, bmes| {
                let mut acc = self.fixed.get(bmes as usize).copied().unwrap_or(Sums::new(&[0; LANES]));
                self.add_rows(&mut acc, f);
                if adapted {
                    self.overlay.add(&mut acc, f, self.bits);
                }
                dec.step(&acc.scores(self.lin_scale, &self.bias));
            }),
            Some(gaz) => walker.walk_all(range, gaz, |f| {
                let mut acc = Sums::new(&[0; LANES]);
                self.add_rows(&mut acc, &f);
                if adapted {
                    self.overlay.add(&mut acc, &f, self.bits);
                }
                dec.step(&acc.scores(self.lin_scale, &self.bias));
            }),
        }
    }

    /// The feature rows of the varying templates and the emission scores (adaptation
    /// included) of every character: what learning from a sentence needs.
    pub fn emissions(&self, chars: &[char], tokens: &[Token]) -> (Vec<[u32; features::N_VARYING]>, Vec<[f32; N_TAGS]>) {
        let walker = features::Walker::new(chars, tokens);
        let gaz = gazetteer::flags(chars, |h, _, _| self.gaz.lookup(h));
        let (mut rows, mut scores) = (Vec::with_capacity(chars.len()), Vec::with_capacity(chars.len()));
        walker.walk_all(0..chars.len(), &gaz, |f| {
            let mut acc = Sums::new(&[0; LANES]);
            self.add_rows(&mut acc, &f);
            self.overlay.add(&mut acc, &f, self.bits);
            let lanes = acc.scores(self.lin_scale, &self.bias).to_array();
            rows.push(std::array::from_fn(|k| features::row(f[k], self.bits) as u32));
            scores.push(std::array::from_fn(|t| lanes[t]));
        });
        (rows, scores)
    }

    /// The transition weights, `trans[prev * N_TAGS + cur]`.
    pub fn transitions(&self) -> &[f32] {
        &self.trans
    }

    /// The largest weight's magnitude.
    pub fn largest_weight(&self) -> f32 {
        self.hi
    }

    /// The value of one unit of a learned change, as a score.
    pub fn unit(&self) -> f32 {
        self.lin_scale
    }

    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// Adds `d` units to the weight of `tag` in feature row `row`, on top of the shipped weights.
    pub fn bump(&mut self, row: u32, tag: usize, d: i32) {
        if d != 0 && (row as usize) < (1usize << self.bits) && tag < N_TAGS {
            self.overlay.bump(self.bits, row, tag, d);
        }
    }

    /// How many feature rows corrections have changed.
    pub fn adapted_rows(&self) -> usize {
        self.overlay.totals.len()
    }

    /// Drops everything corrections taught.
    pub fn clear_adaptation(&mut self) {
        self.overlay = Overlay::default();
    }

    /// Identifies the shipped weights, so an adaptation is never applied to another model.
    pub fn fingerprint(&self) -> u64 {
        let mut bytes = Vec::new();
        for v in [self.lo, self.hi, self.entity_bias].iter().chain(&self.trans) {
            bytes.extend_from_slice(&v.to_le_bytes());
        }
        bytes.extend_from_slice(&(self.lin.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&self.bits.to_le_bytes());
        fnv1a(&bytes)
    }
}

/// Viterbi decoding fed one emission at a time, so that tagging a long text does not
/// hold all emissions in memory (only one byte per tag and character of back-pointers).
pub struct Viterbi {
    /// `tr[prev][cur]`; forbidden transitions cost -inf, so each step is a plain max over
    /// all predecessors (see [`kernel::step`]).
    tr: [Scores; N_TAGS],
    back: Vec<[u8; N_TAGS]>,
    score: [f32; LANES],
}

impl Viterbi {
    pub fn new(trans: &[f32], capacity: usize) -> Self {
        const NEG: f32 = f32::NEG_INFINITY;
        let tr = std::array::from_fn(|prev| {
            let mut row = [NEG; LANES];
            for (cur, t) in row.iter_mut().enumerate().take(N_TAGS) {
                if tags::allowed(Some(prev), cur) {
                    *t = trans.get(prev * N_TAGS + cur).copied().unwrap_or(0.0);
                }
            }
            Scores::new(&row)
        });
        Self { tr, back: Vec::with_capacity(capacity), score: [NEG; LANES] }
    }

    /// The next character's emission scores.
    #[inline]
    pub fn step(&mut self, em: &Scores) {
        if self.back.is_empty() {
            let em = em.to_array();
            for (t, s) in self.score.iter_mut().enumerate() {
                *s = if t < N_TAGS && tags::allowed(None, t) { em[t] } else { f32::NEG_INFINITY };
            }
            self.back.push([0; N_TAGS]);
            return;
        }
        let (next, back) = kernel::step(&self.score, &self.tr, em);
        self.score = next;
        self.back.push(back);
    }

    /// The best well-formed tag sequence.
    pub fn finish(self) -> Vec<u8> {
        const NEG: f32 = f32::NEG_INFINITY;
        let n = self.back.len();
        let score = self.score;
        let mut last = (0..N_TAGS)
            .filter(|&t| tags::may_end(t) && score[t] > NEG)
            .max_by(|&a, &b| score[a].total_cmp(&score[b]))
            .unwrap_or(tags::O);
        let mut out = vec![0u8; n];
        for i in (0..n).rev() {
            out[i] = last as u8;
            last = self.back[i][last] as usize;
        }
        out
    }
}

/// The best well-formed tag sequence under `emissions` plus `trans[prev * N_TAGS + cur]`.
pub fn viterbi(emissions: &[[f32; N_TAGS]], trans: &[f32]) -> Vec<u8> {
    let mut dec = Viterbi::new(trans, emissions.len());
    for em in emissions {
        let mut lanes = [0f32; LANES];
        lanes[..N_TAGS].copy_from_slice(em);
        dec.step(&Scores::new(&lanes));
    }
    dec.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ner::perceptron::Rng;

    /// With a dictionary, tagging a text longer than a block, block by block, gives what
    /// Viterbi gives on the emissions of the whole text's features (the trainer's path).
    #[test]
    fn tagging_in_blocks_with_a_dictionary_matches_whole_text_emissions() {
        let text = crate::core::sample::SAMPLE_BULLETIN.repeat(8);
        let chars = features::normalised_chars(&text);
        assert!(chars.len() > TAG_BLOCK);
        let tokens = crate::core::segment::Segmenter::new().segment(&text);
        let bits = 12;
        let mut rng = Rng::new(3);
        let mut weight = || (rng.next_u64() % 2001) as f32 / 1000.0 - 1.0;
        let weights: Vec<f32> = (0..(1 << bits) * N_TAGS).map(|_| weight()).collect();
        let trans: Vec<f32> = (0..N_TAGS * N_TAGS).map(|_| weight()).collect();
        let word: Vec<char> = "郑州".chars().collect();
        let gaz = Gazetteer::new(vec![gazetteer::key(gazetteer::hash_str(&word)) | 0b010]);
        let model = Model::quantise(bits, &weights, &trans, 0.0, 0, 0, 1, gaz).unwrap();
        let flags = gazetteer::flags(&chars, |h, _, _| model.gaz.lookup(h));
        assert!(flags.iter().any(|&f| f != 0));
        let emissions: Vec<[f32; N_TAGS]> = features::extract(&chars, &tokens, &flags)
            .iter()
            .map(|f| {
                let mut acc = Sums::new(&[0; LANES]);
                model.add_rows(&mut acc, f);
                let lanes = acc.scores(model.lin_scale, &model.bias).to_array();
                std::array::from_fn(|t| lanes[t])
            })
            .collect();
        let expected = tags::decode(&viterbi(&emissions, &model.trans));
        assert!(!expected.is_empty());
        assert_eq!(model.tag(&chars, &tokens), expected);
    }
}
