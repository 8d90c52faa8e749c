//! Label colours as CSS custom properties, in a constructed stylesheet: the strict CSP
//! forbids `style` attributes and inline `<style>`, but not stylesheets built through the
//! CSSOM. The built-in labels also have colours in app.css; this covers renamed and new
//! ones and recolourings.

use crate::core::label::LabelSet;
use wasm_bindgen::JsCast;

/// Replaces the label colour rules with ones for `labels`.
pub fn apply(labels: &LabelSet) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let rules: String = labels
        .iter()
        // Colours are validated as #rrggbb; names are escaped for the selector.
        .map(|l| format!(".label-{} {{ --c: {}; }}\n", web_sys::css::escape(&l.name), l.colour))
        .collect();
    let Ok(sheet) = web_sys::CssStyleSheet::new() else { return };
    if sheet.replace_sync(&rules).is_err() {
        return;
    }
    let sheets = js_sys::Array::of1(&sheet);
    // Keep sheets that others adopted; replace only ours (marked by a property).
    let marker = wasm_bindgen::JsValue::from_str("bulletinLabels");
    let _ = js_sys::Reflect::set(&sheet, &marker, &wasm_bindgen::JsValue::TRUE);
    for existing in document.adopted_style_sheets().iter() {
        let ours = js_sys::Reflect::get(&existing, &marker).map(|v| v.is_truthy()).unwrap_or(false);
        if !ours && existing.is_instance_of::<web_sys::CssStyleSheet>() {
            sheets.push(&existing);
        }
    }
    document.set_adopted_style_sheets(&sheets);
}
