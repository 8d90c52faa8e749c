//! Trains the PER/LOC/ORG tagger and writes `static/ner-model.bin`; with `--base`,
//! fine-tunes a model instead and writes an adaptation of it.
//!
//! ```text
//! cargo run --release --bin train -- \
//!   --train ../shared/data/msra_train.jsonl.gz --train ../shared/data/pku98_train.jsonl.gz \
//!   --dev ../shared/data/msra_dev.jsonl.gz --dev ../shared/data/pku98_dev.jsonl.gz \
//!   --out static/ner-model.bin --bits 18 --epochs 24 --seed 7 --keep-rows 90000
//! ```
//! Options: `--bits B` (2^B hashed feature rows), `--epochs N`, `--seed S` (shuffling),
//! `--keep-rows N` (keep the N strongest rows; 0 = all), `--min-code K` (zero the weights
//! whose code magnitude is at most K, of 127), `--code-step S` (use every S-th code only), `--prune Q` (zero the weights below
//! the Q quantile of |w|), `--gaz-min N` (dictionary features from training entities seen
//! N+ times; 0 = off). Progress and dev F1 go to stderr after every epoch.
//!
//! Fine-tuning:
//! ```text
//! train --base shipped|MODEL.bin --train FILE [--train FILE …] --out ADAPTATION.json
//! ```
//! Each `--train` file is a corpus JSONL (`.gz` too) or any file the app imports (app JSON,
//! doccano, Label Studio, CoNLL, brat); every sentence of it is gold. Its documents are
//! learned in file order through `Pipeline::learn`, the browser worker's path, so the same
//! corrections give the same adaptation. The output is the file the app's Model panel
//! imports and `annotate --adaptation` applies: changes to `--base`'s weights, named by its
//! fingerprint. The model tags PER/LOC/ORG; other labels are counted and not learned.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = native::run() {
        eprintln!("train: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use bulletin::core::formats::input::parse_options;
    use bulletin::core::ner::corpus::{read_jsonl, Record};
    use bulletin::core::ner::features::normalised_chars;
    use bulletin::core::ner::gazetteer::{self, Gazetteer, MAX_LEN};
    use bulletin::core::ner::perceptron::{Example, Rng, Trainer};
    use bulletin::core::ner::score::Scores;
    use bulletin::core::ner::tags::TYPES;
    use bulletin::core::ner::Model;
    use bulletin::core::segment::{Segmenter, Token};
    use std::collections::HashMap;
    use std::path::PathBuf;
    use std::time::Instant;

    struct Args {
        base: Option<String>,
        train: Vec<PathBuf>,
        dev: Vec<PathBuf>,
        out: PathBuf,
        bits: u32,
        epochs: usize,
        seed: u64,
        prune: f32,
        gaz_min: u32,
        keep_rows: usize,
        min_code: u8,
        code_step: u8,
    }

    fn parse() -> Result<Args, String> {
        let mut a = Args {
            base: None,
            train: vec![],
            dev: vec![],
            out: "static/ner-model.bin".into(),
            bits: 18,
            epochs: 24,
            seed: 7,
            prune: 0.0,
            gaz_min: 0,
            keep_rows: 0,
            min_code: 0,
            code_step: 1,
        };
        let usage =
            "usage: train --train FILE [--train FILE …] [--dev FILE …] [--out PATH] [options]; see src/bin/train.rs";
        parse_options(std::env::args().skip(1), usage, |flag, val| {
            match flag {
                "--base" => a.base = Some(val()?),
                "--train" => a.train.push(val()?.into()),
                "--dev" => a.dev.push(val()?.into()),
                "--out" => a.out = val()?.into(),
                "--bits" => a.bits = val()?.parse().map_err(|e| format!("{flag}: {e}"))?,
                "--epochs" => a.epochs = val()?.parse().map_err(|e| format!("{flag}: {e}"))?,
                "--seed" => a.seed = val()?.parse().map_err(|e| format!("{flag}: {e}"))?,
                "--keep-rows" => a.keep_rows = val()?.parse().map_err(|e| format!("{flag}: {e}"))?,
                "--min-code" => a.min_code = val()?.parse().map_err(|e| format!("{flag}: {e}"))?,
                "--code-step" => a.code_step = val()?.parse().map_err(|e| format!("{flag}: {e}"))?,
                "--gaz-min" => a.gaz_min = val()?.parse().map_err(|e| format!("{flag}: {e}"))?,
                "--prune" => a.prune = val()?.parse().map_err(|e| format!("{flag}: {e}"))?,
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        if a.train.is_empty() {
            return Err("give at least one --train file".into());
        }
        Ok(a)
    }

    fn spans(r: &Record) -> Vec<(usize, usize, usize)> {
        r.entities
            .iter()
            .filter_map(|e| TYPES.iter().position(|t| *t == e.label).map(|ty| (e.start, e.end, ty)))
            .collect()
    }

    /// Segments every record on two threads (the machine has two cores).
    fn segment_all(seg: &Segmenter, records: &[Record]) -> Vec<Vec<Token>> {
        let half = records.len() / 2;
        let (a, b) = records.split_at(half);
        std::thread::scope(|s| {
            let ha = s.spawn(|| a.iter().map(|r| seg.segment(&r.text)).collect::<Vec<_>>());
            let mut out: Vec<Vec<Token>> = b.iter().map(|r| seg.segment(&r.text)).collect();
            let mut first = ha.join().unwrap_or_default();
            first.append(&mut out);
            first
        })
    }

    /// A dev set: its file name, records and jieba tokens.
    type Dev = (String, Vec<Record>, Vec<Vec<Token>>);

    fn evaluate(model: &Model, dev: &[Dev]) -> Vec<(String, f64)> {
        dev.iter()
            .map(|(name, recs, toks)| {
                let mut sc = Scores::default();
                for (r, t) in recs.iter().zip(toks) {
                    let gold: Vec<_> = spans(r).into_iter().map(|(s, e, ty)| (s, e, TYPES[ty].to_string())).collect();
                    let pred: Vec<_> = model
                        .tag(&normalised_chars(&r.text), t)
                        .into_iter()
                        .map(|(s, e, ty)| (s, e, TYPES[ty].to_string()))
                        .collect();
                    sc.add(&gold, &pred);
                }
                (name.clone(), sc.micro.f1())
            })
            .collect()
    }

    pub fn run() -> Result<(), String> {
        let args = parse()?;
        if let Some(base) = &args.base {
            return super::fine_tune::run(base, &args.train, &args.out);
        }
        let t0 = Instant::now();
        let seg = Segmenter::new();
        let mut train = Vec::new();
        for path in &args.train {
            let recs = read_jsonl(path)?;
            let toks = segment_all(&seg, &recs);
            eprintln!("read {} ({} records) at {:.1}s", path.display(), recs.len(), t0.elapsed().as_secs_f32());
            train.extend(recs.into_iter().zip(toks));
        }
        // Dictionary counts per type; each sentence then sees them minus its own entities
        // (leave-one-out), so the model learns how far to trust a match it has not memorised.
        let entity_hashes = |r: &Record, chars: &[char]| -> Vec<(u64, usize)> {
            spans(r)
                .into_iter()
                .filter(|(s, e, _)| e - s >= 2 && e - s <= MAX_LEN)
                .filter_map(|(s, e, ty)| chars.get(s..e).map(|w| (gazetteer::hash_str(w), ty)))
                .collect()
        };
        let mut counts: HashMap<u64, [u32; 3]> = HashMap::new();
        let all_chars: Vec<Vec<char>> = train.iter().map(|(r, _)| normalised_chars(&r.text)).collect();
        for ((r, _), chars) in train.iter().zip(&all_chars) {
            for (h, ty) in entity_hashes(r, chars) {
                counts.entry(h).or_default()[ty] += 1;
            }
        }
        // 0 (the default) turns the dictionary off: with leave-one-out it cost ~1 F1 on dev.
        let min = if args.gaz_min == 0 { u32::MAX } else { args.gaz_min };
        let mut examples = Vec::with_capacity(train.len());
        for ((r, toks), chars) in train.iter().zip(&all_chars) {
            let mut own: HashMap<u64, [u32; 3]> = HashMap::new();
            for (h, ty) in entity_hashes(r, chars) {
                own.entry(h).or_default()[ty] += 1;
            }
            let gaz = gazetteer::flags(chars, |h, _, _| {
                let Some(c) = counts.get(&h) else { return 0 };
                let o = own.get(&h).copied().unwrap_or_default();
                (0..3).filter(|&t| c[t] - o[t] >= min).fold(0u8, |m, t| m | 1 << t)
            });
            examples.push(Example::new(chars, toks, &gaz, &spans(r), args.bits));
        }
        let entries: Vec<u32> = counts
            .iter()
            .map(|(&h, c)| {
                let mask = (0..3).filter(|&t| c[t] >= min).fold(0u32, |m, t| m | 1 << t);
                gazetteer::key(h) | mask
            })
            .collect();
        let gaz = Gazetteer::new(entries);
        eprintln!("dictionary: {} strings", gaz.entries().len());
        let mut dev = Vec::new();
        for path in &args.dev {
            let recs = read_jsonl(path)?;
            let toks = segment_all(&seg, &recs);
            dev.push((path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(), recs, toks));
        }
        let chars: usize = examples.iter().map(Example::len).sum();
        eprintln!("{} examples, {chars} chars; features ready at {:.1}s", examples.len(), t0.elapsed().as_secs_f32());
        let mut trainer = Trainer::new(args.bits);
        let mut rng = Rng::new(args.seed);
        let mut order: Vec<usize> = (0..examples.len()).collect();
        for epoch in 1..=args.epochs {
            rng.shuffle(&mut order);
            let wrong = trainer.epoch(&examples, &order);
            let model = trainer
                .model(args.prune, args.keep_rows, args.min_code, args.code_step, gaz.clone())
                .map_err(|e| e.to_string())?;
            let f1s: Vec<String> =
                evaluate(&model, &dev).into_iter().map(|(n, f)| format!("{n} F1 {:.4}", f)).collect();
            eprintln!(
                "epoch {epoch}: {:.3}% chars wrong; {}; {:.1}s",
                100.0 * wrong as f64 / chars.max(1) as f64,
                f1s.join(", "),
                t0.elapsed().as_secs_f32()
            );
        }
        let mut model = trainer
            .model(args.prune, args.keep_rows, args.min_code, args.code_step, gaz.clone())
            .map_err(|e| e.to_string())?;
        // One scalar tuned on dev: the bonus for starting an entity (see Model::set_entity_bias).
        let mut best = (f64::MIN, 0.0f32);
        for bias in [0.0f32, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0] {
            model.set_entity_bias(bias);
            let f1s = evaluate(&model, &dev);
            let mean = f1s.iter().map(|(_, f)| f).sum::<f64>() / f1s.len().max(1) as f64;
            let shown: Vec<String> = f1s.iter().map(|(n, f)| format!("{n} {f:.4}")).collect();
            eprintln!("entity bias {bias}: {}", shown.join(", "));
            if mean > best.0 {
                best = (mean, bias);
            }
        }
        model.set_entity_bias(best.1);
        eprintln!("chose entity bias {}", best.1);
        let bytes = model.to_file_bytes();
        std::fs::write(&args.out, &bytes).map_err(|e| format!("{}: {e}", args.out.display()))?;
        eprintln!(
            "wrote {} ({} bytes, {} non-zero rows) in {:.1}s total",
            args.out.display(),
            bytes.len(),
            model.non_zero_rows(),
            t0.elapsed().as_secs_f32()
        );
        Ok(())
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod fine_tune {
    use bulletin::core::annotations::AnnotationSet;
    use bulletin::core::entity::{Origin, Span};
    use bulletin::core::formats::{detect, import, ImportErrorKind, ImportOptions};
    use bulletin::core::ner::adapt;
    use bulletin::core::ner::corpus::read_jsonl;
    use bulletin::core::ner::tags::TYPES;
    use bulletin::core::pipeline::Pipeline;
    use bulletin::core::segment::Segmenter;
    use std::collections::BTreeMap;
    use std::path::{Path, PathBuf};

    /// The documents of a training file: text and gold.
    fn documents(path: &Path) -> Result<Vec<(String, AnnotationSet)>, String> {
        let name = path.display().to_string();
        let raw = std::fs::read(path).map_err(|e| format!("{name}: {e}"))?;
        let text = String::from_utf8(raw).ok();
        let format = text.as_deref().and_then(|t| detect(t, &name));
        let (Some(text), Some(format)) = (text, format) else {
            // Not a format the app imports: a corpus JSONL, maybe gzip-compressed.
            let records = read_jsonl(path)?;
            return records
                .into_iter()
                .map(|r| {
                    let mut set = AnnotationSet::new(r.text.chars().count()).with_nesting(true);
                    for e in &r.entities {
                        set.add(Span { start: e.start, end: e.end }, &e.label, Origin::Manual, None)
                            .map_err(|err| format!("{name}: {err}"))?;
                    }
                    Ok((r.text, set))
                })
                .collect();
        };
        let mut options = ImportOptions { nesting: true, ..ImportOptions::default() };
        let project = match import(format, &text, &name, &options) {
            Err(err) if err.kind == ImportErrorKind::UnknownLabel => {
                options.labels = options.labels.with_added(&err.unknown_labels).map_err(|e| e.to_string())?;
                import(format, &text, &name, &options).map_err(|e| e.to_string())?
            }
            other => other.map_err(|e| e.to_string())?,
        };
        Ok(project.documents.into_iter().map(|d| (d.text.to_string(), d.entities().clone())).collect())
    }

    pub fn run(base: &str, files: &[PathBuf], out: &Path) -> Result<(), String> {
        let mut pipeline = if base == "shipped" {
            Pipeline::default()
        } else {
            let bytes = std::fs::read(base).map_err(|e| format!("{base}: {e}"))?;
            Pipeline::with_model_bytes(Segmenter::new(), &bytes).map_err(|e| format!("{base}: {e}"))?
        };
        let (mut docs, mut sentences) = (0, 0);
        let mut not_learned: BTreeMap<String, usize> = BTreeMap::new();
        for file in files {
            for (i, (text, set)) in documents(file)?.into_iter().enumerate() {
                for e in set.iter().filter(|e| !TYPES.contains(&e.label.as_str())) {
                    *not_learned.entry(e.label.clone()).or_default() += 1;
                }
                let lessons = adapt::all_lessons(&text, &set);
                sentences += lessons.len();
                docs += 1;
                pipeline.learn(&format!("{}#{i}", file.display()), &lessons);
            }
        }
        let file = pipeline
            .bulletin_mut()
            .and_then(|r| r.adaptation_file())
            .ok_or("the base model is not a trained tagger")?;
        let changes: usize = file.taught.iter().map(|t| t.changes.len()).sum();
        let json = serde_json::to_string(&file).map_err(|e| e.to_string())?;
        std::fs::write(out, &json).map_err(|e| format!("{}: {e}", out.display()))?;
        eprintln!(
            "learned {sentences} sentences of {docs} documents: {changes} weight changes, {} bytes in {}",
            json.len(),
            out.display()
        );
        if !not_learned.is_empty() {
            let list: Vec<String> = not_learned.iter().map(|(l, n)| format!("{l} ×{n}")).collect();
            eprintln!("not learned (the model tags PER, LOC and ORG): {}", list.join(", "));
        }
        Ok(())
    }
}
