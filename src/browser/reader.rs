//! DOM glue for the reading view: the browser's language, the page's `lang`, scrolling.

use wasm_bindgen::JsValue;

/// `navigator.language`, or `""` when unavailable.
pub fn navigator_language() -> String {
    let Some(window) = web_sys::window() else { return String::new() };
    js_sys::Reflect::get(&window, &JsValue::from_str("navigator"))
        .and_then(|nav| js_sys::Reflect::get(&nav, &JsValue::from_str("language")))
        .ok()
        .and_then(|lang| lang.as_string())
        .unwrap_or_default()
}

/// Sets `<html lang>` and the page title, so assistive technology reads the UI in its
/// language.
pub fn set_document_lang(tag: &str, title: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", tag);
    }
    document.set_title(title);
}

/// Scrolls the mention with entity `id` to the middle of the viewport, leaving focus where
/// it is (on the index), so the mention keys keep working.
pub fn scroll_to_mention(id: u64) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(Some(element)) = document.query_selector(&format!(".doc-text [data-id=\"{id}\"]")) else { return };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    element.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Scrolls to the element with `id` and moves focus there (for outline jumps).
pub fn jump_to(id: &str) {
    use wasm_bindgen::JsCast;
    let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else {
        return;
    };
    element.scroll_into_view_with_bool(true);
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
