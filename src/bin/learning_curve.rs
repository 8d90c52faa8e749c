//! Learning curves: the shipped model corrected with the first N gold sentences of a train
//! split, in file order, scored on a dev split after each N (exact-span micro F1 of the full
//! pipeline on PER/LOC/ORG). Each sentence is learned as its own document, through the same
//! `Pipeline::learn` the browser's worker calls.
//!
//! ```text
//! learning_curve --train TRAIN.jsonl[.gz] --dev DEV.jsonl[.gz] [--steps 0,100,300,1000]
//!                [--dev-limit 2000] [--margin 0.25]
//! learning_curve --bench [--train TRAIN.jsonl[.gz]]
//! ```
//! `--bench` prints the figures of issue 15's speed and size targets on the made-up page in
//! `tests/fixtures` (repeated to 5,000 characters): one update after one correction, and
//! refreshing 100 such documents with the adapted model against the shipped one in the same
//! run. With `--train` it also learns 500 documents of 10 train sentences each and reports
//! the size of the adaptation file.

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

    fn median(mut v: Vec<f64>) -> f64 {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(0.0)
    }

    fn lesson_of(r: &Record) -> Lesson {
        let mut spans: Vec<(usize, usize, usize)> =
            gold(r).into_iter().filter_map(|(s, e, l)| Some((s, e, TYPES.iter().position(|t| *t == l)?))).collect();
        spans.sort_unstable();
        Lesson { text: r.text.clone(), gold: spans }
    }

    fn bench(train: Option<PathBuf>) -> Result<(), String> {
        use bulletin::core::annotations::AnnotationSet;
        use bulletin::core::entity::Origin;
        let page = include_str!("../../tests/fixtures/bulletin-page.txt");
        let mut text = String::new();
        while text.chars().count() < 5000 {
            text.push_str(page);
        }
        let text: String = text.chars().take(5000).collect();
        let base = Pipeline::default();
        let analysis = base.analyze(&text).map_err(|e| e.to_string())?;
        // One correction: the first suggestion relabelled by hand (PER ↔ LOC).
        let first = analysis.suggestions.iter().find(|s| TYPES.contains(&s.label.as_str())).ok_or("no suggestion")?;
        let mut set = AnnotationSet::new(text.chars().count());
        set.merge_suggestions(&analysis.suggestions);
        let id = set.iter().find(|e| e.start == first.start).map(|e| e.id).ok_or("no entity")?;
        set.remove(id).map_err(|e| e.to_string())?;
        let other = if first.label == "PER" { "LOC" } else { "PER" };
        set.add(first.span(), other, Origin::Manual, None).map_err(|e| e.to_string())?;
        let lessons = bulletin::core::ner::adapt::lessons(&text, &set);
        let mut times = Vec::new();
        let mut adapted = Pipeline::default();
        for _ in 0..7 {
            adapted = Pipeline::default();
            let started = Instant::now();
            adapted.learn("doc", &lessons);
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "update after one correction, 5,000-character document ({} lessons): {:.2} ms (median of 7)",
            lessons.len(),
            median(times)
        );
        let refresh = |p: &Pipeline| {
            let started = Instant::now();
            for _ in 0..100 {
                let _ = p.recognise(&text, &analysis.tokens);
            }
            started.elapsed().as_secs_f64() * 1000.0
        };
        let (shipped, learned) = (refresh(&base), refresh(&adapted));
        println!(
            "refresh 100 such documents (recognition on kept tokens): adapted {learned:.0} ms, shipped {shipped:.0} ms ({:.2}x)",
            learned / shipped.max(1e-9)
        );
        if let Some(train) = train {
            let records = read_jsonl(&train)?;
            let mut p = Pipeline::default();
            for (d, chunk) in records.chunks(10).take(500).enumerate() {
                let lessons: Vec<Lesson> = chunk.iter().map(lesson_of).collect();
                p.learn(&format!("doc-{d}"), &lessons);
            }
            let file = p.bulletin_mut().and_then(|r| r.adaptation_file()).ok_or("no model")?;
            let json = serde_json::to_string(&file).map_err(|e| e.to_string())?;
            let changes: usize = file.taught.iter().map(|t| t.changes.len()).sum();
            println!(
                "adaptation after 500 documents of 10 sentences: {} documents taught, {changes} changes, {:.2} MB of JSON",
                file.taught.len(),
                json.len() as f64 / 1e6
            );
        }
        Ok(())
    }

    pub fn run() -> Result<(), String> {
        if std::env::args().any(|a| a == "--bench") {
            let train = std::env::args().skip_while(|a| a != "--train").nth(1).map(PathBuf::from);
            return bench(train);
        }
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
                let lesson = lesson_of(&train[learned]);
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
