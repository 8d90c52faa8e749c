//! Fetching the NER model (`ner-model.bin`, beside the worker's files) inside the worker.
//! A separate file rather than bytes in the wasm: the service worker caches it, and the
//! worker can answer with the POS fallback if it is missing.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The model's URL, relative to the worker script (the dist root).
pub const MODEL_URL: &str = "./ner-model.bin";

/// The model file's bytes, or why they could not be had.
pub async fn fetch_model() -> Result<Vec<u8>, String> {
    let global: web_sys::WorkerGlobalScope =
        js_sys::global().dyn_into().map_err(|_| "not running in a worker".to_string())?;
    let response = JsFuture::from(global.fetch_with_str(MODEL_URL)).await.map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("{MODEL_URL}: HTTP {}", response.status()));
    }
    let buffer = response.array_buffer().map_err(|e| format!("{e:?}"))?;
    let buffer = JsFuture::from(buffer).await.map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}
