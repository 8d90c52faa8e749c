//! Typed text offsets and exact conversions between them.
//!
//! Files and the core count **Unicode code points** ([`CharOffset`]); the DOM and
//! JavaScript count **UTF-16 code units** ([`Utf16Offset`]); Rust slices count
//! **bytes** ([`ByteOffset`]). They differ as soon as the text leaves ASCII or the BMP:
//!
//! | text | code points | UTF-16 units | bytes |
//! |------|------------:|-------------:|------:|
//! | `a`  | 1 | 1 | 1 |
//! | `郑` | 1 | 1 | 3 |
//! | `𠮷` | 1 | 2 | 4 |
//! | `👨🏻‍🚒` | 4 | 7 | 15 |
//!
//! A [`TextIndex`] is built once per text and converts in O(1) (code point to other
//! units) or O(log n) (other units to code points).

use crate::core::CoreError;
use serde::{Deserialize, Serialize};

macro_rules! offset_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub usize);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

offset_type!(
    /// An offset in Unicode code points (Rust `char`s, Python `str` indices).
    CharOffset
);
offset_type!(
    /// An offset in UTF-16 code units (JavaScript string indices, DOM ranges).
    Utf16Offset
);
offset_type!(
    /// An offset in UTF-8 bytes (Rust `str` slicing).
    ByteOffset
);

/// Prefix sums of a text's characters in bytes and UTF-16 units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextIndex {
    /// `byte_at[i]` is the byte offset of code point `i`; the last entry is the text's length.
    byte_at: Vec<u32>,
    /// `utf16_at[i]` is the UTF-16 offset of code point `i`; the last entry is the length.
    utf16_at: Vec<u32>,
}

impl TextIndex {
    /// Indexes `text`. Texts over 4 GiB are refused (offsets are stored as `u32`).
    pub fn new(text: &str) -> Result<Self, CoreError> {
        if text.len() > u32::MAX as usize {
            return Err(CoreError::TextTooLong { bytes: text.len() });
        }
        let chars = text.chars().count();
        let mut byte_at = Vec::with_capacity(chars + 1);
        let mut utf16_at = Vec::with_capacity(chars + 1);
        let mut units = 0u32;
        for (byte, c) in text.char_indices() {
            byte_at.push(byte as u32);
            utf16_at.push(units);
            units += c.len_utf16() as u32;
        }
        byte_at.push(text.len() as u32);
        utf16_at.push(units);
        Ok(Self { byte_at, utf16_at })
    }

    /// Length in code points.
    pub fn char_len(&self) -> usize {
        self.byte_at.len() - 1
    }

    /// Length in UTF-16 units.
    pub fn utf16_len(&self) -> usize {
        self.utf16_at.last().copied().unwrap_or(0) as usize
    }

    /// Length in bytes.
    pub fn byte_len(&self) -> usize {
        self.byte_at.last().copied().unwrap_or(0) as usize
    }

    fn check_char(&self, at: CharOffset) -> Result<(), CoreError> {
        if at.0 > self.char_len() {
            return Err(CoreError::OffsetOutOfRange { offset: at.0, unit: "code point", len: self.char_len() });
        }
        Ok(())
    }

    /// The UTF-16 offset of a code-point offset.
    pub fn char_to_utf16(&self, at: CharOffset) -> Result<Utf16Offset, CoreError> {
        self.check_char(at)?;
        Ok(Utf16Offset(self.utf16_at[at.0] as usize))
    }

    /// The byte offset of a code-point offset.
    pub fn char_to_byte(&self, at: CharOffset) -> Result<ByteOffset, CoreError> {
        self.check_char(at)?;
        Ok(ByteOffset(self.byte_at[at.0] as usize))
    }

    /// The code-point offset of a UTF-16 offset. An offset between the two halves of a
    /// surrogate pair is not a character boundary and is refused.
    pub fn utf16_to_char(&self, at: Utf16Offset) -> Result<CharOffset, CoreError> {
        find_boundary(&self.utf16_at, at.0, "UTF-16 unit")
    }

    /// Like [`Self::utf16_to_char`], but an offset inside a surrogate pair moves to the start
    /// of its character. For DOM selections, which can land mid-pair.
    pub fn utf16_to_char_floor(&self, at: Utf16Offset) -> CharOffset {
        let clamped = at.0.min(self.utf16_len());
        let i = self.utf16_at.partition_point(|&u| (u as usize) <= clamped);
        CharOffset(i.saturating_sub(1))
    }

    /// Like [`Self::utf16_to_char_floor`], but moves forward to the end of a split
    /// character, so a selection's end never cuts a surrogate pair.
    pub fn utf16_to_char_ceil(&self, at: Utf16Offset) -> CharOffset {
        let floor = self.utf16_to_char_floor(at);
        if (self.utf16_at[floor.0] as usize) < at.0.min(self.utf16_len()) {
            CharOffset(floor.0 + 1)
        } else {
            floor
        }
    }

    /// The code-point offset of a byte offset; refused inside a UTF-8 sequence.
    pub fn byte_to_char(&self, at: ByteOffset) -> Result<CharOffset, CoreError> {
        find_boundary(&self.byte_at, at.0, "byte")
    }

    /// The `[start, end)` code-point span of `text` as a `&str`.
    pub fn slice<'t>(&self, text: &'t str, start: CharOffset, end: CharOffset) -> Result<&'t str, CoreError> {
        if start > end {
            return Err(CoreError::InvalidSpan { start: start.0, end: end.0, len: self.char_len() });
        }
        let (a, b) = (self.char_to_byte(start)?, self.char_to_byte(end)?);
        text.get(a.0..b.0).ok_or(CoreError::OffsetOutOfRange {
            offset: end.0,
            unit: "code point",
            len: self.char_len(),
        })
    }
}

fn find_boundary(prefix: &[u32], at: usize, unit: &'static str) -> Result<CharOffset, CoreError> {
    let len = prefix.last().copied().unwrap_or(0) as usize;
    if at > len {
        return Err(CoreError::OffsetOutOfRange { offset: at, unit, len });
    }
    prefix.binary_search(&(at as u32)).map(CharOffset).map_err(|_| CoreError::NotCharBoundary { offset: at, unit })
}

/// Length of `text` in code points.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// Slices `text` by code points without an index; `None` when out of range.
///
/// Linear in `end`: callers slicing many spans of one long text should build a
/// [`TextIndex`] once instead. The scan counts code points 4 KB at a time with std's
/// optimised `chars().count()`, much faster than walking `char_indices`.
pub fn char_slice(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let a = byte_of_char(text, start)?;
    let b = a + byte_of_char(&text[a..], end - start)?;
    text.get(a..b)
}

/// The byte offset of code point `n` (`text.len()` for the end), or `None` past the end.
fn byte_of_char(text: &str, n: usize) -> Option<usize> {
    const BLOCK: usize = 4096;
    let (mut seen, mut at) = (0, 0);
    // Whole blocks first, counted with std's optimised `chars().count()`.
    while at + BLOCK < text.len() {
        let mut end = at + BLOCK;
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let count = text[at..end].chars().count();
        if seen + count > n {
            break;
        }
        seen += count;
        at = end;
    }
    let mut indices = text[at..].char_indices().map(|(b, _)| at + b).chain(std::iter::once(text.len()));
    indices.nth(n - seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIREFIGHTER: &str = "👨🏻‍🚒";

    #[test]
    fn lengths_match_the_doc_table() {
        for (text, chars, units, bytes) in [
            ("a", 1, 1, 1),
            ("郑", 1, 1, 3),
            ("𠮷", 1, 2, 4),
            (FIREFIGHTER, 4, 7, 15),
            ("", 0, 0, 0),
            ("a\r\nb", 4, 4, 4),
            ("e\u{301}", 2, 2, 3),
        ] {
            let index = TextIndex::new(text).unwrap();
            assert_eq!(index.char_len(), chars, "{text:?}");
            assert_eq!(index.utf16_len(), units, "{text:?}");
            assert_eq!(index.byte_len(), bytes, "{text:?}");
            assert_eq!(units, text.encode_utf16().count());
            assert_eq!(chars, char_len(text));
        }
    }

    #[test]
    fn astral_offsets_convert_both_ways() {
        let text = "𠮷野家在郑州";
        let index = TextIndex::new(text).unwrap();
        assert_eq!(index.char_to_utf16(CharOffset(1)).unwrap(), Utf16Offset(2));
        assert_eq!(index.char_to_byte(CharOffset(1)).unwrap(), ByteOffset(4));
        assert_eq!(index.utf16_to_char(Utf16Offset(2)).unwrap(), CharOffset(1));
        assert_eq!(index.byte_to_char(ByteOffset(7)).unwrap(), CharOffset(2));
        assert_eq!(index.slice(text, CharOffset(4), CharOffset(6)).unwrap(), "郑州");
    }

    #[test]
    fn mid_surrogate_and_mid_utf8_are_refused() {
        let index = TextIndex::new("𠮷a").unwrap();
        assert!(matches!(index.utf16_to_char(Utf16Offset(1)), Err(CoreError::NotCharBoundary { .. })));
        assert!(matches!(index.byte_to_char(ByteOffset(2)), Err(CoreError::NotCharBoundary { .. })));
        assert_eq!(index.utf16_to_char_floor(Utf16Offset(1)), CharOffset(0));
        assert_eq!(index.utf16_to_char_floor(Utf16Offset(99)), CharOffset(2));
        assert_eq!(index.utf16_to_char_ceil(Utf16Offset(1)), CharOffset(1));
        assert_eq!(index.utf16_to_char_ceil(Utf16Offset(2)), CharOffset(1));
        assert_eq!(index.utf16_to_char_ceil(Utf16Offset(3)), CharOffset(2));
        assert_eq!(index.utf16_to_char_ceil(Utf16Offset(99)), CharOffset(2));
    }

    #[test]
    fn out_of_range_is_an_error_not_a_panic() {
        let index = TextIndex::new("郑州").unwrap();
        assert!(index.char_to_utf16(CharOffset(3)).is_err());
        assert!(index.utf16_to_char(Utf16Offset(3)).is_err());
        assert!(index.slice("郑州", CharOffset(2), CharOffset(1)).is_err());
    }

    #[test]
    fn char_slice_matches_index_slice_on_long_texts() {
        // Longer than the 4 KB blocks the scan counts by, with 1- to 4-byte characters.
        let text: String = "a郑𠮷\r\n👨🏻‍🚒é州".repeat(300);
        let index = TextIndex::new(&text).unwrap();
        let n = index.char_len();
        for s in (0..=n).step_by(7) {
            for e in [s, s + 1, s + 7, s + 1500, n, n + 1] {
                assert_eq!(char_slice(&text, s, e), index.slice(&text, CharOffset(s), CharOffset(e)).ok(), "{s}..{e}");
            }
        }
    }

    #[test]
    fn char_slice_matches_index_slice() {
        let text = "a👨🏻‍🚒b\r\n𠮷";
        let index = TextIndex::new(text).unwrap();
        let n = index.char_len();
        for s in 0..=n {
            for e in s..=n {
                assert_eq!(char_slice(text, s, e), index.slice(text, CharOffset(s), CharOffset(e)).ok());
            }
        }
        assert_eq!(char_slice(text, 0, n + 1), None);
    }

    proptest::proptest! {
        #[test]
        fn conversions_round_trip(text in "\\PC{0,40}") {
            let index = TextIndex::new(&text).unwrap();
            for i in 0..=index.char_len() {
                let c = CharOffset(i);
                let u = index.char_to_utf16(c).unwrap();
                let b = index.char_to_byte(c).unwrap();
                proptest::prop_assert_eq!(index.utf16_to_char(u).unwrap(), c);
                proptest::prop_assert_eq!(index.byte_to_char(b).unwrap(), c);
                proptest::prop_assert!(text.is_char_boundary(b.0));
            }
        }
    }
}
