//! BIOES tags over PER/LOC/ORG and the transitions a well-formed sequence allows.

/// The entity types the model tags, in tag order.
pub const TYPES: [&str; 3] = ["PER", "LOC", "ORG"];
/// O plus B/I/E/S for each type.
pub const N_TAGS: usize = 1 + 4 * TYPES.len();

pub const O: usize = 0;
const B: usize = 0;
const I: usize = 1;
const E: usize = 2;
const S: usize = 3;

fn tag(ty: usize, part: usize) -> usize {
    1 + 4 * ty + part
}

/// `(type, part)` of a non-O tag.
fn split(tag: usize) -> Option<(usize, usize)> {
    (tag != O && tag < N_TAGS).then(|| ((tag - 1) / 4, (tag - 1) % 4))
}

/// Whether `cur` may follow `prev` (`None` = start of the sentence).
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    match (prev.and_then(split), split(cur)) {
        // Inside an entity: only its own continuation.
        (Some((pt, B | I)), Some((ct, I | E))) => pt == ct,
        (Some((_, B | I)), _) => false,
        // Outside: anything but a continuation.
        (_, Some((_, I | E))) => false,
        _ => true,
    }
}

/// Whether a sentence may end on `tag`.
pub fn may_end(tag: usize) -> bool {
    !matches!(split(tag), Some((_, B | I)))
}

/// Tags for the spans `(start, end, type index)`; characters outside spans are O.
/// Spans must be sorted and flat; a span that overlaps an earlier one is skipped.
pub fn encode(n: usize, spans: &[(usize, usize, usize)]) -> Vec<u8> {
    let mut tags = vec![O as u8; n];
    let mut last_end = 0;
    for &(s, e, ty) in spans {
        if s < last_end || s >= e || e > n || ty >= TYPES.len() {
            continue;
        }
        if e - s == 1 {
            tags[s] = tag(ty, S) as u8;
        } else {
            tags[s] = tag(ty, B) as u8;
            for t in tags.iter_mut().take(e - 1).skip(s + 1) {
                *t = tag(ty, I) as u8;
            }
            tags[e - 1] = tag(ty, E) as u8;
        }
        last_end = e;
    }
    tags
}

/// Spans `(start, end, type index)` from a tag sequence; ill-formed runs are dropped.
pub fn decode(tags: &[u8]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match split(t as usize) {
            Some((ty, S)) => {
                out.push((i, i + 1, ty));
                open = None;
            }
            Some((ty, B)) => open = Some((i, ty)),
            Some((ty, I)) => {
                if open.is_some_and(|(_, o)| o != ty) {
                    open = None;
                }
            }
            Some((ty, _)) => {
                if let Some((s, o)) = open.take() {
                    if o == ty {
                        out.push((s, i + 1, ty));
                    }
                }
            }
            None => open = None,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let spans = vec![(0, 1, 0), (2, 5, 1), (5, 7, 2)];
        let tags = encode(8, &spans);
        assert_eq!(decode(&tags), spans);
        // Every adjacent pair in a well-formed sequence is allowed.
        let mut prev = None;
        for &t in &tags {
            assert!(allowed(prev, t as usize), "{prev:?} -> {t}");
            prev = Some(t as usize);
        }
        assert!(may_end(tags[7] as usize));
    }

    #[test]
    fn forbids_ill_formed_transitions() {
        assert!(!allowed(None, tag(0, I)));
        assert!(!allowed(Some(tag(0, B)), O));
        assert!(!allowed(Some(tag(0, B)), tag(1, E)));
        assert!(allowed(Some(tag(0, E)), tag(1, B)));
        assert!(!may_end(tag(2, B)));
    }
}
