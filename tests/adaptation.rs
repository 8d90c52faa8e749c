//! Learning from corrections (core::ner::adapt): a name confirmed in one document is
//! suggested in another, undoing takes it back exactly, and the adaptation file round-trips.

use bulletin::core::annotations::AnnotationSet;
use bulletin::core::entity::{Origin, Span};
use bulletin::core::ner::adapt::{lessons, AdaptationError, Lesson};
use bulletin::core::pipeline::Pipeline;

/// A made-up name the shipped model does not know, in two documents.
const NAME: &str = "宓秋蘅";
const A: &str = "昨日上午，宓秋蘅带领居民清理了小区内的卫生死角。大家干劲十足。";
const B: &str = "据了解，宓秋蘅已连续三年参加社区志愿服务，居民们都很感谢她。";
/// A third document, as the end-to-end test opens after a reload.
const C: &str = "据了解，宓秋蘅已连续五年参加社区志愿服务。";

fn labelled(pipeline: &Pipeline, text: &str, label: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let analysis = pipeline.analyze(text).unwrap();
    analysis.suggestions.iter().filter(|s| s.label == label).map(|s| chars[s.start..s.end].iter().collect()).collect()
}

fn span_of(text: &str, word: &str) -> Span {
    let at = text.find(word).unwrap();
    let start = text[..at].chars().count();
    Span { start, end: start + word.chars().count() }
}

/// Document A as analysed, with `NAME` added by hand as PER.
fn corrected_a(pipeline: &Pipeline) -> AnnotationSet {
    let mut set = AnnotationSet::new(A.chars().count());
    set.merge_suggestions(&pipeline.analyze(A).unwrap().suggestions);
    let name = span_of(A, NAME);
    let clashing: Vec<u64> = set.overlapping(name).map(|e| e.id).collect();
    for id in clashing {
        set.reject(id).unwrap();
    }
    set.add(name, "PER", Origin::Manual, None).unwrap();
    set
}

#[test]
fn a_name_added_in_one_document_is_suggested_in_another_and_undo_takes_it_back() {
    let mut pipeline = Pipeline::default();
    let before_a = labelled(&pipeline, A, "PER");
    let before_b = pipeline.analyze(B).unwrap().suggestions;
    assert!(!before_a.contains(&NAME.to_string()), "the shipped model already finds {NAME} in A: {before_a:?}");
    assert!(!labelled(&pipeline, B, "PER").contains(&NAME.to_string()));
    assert!(!labelled(&pipeline, C, "PER").contains(&NAME.to_string()));

    let set = corrected_a(&pipeline);
    let taught = lessons(A, &set);
    assert_eq!(taught.len(), 1, "only the sentence with the correction is a lesson: {taught:?}");
    assert!(taught[0].gold.contains(&(5, 8, 0)), "{taught:?}");
    assert!(pipeline.learn("a", &taught));
    assert!(labelled(&pipeline, B, "PER").contains(&NAME.to_string()), "{:?}", labelled(&pipeline, B, "PER"));
    assert!(labelled(&pipeline, A, "PER").contains(&NAME.to_string()));
    assert!(labelled(&pipeline, C, "PER").contains(&NAME.to_string()));

    // Undo: A is back to its suggestions alone, so it teaches nothing.
    let mut undone = AnnotationSet::new(A.chars().count());
    undone.merge_suggestions(&pipeline.analyze(A).unwrap().suggestions);
    let nothing = lessons(A, &undone);
    assert!(nothing.is_empty(), "{nothing:?}");
    assert!(pipeline.learn("a", &nothing));
    assert_eq!(pipeline.analyze(B).unwrap().suggestions, before_b);
    let r = pipeline.bulletin_mut().unwrap();
    assert!(r.adaptation().is_empty());
    assert_eq!(r.model().unwrap().adapted_rows(), 0, "undo left changes on the model");
}

#[test]
fn the_same_lessons_in_the_same_order_give_the_same_adaptation() {
    let base = Pipeline::default();
    let taught = lessons(A, &corrected_a(&base));
    let other = vec![Lesson { text: B.into(), gold: vec![(4, 7, 0)] }];
    let run = || {
        let mut p = Pipeline::default();
        p.learn("a", &taught);
        p.learn("b", &other);
        p.bulletin_mut().unwrap().adaptation_file().unwrap()
    };
    let (one, two) = (run(), run());
    assert!(!one.taught.is_empty());
    assert_eq!(one, two);
}

#[test]
fn an_adaptation_file_round_trips_and_a_foreign_one_is_refused_whole() {
    let mut learned = Pipeline::default();
    let taught = lessons(A, &corrected_a(&learned));
    learned.learn("a", &taught);
    let file = learned.bulletin_mut().unwrap().adaptation_file().unwrap();
    let json = serde_json::to_string(&file).unwrap();

    let mut fresh = Pipeline::default();
    fresh.bulletin_mut().unwrap().load_adaptation(serde_json::from_str(&json).unwrap()).unwrap();
    assert_eq!(fresh.analyze(B).unwrap(), learned.analyze(B).unwrap());

    let mut foreign = file.clone();
    foreign.model = "0123456789abcdef".into();
    let mut other = Pipeline::default();
    let before = other.analyze(B).unwrap();
    let r = other.bulletin_mut().unwrap();
    assert!(matches!(r.load_adaptation(foreign), Err(AdaptationError::OtherModel(..))));
    let mut broken = file.clone();
    broken.taught[0].changes.push((u32::MAX, 0, 5));
    assert!(matches!(r.load_adaptation(broken), Err(AdaptationError::OutOfRange(..))));
    let mut newer = file;
    newer.version = 99;
    assert!(matches!(r.load_adaptation(newer), Err(AdaptationError::Version(99))));
    assert_eq!(other.analyze(B).unwrap(), before, "a refused file changed the model");
}

#[test]
fn reset_returns_to_the_shipped_model() {
    let mut p = Pipeline::default();
    let before = p.analyze(B).unwrap();
    let taught = lessons(A, &corrected_a(&p));
    p.learn("a", &taught);
    assert_ne!(p.analyze(B).unwrap(), before);
    p.bulletin_mut().unwrap().reset_adaptation();
    assert_eq!(p.analyze(B).unwrap(), before);
}
