//! [`Pos`]: a token's part-of-speech tag, stored inline.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A POS tag stored inline, so a token costs no allocation: a 1 MB text has ~200,000 of
/// them, and allocating each tag's `String` cost about a tenth of segmentation's time. jieba's
/// tags are 1–4 ASCII letters and user words allow at most 8 ([`UserWord::validate`]).
/// [`Pos::new`] cuts anything longer at [`Pos::MAX_LEN`] bytes, on a character boundary;
/// reading a longer tag from a file is an error, so nothing is cut silently.
///
/// [`UserWord::validate`]: crate::core::segment::UserWord::validate
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Pos {
    len: u8,
    bytes: [u8; Pos::MAX_LEN],
}

impl Pos {
    pub const MAX_LEN: usize = 15;

    pub fn new(tag: &str) -> Self {
        let mut len = tag.len().min(Self::MAX_LEN);
        while !tag.is_char_boundary(len) {
            len -= 1;
        }
        let mut bytes = [0; Self::MAX_LEN];
        bytes[..len].copy_from_slice(&tag.as_bytes()[..len]);
        Self { len: len as u8, bytes }
    }

    pub fn as_str(&self) -> &str {
        // Always valid: `new` copies whole characters only.
        self.bytes.get(..self.len as usize).and_then(|b| std::str::from_utf8(b).ok()).unwrap_or_default()
    }
}

impl std::ops::Deref for Pos {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Pos {
    fn from(tag: &str) -> Self {
        Self::new(tag)
    }
}

impl PartialEq<str> for Pos {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Pos {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::fmt::Debug for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Pos {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Pos {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let tag = std::borrow::Cow::<str>::deserialize(d)?;
        if tag.len() > Self::MAX_LEN {
            return Err(serde::de::Error::custom(format!(
                "POS tag {tag:?} is longer than {} bytes (jieba's tags are 1–4 letters)",
                Self::MAX_LEN
            )));
        }
        Ok(Self::new(&tag))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_tags_round_trip_and_long_ones_are_cut_on_a_character_boundary() {
        for tag in ["", "n", "nrfg", "eng", "abcdefghijklmno"] {
            let pos = Pos::new(tag);
            assert_eq!(pos, tag);
            assert_eq!(serde_json::from_str::<Pos>(&serde_json::to_string(&pos).unwrap()).unwrap(), pos);
        }
        assert_eq!(Pos::new("abcdefghijklmnopq"), "abcdefghijklmno");
        // 14 ASCII bytes, then a 3-byte character that does not fit: it is dropped whole.
        assert_eq!(Pos::new("abcdefghijklmn名"), "abcdefghijklmn");
        assert_eq!(Pos::new("名词名词名词"), "名词名词名");
        assert_eq!(format!("{:?} {}", Pos::new("ns"), Pos::new("ns")), "\"ns\" ns");
        let err = serde_json::from_str::<Pos>("\"abcdefghijklmnop\"").unwrap_err().to_string();
        assert!(err.contains("longer than 15 bytes"), "{err}");
    }
}
