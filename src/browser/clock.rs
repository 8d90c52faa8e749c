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
