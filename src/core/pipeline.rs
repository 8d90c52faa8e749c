//! Text → tokens → entity suggestions, the work the analysis worker does.

use crate::core::entity::Suggestion;
use crate::core::ner::{BulletinRecogniser, ModelError};
use crate::core::recognise::{PosRecogniser, Recogniser};
use crate::core::segment::{Segmenter, Token, UserWord};
use crate::core::CoreError;
use serde::{Deserialize, Serialize};

/// The most code points one analysis takes (about 3 MB of Chinese). Larger pastes are
/// refused with a message rather than freezing the tab.
pub const MAX_TEXT_CHARS: usize = 1_000_000;

/// What analysis returns for one text.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Analysis {
    pub tokens: Vec<Token>,
    pub suggestions: Vec<Suggestion>,
}

/// A segmenter plus a recogniser.
pub struct Pipeline {
    segmenter: Segmenter,
    recogniser: Box<dyn Recogniser + Send + Sync>,
}

/// The shipped NER model, embedded in native builds only: the browser fetches
/// `static/ner-model.bin` instead, so it does not weigh on the wasm.
#[cfg(not(target_arch = "wasm32"))]
pub static NER_MODEL: &[u8] = include_bytes!("../../static/ner-model.bin");

impl Default for Pipeline {
    /// Natively: the bulletin recogniser with the embedded model. In wasm: jieba POS tags
    /// until the worker has fetched the model and calls [`Pipeline::with_model_bytes`].
    fn default() -> Self {
        let pipeline = Self::new(Segmenter::new());
        #[cfg(not(target_arch = "wasm32"))]
        if let Ok(r) = BulletinRecogniser::from_bytes(NER_MODEL) {
            return pipeline.with_recogniser(Box::new(r));
        }
        pipeline
    }
}

impl Pipeline {
    /// jieba POS tags as the recogniser (the fallback when no model is available).
    pub fn new(segmenter: Segmenter) -> Self {
        Self { segmenter, recogniser: Box::new(PosRecogniser) }
    }

    /// The bulletin recogniser (rules plus the model in `bytes`, e.g. a fetched
    /// `ner-model.bin`). Corrupt bytes are an error and leave nothing half-built.
    pub fn with_model_bytes(segmenter: Segmenter, bytes: &[u8]) -> Result<Self, ModelError> {
        let recogniser = BulletinRecogniser::from_bytes(bytes)?;
        Ok(Self::new(segmenter).with_recogniser(Box::new(recogniser)))
    }

    pub fn with_recogniser(mut self, recogniser: Box<dyn Recogniser + Send + Sync>) -> Self {
        self.recogniser = recogniser;
        self
    }

    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// The recogniser that learns from corrections, when there is one (the model loaded).
    pub fn bulletin_mut(&mut self) -> Option<&mut BulletinRecogniser> {
        self.recogniser.bulletin_mut()
    }

    /// Learns a document's reviewed sentences (see [`crate::core::ner::adapt`]); returns
    /// whether suggestions may change.
    pub fn learn(&mut self, doc: &str, lessons: &[crate::core::ner::adapt::Lesson]) -> bool {
        let segmenter = &self.segmenter;
        match self.recogniser.bulletin_mut() {
            Some(r) => r.learn(doc, lessons, |text| segmenter.segment(text)),
            None => false,
        }
    }

    /// Adds user words; the bad ones are reported and skipped.
    pub fn add_user_words(&mut self, words: &[UserWord]) -> Vec<CoreError> {
        words.iter().filter_map(|w| self.segmenter.add_word(w).err()).collect()
    }

    /// Recognition alone, on tokens already segmented (the worker segments long texts in
    /// steps, see [`chunks`], then recognises the whole text at once).
    pub fn recognise(&self, text: &str, tokens: &[Token]) -> Vec<Suggestion> {
        self.recogniser.recognise(text, tokens)
    }

    pub fn analyze(&self, text: &str) -> Result<Analysis, CoreError> {
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            return Err(CoreError::TextTooLong { bytes: text.len() });
        }
        let tokens = self.segmenter.segment(text);
        let suggestions = self.recogniser.recognise(text, &tokens);
        Ok(Analysis { tokens, suggestions })
    }
}

/// Splits `text` into pieces of at least `chars` code points (the last may be shorter),
/// cut only just after a line break or a 。, so that segmenting the pieces one by one gives
/// the same tokens as segmenting the whole text (jieba never joins across either).
/// Returns `(byte_start, char_start)` of each piece; an empty text has one empty piece.
pub fn chunks(text: &str, chars: usize) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0)];
    let mut since = 0;
    for (n, (at, c)) in text.char_indices().enumerate() {
        since += 1;
        let after = at + c.len_utf8();
        if since >= chars.max(1) && (c == '\n' || c == '。') && after < text.len() {
            out.push((after, n + 1));
            since = 0;
        }
    }
    out
}

#[cfg(test)]
mod chunk_tests {
    use super::*;
    use crate::core::sample::SAMPLE_BULLETIN;

    #[test]
    fn chunked_segmentation_is_whole_segmentation() {
        let text = format!("{}\r\n{}。𠮷野家\n\n{}", SAMPLE_BULLETIN, SAMPLE_BULLETIN, SAMPLE_BULLETIN);
        let segmenter = Segmenter::new();
        let whole = segmenter.segment(&text);
        for size in [1, 7, 100, 1_000, 1_000_000] {
            let pieces = chunks(&text, size);
            let mut tokens = Vec::new();
            for (i, &(byte, char_at)) in pieces.iter().enumerate() {
                let end = pieces.get(i + 1).map_or(text.len(), |p| p.0);
                tokens.extend(segmenter.segment(&text[byte..end]).into_iter().map(|t| Token {
                    start: t.start + char_at as u32,
                    end: t.end + char_at as u32,
                    pos: t.pos,
                }));
            }
            assert_eq!(tokens, whole, "pieces of {size}");
        }
        assert_eq!(chunks("", 10), [(0, 0)]);
        assert_eq!(chunks("a\nb\n", 1), [(0, 0), (2, 2)]);
    }
}
