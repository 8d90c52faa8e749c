//! Word segmentation and POS tagging with jieba-rs (`tag`, HMM on).

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
    pub pos: String,
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
        Self { jieba: Jieba::new() }
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
            .map(|t| Token { start: t.start as u32, end: t.end as u32, pos: t.tag.to_owned() })
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
