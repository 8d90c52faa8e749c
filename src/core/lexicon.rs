//! The project lexicon within a document: a name confirmed once is offered at its other
//! mentions ("apply to all N mentions"), as one edit.

use crate::core::annotations::AnnotationSet;
use crate::core::entity::{Entity, Span};

/// The other places in `text` where `entity`'s string occurs and could take its label: not
/// already that entity, and not overlapping a confirmed entity (a person's decision wins).
/// Unreviewed suggestions there are replaced by [`crate::core::action::Action::LabelMentions`].
pub fn other_mentions(text: &str, set: &AnnotationSet, entity: &Entity) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let Some(needle) = chars.get(entity.start..entity.end).filter(|n| !n.is_empty()) else { return Vec::new() };
    let mut out = Vec::new();
    let mut i = 0;
    while i + needle.len() <= chars.len() {
        if chars[i..i + needle.len()] != *needle {
            i += 1;
            continue;
        }
        let span = Span { start: i, end: i + needle.len() };
        let same =
            set.overlapping(span).any(|e| e.span() == span && e.label == entity.label && e.origin.is_confirmed());
        let decided = set.overlapping(span).any(|e| e.origin.is_confirmed());
        if span != entity.span() && !same && !decided {
            out.push(span);
        }
        i += needle.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Origin;

    #[test]
    fn mentions_skip_the_entity_itself_and_decided_places() {
        // 𠮷 is astral: offsets are code points, not UTF-16 units.
        let text = "𠮷王小明说，王小明和王小明的同事王小明。";
        let mut set = AnnotationSet::new(text.chars().count());
        let id = set.add(Span { start: 1, end: 4 }, "PER", Origin::Manual, None).unwrap();
        set.add(Span { start: 6, end: 9 }, "LOC", Origin::Auto, None).unwrap();
        set.add(Span { start: 10, end: 12 }, "ORG", Origin::Manual, None).unwrap();
        let entity = set.get(id).unwrap().clone();
        assert_eq!(other_mentions(text, &set, &entity), vec![Span { start: 6, end: 9 }, Span { start: 16, end: 19 }]);
    }
}
