//! Entity recognisers. The first one maps jieba POS tags to labels; the trained
//! recogniser (a later module) implements the same trait.

use crate::core::entity::Suggestion;
use crate::core::segment::Token;

/// Anything that proposes entities for a segmented text.
pub trait Recogniser {
    /// Suggestions sorted by start, flat (no overlaps), in code points.
    fn recognise(&self, text: &str, tokens: &[Token]) -> Vec<Suggestion>;

    /// The bulletin recogniser, which can learn from corrections; `None` for others.
    fn bulletin_mut(&mut self) -> Option<&mut crate::core::ner::BulletinRecogniser> {
        None
    }
}

/// nr→PER, ns→LOC, nt→ORG, t→DATE, m→NUM; adjacent tokens with the same label merge
/// (jieba cuts 9月20日 into four `m`/`t` tokens).
#[derive(Debug, Clone, Copy, Default)]
pub struct PosRecogniser;

/// The label a jieba POS tag maps to, if any.
pub fn label_for_pos(pos: &str) -> Option<&'static str> {
    match pos {
        "nr" | "nrfg" | "nrt" => Some("PER"),
        "ns" => Some("LOC"),
        "nt" => Some("ORG"),
        "t" => Some("DATE"),
        "m" | "mq" => Some("NUM"),
        _ => None,
    }
}

impl Recogniser for PosRecogniser {
    fn recognise(&self, _text: &str, tokens: &[Token]) -> Vec<Suggestion> {
        let mut out: Vec<Suggestion> = Vec::new();
        for token in tokens {
            let Some(label) = label_for_pos(&token.pos) else { continue };
            let (start, end) = (token.start as usize, token.end as usize);
            match out.last_mut() {
                // Names stay separate: two adjacent nr tokens are usually two people.
                Some(last) if last.end == start && last.label == label && label != "PER" => last.end = end,
                _ => out.push(Suggestion { start, end, label: label.into(), confidence: None }),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(start: u32, end: u32, pos: &str) -> Token {
        Token { start, end, pos: pos.into() }
    }

    #[test]
    fn maps_tags_and_merges_runs() {
        let tokens = [
            token(0, 2, "m"),
            token(2, 3, "m"),
            token(3, 5, "ns"),
            token(5, 7, "nr"),
            token(7, 9, "nr"),
            token(9, 10, "v"),
        ];
        let found: Vec<_> =
            PosRecogniser.recognise("", &tokens).into_iter().map(|s| (s.start, s.end, s.label)).collect();
        assert_eq!(
            found,
            [(0, 3, "NUM".into()), (3, 5, "LOC".into()), (5, 7, "PER".into()), (7, 9, "PER".into())]
                as [(usize, usize, String); 4]
        );
    }
}
