//! Reading dropped or opened files as text. UTF-8 first; GB18030 (a superset of GBK,
//! common for Chinese text files) when the bytes are not valid UTF-8.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The largest file read as a text to analyse.
pub const MAX_TEXT_FILE_BYTES: f64 = 20.0 * 1024.0 * 1024.0;

/// A file's name and decoded text.
pub struct TextFile {
    pub name: String,
    pub text: String,
}

/// Reads every file, in order. A file that cannot be read gives an error naming it.
pub async fn read_text_files(files: Vec<web_sys::File>) -> Vec<Result<TextFile, String>> {
    let mut out = Vec::new();
    for file in &files {
        out.push(read_text_file(file).await);
    }
    out
}

fn to_vec(list: &web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

pub async fn read_text_file(file: &web_sys::File) -> Result<TextFile, String> {
    let name = file.name();
    if file.size() > MAX_TEXT_FILE_BYTES {
        return Err(format!(
            "{name}: the file is {:.1} MB; the limit is {} MB",
            file.size() / 1_048_576.0,
            MAX_TEXT_FILE_BYTES / 1_048_576.0
        ));
    }
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| format!("{name}: the browser could not read the file"))?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let text = decode(&bytes).ok_or_else(|| format!("{name}: the file is neither UTF-8 nor GB18030 text"))?;
    Ok(TextFile { name, text })
}

fn decode(bytes: &[u8]) -> Option<String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.strip_prefix('\u{feff}').unwrap_or(text).to_owned());
    }
    let options = web_sys::TextDecoderOptions::new();
    options.set_fatal(true);
    let decoder = web_sys::TextDecoder::new_with_label_and_options("gb18030", &options).ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// The files of a drop event, if any.
pub fn dropped_files(event: &web_sys::DragEvent) -> Vec<web_sys::File> {
    event.data_transfer().and_then(|d| d.files()).map(|f| to_vec(&f)).unwrap_or_default()
}

/// The files chosen in an `<input type=file>`; clears the input so the same file can be
/// chosen again.
pub fn input_files(event: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else {
        return Vec::new();
    };
    let files = input.files().map(|f| to_vec(&f)).unwrap_or_default();
    input.set_value("");
    files
}
