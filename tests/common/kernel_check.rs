//! The tagger's kernels (explicit SIMD in wasm, plain loops natively) against a plain
//! reference, on pseudo-random inputs with ties and forbidden (-inf) transitions. Shared
//! by `tests/ner.rs` (native) and `tests/web.rs` (wasm, in Chromium).

use bulletin::core::ner::kernel::{self, Row, Scores, Sums, LANES};
use bulletin::core::ner::tags::N_TAGS;

pub fn kernels_match_the_reference() {
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    // Few distinct values, so that ties are common.
    let mut pick = move || [f32::NEG_INFINITY, -1.5, 0.0, 0.25, 1.0, 2.5][(next() % 6) as usize];
    let mut rows = Vec::new();
    let mut next_row = {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        move || -> [i16; LANES] {
            std::array::from_fn(|_| {
                state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                (state >> 48) as u16 as i16
            })
        }
    };
    for _ in 0..300 {
        // Row sums, then `sum · scale + bias`.
        rows.clear();
        rows.extend((0..24).map(|_| next_row()));
        let mut sums = Sums::new(&[7; LANES]);
        for r in &rows {
            sums.add(&Row::new(r));
        }
        let expected: [i32; LANES] = std::array::from_fn(|k| 7 + rows.iter().map(|r| r[k] as i32).sum::<i32>());
        let bias: [f32; LANES] = std::array::from_fn(|k| k as f32 * 0.5);
        let got = sums.scores(0.001, &Scores::new(&bias)).to_array();
        for k in 0..LANES {
            assert_eq!(got[k].to_bits(), (expected[k] as f32 * 0.001 + bias[k]).to_bits(), "lane {k}");
        }
        // One Viterbi step: the best predecessor, the first on ties.
        let score: [f32; LANES] = std::array::from_fn(|_| pick());
        let tr: [[f32; LANES]; N_TAGS] = std::array::from_fn(|_| std::array::from_fn(|_| pick()));
        let em: [f32; LANES] = std::array::from_fn(|_| pick());
        let (after, back) = kernel::step(&score, &tr.map(|r| Scores::new(&r)), &Scores::new(&em));
        for cur in 0..N_TAGS {
            let mut best = (f32::NEG_INFINITY, 0u8);
            for (prev, row) in tr.iter().enumerate() {
                let v = score[prev] + row[cur];
                if v > best.0 {
                    best = (v, prev as u8);
                }
            }
            assert_eq!(back[cur], best.1, "tag {cur}: {score:?} {tr:?}");
            assert_eq!(after[cur].to_bits(), (best.0 + em[cur]).to_bits(), "tag {cur}");
        }
    }
}
