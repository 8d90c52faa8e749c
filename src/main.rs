//! The web app's entry point (built by Trunk for wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    // console_error_panic_hook plus a rescue banner with an "Export my work" link.
    bulletin::browser::panic::install();
    bulletin::browser::panic::arm_test_trigger();
    yew::Renderer::<bulletin::ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The app runs in the browser: `make run` builds and serves it. Native tools: annotate, convert, evaluate."
    );
}
