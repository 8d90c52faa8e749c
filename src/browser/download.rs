//! Saving bytes as a file through a temporary `blob:` link; nothing leaves the machine.

use wasm_bindgen::{JsCast, JsValue};

/// Offers `bytes` for download as `file_name`.
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo_document()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.set_hidden(true);
    let body = document.body().ok_or_else(|| JsValue::from_str("no <body>"))?;
    body.append_child(&anchor)?;
    anchor.click();
    anchor.remove();
    // Revoke later: some browsers read the blob after click() returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000);
    }
    Ok(())
}

fn gloo_document() -> Result<web_sys::Document, JsValue> {
    web_sys::window().and_then(|w| w.document()).ok_or_else(|| JsValue::from_str("no document"))
}

/// A file name made safe for every OS, from a document title.
pub fn safe_file_stem(title: &str) -> String {
    let stem: String = title
        .chars()
        .map(|c| if c.is_control() || "\\/:*?\"<>|".contains(c) || c.is_whitespace() { '_' } else { c })
        .take(40)
        .collect();
    let stem = stem.trim_matches(['_', '.']);
    if stem.is_empty() {
        "bulletin".into()
    } else {
        stem.into()
    }
}
