//! Text → tokens → entity suggestions, the work the analysis worker does.

use crate::core::entity::Suggestion;
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

impl Default for Pipeline {
    fn default() -> Self {
        Self::new(Segmenter::new())
    }
}

impl Pipeline {
    pub fn new(segmenter: Segmenter) -> Self {
        Self { segmenter, recogniser: Box::new(PosRecogniser) }
    }

    pub fn with_recogniser(mut self, recogniser: Box<dyn Recogniser + Send + Sync>) -> Self {
        self.recogniser = recogniser;
        self
    }

    pub fn segmenter(&self) -> &Segmenter {
        &self.segmenter
    }

    /// Adds user words; the bad ones are reported and skipped.
    pub fn add_user_words(&mut self, words: &[UserWord]) -> Vec<CoreError> {
        words.iter().filter_map(|w| self.segmenter.add_word(w).err()).collect()
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
