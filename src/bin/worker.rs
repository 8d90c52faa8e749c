//! The analysis web worker's entry point (built by Trunk as `data-type="worker"`).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    bulletin::browser::worker::register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
