//! Learning curves: the shipped model corrected with the first N gold sentences of a train
//! split, in file order, scored on a dev split after each N (exact-span micro F1 of the full
//! pipeline on PER/LOC/ORG). Each sentence is learned as its own document, through the same
//! `Pipeline::learn` the browser's worker calls.
//!
//! ```text
//! learning_curve --train TRAIN.jsonl[.gz] --dev DEV.jsonl[.gz] [--steps 0,100,300,1000]
//!                [--dev-limit 2000] [--margin 0.5]
//! ```

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = native::run() {
        eprintln!("learning_curve: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use bulletin::core::ner::adapt::Lesson;
    use bulletin::core::ner::corpus::{read_jsonl, Record};
    use bulletin::core::ner::score::Scores;
    use bulletin::core::ner::tags::TYPES;
    use bulletin::core::pipeline::Pipeline;
    use std::path::PathBuf;
    use std::time::Instant;

    fn gold(r: &Record) -> Vec<(usize, usize, String)> {
        r.entities
            .iter()
            .filter(|e| TYPES.contains(&e.label.as_str()))
            .map(|e| (e.start, e.end, e.label.clone()))
            .collect()
    }

    fn score(pipeline: &Pipeline, dev: &[Record]) -> Result<Scores, String> {
        let mut scores = Scores::default();
        for r in dev {
            let pred: Vec<(usize, usize, String)> = pipeline
                .analyze(&r.text)
                .map_err(|e| e.to_string())?
                .suggestions
                .into_iter()
                .filter(|s| TYPES.contains(&s.label.as_str()))
                .map(|s| (s.start, s.end, s.label))
                .collect();
            scores.add(&gold(r), &pred);
        }
        Ok(scores)
    }

    pub fn run() -> Result<(), String> {
        let mut train = None;
        let mut dev = None;
        let mut steps = vec![0usize, 100, 300, 1000];
        let mut dev_limit = 2000usize;
        let mut margin = None;
        let mut args = std::env::args().skip(1);
        while let Some(flag) = args.next() {
            let mut val = || args.next().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--train" => train = Some(PathBuf::from(val()?)),
                "--dev" => dev = Some(PathBuf::from(val()?)),
                "--steps" => {
                    steps = val()?
                        .split(',')
                        .map(|s| s.parse().map_err(|e| format!("--steps: {e}")))
                        .collect::<Result<_, _>>()?
                }
                "--dev-limit" => dev_limit = val()?.parse().map_err(|e| format!("--dev-limit: {e}"))?,
                "--margin" => margin = Some(val()?.parse::<f32>().map_err(|e| format!("--margin: {e}"))?),
                _ => return Err(format!("unknown option {flag}")),
            }
        }
        let train = read_jsonl(&train.ok_or("--train is required")?)?;
        let mut dev = read_jsonl(&dev.ok_or("--dev is required")?)?;
        dev.truncate(dev_limit);
        let mut pipeline = Pipeline::default();
        let recogniser = pipeline.bulletin_mut().ok_or("the shipped model did not load")?;
        if let Some(m) = margin {
            recogniser.adaptation_mut().set_margin(m);
        }
        println!("| corrections | dev F1 | P | R | learn ms/sentence |");
        println!("|---:|---:|---:|---:|---:|");
        let mut learned = 0usize;
        let mut learn_ms = 0.0f64;
        steps.sort_unstable();
        for &n in &steps {
            while learned < n.min(train.len()) {
                let r = &train[learned];
                let mut spans: Vec<(usize, usize, usize)> = gold(r)
                    .into_iter()
                    .filter_map(|(s, e, l)| Some((s, e, TYPES.iter().position(|t| *t == l)?)))
                    .collect();
                spans.sort_unstable();
                let lesson = Lesson { text: r.text.clone(), gold: spans };
                let started = Instant::now();
                pipeline.learn(&format!("train-{learned}"), &[lesson]);
                learn_ms += started.elapsed().as_secs_f64() * 1000.0;
                learned += 1;
            }
            let s = score(&pipeline, &dev)?;
            let per = if learned > 0 { learn_ms / learned as f64 } else { 0.0 };
            println!(
                "| {learned} | {:.4} | {:.4} | {:.4} | {per:.2} |",
                s.micro.f1(),
                s.micro.precision(),
                s.micro.recall()
            );
        }
        Ok(())
    }
}
