use thiserror::Error;

/// Everything the core can refuse. Each message says what is wrong and, where it helps,
/// what to do about it; the UI shows these to the user as they are.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CoreError {
    #[error("offset {offset} is past the end of the text ({len} {unit}s)")]
    OffsetOutOfRange { offset: usize, unit: &'static str, len: usize },
    #[error("offset {offset} falls inside a character (counting in {unit}s); move it to a character boundary")]
    NotCharBoundary { offset: usize, unit: &'static str },
    #[error("span {start}..{end} is empty, reversed or past the end of the text ({len} code points)")]
    InvalidSpan { start: usize, end: usize, len: usize },
    #[error("the text is too long to index ({bytes} bytes; the limit is 4 GiB)")]
    TextTooLong { bytes: usize },
    #[error("span {start}..{end} overlaps {label} at {other_start}..{other_end}; nesting is off")]
    Overlap { start: usize, end: usize, label: String, other_start: usize, other_end: usize },
    #[error("span {start}..{end} is already annotated as {label}")]
    Duplicate { start: usize, end: usize, label: String },
    #[error("unknown label {0:?}; add it to the label set first")]
    UnknownLabel(String),
    #[error("entity id {0} is too large; ids go up to 2^53 − 1 so JavaScript tools read them exactly")]
    IdTooLarge(u64),
    #[error("no entity with id {0}")]
    NoSuchEntity(u64),
    #[error("label {name:?} is invalid: {reason}")]
    InvalidLabel { name: String, reason: String },
    #[error("label {name:?} is used by {count} entities; relabel or delete them first")]
    LabelInUse { name: String, count: usize },
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    #[error("segmenter dictionary error: {0}")]
    Dictionary(String),
}
