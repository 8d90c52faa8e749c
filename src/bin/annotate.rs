//! `annotate`: JSON Lines in, JSON Lines with entities out.
//!
//! ```text
//! annotate [--input FILE] [--format jsonl|doccano|labelstudio|conll|brat|json]
//!          [--offsets codepoint|utf16] [--output FILE] [--model MODEL] [--adaptation FILE]
//! ```
//!
//! `--model` uses a model file `train` wrote instead of the shipped one. `--adaptation` puts
//! a model adaptation (the file the app's Model panel exports and `train --base` writes, see
//! `docs/ner.md`, "Learning from corrections") on the model first; a file learned on another
//! model is refused.
//!
//! Reads JSONL from standard input or `--input` (gzip is detected by its magic bytes). Each
//! line is an object with a `"text"` string; other fields pass through unchanged. By default
//! writes one line per input, in order: the input object plus
//! `"entities": [{"start", "end", "label", "text"}]`, offsets in code points, end exclusive,
//! with the default labels. `--format` writes one of the interchange formats instead (brat is
//! a ZIP). Bad input stops the tool with a non-zero exit and the line number. A progress bar
//! goes to stderr when stderr is a terminal.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(message) = native::run() {
        eprintln!("annotate: {message}");
        std::process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use bulletin::core::document::{Document, Project};
    use bulletin::core::formats::records::{entities_json, output_line, parse_records, record_document};
    use bulletin::core::formats::{input, Format, OffsetUnit};
    use bulletin::core::pipeline::Pipeline;
    use bulletin::core::segment::Segmenter;
    use bulletin::core::time::{now_ms, rfc3339};
    use std::io::{IsTerminal, Write};

    const USAGE: &str = "usage: annotate [--input FILE] [--format jsonl|doccano|labelstudio|conll|brat|json] \
                         [--offsets codepoint|utf16] [--output FILE] [--model MODEL] [--adaptation FILE]";

    struct Args {
        input: Option<String>,
        output: Option<String>,
        format: Option<Format>,
        offsets: Option<OffsetUnit>,
        adaptation: Option<String>,
        model: Option<String>,
    }

    fn parse_args() -> Result<Args, String> {
        let mut args = Args { input: None, output: None, format: None, offsets: None, adaptation: None, model: None };
        input::parse_options(std::env::args().skip(1), USAGE, |name, value| {
            match name {
                "--input" | "-i" => args.input = Some(value()?),
                "--output" | "-o" => args.output = Some(value()?),
                "--adaptation" => args.adaptation = Some(value()?),
                "--model" => args.model = Some(value()?),
                "--format" | "-f" => {
                    let v = value()?;
                    args.format = match v.as_str() {
                        "jsonl" | "default" => None,
                        other => Some(Format::parse(other).ok_or(format!("unknown format {other:?}\n{USAGE}"))?),
                    };
                }
                "--offsets" => {
                    let v = value()?;
                    args.offsets = Some(OffsetUnit::parse(&v).ok_or(format!("unknown offset unit {v:?}\n{USAGE}"))?);
                }
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(args)
    }

    pub fn run() -> Result<(), String> {
        let args = parse_args()?;
        let text = input::read_input(args.input.as_deref())?;
        let records = parse_records(&text).map_err(|e| e.to_string())?;
        let now = rfc3339(now_ms());
        let mut pipeline = match &args.model {
            None => Pipeline::default(),
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
                Pipeline::with_model_bytes(Segmenter::new(), &bytes).map_err(|e| format!("{path}: {e}"))?
            }
        };
        if let Some(path) = &args.adaptation {
            let raw = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            let file = serde_json::from_str(&raw).map_err(|e| format!("{path}: not an adaptation file ({e})"))?;
            let recogniser = pipeline.bulletin_mut().ok_or("the model did not load")?;
            recogniser.load_adaptation(file).map_err(|e| format!("{path}: {e}"))?;
        }
        let mut progress = Progress::new(records.len());
        let mut out: Box<dyn Write> = match &args.output {
            Some(path) => Box::new(std::fs::File::create(path).map_err(|e| format!("{path}: {e}"))?),
            None => Box::new(std::io::stdout().lock()),
        };
        let mut out = std::io::BufWriter::new(&mut out);
        let mut taken = std::collections::HashSet::new();
        let mut docs: Vec<Document> = Vec::new();
        for record in &records {
            let analysis = pipeline.analyze(&record.text).map_err(|e| format!("line {}: {e}", record.line))?;
            let mut doc = record_document(record, &mut taken, &now);
            doc.apply_analysis(analysis);
            match args.format {
                None => {
                    let line = output_line(record, &entities_json(&doc));
                    writeln!(out, "{line}").map_err(|e| format!("cannot write: {e}"))?;
                }
                Some(_) => docs.push(doc),
            }
            progress.tick();
        }
        progress.done();
        if let Some(format) = args.format {
            let format = args.offsets.map_or(format, |unit| format.with_unit(unit));
            let project = Project { documents: docs, ..Project::default() };
            let exported = format.export_all(&project, &now).map_err(|e| e.to_string())?;
            out.write_all(&exported.into_bytes()).map_err(|e| format!("cannot write: {e}"))?;
        }
        out.flush().map_err(|e| format!("cannot write: {e}"))
    }

    /// A one-line bar on stderr, drawn only when stderr is a terminal.
    struct Progress {
        total: usize,
        done: usize,
        shown: bool,
        last_width: usize,
    }

    impl Progress {
        fn new(total: usize) -> Self {
            Self { total, done: 0, shown: std::io::stderr().is_terminal() && total > 0, last_width: usize::MAX }
        }

        fn tick(&mut self) {
            self.done += 1;
            if !self.shown {
                return;
            }
            const WIDTH: usize = 30;
            let filled = self.done * WIDTH / self.total.max(1);
            if filled == self.last_width && self.done != self.total && !self.done.is_multiple_of(50) {
                return;
            }
            self.last_width = filled;
            eprint!("\r[{}{}] {}/{}", "#".repeat(filled), " ".repeat(WIDTH - filled), self.done, self.total);
        }

        fn done(&self) {
            if self.shown {
                eprintln!();
            }
        }
    }
}
