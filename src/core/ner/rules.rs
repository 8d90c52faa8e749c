//! Shared pieces of the bulletin rules: candidate spans and character classes.

/// A candidate entity in code points, from a rule or the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cand {
    pub start: usize,
    pub end: usize,
    pub label: &'static str,
}

impl Cand {
    pub fn new(start: usize, end: usize, label: &'static str) -> Self {
        Self { start, end, label }
    }
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// ASCII or full-width digit.
pub fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Chinese numeral characters (counting, not 第).
pub fn is_cn_digit(c: char) -> bool {
    matches!(
        c,
        '零' | '〇'
            | '一'
            | '二'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '两'
    )
}

pub fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Whether `chars[at..]` starts with `word`.
pub fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    word.chars().enumerate().all(|(k, w)| chars.get(at + k) == Some(&w))
}

/// The first of `words` that `chars[at..]` starts with (list longer words first).
pub fn match_any(chars: &[char], at: usize, words: &[&'static str]) -> Option<&'static str> {
    words.iter().copied().find(|w| starts_with(chars, at, w))
}

/// A 256-bit filter of characters, by code point modulo 256: [`CharFilter::may_hold`] is false only
/// when no character of the set shares the residue, so hot loops skip most positions without
/// decoding every word. Four `u64`s, not a `u128`: 128-bit shifts are library calls in wasm.
#[derive(Clone, Copy, Default)]
pub struct CharFilter([u64; 4]);

impl CharFilter {
    pub fn of(chars: impl IntoIterator<Item = char>) -> Self {
        let mut bits = [0u64; 4];
        for c in chars {
            let b = c as u32 & 255;
            if let Some(w) = bits.get_mut((b >> 6) as usize) {
                *w |= 1 << (b & 63);
            }
        }
        Self(bits)
    }

    #[inline]
    pub fn may_hold(&self, c: char) -> bool {
        let b = c as u32 & 255;
        self.0.get((b >> 6) as usize).is_some_and(|w| w >> (b & 63) & 1 != 0)
    }
}

/// The [`CharFilter`] of the first characters of `words`.
pub fn first_chars(words: &[&str]) -> CharFilter {
    CharFilter::of(words.iter().filter_map(|w| w.chars().next()))
}

/// Whether `chars[..at]` ends with `word`.
pub fn ends_with(chars: &[char], at: usize, word: &str) -> bool {
    let n = word.chars().count();
    at >= n && starts_with(chars, at - n, word)
}

/// End of an Arabic number at `i` (digits, with `.`/`,` between digits), if one starts there.
pub fn arabic_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    while chars.get(j).is_some_and(|&c| is_digit(c)) {
        j += 1;
        if chars.get(j).is_some_and(|&c| matches!(c, '.' | '．' | ',' | '，'))
            && chars.get(j + 1).is_some_and(|&c| is_digit(c))
            // A comma followed by exactly 3 digits is a thousands separator; otherwise a list.
            && (matches!(chars.get(j), Some('.' | '．')) || thousands(chars, j + 1))
        {
            j += 1;
        }
    }
    (j > i).then_some(j)
}

fn thousands(chars: &[char], i: usize) -> bool {
    (0..3).all(|k| chars.get(i + k).is_some_and(|&c| is_digit(c))) && !chars.get(i + 3).is_some_and(|&c| is_digit(c))
}

/// End of a run of Chinese numerals at `i`.
pub fn cn_end(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    while chars.get(j).is_some_and(|&c| is_cn_digit(c)) {
        j += 1;
    }
    (j > i).then_some(j)
}

/// Spans `[open, close]` of each “…” and ‘…’ pair (positions of the marks), sorted by the
/// opening mark. Single quotes inside double ones are pairs of their own (“开展‘门前三包’活动”);
/// a lone ’ (an apostrophe) pairs with nothing.
pub fn quotes(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut double, mut single) = (None, None);
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '“' => double = Some(i),
            '”' => {
                if let Some(o) = double.take() {
                    out.push((o, i));
                    // A single quote opened inside and never closed ends with its container.
                    single = single.filter(|&s| s < o);
                }
            }
            '‘' => single = Some(i),
            '’' => {
                if let Some(o) = single.take() {
                    out.push((o, i));
                }
            }
            '\n' => (double, single) = (None, None),
            _ => {}
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The filter never misses a member; it only lets through characters that share a
    /// member's code point modulo 256, in all four words.
    #[test]
    fn char_filter_holds_its_members_and_little_else() {
        let words = ["区", "街道", "a", "\u{FF}", "\u{40}"];
        let filter = first_chars(&words);
        for w in words {
            assert!(filter.may_hold(w.chars().next().unwrap()), "{w}");
        }
        let members: Vec<u32> = words.iter().map(|w| w.chars().next().unwrap() as u32 & 255).collect();
        let passed = ('\u{4E00}'..='\u{9FFF}').filter(|&c| filter.may_hold(c)).count();
        let expected = ('\u{4E00}'..='\u{9FFF}').filter(|&c| members.contains(&(c as u32 & 255))).count();
        assert_eq!(passed, expected);
        assert!(passed < 20_992 * 5 / 256 + 5, "{passed}");
        assert!(!CharFilter::default().may_hold('区'));
    }
}
