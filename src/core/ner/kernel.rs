//! The tagger's two inner loops over 16 lanes (13 tags, padded): summing weight rows, and
//! one Viterbi step. In wasm they use explicit SIMD, because LLVM leaves both loops scalar
//! for wasm32 (seen in the emitted code); elsewhere they are plain loops. The two give
//! bit-identical results: the same f32 operations in the same order, ties to the first.

use super::tags::N_TAGS;

/// Tags padded to four vectors of four.
pub const LANES: usize = 16;

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use super::{LANES, N_TAGS};
    use core::arch::wasm32::*;

    /// 16 i16 weights.
    #[derive(Clone, Copy)]
    pub struct Row([v128; 2]);
    /// 16 i32 sums of rows.
    #[derive(Clone, Copy)]
    pub struct Sums([v128; 4]);
    /// 16 f32 scores.
    #[derive(Clone, Copy)]
    pub struct Scores([v128; 4]);

    impl Row {
        pub fn new(w: &[i16; LANES]) -> Self {
            let half = |k: usize| i16x8(w[k], w[k + 1], w[k + 2], w[k + 3], w[k + 4], w[k + 5], w[k + 6], w[k + 7]);
            Self([half(0), half(8)])
        }
    }

    impl Sums {
        pub fn new(v: &[i32; LANES]) -> Self {
            Self(std::array::from_fn(|k| i32x4(v[4 * k], v[4 * k + 1], v[4 * k + 2], v[4 * k + 3])))
        }

        #[inline]
        pub fn add(&mut self, row: &Row) {
            let [lo, hi] = row.0;
            let s = &mut self.0;
            s[0] = i32x4_add(s[0], i32x4_extend_low_i16x8(lo));
            s[1] = i32x4_add(s[1], i32x4_extend_high_i16x8(lo));
            s[2] = i32x4_add(s[2], i32x4_extend_low_i16x8(hi));
            s[3] = i32x4_add(s[3], i32x4_extend_high_i16x8(hi));
        }

        /// `sum · scale + bias`, lane by lane.
        #[inline]
        pub fn scores(&self, scale: f32, bias: &Scores) -> Scores {
            let scale = f32x4_splat(scale);
            Scores(std::array::from_fn(|k| f32x4_add(f32x4_mul(f32x4_convert_i32x4(self.0[k]), scale), bias.0[k])))
        }
    }

    impl Scores {
        pub fn new(v: &[f32; LANES]) -> Self {
            Self(std::array::from_fn(|k| f32x4(v[4 * k], v[4 * k + 1], v[4 * k + 2], v[4 * k + 3])))
        }

        #[inline]
        pub fn to_array(&self) -> [f32; LANES] {
            let mut out = [0f32; LANES];
            for (chunk, v) in out.chunks_exact_mut(4).zip(self.0) {
                chunk.copy_from_slice(&[
                    f32x4_extract_lane::<0>(v),
                    f32x4_extract_lane::<1>(v),
                    f32x4_extract_lane::<2>(v),
                    f32x4_extract_lane::<3>(v),
                ]);
            }
            out
        }
    }

    /// For each tag: the best `score[prev] + tr[prev][tag]` over `prev` in order (the first
    /// wins ties), plus `em[tag]`. Returns the new scores and each tag's best `prev`.
    #[inline]
    pub fn step(score: &[f32; LANES], tr: &[Scores; N_TAGS], em: &Scores) -> ([f32; LANES], [u8; N_TAGS]) {
        let mut best = [f32x4_splat(f32::NEG_INFINITY); 4];
        let mut arg = [i32x4_splat(0); 4];
        for (prev, (&s, row)) in score.iter().zip(tr).enumerate() {
            let (s, p) = (f32x4_splat(s), i32x4_splat(prev as i32));
            for k in 0..4 {
                let v = f32x4_add(s, row.0[k]);
                let better = f32x4_gt(v, best[k]);
                best[k] = v128_bitselect(v, best[k], better);
                arg[k] = v128_bitselect(p, arg[k], better);
            }
        }
        let next = Scores(std::array::from_fn(|k| f32x4_add(best[k], em.0[k])));
        let bytes = u8x16_narrow_i16x8(i16x8_narrow_i32x4(arg[0], arg[1]), i16x8_narrow_i32x4(arg[2], arg[3]));
        let (lo, hi) = (i64x2_extract_lane::<0>(bytes).to_le_bytes(), i64x2_extract_lane::<1>(bytes).to_le_bytes());
        let lanes = std::array::from_fn(|k| if k < 8 { lo[k] } else { hi[k - 8] });
        (next.to_array(), lanes)
    }
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
mod imp {
    use super::{LANES, N_TAGS};

    /// 16 i16 weights.
    #[derive(Clone, Copy)]
    pub struct Row([i16; LANES]);
    /// 16 i32 sums of rows.
    #[derive(Clone, Copy)]
    pub struct Sums([i32; LANES]);
    /// 16 f32 scores.
    #[derive(Clone, Copy)]
    pub struct Scores([f32; LANES]);

    impl Row {
        pub fn new(w: &[i16; LANES]) -> Self {
            Self(*w)
        }
    }

    impl Sums {
        pub fn new(v: &[i32; LANES]) -> Self {
            Self(*v)
        }

        #[inline]
        pub fn add(&mut self, row: &Row) {
            for (a, &w) in self.0.iter_mut().zip(&row.0) {
                *a += w as i32;
            }
        }

        /// `sum · scale + bias`, lane by lane.
        #[inline]
        pub fn scores(&self, scale: f32, bias: &Scores) -> Scores {
            Scores(std::array::from_fn(|k| self.0[k] as f32 * scale + bias.0[k]))
        }
    }

    impl Scores {
        pub fn new(v: &[f32; LANES]) -> Self {
            Self(*v)
        }

        #[inline]
        pub fn to_array(&self) -> [f32; LANES] {
            self.0
        }
    }

    /// For each tag: the best `score[prev] + tr[prev][tag]` over `prev` in order (the first
    /// wins ties), plus `em[tag]`. Returns the new scores and each tag's best `prev`.
    #[inline]
    pub fn step(score: &[f32; LANES], tr: &[Scores; N_TAGS], em: &Scores) -> ([f32; LANES], [u8; N_TAGS]) {
        let mut best = [f32::NEG_INFINITY; LANES];
        let mut arg = [0u8; LANES];
        for (prev, (&s, row)) in score.iter().zip(tr).enumerate() {
            for ((b, a), &t) in best.iter_mut().zip(arg.iter_mut()).zip(&row.0) {
                let v = s + t;
                let better = v > *b;
                *b = if better { v } else { *b };
                *a = if better { prev as u8 } else { *a };
            }
        }
        let next = std::array::from_fn(|k| best[k] + em.0[k]);
        (next, std::array::from_fn(|k| arg[k]))
    }
}

pub use imp::{step, Row, Scores, Sums};
