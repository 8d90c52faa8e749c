//! The set of entities on one text: ordered, flat by default, with range queries and
//! memory of rejected suggestions.

use crate::core::entity::{Entity, Origin, Span, Suggestion};
use crate::core::CoreError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A rejected suggestion, remembered so that re-running recognition does not bring it back.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Rejection {
    pub start: usize,
    pub end: usize,
    pub label: String,
}

/// The largest entity id: 2^53 − 1, the largest integer JavaScript tools read exactly.
pub const MAX_ENTITY_ID: u64 = (1 << 53) - 1;

/// Entities sorted by `(start, end)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct AnnotationSet {
    text_len: usize,
    entities: Vec<Entity>,
    #[serde(default)]
    nesting: bool,
    #[serde(default)]
    rejected: BTreeSet<Rejection>,
    next_id: u64,
}

impl AnnotationSet {
    /// An empty, flat set for a text of `text_len` code points.
    pub fn new(text_len: usize) -> Self {
        Self { text_len, next_id: 1, ..Self::default() }
    }

    /// Allows nested (but never crossing) spans.
    pub fn with_nesting(mut self, nesting: bool) -> Self {
        self.nesting = nesting;
        self
    }

    pub fn nesting(&self) -> bool {
        self.nesting
    }

    pub fn text_len(&self) -> usize {
        self.text_len
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Entity> {
        self.entities.iter()
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    pub fn rejected(&self) -> impl Iterator<Item = &Rejection> {
        self.rejected.iter()
    }

    pub fn get(&self, id: u64) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    fn position(&self, id: u64) -> Result<usize, CoreError> {
        self.entities.iter().position(|e| e.id == id).ok_or(CoreError::NoSuchEntity(id))
    }

    /// Entities that overlap `[start, end)`, in order.
    pub fn overlapping(&self, span: Span) -> impl Iterator<Item = &Entity> {
        // Entities are sorted by start, so everything starting at or after `end` is out.
        let upto = self.entities.partition_point(|e| e.start < span.end);
        // A flat set never overlaps, so its ends are sorted too: skip what ends before `span`
        // (merging 10,000 suggestions was quadratic).
        let from = if self.nesting { 0 } else { self.entities[..upto].partition_point(|e| e.end <= span.start) };
        self.entities[from..upto].iter().filter(move |e| e.end > span.start)
    }

    /// The entity that covers code point `at`, innermost first when nested.
    pub fn at(&self, at: usize) -> Option<&Entity> {
        self.overlapping(Span { start: at, end: at + 1 }).min_by_key(|e| e.end - e.start)
    }

    /// Why `span` cannot go in, ignoring the entity `except` (for resizes).
    fn conflict(&self, span: Span, label: &str, except: Option<u64>) -> Result<(), CoreError> {
        for other in self.overlapping(span).filter(|e| Some(e.id) != except) {
            if other.span() == span && other.label == label {
                return Err(CoreError::Duplicate { start: span.start, end: span.end, label: label.into() });
            }
            if !self.nesting || !span.nests_with(other.span()) || other.span() == span {
                return Err(CoreError::Overlap {
                    start: span.start,
                    end: span.end,
                    label: other.label.clone(),
                    other_start: other.start,
                    other_end: other.end,
                });
            }
        }
        Ok(())
    }

    /// Adds an entity and returns its id; refuses overlaps (when flat) with a reason.
    pub fn add(&mut self, span: Span, label: &str, origin: Origin, confidence: Option<f32>) -> Result<u64, CoreError> {
        let id = self.fresh_id();
        let mut entity = Entity::new(id, span, label, origin, self.text_len)?;
        self.conflict(span, label, None)?;
        entity.confidence = confidence;
        self.insert_sorted(entity);
        if id == self.next_id {
            self.next_id += 1;
        }
        Ok(id)
    }

    /// The next id. `next_id` is above every id in use, so it is free; after an import
    /// with ids at the limit, the smallest unused id instead (slow, but only then).
    fn fresh_id(&self) -> u64 {
        if self.next_id <= MAX_ENTITY_ID {
            return self.next_id;
        }
        let mut used: Vec<u64> = self.entities.iter().map(|e| e.id).collect();
        used.sort_unstable();
        let mut id = 1;
        for u in used {
            if u == id {
                id += 1;
            } else if u > id {
                break;
            }
        }
        id
    }

    /// Inserts an entity keeping its id (for imports); checks the same rules as [`Self::add`].
    pub fn insert(&mut self, entity: Entity) -> Result<(), CoreError> {
        if entity.id > MAX_ENTITY_ID {
            return Err(CoreError::IdTooLarge(entity.id));
        }
        let checked = Entity::new(entity.id, entity.span(), &entity.label, entity.origin, self.text_len)?;
        if self.entities.iter().any(|e| e.id == entity.id) {
            return Err(CoreError::Duplicate { start: entity.start, end: entity.end, label: entity.label });
        }
        self.conflict(checked.span(), &checked.label, None)?;
        self.next_id = self.next_id.max(entity.id + 1);
        self.insert_sorted(entity);
        Ok(())
    }

    fn insert_sorted(&mut self, entity: Entity) {
        let key = (entity.start, entity.end);
        let at = self.entities.partition_point(|e| (e.start, e.end) <= key);
        self.entities.insert(at, entity);
    }

    pub fn remove(&mut self, id: u64) -> Result<Entity, CoreError> {
        let at = self.position(id)?;
        Ok(self.entities.remove(at))
    }

    /// Changes an entity's label; the entity becomes confirmed.
    pub fn relabel(&mut self, id: u64, label: &str) -> Result<(), CoreError> {
        let at = self.position(id)?;
        let span = self.entities[at].span();
        self.conflict(span, label, Some(id))?;
        let entity = &mut self.entities[at];
        entity.label = label.into();
        entity.origin = Origin::Manual;
        Ok(())
    }

    /// Moves an entity's boundaries; the entity becomes confirmed.
    pub fn resize(&mut self, id: u64, span: Span) -> Result<(), CoreError> {
        let at = self.position(id)?;
        let span = Span::new(span.start, span.end, self.text_len)?;
        let label = self.entities[at].label.clone();
        self.conflict(span, &label, Some(id))?;
        let mut entity = self.entities.remove(at);
        entity.start = span.start;
        entity.end = span.end;
        entity.origin = Origin::Manual;
        self.insert_sorted(entity);
        Ok(())
    }

    /// Marks a suggestion as confirmed.
    pub fn accept(&mut self, id: u64) -> Result<(), CoreError> {
        let at = self.position(id)?;
        let entity = &mut self.entities[at];
        if entity.origin == Origin::Auto {
            entity.origin = Origin::AcceptedAuto;
        }
        Ok(())
    }

    /// Removes a suggestion and remembers it as rejected.
    pub fn reject(&mut self, id: u64) -> Result<(), CoreError> {
        let entity = self.remove(id)?;
        self.rejected.insert(Rejection { start: entity.start, end: entity.end, label: entity.label });
        Ok(())
    }

    /// Records a rejection without an entity (for imports).
    pub fn remember_rejection(&mut self, rejection: Rejection) {
        self.rejected.insert(rejection);
    }

    /// Ids of the unreviewed suggestions with `label`.
    pub fn suggestions_of(&self, label: &str) -> Vec<u64> {
        self.entities.iter().filter(|e| e.origin == Origin::Auto && e.label == label).map(|e| e.id).collect()
    }

    /// Removes every entity and forgets rejections.
    pub fn clear(&mut self) {
        self.entities.clear();
        self.rejected.clear();
    }

    /// Replaces the unreviewed suggestions with fresh ones. Confirmed entities stay;
    /// suggestions that were rejected, or that clash with a confirmed entity, are dropped.
    /// Returns how many suggestions were added.
    pub fn merge_suggestions(&mut self, suggestions: &[Suggestion]) -> usize {
        self.entities.retain(|e| e.origin.is_confirmed());
        let mut added = 0;
        for s in suggestions {
            let rejection = Rejection { start: s.start, end: s.end, label: s.label.clone() };
            if self.rejected.contains(&rejection) {
                continue;
            }
            if self.add(s.span(), &s.label, Origin::Auto, s.confidence).is_ok() {
                added += 1;
            }
        }
        added
    }

    /// Renames a label on every entity and rejection, keeping origins (a label-set edit,
    /// not a review decision).
    pub fn rename_label(&mut self, from: &str, to: &str) {
        for e in self.entities.iter_mut().filter(|e| e.label == from) {
            e.label = to.into();
        }
        self.rejected = std::mem::take(&mut self.rejected)
            .into_iter()
            .map(|r| if r.label == from { Rejection { label: to.into(), ..r } } else { r })
            .collect();
    }

    /// Counts entities per label, in no particular order.
    pub fn count_by_label(&self) -> std::collections::BTreeMap<&str, usize> {
        let mut counts = std::collections::BTreeMap::new();
        for e in &self.entities {
            *counts.entry(e.label.as_str()).or_insert(0) += 1;
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    #[test]
    fn overlapping_finds_exactly_what_a_full_scan_finds() {
        for nesting in [false, true] {
            let mut set = AnnotationSet::new(200).with_nesting(nesting);
            let mut seed = 7u64;
            let mut next = |n: u64| {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                ((seed >> 33) % n) as usize
            };
            for _ in 0..300 {
                let start = next(190);
                let _ = set.add(span(start, start + 1 + next(9)), "PER", Origin::Manual, None);
            }
            for _ in 0..300 {
                let start = next(195);
                let query = span(start, start + 1 + next(5));
                let fast: Vec<u64> = set.overlapping(query).map(|e| e.id).collect();
                let full: Vec<u64> =
                    set.iter().filter(|e| e.start < query.end && e.end > query.start).map(|e| e.id).collect();
                assert_eq!(fast, full, "{query:?}, nesting {nesting}");
            }
        }
    }

    #[test]
    fn flat_sets_refuse_overlaps_with_a_reason() {
        let mut set = AnnotationSet::new(10);
        set.add(span(2, 5), "LOC", Origin::Manual, None).unwrap();
        let err = set.add(span(4, 6), "ORG", Origin::Manual, None).unwrap_err();
        assert_eq!(err, CoreError::Overlap { start: 4, end: 6, label: "LOC".into(), other_start: 2, other_end: 5 });
        assert!(set.add(span(0, 8), "ORG", Origin::Manual, None).is_err(), "nesting is off by default");
        assert!(set.add(span(5, 6), "ORG", Origin::Manual, None).is_ok(), "touching is not overlapping");
    }

    #[test]
    fn nesting_allows_containment_but_not_crossing() {
        let mut set = AnnotationSet::new(10).with_nesting(true);
        set.add(span(0, 8), "ORG", Origin::Manual, None).unwrap();
        set.add(span(0, 3), "LOC", Origin::Manual, None).unwrap();
        assert!(set.add(span(6, 9), "LOC", Origin::Manual, None).is_err());
        assert!(matches!(set.add(span(0, 3), "LOC", Origin::Manual, None), Err(CoreError::Duplicate { .. })));
        assert_eq!(set.at(1).unwrap().label, "LOC", "innermost first");
    }

    #[test]
    fn range_queries_return_overlapping_entities_in_order() {
        let mut set = AnnotationSet::new(20);
        for (s, e) in [(0, 2), (3, 5), (6, 9), (12, 15)] {
            set.add(span(s, e), "PER", Origin::Auto, None).unwrap();
        }
        let found: Vec<_> = set.overlapping(span(4, 13)).map(|e| (e.start, e.end)).collect();
        assert_eq!(found, [(3, 5), (6, 9), (12, 15)]);
        assert_eq!(set.overlapping(span(9, 12)).count(), 0);
    }

    #[test]
    fn rejected_suggestions_do_not_come_back() {
        let mut set = AnnotationSet::new(10);
        let suggestions = vec![
            Suggestion { start: 0, end: 2, label: "PER".into(), confidence: None },
            Suggestion { start: 4, end: 6, label: "LOC".into(), confidence: None },
        ];
        assert_eq!(set.merge_suggestions(&suggestions), 2);
        let per = set.iter().find(|e| e.label == "PER").unwrap().id;
        set.reject(per).unwrap();
        let loc = set.iter().find(|e| e.label == "LOC").unwrap().id;
        set.accept(loc).unwrap();
        assert_eq!(set.merge_suggestions(&suggestions), 0);
        assert_eq!(set.len(), 1);
        assert_eq!(set.entities()[0].origin, Origin::AcceptedAuto);
    }

    #[test]
    fn imported_ids_past_the_javascript_limit_are_refused_not_overflowing() {
        let mut set = AnnotationSet::new(4);
        let entity = |id| Entity {
            id,
            start: 0,
            end: 1,
            label: "PER".into(),
            origin: Origin::Manual,
            confidence: None,
            note: None,
        };
        assert_eq!(set.insert(entity(u64::MAX)), Err(CoreError::IdTooLarge(u64::MAX)));
        set.insert(entity(MAX_ENTITY_ID)).unwrap();
        let id = set.add(Span { start: 2, end: 3 }, "LOC", Origin::Manual, None).unwrap();
        assert_eq!(id, 1, "past the limit, the smallest free id is reused");
        assert_eq!(set.add(Span { start: 3, end: 4 }, "LOC", Origin::Manual, None), Ok(2));
        let ids: std::collections::BTreeSet<u64> = set.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), set.len(), "ids stay unique");
    }

    #[test]
    fn relabel_and_resize_confirm_and_keep_order() {
        let mut set = AnnotationSet::new(10);
        let a = set.add(span(0, 2), "PER", Origin::Auto, None).unwrap();
        set.add(span(4, 6), "LOC", Origin::Auto, None).unwrap();
        set.resize(a, span(7, 9)).unwrap();
        set.relabel(a, "ORG").unwrap();
        let order: Vec<_> = set.iter().map(|e| (e.start, e.label.as_str(), e.origin)).collect();
        assert_eq!(order, [(4, "LOC", Origin::Auto), (7, "ORG", Origin::Manual)]);
        assert!(set.resize(a, span(5, 8)).is_err());
        assert!(set.resize(a, span(8, 11)).is_err());
    }
}
