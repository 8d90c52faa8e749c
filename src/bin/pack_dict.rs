//! Packs jieba-rs's `dict.txt` into `assets/jieba-dict.br` (see `core::dict`).
//!
//! ```text
//! scripts/pack-dict.sh        # finds jieba-rs's dict.txt through cargo metadata
//! cargo run --release --bin pack_dict -- --dict PATH/TO/dict.txt --out assets/jieba-dict.br
//! ```
//! The output is deterministic: brotli quality 11, window 24.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    if let Err(e) = run() {
        eprintln!("pack_dict: {e}");
        std::process::exit(1);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run() -> Result<(), String> {
    use bulletin::core::compressed::compress;
    use bulletin::core::dict::{pack_columns, unpack};

    const USAGE: &str = "usage: pack_dict --dict dict.txt --out assets/jieba-dict.br";
    let (mut dict_path, mut out_path) = (None, None);
    bulletin::core::formats::input::parse_options(std::env::args().skip(1), USAGE, |name, value| {
        match name {
            "--dict" => dict_path = Some(value()?),
            "--out" => out_path = Some(value()?),
            _ => return Ok(false),
        }
        Ok(true)
    })?;
    let (Some(dict_path), Some(out_path)) = (dict_path, out_path) else { return Err(USAGE.into()) };
    let dict = std::fs::read_to_string(&dict_path).map_err(|e| format!("{dict_path}: {e}"))?;
    let columns = pack_columns(&dict).map_err(|e| format!("{dict_path}: {e}"))?;
    let packed = compress(&columns);
    if unpack(&packed).map_err(|e| e.to_string())? != dict {
        return Err("the packed dictionary does not decode to the input".into());
    }
    std::fs::write(&out_path, &packed).map_err(|e| format!("{out_path}: {e}"))?;
    eprintln!("{dict_path}: {} bytes → {out_path}: {} bytes", dict.len(), packed.len());
    Ok(())
}
