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

/// Features that do not depend on the dictionary flags (the first [`N_VARYING`] of each
/// character's array). The last `N_FEATURES - N_VARYING` depend only on the flags and the
/// word position, so without a dictionary they take 5 values, which the model sums once
/// at load (see [`gaz_features`]). The order of hashes in the array does not matter: a
/// character's score is the sum of its rows.
pub const N_VARYING: usize = 19;

/// The hashes of the bias and dictionary templates for flags `g` and word position `bmes`.
#[inline]
pub fn gaz_features(g: u64, bmes: u64) -> [u64; N_FEATURES - N_VARYING] {
    let t = |id: u64| mix(0x5EED, id);
    [t(0), mix(t(20), g & 7), mix(t(21), (g >> 3) & 7), mix(t(22), (g >> 6) & 7), mix(mix(t(23), g), bmes)]
}

/// Extracts the feature hashes of every character of `chars` (already normalised).
/// `tokens` must tile the text; positions they do not cover get neutral word features.
/// `gaz` holds the [`gazetteer::flags`](super::gazetteer::flags) of each character.
pub fn extract(chars: &[char], tokens: &[Token], gaz: &[u16]) -> Vec<[u64; N_FEATURES]> {
    let mut out = Vec::with_capacity(chars.len());
    Walker::new(chars, tokens).walk_all(0..chars.len(), gaz, |f| out.push(f));
    out
}

/// Walks the characters of a text with their word features, over any range of it: the
/// features of a character depend only on its neighbours and its token, so a long text can
/// be walked in blocks with the same result.
pub struct Walker<'a> {
    chars: &'a [char],
    tokens: &'a [Token],
    /// jieba's tokens are sorted and disjoint, and are walked with a cursor; any other token
    /// list is spread over this per-character table (later tokens win).
    table: Option<Vec<WordInfo>>,
}

impl<'a> Walker<'a> {
    /// `tokens` must tile the text; positions they do not cover get neutral word features.
    pub fn new(chars: &'a [char], tokens: &'a [Token]) -> Self {
        let sorted = tokens.windows(2).all(|w| w[0].end <= w[1].start);
        Self::with_layout(chars, tokens, !sorted)
    }

    fn with_layout(chars: &'a [char], tokens: &'a [Token], table: bool) -> Self {
        let mut walker = Self { chars, tokens, table: None };
        if table {
            let mut words = vec![WordInfo::default(); chars.len()];
            for (k, t) in tokens.iter().enumerate() {
                let (s, e) = (t.start as usize, (t.end as usize).min(chars.len()));
                if s < e {
                    let word = walker.word_hash(s, e);
                    for (i, w) in words.iter_mut().enumerate().take(e).skip(s) {
                        *w = walker.info(k, s, e, i, word);
                    }
                }
            }
            walker.table = Some(words);
        }
        walker
    }

    fn pos_hash(&self, k: usize) -> Option<u64> {
        self.tokens.get(k).map(|t| hash_bytes(t.pos.as_bytes()))
    }

    /// The word features of token `k` (`s..e`) at character `i`, which it must cover.
    fn info(&self, k: usize, s: usize, e: usize, i: usize, word: u64) -> WordInfo {
        let prev_pos = if k > 0 { self.pos_hash(k - 1).unwrap_or(0) } else { 1 };
        WordInfo {
            bmes: bmes(s, e, i),
            pos: self.pos_hash(k).unwrap_or(0),
            prev_pos,
            next_pos: self.pos_hash(k + 1).unwrap_or(1),
            word,
        }
    }

    fn word_hash(&self, s: usize, e: usize) -> u64 {
        self.chars.get(s..e).map_or(0, |w| {
            // Long words are rare and mostly noise; the hash of a long word is dropped.
            if w.len() > 6 {
                1
            } else {
                w.iter().fold(7u64, |h, &c| mix(h, c as u64))
            }
        })
    }

    /// All [`N_FEATURES`] of each character in `range`, in order: the varying ones, then
    /// the dictionary ones from `gaz`, the [`flags`](super::gazetteer::flags) of every
    /// character of the text.
    pub fn walk_all(&self, range: std::ops::Range<usize>, gaz: &[u16], mut each: impl FnMut([u64; N_FEATURES])) {
        let mut i = range.start;
        self.walk(range, |v, bmes| {
            let g = gaz.get(i).copied().unwrap_or(0) as u64;
            let mut f = [0u64; N_FEATURES];
            f[..N_VARYING].copy_from_slice(v);
            f[N_VARYING..].copy_from_slice(&gaz_features(g, bmes));
            each(f);
            i += 1;
        });
    }

    /// The [`N_VARYING`] features of each character in `range`, in order, with its word
    /// position (0 outside tokens, else B/M/E/S = 1..4).
    pub fn walk(&self, range: std::ops::Range<usize>, mut each: impl FnMut(&[u64; N_VARYING], u64)) {
        let (chars, tokens) = (self.chars, self.tokens);
        let n = chars.len();
        let (from, to) = (range.start.min(n), range.end.min(n));
        // Padding before the text is PAD, after it PAD + 1; classes 8 and 9.
        let at = |i: usize| chars.get(i).map_or(PAD + 1, |&c| c as u64);
        let before = |i: usize, k: usize| if i >= k { at(i - k) } else { PAD };
        let cls = |i: usize| chars.get(i).map_or(9, |&c| class(c));
        let (mut m2, mut m1, mut c0, mut p1, mut p2) =
            (before(from, 2), before(from, 1), at(from), at(from + 1), at(from + 2));
        let (mut kp, mut k0, mut kn) = (if from > 0 { cls(from - 1) } else { 8 }, cls(from), cls(from + 1));
        // The cursor: the first token not wholly before `from` (ends are sorted too).
        let mut k = tokens.partition_point(|t| (t.end as usize).min(n) <= from);
        // The token under the cursor: (index, start, end, its word features at its start).
        let mut cur: Option<(usize, usize, usize, WordInfo)> = None;
        let t = |id: u64| mix(0x5EED, id);
        let ts: [u64; N_FEATURES] = std::array::from_fn(|k| t(k as u64));
        for i in from..to {
            let w = match &self.table {
                Some(table) => table.get(i).copied().unwrap_or_default(),
                None => {
                    while tokens.get(k).is_some_and(|t| (t.end as usize).min(n) <= i) {
                        k += 1;
                    }
                    match tokens.get(k) {
                        Some(t) if (t.start as usize) <= i => {
                            let (s, e) = (t.start as usize, (t.end as usize).min(n));
                            if cur.is_none_or(|c| c.0 != k) {
                                cur = Some((k, s, e, self.info(k, s, e, s, self.word_hash(s, e))));
                            }
                            cur.map_or(WordInfo::default(), |(_, s, e, first)| WordInfo {
                                bmes: bmes(s, e, i),
                                ..first
                            })
                        }
                        _ => WordInfo::default(),
                    }
                }
            };
            each(
                &[
                    mix(ts[1], m2),
                    mix(ts[2], m1),
                    mix(ts[3], c0),
                    mix(ts[4], p1),
                    mix(ts[5], p2),
                    mix(mix(ts[6], m2), m1),
                    mix(mix(ts[7], m1), c0),
                    mix(mix(ts[8], c0), p1),
                    mix(mix(ts[9], p1), p2),
                    mix(mix(ts[10], m1), p1),
                    mix(mix(mix(ts[11], m1), c0), p1),
                    mix(mix(mix(ts[12], kp), k0), kn),
                    mix(mix(ts[13], w.bmes), w.pos),
                    mix(mix(mix(ts[14], w.bmes), w.pos), c0),
                    mix(mix(mix(ts[15], w.prev_pos), w.pos), w.bmes),
                    mix(mix(mix(ts[16], w.next_pos), w.pos), w.bmes),
                    mix(mix(ts[17], w.word), w.bmes),
                    mix(mix(mix(ts[18], m2), m1), c0),
                    mix(mix(mix(ts[19], c0), p1), p2),
                ],
                w.bmes,
            );
            (m2, m1, c0, p1, p2) = (m1, c0, p1, p2, at(i + 3));
            (kp, k0, kn) = (k0, kn, cls(i + 2));
        }
    }
}

/// A character's position in its word `s..e`: B/M/E/S = 1..4.
fn bmes(s: usize, e: usize, i: usize) -> u64 {
    if e - s == 1 {
        4
    } else if i == s {
        1
    } else if i + 1 == e {
        3
    } else {
        2
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(start: u32, end: u32, pos: &str) -> Token {
        Token { start, end, pos: pos.into() }
    }

    /// The cursor over sorted tokens and the per-character table agree, and the full
    /// feature arrays are the varying ones plus the dictionary ones.
    #[test]
    fn cursor_and_table_give_the_same_features() {
        let chars = normalised_chars("管城区财政局９月开展活动");
        let sorted = vec![tok(0, 3, "ns"), tok(3, 6, "nt"), tok(6, 8, "m"), tok(8, 10, "v"), tok(10, 12, "n")];
        // A gap (positions 6..8 uncovered) and an empty token are neutral in both paths.
        let gappy = vec![tok(0, 3, "ns"), tok(3, 6, "nt"), tok(7, 7, "x"), tok(8, 10, "v"), tok(10, 14, "n")];
        let collect = |tokens: &[Token], table: bool| {
            let mut out = Vec::new();
            Walker::with_layout(&chars, tokens, table).walk(0..chars.len(), |f, bmes| out.push((*f, bmes)));
            out
        };
        assert_eq!(collect(&sorted, false), collect(&sorted, true));
        assert_eq!(collect(&gappy, false), collect(&gappy, true));
        assert_ne!(collect(&sorted, false), collect(&gappy, false));
        let collect = |tokens: &[Token]| collect(tokens, false);
        let full = extract(&chars, &sorted, &vec![0; chars.len()]);
        for (f, (v, bmes)) in full.iter().zip(collect(&sorted)) {
            assert_eq!(f[..N_VARYING], v);
            assert_eq!(f[N_VARYING..], gaz_features(0, bmes));
        }
        assert_eq!(full.len(), chars.len());
    }

    /// Walking a text in blocks of any size gives the features of one walk.
    #[test]
    fn blocks_give_the_features_of_one_walk() {
        let text = crate::core::sample::SAMPLE_BULLETIN;
        let chars = normalised_chars(text);
        let tokens = crate::core::segment::Segmenter::new().segment(text);
        for table in [false, true] {
            let walker = Walker::with_layout(&chars, &tokens, table);
            let mut whole = Vec::new();
            walker.walk(0..chars.len(), |f, bmes| whole.push((*f, bmes)));
            assert_eq!(whole.len(), chars.len());
            for block in [1, 2, 3, 7, 100, 4096] {
                let mut pieces = Vec::new();
                for from in (0..chars.len()).step_by(block) {
                    walker.walk(from..from + block, |f, bmes| pieces.push((*f, bmes)));
                }
                assert!(pieces == whole, "blocks of {block}, table {table}");
            }
        }
    }
}
