//! Feature extraction for the character tagger, shared by training and inference so the
//! two can never disagree. Every feature is a 64-bit hash of a template id and its values;
//! the model maps it to a row of per-tag weights.

use crate::core::segment::Token;

/// Features per character (the templates below, in order).
pub const N_FEATURES: usize = 24;

/// Folds full-width ASCII (MSRA writes `１９９８`) and ideographic spaces to ASCII, and all
/// digits to `0` so that numbers share statistics.
pub fn normalise(c: char) -> char {
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    if c.is_ascii_digit() {
        '0'
    } else {
        c
    }
}

/// A coarse character class: the shape features generalise across unseen characters.
fn class(c: char) -> u64 {
    match c {
        '0'..='9' => 1,
        'a'..='z' | 'A'..='Z' => 2,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '百' | '千' | '万' | '亿' | '零'
        | '〇' | '两' => 3,
        c if c.is_whitespace() => 4,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => 5,
        c if c.is_ascii_punctuation() => 6,
        _ => 7,
    }
}

/// Padding outside the text (not a valid char value, so it cannot collide with one).
const PAD: u64 = 0x11_0000;

#[inline]
fn mix(h: u64, v: u64) -> u64 {
    let x = (h ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 29)
}

/// A stable hash of a byte string (POS tags and words), independent of platform.
fn hash_bytes(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325u64, |h, &b| (h ^ b as u64).wrapping_mul(0x100_0000_01B3))
}

/// Per-character view of the jieba segmentation: where the character sits in its word
/// (B/M/E/S), the word's POS, its neighbours' POS and the word itself.
#[derive(Clone, Copy, Default)]
struct WordInfo {
    bmes: u64,
    pos: u64,
    prev_pos: u64,
    next_pos: u64,
    word: u64,
}

/// Extracts the feature hashes of every character of `chars` (already normalised).
/// `tokens` must tile the text; positions they do not cover get neutral word features.
/// `gaz` holds the [`gazetteer::flags`](super::gazetteer::flags) of each character.
pub fn extract(chars: &[char], tokens: &[Token], gaz: &[u16]) -> Vec<[u64; N_FEATURES]> {
    let mut out = Vec::with_capacity(chars.len());
    extract_each(chars, tokens, gaz, |f| out.push(f));
    out
}

/// [`extract`] without the vector: `each` gets the features of every character in order
/// (tagging a long text then never holds all features in memory at once).
pub fn extract_each(chars: &[char], tokens: &[Token], gaz: &[u16], mut each: impl FnMut([u64; N_FEATURES])) {
    let n = chars.len();
    let mut words = vec![WordInfo::default(); n];
    let pos_hash: Vec<u64> = tokens.iter().map(|t| hash_bytes(t.pos.as_bytes())).collect();
    for (k, t) in tokens.iter().enumerate() {
        let (s, e) = (t.start as usize, (t.end as usize).min(n));
        if s >= e {
            continue;
        }
        let word = chars.get(s..e).map_or(0, |w| {
            // Long words are rare and mostly noise; the hash of a long word is dropped.
            if w.len() > 6 {
                1
            } else {
                w.iter().fold(7u64, |h, &c| mix(h, c as u64))
            }
        });
        let prev_pos = if k > 0 { pos_hash.get(k - 1).copied().unwrap_or(0) } else { 1 };
        let next_pos = pos_hash.get(k + 1).copied().unwrap_or(1);
        for (i, info) in words.iter_mut().enumerate().take(e).skip(s) {
            let bmes = if e - s == 1 {
                4
            } else if i == s {
                1
            } else if i + 1 == e {
                3
            } else {
                2
            };
            *info = WordInfo { bmes, pos: pos_hash.get(k).copied().unwrap_or(0), prev_pos, next_pos, word };
        }
    }
    let at = |i: isize| -> u64 {
        if i < 0 {
            PAD
        } else {
            chars.get(i as usize).map_or(PAD + 1, |&c| c as u64)
        }
    };
    let cls = |i: isize| -> u64 {
        if i < 0 {
            8
        } else {
            chars.get(i as usize).map_or(9, |&c| class(c))
        }
    };
    for (i, w) in words.iter().enumerate() {
        let p = i as isize;
        let (m2, m1, c0, p1, p2) = (at(p - 2), at(p - 1), at(p), at(p + 1), at(p + 2));
        let t = |id: u64| mix(0x5EED, id);
        let g = gaz.get(i).copied().unwrap_or(0) as u64;
        each([
            t(0),
            mix(t(1), m2),
            mix(t(2), m1),
            mix(t(3), c0),
            mix(t(4), p1),
            mix(t(5), p2),
            mix(mix(t(6), m2), m1),
            mix(mix(t(7), m1), c0),
            mix(mix(t(8), c0), p1),
            mix(mix(t(9), p1), p2),
            mix(mix(t(10), m1), p1),
            mix(mix(mix(t(11), m1), c0), p1),
            mix(mix(mix(t(12), cls(p - 1)), cls(p)), cls(p + 1)),
            mix(mix(t(13), w.bmes), w.pos),
            mix(mix(mix(t(14), w.bmes), w.pos), c0),
            mix(mix(mix(t(15), w.prev_pos), w.pos), w.bmes),
            mix(mix(mix(t(16), w.next_pos), w.pos), w.bmes),
            mix(mix(t(17), w.word), w.bmes),
            mix(mix(mix(t(18), m2), m1), c0),
            mix(mix(mix(t(19), c0), p1), p2),
            mix(t(20), g & 7),
            mix(t(21), (g >> 3) & 7),
            mix(t(22), (g >> 6) & 7),
            mix(mix(t(23), g), w.bmes),
        ]);
    }
}

/// The row a feature hash falls into, in a table of `2^bits` rows.
#[inline]
pub fn row(hash: u64, bits: u32) -> usize {
    (mix(hash, 0xA5A5) >> (64 - bits)) as usize
}

/// Normalises a text into a char vector for [`extract`].
pub fn normalised_chars(text: &str) -> Vec<char> {
    text.chars().map(normalise).collect()
}
