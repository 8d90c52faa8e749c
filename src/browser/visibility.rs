//! Which blocks of paragraphs of a long document are near the viewport (IntersectionObserver), so the
//! document view draws entity highlights only there.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How far beyond the viewport a block still counts as near: about two screens.
const MARGIN: &str = "1500px 0px";

/// Stops watching when dropped.
pub struct ParagraphWatch {
    observer: web_sys::IntersectionObserver,
    _callback: Closure<dyn FnMut(js_sys::Array)>,
}

impl Drop for ParagraphWatch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Watches the `[data-block]` elements inside `host` and calls `on_change(first, last)` with
/// the range of block indexes near the viewport whenever it changes.
pub fn watch_blocks(host: &web_sys::Element, on_change: impl Fn(usize, usize) + 'static) -> Option<ParagraphWatch> {
    let near: Rc<RefCell<BTreeSet<usize>>> = Rc::default();
    let last_sent = Rc::new(RefCell::new(None::<(usize, usize)>));
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let mut near = near.borrow_mut();
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<web_sys::IntersectionObserverEntry>() else { continue };
            let Some(index) = entry.target().get_attribute("data-block").and_then(|v| v.parse::<usize>().ok()) else {
                continue;
            };
            if entry.is_intersecting() {
                near.insert(index);
            } else {
                near.remove(&index);
            }
        }
        if let (Some(&first), Some(&last)) = (near.first(), near.last()) {
            if last_sent.replace(Some((first, last))) != Some((first, last)) {
                on_change(first, last);
            }
        }
    });
    let init = web_sys::IntersectionObserverInit::new();
    init.set_root_margin(MARGIN);
    let observer = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init).ok()?;
    let paragraphs = host.query_selector_all("[data-block]").ok()?;
    for i in 0..paragraphs.length() {
        if let Some(element) = paragraphs.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
            observer.observe(&element);
        }
    }
    Some(ParagraphWatch { observer, _callback: callback })
}
