//! `convert`: between the interchange formats.
//!
//! ```text
//! convert --from FMT --to FMT [--input FILE] [--output FILE]
//!         [--from-offsets codepoint|utf16] [--to-offsets codepoint|utf16] [--add-labels]
//! ```
//!
//! FMT is `json`, `doccano`, `labelstudio`, `conll` or `brat` (output only); `--from auto`
//! guesses. Input may be gzip-compressed. Labels outside the default set are refused unless
//! `--add-labels` adds them. brat output is a ZIP, so it needs `--output` or a pipe.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(message) = native::run() {
        eprintln!("convert: {message}");
        std::process::exit(1);
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use bulletin::core::formats::{detect, import, input, Format, ImportErrorKind, ImportOptions, OffsetUnit};
    use bulletin::core::time::{now_ms, rfc3339};
    use std::io::{IsTerminal, Write};

    const USAGE: &str =
        "usage: convert --from json|doccano|labelstudio|conll|auto --to json|doccano|labelstudio|conll|brat \
                         [--input FILE] [--output FILE] [--from-offsets codepoint|utf16] \
                         [--to-offsets codepoint|utf16] [--add-labels]";

    #[derive(Default)]
    struct Args {
        from: Option<String>,
        to: Option<String>,
        input: Option<String>,
        output: Option<String>,
        from_offsets: Option<OffsetUnit>,
        to_offsets: Option<OffsetUnit>,
        add_labels: bool,
    }

    fn parse_args() -> Result<Args, String> {
        let mut args = Args::default();
        let unit = |v: String| OffsetUnit::parse(&v).ok_or(format!("unknown offset unit {v:?}\n{USAGE}"));
        input::parse_options(std::env::args().skip(1), USAGE, |name, value| {
            match name {
                "--from" => args.from = Some(value()?),
                "--to" => args.to = Some(value()?),
                "--input" | "-i" => args.input = Some(value()?),
                "--output" | "-o" => args.output = Some(value()?),
                "--from-offsets" => args.from_offsets = Some(unit(value()?)?),
                "--to-offsets" => args.to_offsets = Some(unit(value()?)?),
                "--add-labels" => args.add_labels = true,
                _ => return Ok(false),
            }
            Ok(true)
        })?;
        Ok(args)
    }

    pub fn run() -> Result<(), String> {
        let args = parse_args()?;
        let text = input::read_input(args.input.as_deref())?;
        let file_name = args.input.clone().unwrap_or_else(|| "stdin".into());
        let from = match args.from.as_deref() {
            None | Some("auto") => {
                detect(&text, &file_name).ok_or(format!("cannot tell the input format; pass --from\n{USAGE}"))?
            }
            Some(name) => Format::parse(name).ok_or(format!("unknown format {name:?}\n{USAGE}"))?,
        };
        let from = args.from_offsets.map_or(from, |u| from.with_unit(u));
        let to = args.to.as_deref().ok_or(format!("--to is required\n{USAGE}"))?;
        let to = Format::parse(to).ok_or(format!("unknown format {to:?}\n{USAGE}"))?;
        let to = args.to_offsets.map_or(to, |u| to.with_unit(u));
        let now = rfc3339(now_ms());
        let mut options = ImportOptions { now: now.clone(), ..ImportOptions::default() };
        let project = match import(from, &text, &file_name, &options) {
            Err(err) if err.kind == ImportErrorKind::UnknownLabel && args.add_labels => {
                options.labels = options.labels.with_added(&err.unknown_labels).map_err(|e| e.to_string())?;
                import(from, &text, &file_name, &options).map_err(|e| e.to_string())?
            }
            Err(err) if err.kind == ImportErrorKind::UnknownLabel => {
                return Err(format!("{err}\n(pass --add-labels to add them)"));
            }
            other => other.map_err(|e| e.to_string())?,
        };
        let exported = to.export_all(&project, &now).map_err(|e| e.to_string())?;
        let bytes = match (&exported.content, &args.output) {
            (bulletin::core::formats::ExportContent::Bytes(_), None) if std::io::stdout().is_terminal() => {
                return Err(format!("{to} output is binary; pass --output {}", exported.file_name));
            }
            _ => exported.into_bytes(),
        };
        match &args.output {
            Some(path) => std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}")),
            None => std::io::stdout().lock().write_all(&bytes).map_err(|e| format!("cannot write: {e}")),
        }
    }
}
