//! Native throughput of segmentation, recognition, the whole pipeline and export, on the
//! fixture bulletin page (tests/fixtures) repeated to about 100 KB and 1 MB of UTF-8. Figures are in chars/s
//! (code points). The dictionary and the NER model are built once, outside the timed loops.
//!
//! `cargo bench --bench pipeline` (or `make bench`, which also runs the browser benchmark).

use bulletin::core::document::{Document, Project};
use bulletin::core::formats::{doccano, json_v1, OffsetUnit};
use bulletin::core::ner::BulletinRecogniser;
use bulletin::core::pipeline::{Pipeline, NER_MODEL};
use bulletin::core::recognise::Recogniser;
use bulletin::core::segment::Segmenter;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

/// The bulletin page of the test fixtures (tests/fixtures/README.md), so a plain clone
/// measures the same text everywhere.
fn sample() -> String {
    include_str!("../tests/fixtures/bulletin-page.txt").to_owned()
}

/// `base` repeated (whole paragraphs, joined by blank lines) to at least `bytes` bytes.
fn repeated(base: &str, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + base.len());
    while text.len() < bytes {
        text.push_str(base.trim_end());
        text.push_str("\n\n");
    }
    text
}

fn sizes() -> Vec<(&'static str, String)> {
    let base = sample();
    vec![("100KB", repeated(&base, 100_000)), ("1MB", repeated(&base, 1_000_000))]
}

fn configure<'a>(c: &'a mut Criterion, name: &str) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    group
}

fn benches(c: &mut Criterion) {
    let pipeline = Pipeline::default();
    let segmenter = Segmenter::new();
    let recogniser = BulletinRecogniser::from_bytes(NER_MODEL).expect("the shipped model loads");
    let texts = sizes();

    let mut group = configure(c, "segment");
    for (name, text) in &texts {
        group.throughput(Throughput::Elements(text.chars().count() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| segmenter.segment(black_box(t)))
        });
    }
    group.finish();

    let mut group = configure(c, "recognise");
    for (name, text) in &texts {
        let tokens = segmenter.segment(text);
        group.throughput(Throughput::Elements(text.chars().count() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| recogniser.recognise(black_box(t), black_box(&tokens)))
        });
    }
    group.finish();

    let mut group = configure(c, "pipeline");
    for (name, text) in &texts {
        group.throughput(Throughput::Elements(text.chars().count() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| pipeline.analyze(black_box(t)))
        });
    }
    group.finish();

    let mut group = configure(c, "export");
    for (name, text) in &texts {
        let mut doc = Document::new("bench", "bench", text.as_str(), "2026-01-01T00:00:00.000Z");
        doc.apply_analysis(pipeline.analyze(text).expect("within the size limit"));
        let chars = text.chars().count() as u64;
        group.throughput(Throughput::Elements(chars));
        let project = Project { documents: vec![doc], ..Project::default() };
        group.bench_function(BenchmarkId::new("json", name), |b| {
            b.iter(|| json_v1::export(black_box(&project), None, json_v1::ExportOptions::default()))
        });
        let docs: Vec<&Document> = project.documents.iter().collect();
        group.bench_function(BenchmarkId::new("doccano", name), |b| {
            b.iter(|| doccano::export(black_box(&docs), OffsetUnit::CodePoint))
        });
    }
    group.finish();
}

criterion_group!(pipeline_benches, benches);
criterion_main!(pipeline_benches);
