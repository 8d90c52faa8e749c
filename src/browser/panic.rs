//! The last line of defence: if the app panics anyway, a banner says so and offers the
//! latest saved project as a download.
//!
//! After a panic the wasm instance is dead (release builds abort), so nothing may depend
//! on Rust code running later: the hook builds a plain `<a download href="blob:…">` from
//! the snapshot that autosave last handed to [`remember_snapshot`], and the browser does
//! the rest. The banner is built with DOM calls and `set_text_content` only, never HTML.
//!
//! `?panic-test` in the page URL arms a test trigger (see [`arm_test_trigger`]); user
//! text cannot reach it.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The banner's element id; a second panic does not add a second banner.
pub const BANNER_ID: &str = "panic-banner";
/// The URL parameter that arms [`arm_test_trigger`].
pub const TEST_PARAM: &str = "panic-test";
/// The window event the armed trigger listens for. A string `detail` is remembered as the
/// snapshot first, so the test can check the rescued file byte for byte.
pub const TEST_EVENT: &str = "bulletin-panic-test";

thread_local! {
    static SNAPSHOT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Keeps `json` (the latest saved project) as what the rescue link will download.
/// Autosave calls this after every successful save; it only copies a string.
pub fn remember_snapshot(json: &str) {
    SNAPSHOT.with(|cell| {
        // A panic while the snapshot is borrowed cannot happen here, but the hook must
        // never panic itself, so both sides use try_borrow.
        if let Ok(mut snapshot) = cell.try_borrow_mut() {
            snapshot.clear();
            snapshot.push_str(json);
        }
    });
}

/// Installs the panic hook: the console message (console_error_panic_hook), then the
/// rescue banner. Through Yew's setter: `Renderer::render` replaces a hook set with
/// `std::panic::set_hook` by its own console-only one.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let payload = info.payload();
        let message = payload
            .downcast_ref::<&str>()
            .copied()
            .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
            .unwrap_or("unknown error");
        if let Err(err) = show_banner(message) {
            web_sys::console::error_2(&"could not show the rescue banner:".into(), &err);
        }
    }));
}

fn show_banner(message: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    if document.get_element_by_id(BANNER_ID).is_some() {
        return Ok(());
    }
    let body = document.body().ok_or("no <body>")?;
    let element = |tag: &str, class: &str, text: &str| -> Result<web_sys::Element, JsValue> {
        let el = document.create_element(tag)?;
        if !class.is_empty() {
            el.set_class_name(class);
        }
        el.set_text_content(Some(text));
        Ok(el)
    };

    let banner = element("div", "panic-banner", "")?;
    banner.set_id(BANNER_ID);
    banner.set_attribute("role", "alert")?;
    banner.set_attribute("data-testid", "panic-banner")?;
    let title = element("strong", "", "The app stopped working. · 应用出错，已停止运行。")?;
    banner.append_child(&title)?;
    let detail = element("p", "panic-detail", &format!("Error: {message}"))?;
    banner.append_child(&detail)?;

    let snapshot = SNAPSHOT.with(|cell| cell.try_borrow().map(|s| s.clone()).unwrap_or_default());
    if snapshot.is_empty() {
        let nothing = element("p", "", "No saved work to export. · 没有可导出的已保存内容。")?;
        banner.append_child(&nothing)?;
    } else {
        let link: web_sys::HtmlAnchorElement =
            element("a", "button primary", "Export my work · 导出我的工作")?.dyn_into()?;
        link.set_href(&blob_url(&snapshot)?);
        link.set_download(&format!("bulletin-rescue-{}.json", js_sys::Date::now() as u64));
        link.set_attribute("data-testid", "panic-export")?;
        banner.append_child(&link)?;
    }
    let reload: web_sys::HtmlAnchorElement = element("a", "button", "Reload · 重新加载")?.dyn_into()?;
    reload.set_href("./");
    reload.set_attribute("data-testid", "panic-reload")?;
    banner.append_child(&reload)?;
    body.insert_before(&banner, body.first_child().as_ref())?;
    Ok(())
}

/// A `blob:` URL of `json`; it lives as long as the page, which is what the link needs.
fn blob_url(json: &str) -> Result<String, JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(json));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    web_sys::Url::create_object_url_with_blob(&blob)
}

/// With `?panic-test` in the URL, a [`TEST_EVENT`] on `window` panics, so end-to-end
/// tests can check the banner and its rescue link. Without the parameter this does
/// nothing; only a script on the page can dispatch the event.
pub fn arm_test_trigger() {
    let Some(window) = web_sys::window() else { return };
    let search = window.location().search().unwrap_or_default();
    let armed = search.trim_start_matches('?').split('&').any(|p| p == TEST_PARAM || p.starts_with("panic-test="));
    if !armed {
        return;
    }
    let trigger = Closure::<dyn Fn(web_sys::CustomEvent)>::new(|event: web_sys::CustomEvent| {
        if let Some(json) = event.detail().as_string() {
            remember_snapshot(&json);
        }
        panic!("test panic requested with ?{TEST_PARAM}");
    });
    if window.add_event_listener_with_callback(TEST_EVENT, trigger.as_ref().unchecked_ref()).is_ok() {
        trigger.forget();
    }
}
