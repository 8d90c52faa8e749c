//! Timings for a 1 MB document on the main thread's side (autosave, the entity index and
//! the outline), natively. Not a pass/fail test: run with
//! `cargo test --release --test bigdoc_perf -- --ignored --nocapture`.

use bulletin::core::document::{Document, Project};
use bulletin::core::formats::json_v1;
use bulletin::core::outline::outline;
use bulletin::core::pipeline::Pipeline;
use bulletin::core::segment::Segmenter;
use bulletin::ui::entity_list::build_index;
use bulletin::ui::state::{Msg, Saved, State};
use std::time::Instant;

const NOW: &str = "2026-11-25T00:00:00.000Z";

fn one_mb() -> String {
    // A made-up bulletin page in the repository (tests/fixtures/README.md describes it).
    let sample = include_str!("fixtures/bulletin-page.txt");
    let mut text = String::new();
    while text.len() + sample.len() <= 1_001_385 {
        text.push_str(sample);
    }
    text
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// The median of `runs` timings of `f`.
fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        last = Some(f());
        times.push(ms(t));
    }
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], last.unwrap())
}

#[test]
#[ignore = "timings, not a check"]
fn bigdoc_timings() {
    let text = one_mb();
    let analysis = Pipeline::new(Segmenter::new()).analyze(&text).unwrap();
    let mut state = State::default();
    state.apply(Msg::OpenDocument { id: "d1".into(), title: "t".into(), text: text.clone(), now: NOW.into() });
    let (tokens, suggestions) = (analysis.tokens.len(), analysis.suggestions.len());
    state.apply(Msg::AnalysisFinished { doc_id: "d1".into(), analysis });
    let doc: &Document = state.current_doc().unwrap();
    println!(
        "text: {} chars, {} bytes; {tokens} tokens, {suggestions} suggestions, {} entities",
        text.chars().count(),
        text.len(),
        doc.entities().len()
    );

    // Autosave before: every token as a JSON object inside the project.
    let (old_ms, old_json) = median(5, || {
        let options = json_v1::ExportOptions { include_tokens: true };
        let project: &Project = &state.project;
        let file = json_v1::to_file(project, &project.documents, Some(NOW), options);
        serde_json::to_string(&serde_json::json!({ "project": file, "current": 0, "draft": "" })).unwrap()
    });
    let (old_restore_ms, _) = median(5, || {
        let saved: Saved = serde_json::from_str(&old_json).unwrap();
        saved.into_project().unwrap()
    });
    // Autosave now: tokens compact, beside the project.
    let (new_ms, new_json) = median(5, || serde_json::to_string(&state.to_saved(NOW)).unwrap());
    let (new_restore_ms, restored) = median(5, || {
        let saved: Saved = serde_json::from_str(&new_json).unwrap();
        saved.into_project().unwrap()
    });
    assert_eq!(restored.documents[0].tokens, state.project.documents[0].tokens);
    println!(
        "autosave, tokens in the project: {:.1} MB, snapshot+JSON {old_ms:.0} ms, restore {old_restore_ms:.0} ms",
        old_json.len() as f64 / 1e6
    );
    println!(
        "autosave, compact tokens:        {:.1} MB, snapshot+JSON {new_ms:.0} ms, restore {new_restore_ms:.0} ms",
        new_json.len() as f64 / 1e6
    );

    // What the root component computed on every render before memoising.
    let (render_ms, _) = median(5, || {
        let entities = doc.entities().entities().to_vec();
        let index = build_index(&doc.text, &entities, &state.project.labels);
        let articles = outline(&doc.text);
        (entities.len(), index.len(), articles.len())
    });
    println!("per render before memoising (entities to_vec + build_index + outline): {render_ms:.1} ms");
}
