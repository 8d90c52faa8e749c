//! Turning a raw text selection into an entity span.

use crate::core::entity::Span;
use crate::core::segment::Token;

/// Trims white space off both ends of `[start, end)`; `None` when nothing is left.
pub fn trim(text: &str, span: Span) -> Option<Span> {
    let chars: Vec<char> = text.chars().skip(span.start).take(span.end.saturating_sub(span.start)).collect();
    let lead = chars.iter().take_while(|c| c.is_whitespace()).count();
    let trail = chars.iter().rev().take_while(|c| c.is_whitespace()).count();
    let (start, end) = (span.start + lead, span.end.saturating_sub(trail));
    (start < end).then_some(Span { start, end })
}

/// Widens `span` to whole words: the start moves to the start of the token containing
/// it, the end to the end of the token containing its last character. Tokens must tile
/// the text in order (as the segmenter's do); without tokens the span is unchanged.
pub fn snap_to_words(span: Span, tokens: &[Token]) -> Span {
    let containing = |at: usize| {
        let i = tokens.partition_point(|t| (t.end as usize) <= at);
        tokens.get(i).filter(|t| (t.start as usize) <= at)
    };
    let start = containing(span.start).map_or(span.start, |t| t.start as usize);
    let end = span.end.checked_sub(1).and_then(containing).map_or(span.end, |t| (t.end as usize).max(span.end));
    Span { start: start.min(span.start), end }
}

/// A selection as the user means it: trimmed, then snapped to words unless `exact`.
pub fn selection_span(text: &str, raw: Span, tokens: &[Token], exact: bool) -> Option<Span> {
    let trimmed = trim(text, raw)?;
    Some(if exact { trimmed } else { snap_to_words(trimmed, tokens) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(bounds: &[(u32, u32)]) -> Vec<Token> {
        bounds.iter().map(|&(start, end)| Token { start, end, pos: "n".into() }).collect()
    }

    #[test]
    fn partial_words_widen_to_whole_words() {
        // 管城区|财政局|召开
        let toks = tokens(&[(0, 3), (3, 6), (6, 8)]);
        let cases = [((1, 5), (0, 6)), ((0, 3), (0, 3)), ((3, 4), (3, 6)), ((5, 7), (3, 8))];
        for ((s, e), (ws, we)) in cases {
            assert_eq!(snap_to_words(Span { start: s, end: e }, &toks), Span { start: ws, end: we }, "{s}..{e}");
        }
        assert_eq!(snap_to_words(Span { start: 1, end: 2 }, &[]), Span { start: 1, end: 2 });
    }

    #[test]
    fn whitespace_is_trimmed_and_exact_skips_snapping() {
        let text = " 记者 刘伟平 ";
        let toks = tokens(&[(0, 1), (1, 3), (3, 4), (4, 7), (7, 8)]);
        assert_eq!(selection_span(text, Span { start: 3, end: 8 }, &toks, false), Some(Span { start: 4, end: 7 }));
        assert_eq!(selection_span(text, Span { start: 4, end: 6 }, &toks, true), Some(Span { start: 4, end: 6 }));
        assert_eq!(selection_span(text, Span { start: 4, end: 6 }, &toks, false), Some(Span { start: 4, end: 7 }));
        assert_eq!(selection_span(text, Span { start: 3, end: 4 }, &toks, false), None);
    }
}
