//! Wall-clock time in the browser (the core has no clock).

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now() as i64
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        crate::core::time::now_ms()
    }
}

/// Now as RFC 3339.
pub fn now() -> String {
    crate::core::time::rfc3339(now_ms())
}

/// Runs `f` in a task of its own once the current one is over (a zero-delay timeout):
/// after a render, or to split long work so the page can paint in between. Calls made this
/// way run in the order they were made.
pub fn after_this_task(f: impl FnOnce() + 'static) {
    gloo_timers::callback::Timeout::new(0, f).forget();
}
