//! Scores entity predictions against gold JSONL (the `shared/data` format, gzip or not).
//!
//! ```text
//! evaluate GOLD.jsonl[.gz]... [--pred PRED.jsonl] [--model static/ner-model.bin]
//!          [--labels PER,LOC,ORG] [--errors N] [--write-pred OUT.jsonl] [--by-outlet]
//! evaluate --bench TEXT_FILE            # segmentation + recognition throughput
//! evaluate --show TEXT                  # tokens and entities of one text
//! evaluate GOLD --model-only            # the tagger alone, without the rules
//! ```
//! Without `--pred` it runs the pipeline (jieba + `BulletinRecogniser` with the model).
//! Matching is exact on (start, end, label), in code points.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = native::run() {
        eprintln!("evaluate: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use bulletin::core::formats::input::parse_options;
    use bulletin::core::ner::corpus::{read_jsonl, GoldEntity, Record};
    use bulletin::core::ner::score::Scores;
    use bulletin::core::pipeline::Pipeline;
    use bulletin::core::segment::Segmenter;
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::time::Instant;

    type Span = (usize, usize, String);

    /// `--model-only`: the tagger alone, without the bulletin rules, to measure each part.
    struct ModelOnly(bulletin::core::ner::Model);

    impl bulletin::core::recognise::Recogniser for ModelOnly {
        fn recognise(
            &self,
            text: &str,
            tokens: &[bulletin::core::segment::Token],
        ) -> Vec<bulletin::core::entity::Suggestion> {
            let chars = bulletin::core::ner::features::normalised_chars(text);
            self.0
                .tag(&chars, tokens)
                .into_iter()
                .map(|(start, end, t)| bulletin::core::entity::Suggestion {
                    start,
                    end,
                    label: bulletin::core::ner::tags::TYPES.get(t).copied().unwrap_or("ORG").into(),
                    confidence: None,
                })
                .collect()
        }
    }

    #[derive(Default)]
    struct Args {
        gold: Vec<PathBuf>,
        pred: Option<PathBuf>,
        model: Option<PathBuf>,
        labels: Option<Vec<String>>,
        errors: usize,
        write_pred: Option<PathBuf>,
        bench: Option<PathBuf>,
        show: Option<String>,
        model_only: bool,
        by_outlet: bool,
    }

    fn parse() -> Result<Args, String> {
        let mut a = Args::default();
        let usage = "usage: evaluate GOLD.jsonl[.gz] … [--pred P] [--model M] [--labels L,…] [--errors N] \
                     [--write-pred OUT] [--model-only] [--by-outlet] | --bench TEXT | --show TEXT; see src/bin/evaluate.rs";
        parse_options(std::env::args().skip(1), usage, |arg, val| {
            match arg {
                "--pred" => a.pred = Some(val()?.into()),
                "--model" => a.model = Some(val()?.into()),
                "--labels" => a.labels = Some(val()?.split(',').map(|s| s.trim().to_string()).collect()),
                "--errors" => a.errors = val()?.parse().map_err(|e| format!("--errors: {e}"))?,
                "--write-pred" => a.write_pred = Some(val()?.into()),
                "--bench" => a.bench = Some(val()?.into()),
                "--show" => a.show = Some(val()?),
                "--model-only" => a.model_only = true,
                "--by-outlet" => a.by_outlet = true,
                s if s.starts_with("--") => return Ok(false),
                _ => a.gold.push(arg.into()),
            }
            Ok(true)
        })?;
        if a.gold.is_empty() && a.bench.is_none() && a.show.is_none() {
            return Err(
                "usage: evaluate GOLD.jsonl[.gz]... [--pred P] [--labels L,..] [--errors N] | --bench TEXT".into()
            );
        }
        Ok(a)
    }

    fn pipeline(model: &Option<PathBuf>) -> Result<Pipeline, String> {
        match model {
            Some(p) => {
                let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
                Pipeline::with_model_bytes(Segmenter::new(), &bytes).map_err(|e| format!("{}: {e}", p.display()))
            }
            None => Ok(Pipeline::default()),
        }
    }

    fn spans(ents: &[GoldEntity], labels: &Option<Vec<String>>) -> Vec<Span> {
        ents.iter()
            .filter(|e| labels.as_ref().is_none_or(|l| l.contains(&e.label)))
            .map(|e| (e.start, e.end, e.label.clone()))
            .collect()
    }

    fn slice(text: &str, s: usize, e: usize) -> String {
        text.chars().skip(s).take(e.saturating_sub(s)).collect()
    }

    /// One line per error, for the confusion list: what gold had and what was predicted.
    fn errors(text: &str, gold: &[Span], pred: &[Span], tally: &mut HashMap<String, usize>) {
        for g in gold.iter().filter(|g| !pred.contains(g)) {
            let over: Vec<String> = pred
                .iter()
                .filter(|p| p.0 < g.1 && g.0 < p.1)
                .map(|p| format!("{} {}", p.2, slice(text, p.0, p.1)))
                .collect();
            let got = if over.is_empty() { "(missed)".to_string() } else { over.join(" + ") };
            *tally.entry(format!("gold {} {} → {got}", g.2, slice(text, g.0, g.1))).or_default() += 1;
        }
        for p in pred.iter().filter(|p| !gold.contains(p)) {
            if !gold.iter().any(|g| p.0 < g.1 && g.0 < p.1) {
                *tally.entry(format!("spurious {} {}", p.2, slice(text, p.0, p.1))).or_default() += 1;
            }
        }
    }

    fn bench(path: &PathBuf, model: &Option<PathBuf>) -> Result<(), String> {
        let sample = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let t = Instant::now();
        let p = pipeline(model)?;
        eprintln!("pipeline built in {:.2}s", t.elapsed().as_secs_f64());
        let mut text = String::new();
        while text.chars().count() < 1_000_000 - sample.chars().count() {
            text.push_str(&sample);
        }
        let chars = text.chars().count();
        let _ = p.analyze(&sample).map_err(|e| e.to_string())?;
        let t = Instant::now();
        let tokens = p.segmenter().segment(&text);
        let seg = t.elapsed().as_secs_f64();
        if let Ok(m) = bulletin::core::ner::Model::from_file_bytes(bulletin::core::pipeline::NER_MODEL) {
            let norm = bulletin::core::ner::features::normalised_chars(&text);
            let t = Instant::now();
            let spans = m.tag(&norm, &tokens);
            eprintln!(
                "model alone: {:.2} M chars/s ({} spans)",
                chars as f64 / t.elapsed().as_secs_f64() / 1e6,
                spans.len()
            );
        }
        let t = Instant::now();
        let a = p.analyze(&text).map_err(|e| e.to_string())?;
        let all = t.elapsed().as_secs_f64();
        println!(
            "{chars} chars: segmentation {:.2} M chars/s; segmentation + recognition {:.2} M chars/s \
             ({:.3}s, {} tokens, {} entities)",
            chars as f64 / seg / 1e6,
            chars as f64 / all / 1e6,
            all,
            tokens.len(),
            a.suggestions.len()
        );
        Ok(())
    }

    pub fn run() -> Result<(), String> {
        let args = parse()?;
        if let Some(b) = &args.bench {
            return bench(b, &args.model);
        }
        if let Some(text) = &args.show {
            // Debugging aid: the tokens and entities the pipeline finds in one text.
            let a = pipeline(&args.model)?.analyze(text).map_err(|e| e.to_string())?;
            let toks: Vec<String> = a
                .tokens
                .iter()
                .map(|t| format!("{}/{}", slice(text, t.start as usize, t.end as usize), t.pos))
                .collect();
            println!("{}", toks.join(" "));
            for s in a.suggestions {
                println!("{} {}", s.label, slice(text, s.start, s.end));
            }
            return Ok(());
        }
        let mut gold: Vec<Record> = Vec::new();
        for g in &args.gold {
            gold.extend(read_jsonl(g)?);
        }
        let preds: Vec<Vec<GoldEntity>> = match &args.pred {
            Some(p) => {
                let recs = read_jsonl(p)?;
                if recs.len() != gold.len() || recs.iter().zip(&gold).any(|(p, g)| p.text != g.text) {
                    return Err("--pred must have the gold texts, one record each, in the same order".into());
                }
                recs.into_iter().map(|r| r.entities).collect()
            }
            None => {
                let mut p = pipeline(&args.model)?;
                if args.model_only {
                    let bytes = match &args.model {
                        Some(m) => std::fs::read(m).map_err(|e| e.to_string())?,
                        None => bulletin::core::pipeline::NER_MODEL.to_vec(),
                    };
                    let model = bulletin::core::ner::Model::from_file_bytes(&bytes).map_err(|e| e.to_string())?;
                    p = p.with_recogniser(Box::new(ModelOnly(model)));
                }
                let t = Instant::now();
                let out: Result<Vec<Vec<GoldEntity>>, String> = gold
                    .iter()
                    .map(|r| {
                        let a = p.analyze(&r.text).map_err(|e| e.to_string())?;
                        Ok(a.suggestions
                            .into_iter()
                            .map(|s| GoldEntity {
                                text: Some(slice(&r.text, s.start, s.end)),
                                start: s.start,
                                end: s.end,
                                label: s.label,
                            })
                            .collect())
                    })
                    .collect();
                eprintln!("analysed {} records in {:.2}s", gold.len(), t.elapsed().as_secs_f64());
                out?
            }
        };
        if let Some(w) = &args.write_pred {
            let lines: Vec<String> = gold
                .iter()
                .zip(&preds)
                .filter_map(|(g, p)| {
                    serde_json::to_string(&Record {
                        text: g.text.clone(),
                        entities: p.clone(),
                        outlet: g.outlet.clone(),
                    })
                    .ok()
                })
                .collect();
            std::fs::write(w, lines.join("\n") + "\n").map_err(|e| format!("{}: {e}", w.display()))?;
        }
        let mut scores = Scores::default();
        let mut by_outlet: std::collections::BTreeMap<&str, Scores> = Default::default();
        let mut tally = HashMap::new();
        for (g, p) in gold.iter().zip(&preds) {
            let (gs, ps) = (spans(&g.entities, &args.labels), spans(p, &args.labels));
            scores.add(&gs, &ps);
            by_outlet.entry(g.outlet.as_deref().unwrap_or("-")).or_default().add(&gs, &ps);
            if args.errors > 0 {
                errors(&g.text, &gs, &ps, &mut tally);
            }
        }
        println!("{:<6} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}", "label", "precision", "recall", "F1", "tp", "fp", "fn");
        let rows = scores.by_label.iter().map(|(l, c)| (l.as_str(), c)).chain([("micro", &scores.micro)]);
        for (label, c) in rows {
            println!(
                "{label:<6} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.tp,
                c.fp,
                c.fn_
            );
        }
        if args.by_outlet {
            println!("\n{:<24} {:>7} {:>7}  per label F1", "outlet", "micro", "spans");
            for (outlet, s) in &by_outlet {
                let labels: Vec<String> = s.by_label.iter().map(|(l, c)| format!("{l} {:.2}", c.f1())).collect();
                let n = s.micro.tp + s.micro.fn_;
                println!("{outlet:<24} {:>7.4} {n:>7}  {}", s.micro.f1(), labels.join(", "));
            }
        }
        if args.errors > 0 {
            let mut worst: Vec<_> = tally.into_iter().collect();
            worst.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            println!("\nworst errors:");
            for (what, n) in worst.into_iter().take(args.errors) {
                println!("{n:>5}  {what}");
            }
        }
        Ok(())
    }
}
