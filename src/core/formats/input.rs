//! Reading input files natively (command-line tools): gzip detection and UTF-8 decoding
//! with a line number on failure. Not built for wasm32, where the browser decodes files.

use std::io::Read;

/// The two magic bytes that start every gzip stream.
pub const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// Decompresses `bytes` if they start with the gzip magic (concatenated members too), then
/// decodes UTF-8, dropping a leading byte-order mark. Errors name the line of the first bad byte.
pub fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let bytes = if bytes.starts_with(&GZIP_MAGIC) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(bytes.as_slice())
            .read_to_end(&mut out)
            .map_err(|e| format!("the input looks gzip-compressed but cannot be decompressed: {e}"))?;
        out
    } else {
        bytes
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(text)
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let line = e.as_bytes().get(..valid).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
            Err(format!("line {line}: the input is not valid UTF-8 (bad byte at offset {valid})"))
        }
    }
}

/// Reads a file, or standard input when `path` is `None` or `-`, and [`decode`]s it.
pub fn read_input(path: Option<&str>) -> Result<String, String> {
    let mut bytes = Vec::new();
    match path {
        None | Some("-") => {
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        }
        Some(path) => {
            bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
        }
    }
    decode(bytes).map_err(|e| match path {
        Some(path) if path != "-" => format!("{path}: {e}"),
        _ => e,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn gzip_is_detected_by_magic_bytes() {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all("{\"text\": \"郑州\"}\n".as_bytes()).unwrap();
        let gz = encoder.finish().unwrap();
        assert_eq!(decode(gz).unwrap(), "{\"text\": \"郑州\"}\n");
        assert_eq!(decode(b"\xef\xbb\xbfplain".to_vec()).unwrap(), "plain");
    }

    #[test]
    fn bad_utf8_names_the_line() {
        let err = decode(b"ok\nok\n\xff\n".to_vec()).unwrap_err();
        assert!(err.starts_with("line 3:"), "{err}");
    }
}

/// Walks command-line options, `--name value` or `--name=value`, calling
/// `handle(name, value)` for each; `value()` takes the option's value. `--help`/`-h` prints
/// `usage` and exits; an option `handle` does not know (it returns `Ok(false)`) is an error.
pub fn parse_options(
    args: impl IntoIterator<Item = String>,
    usage: &str,
    mut handle: impl FnMut(&str, &mut dyn FnMut() -> Result<String, String>) -> Result<bool, String>,
) -> Result<(), String> {
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        if name == "--help" || name == "-h" {
            println!("{usage}");
            std::process::exit(0);
        }
        let mut value = || inline.clone().or_else(|| it.next()).ok_or(format!("{name} needs a value\n{usage}"));
        if !handle(&name, &mut value)? {
            return Err(format!("unknown argument {name:?}\n{usage}"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod option_tests {
    use super::*;

    fn collect(args: &[&str]) -> Result<Vec<(String, String)>, String> {
        let mut seen = Vec::new();
        parse_options(args.iter().map(|s| s.to_string()), "usage", |name, value| {
            if name == "--bad" {
                return Ok(false);
            }
            seen.push((name.to_owned(), value()?));
            Ok(true)
        })?;
        Ok(seen)
    }

    #[test]
    fn options_take_inline_or_following_values() {
        let got = collect(&["--input", "a.jsonl", "--format=conll", "-o", "out"]).unwrap();
        let want = [("--input", "a.jsonl"), ("--format", "conll"), ("-o", "out")];
        assert_eq!(got, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
        assert!(collect(&["--input"]).unwrap_err().starts_with("--input needs a value"));
        assert!(collect(&["--bad", "x"]).unwrap_err().starts_with("unknown argument \"--bad\""));
    }
}
