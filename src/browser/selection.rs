//! Reading the DOM selection: the one place that does it. The DOM counts UTF-16 units;
//! callers convert with `core::text::TextIndex`.

use crate::core::text::Utf16Offset;
use wasm_bindgen::JsCast;

/// The selection's `[start, end)` in UTF-16 units from the start of `container`'s text,
/// if it is non-empty and lies (at least partly) inside `container`.
pub fn selection_in(container: &web_sys::Element) -> Option<(Utf16Offset, Utf16Offset)> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() || selection.range_count() == 0 {
        return None;
    }
    let range = selection.get_range_at(0).ok()?;
    let node: &web_sys::Node = container.unchecked_ref();
    let start_inside = node.contains(Some(&range.start_container().ok()?));
    let end_inside = node.contains(Some(&range.end_container().ok()?));
    if !start_inside && !end_inside {
        return None;
    }
    let total = text_units(node)?;
    let start =
        if start_inside { units_before(node, &range.start_container().ok()?, range.start_offset().ok()?)? } else { 0 };
    let end =
        if end_inside { units_before(node, &range.end_container().ok()?, range.end_offset().ok()?)? } else { total };
    (start < end).then_some((Utf16Offset(start), Utf16Offset(end)))
}

/// UTF-16 length of the text between the start of `container` and `(node, offset)`.
/// `Range.toString()` counts only text nodes, which is exactly the document text.
fn units_before(container: &web_sys::Node, node: &web_sys::Node, offset: u32) -> Option<usize> {
    let document = web_sys::window()?.document()?;
    let range = document.create_range().ok()?;
    range.set_start(container, 0).ok()?;
    range.set_end(node, offset).ok()?;
    let text: js_sys::JsString = range.to_string();
    Some(text.length() as usize)
}

fn text_units(container: &web_sys::Node) -> Option<usize> {
    let text: js_sys::JsString = container.text_content()?.into();
    Some(text.length() as usize)
}

/// Clears the page's selection (after it became an entity).
pub fn clear() {
    if let Some(Ok(Some(selection))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = selection.remove_all_ranges();
    }
}

/// Scrolls the entity with `id` into view and focuses it.
pub fn reveal_entity(id: u64) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(Some(element)) = document.query_selector(&format!(".doc-text [data-id=\"{id}\"]")) else { return };
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    element.scroll_into_view_with_scroll_into_view_options(&options);
    if let Ok(element) = element.dyn_into::<web_sys::HtmlElement>() {
        let _ = element.focus();
    }
}
