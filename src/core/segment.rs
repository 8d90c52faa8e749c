//! Word segmentation and POS tagging with jieba-rs (`tag`, HMM on).

pub use crate::core::pos::Pos;
use crate::core::CoreError;
use jieba_rs::Jieba;
use serde::{Deserialize, Serialize};

/// The segmenter's name and version, stamped on documents and exports.
pub const SEGMENTER: &str = "jieba-rs";
pub const SEGMENTER_VERSION: &str = "0.11.0";

/// One word: `[start, end)` in code points and its jieba POS tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub start: u32,
    pub end: u32,
    pub pos: Pos,
}

/// A word the user added to the dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct UserWord {
    pub word: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pos: Option<String>,
    /// Dictionary frequency; when absent, jieba's suggested frequency, which makes the word
    /// win over its parts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<usize>,
}

impl UserWord {
    pub fn validate(&self) -> Result<(), CoreError> {
        let bad = |why: &str| Err(CoreError::Dictionary(format!("{:?}: {why}", self.word)));
        if self.word.trim().is_empty() {
            return bad("a word cannot be empty");
        }
        if self.word.chars().count() > 64 {
            return bad("a word has at most 64 characters");
        }
        if self.word.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return bad("a word cannot contain spaces or line breaks");
        }
        if let Some(pos) = &self.pos {
            if pos.is_empty() || pos.len() > 8 || !pos.chars().all(|c| c.is_ascii_alphabetic()) {
                return bad("a POS tag is 1 to 8 ASCII letters, like n, ns or nr");
            }
        }
        Ok(())
    }
}

/// Tokens that tile a text from 0, stored compactly: a table of POS tags (each once), and
/// per token its length in code points and the index of its tag. Token `i` starts where
/// token `i - 1` ends. About a seventh of the size of plain tokens in JSON; used by the
/// worker's reply and by autosave.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CompactTokens {
    /// POS tags, each once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Token lengths in code points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lens: Vec<u32>,
    /// Index into `tags` of each token's POS tag.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pos: Vec<u16>,
}

/// Why tokens could not be turned into (or back from) [`CompactTokens`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompactTokensError(pub String);

impl std::fmt::Display for CompactTokensError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CompactTokensError {}

impl CompactTokens {
    /// The number of tokens.
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    /// The code points the tokens cover (the sum of the lengths), or `None` on overflow.
    pub fn char_len(&self) -> Option<u32> {
        self.lens.iter().try_fold(0u32, |at, len| at.checked_add(*len))
    }

    /// The tokens back, or why they cannot be rebuilt (never panics).
    pub fn to_tokens(&self) -> Result<Vec<Token>, CompactTokensError> {
        let bad = |why: &str| Err(CompactTokensError(why.to_owned()));
        if self.lens.len() != self.pos.len() {
            return bad("token lengths and tags differ in number");
        }
        let tags: Vec<Pos> = self.tags.iter().map(|t| Pos::new(t)).collect();
        let mut at = 0u32;
        let mut tokens = Vec::with_capacity(self.lens.len());
        for (len, tag) in self.lens.iter().zip(&self.pos) {
            let Some(&pos) = tags.get(usize::from(*tag)) else { return bad("unknown tag index") };
            let Some(end) = at.checked_add(*len) else { return bad("token offsets overflow") };
            tokens.push(Token { start: at, end, pos });
            at = end;
        }
        Ok(tokens)
    }
}

impl TryFrom<&[Token]> for CompactTokens {
    type Error = CompactTokensError;

    /// Refuses tokens that do not tile a text from 0 (a gap, an overlap, an end before a
    /// start) and more than 65,536 distinct tags.
    fn try_from(tokens: &[Token]) -> Result<Self, Self::Error> {
        let mut out = CompactTokens {
            tags: Vec::new(),
            lens: Vec::with_capacity(tokens.len()),
            pos: Vec::with_capacity(tokens.len()),
        };
        let mut index: std::collections::HashMap<&str, u16> = std::collections::HashMap::new();
        let mut at = 0u32;
        for (i, t) in tokens.iter().enumerate() {
            if t.start != at || t.end < t.start {
                return Err(CompactTokensError(format!(
                    "token {i} ({}..{}) does not start where the previous one ends ({at})",
                    t.start, t.end
                )));
            }
            let tag = match index.get(t.pos.as_str()) {
                Some(&tag) => tag,
                None => {
                    let tag = u16::try_from(out.tags.len())
                        .map_err(|_| CompactTokensError("more than 65,536 distinct POS tags".into()))?;
                    index.insert(t.pos.as_str(), tag);
                    out.tags.push(t.pos.to_string());
                    tag
                }
            };
            out.lens.push(t.end - t.start);
            out.pos.push(tag);
            at = t.end;
        }
        Ok(out)
    }
}

impl TryFrom<&Vec<Token>> for CompactTokens {
    type Error = CompactTokensError;

    fn try_from(tokens: &Vec<Token>) -> Result<Self, Self::Error> {
        Self::try_from(tokens.as_slice())
    }
}

impl TryFrom<&CompactTokens> for Vec<Token> {
    type Error = CompactTokensError;

    fn try_from(compact: &CompactTokens) -> Result<Self, Self::Error> {
        compact.to_tokens()
    }
}

impl TryFrom<CompactTokens> for Vec<Token> {
    type Error = CompactTokensError;

    fn try_from(compact: CompactTokens) -> Result<Self, Self::Error> {
        compact.to_tokens()
    }
}

/// jieba with the default dictionary plus user words.
#[derive(Clone)]
pub struct Segmenter {
    jieba: Jieba,
}

impl Default for Segmenter {
    fn default() -> Self {
        Self::new()
    }
}

impl Segmenter {
    /// Loads the embedded dictionary (slow: hundreds of milliseconds in wasm).
    pub fn new() -> Self {
        // The packed dictionary is part of the build, and a test decodes it.
        Self::with_packed_dict(crate::core::dict::PACKED).expect("the embedded dictionary decodes")
    }

    /// jieba over a dictionary packed by `core::dict`.
    pub fn with_packed_dict(packed: &[u8]) -> Result<Self, CoreError> {
        let entries = crate::core::dict::unpack_entries(packed).map_err(|e| CoreError::Dictionary(e.to_string()))?;
        // The same state as `Jieba::with_dict` on the dict.txt text (tested), without
        // writing and re-parsing 5 MB of text.
        let mut jieba = Jieba::empty();
        for (word, freq, tag) in entries.iter() {
            jieba.add_word(word, Some(freq as usize), Some(tag));
        }
        Ok(Self { jieba })
    }

    /// Adds a word, with an explicit frequency so jieba does not ignore it.
    pub fn add_word(&mut self, word: &UserWord) -> Result<(), CoreError> {
        word.validate()?;
        let freq = word.freq.unwrap_or_else(|| self.jieba.suggest_freq(&word.word));
        self.jieba.add_word(&word.word, Some(freq.max(1)), word.pos.as_deref());
        Ok(())
    }

    /// Segments and tags `text`. The tokens tile the text exactly: no gaps, no overlaps.
    pub fn segment(&self, text: &str) -> Vec<Token> {
        self.jieba
            .tag(text, true)
            .into_iter()
            .map(|t| {
                let pos = match t.tag {
                    "x" => crate::core::oov::guess_pos(t.word, |w| self.jieba.has_word(w)),
                    tag => tag,
                };
                Token { start: t.start as u32, end: t.end as u32, pos: Pos::new(pos) }
            })
            .collect()
    }

    /// Whether the dictionary knows `word`.
    pub fn has_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// The underlying jieba, for recognisers that need dictionary look-ups.
    pub fn jieba(&self) -> &Jieba {
        &self.jieba
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::text::char_slice;
    use std::sync::OnceLock;

    pub(crate) fn shared() -> &'static Segmenter {
        static SEGMENTER: OnceLock<Segmenter> = OnceLock::new();
        SEGMENTER.get_or_init(Segmenter::new)
    }

    fn tiling(parts: &[(u32, u8)]) -> Vec<Token> {
        let mut at = 0;
        parts
            .iter()
            .map(|&(len, tag)| {
                let t = Token { start: at, end: at + len, pos: Pos::new(&format!("t{}", tag % 7)) };
                at += len;
                t
            })
            .collect()
    }

    #[test]
    fn compact_tokens_round_trip_real_segmentation() {
        let text = crate::core::sample::SAMPLE_BULLETIN;
        let tokens = shared().segment(text);
        let compact = CompactTokens::try_from(tokens.as_slice()).unwrap();
        assert_eq!(compact.len(), tokens.len());
        assert_eq!(compact.char_len(), Some(text.chars().count() as u32));
        assert_eq!(Vec::<Token>::try_from(&compact).unwrap(), tokens);
        let json = serde_json::to_string(&compact).unwrap();
        assert!(json.len() < serde_json::to_string(&tokens).unwrap().len() / 4, "{} bytes", json.len());
        assert_eq!(serde_json::from_str::<CompactTokens>(&json).unwrap(), compact);
        assert_eq!(serde_json::to_string(&CompactTokens::default()).unwrap(), "{}");
    }

    #[test]
    fn compact_tokens_refuse_what_does_not_tile_or_does_not_add_up() {
        let t = |start, end| Token { start, end, pos: "n".into() };
        for tokens in [vec![t(1, 2)], vec![t(0, 2), t(3, 4)], vec![t(0, 2), t(1, 4)], vec![t(0, 2), t(2, 1)]] {
            assert!(CompactTokens::try_from(tokens.as_slice()).is_err(), "{tokens:?}");
        }
        let bad = [
            CompactTokens { tags: vec!["n".into()], lens: vec![1, 2], pos: vec![0] },
            CompactTokens { tags: vec!["n".into()], lens: vec![1], pos: vec![1] },
            CompactTokens { tags: vec![], lens: vec![1], pos: vec![0] },
            CompactTokens { tags: vec!["n".into()], lens: vec![u32::MAX, 1], pos: vec![0, 0] },
        ];
        for compact in bad {
            assert!(compact.to_tokens().is_err(), "{compact:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn compact_tokens_round_trip_any_tiling(parts in proptest::collection::vec((0u32..50, 0u8..255), 0..200)) {
            let tokens = tiling(&parts);
            let compact = CompactTokens::try_from(tokens.as_slice()).unwrap();
            proptest::prop_assert!(compact.tags.len() <= 7);
            let json = serde_json::to_string(&compact).unwrap();
            let back: CompactTokens = serde_json::from_str(&json).unwrap();
            proptest::prop_assert_eq!(back.to_tokens().unwrap(), tokens);
        }

        #[test]
        fn compact_tokens_never_panic_on_any_input(
            tags in proptest::collection::vec("[a-z]{0,3}", 0..5),
            lens in proptest::collection::vec(proptest::prelude::any::<u32>(), 0..20),
            pos in proptest::collection::vec(0u16..8, 0..20),
        ) {
            let compact = CompactTokens { tags, lens, pos };
            if let Ok(tokens) = compact.to_tokens() {
                // Whatever decodes tiles the text and encodes back to the same lengths.
                let again = CompactTokens::try_from(tokens.as_slice()).unwrap();
                proptest::prop_assert_eq!(&again.lens, &compact.lens);
                proptest::prop_assert_eq!(again.to_tokens().unwrap(), tokens);
            }
        }

        #[test]
        fn compact_tokens_refuse_non_tiling_tokens_without_panicking(
            raw in proptest::collection::vec((0u32..100, 0u32..100), 1..30),
        ) {
            let tokens: Vec<Token> = raw.iter().map(|&(start, end)| Token { start, end, pos: "x".into() }).collect();
            let tiles = tokens.iter().scan(0u32, |at, t| {
                let ok = t.start == *at && t.end >= t.start;
                *at = t.end;
                Some(ok)
            }).all(|ok| ok);
            let compact = CompactTokens::try_from(tokens.as_slice());
            proptest::prop_assert_eq!(compact.is_ok(), tiles);
            if let Ok(compact) = compact {
                proptest::prop_assert_eq!(compact.to_tokens().unwrap(), tokens);
            }
        }
    }

    #[test]
    fn tokens_tile_the_text() {
        for text in ["记者 刘伟平 通讯员 乔贺李博文", "𠮷野家👨🏻‍🚒e\u{301}\r\n郑州", "", "\u{0}\u{200f}abc"]
        {
            let tokens = shared().segment(text);
            let mut at = 0;
            let mut joined = String::new();
            for t in &tokens {
                assert_eq!(t.start, at, "{text:?}");
                assert!(t.end > t.start);
                at = t.end;
                joined.push_str(char_slice(text, t.start as usize, t.end as usize).unwrap());
            }
            assert_eq!(joined, text);
        }
    }

    #[test]
    fn user_words_change_segmentation() {
        let mut segmenter = shared().clone();
        let text = "管城区财政局";
        let word = |t: &Token| char_slice(text, t.start as usize, t.end as usize).unwrap().to_owned();
        assert!(!segmenter.segment(text).iter().any(|t| word(t) == "管城区"));
        segmenter.add_word(&UserWord { word: "管城区".into(), pos: Some("ns".into()), freq: None }).unwrap();
        let tokens = segmenter.segment(text);
        let found = tokens.iter().find(|t| word(t) == "管城区").expect("管城区 is one word now");
        assert_eq!(found.pos, "ns");
    }

    #[test]
    fn bad_user_words_are_refused() {
        let mut segmenter = shared().clone();
        for (word, pos) in [("", None), ("a b", None), ("词", Some("n1"))] {
            let word = UserWord { word: word.into(), pos: pos.map(String::from), freq: None };
            assert!(segmenter.add_word(&word).is_err(), "{word:?}");
        }
    }
}
