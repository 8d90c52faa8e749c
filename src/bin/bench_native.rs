//! Native pipeline throughput as one JSON line, for `scripts/bench-browser.mjs`, which
//! compares it with the same pipeline in the browser's worker (wasm/native ratio).
//!
//! `bench_native [TEXT_FILE]`: the text is analysed once to warm up, then timed over at
//! least one second; prints `{"chars":…,"pipeline_chars_per_s":…,"segment_chars_per_s":…,
//! "pos_pipeline_chars_per_s":…,"dictionary_ms":…,"pipeline_new_ms":…}`. No wasm: the
//! wasm build is an empty `main`.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use bulletin::core::pipeline::Pipeline;
    use bulletin::core::segment::Segmenter;
    use std::time::Instant;

    let path = std::env::args().nth(1).unwrap_or_else(|| "static/sample-bulletin.txt".into());
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("bench_native: {path}: {err}");
            std::process::exit(2);
        }
    };
    let chars = text.chars().count();

    let started = Instant::now();
    let segmenter = Segmenter::new();
    let dictionary_ms = started.elapsed().as_secs_f64() * 1e3;
    let started = Instant::now();
    let pipeline = Pipeline::default();
    let pipeline_ms = started.elapsed().as_secs_f64() * 1e3;

    // Runs `f` at least 3 times and for at least one second; returns chars/s of the median run.
    let rate = |f: &dyn Fn()| {
        f();
        let (mut runs, total) = (Vec::new(), Instant::now());
        while runs.len() < 3 || total.elapsed().as_secs_f64() < 1.0 {
            let t = Instant::now();
            f();
            runs.push(t.elapsed().as_secs_f64());
        }
        runs.sort_by(f64::total_cmp);
        chars as f64 / runs[runs.len() / 2]
    };
    let segment = rate(&|| {
        std::hint::black_box(segmenter.segment(&text));
    });
    let whole = rate(&|| {
        std::hint::black_box(pipeline.analyze(&text).ok());
    });
    // What the browser's worker runs until it has the NER model: jieba POS tags.
    let pos_pipeline = Pipeline::new(segmenter.clone());
    let pos = rate(&|| {
        std::hint::black_box(pos_pipeline.analyze(&text).ok());
    });
    println!(
        "{{\"chars\":{chars},\"pipeline_chars_per_s\":{whole:.0},\"segment_chars_per_s\":{segment:.0},\"pos_pipeline_chars_per_s\":{pos:.0},\"dictionary_ms\":{dictionary_ms:.1},\"pipeline_new_ms\":{pipeline_ms:.1}}}"
    );
}

#[cfg(target_arch = "wasm32")]
fn main() {}
