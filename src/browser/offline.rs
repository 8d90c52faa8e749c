//! Offline support: registers the service worker (`static/sw.js`, copied to the dist/
//! root) and tells the UI when a new deployment is installed and waiting.
//!
//! The worker precaches the app's files into a cache named after the build, serves them
//! cache-first, and deletes older caches when it activates. A new deployment waits until
//! the user accepts the reload ([`apply_update`]), so a page never mixes two versions.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Relative to the page, with scope `./`: the app works under any sub-path.
pub const SERVICE_WORKER_URL: &str = "./sw.js";

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
}

fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    // Missing outside secure contexts (plain http on a LAN address) and in some private modes.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into()).ok()?.then(|| navigator.service_worker())
}

/// Registers the service worker and calls `on_update_ready` (at most once) when a new
/// version is installed and waiting for this page to let go. Failures only log: the app
/// works without offline support.
pub fn register(on_update_ready: impl Fn() + 'static) {
    let Some(container) = container() else { return };
    let options = web_sys::RegistrationOptions::new();
    options.set_scope("./");
    let notify = once(on_update_ready);
    wasm_bindgen_futures::spawn_local(async move {
        let registration: ServiceWorkerRegistration =
            match JsFuture::from(container.register_with_options(SERVICE_WORKER_URL, &options)).await {
                Ok(registration) => registration.unchecked_into(),
                Err(err) => {
                    web_sys::console::warn_2(&"offline mode unavailable: service worker not registered".into(), &err);
                    return;
                }
            };
        let has_controller = container.controller().is_some();
        if has_controller && registration.waiting().is_some() {
            notify();
        }
        watch_updates(&registration, &container, notify);
        // Ask for the deployed sw.js now rather than at the browser's next check.
        if let Ok(promise) = registration.update() {
            let _ = JsFuture::from(promise).await;
        }
        REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
    });
}

fn once(f: impl Fn() + 'static) -> Rc<dyn Fn()> {
    let done = std::cell::Cell::new(false);
    Rc::new(move || {
        if !done.replace(true) {
            f();
        }
    })
}

/// Reports a newly installed worker once it is waiting. On the first visit there is no
/// controller yet: the worker activates at once and there is nothing to announce.
fn watch_updates(registration: &ServiceWorkerRegistration, container: &ServiceWorkerContainer, notify: Rc<dyn Fn()>) {
    // The browser may have started installing (its own check on navigation) before the
    // page got the registration.
    if let Some(installing) = registration.installing() {
        watch_worker(&installing, container, notify.clone());
    }
    let (reg, container) = (registration.clone(), container.clone());
    let on_found = Closure::<dyn Fn()>::new(move || {
        if let Some(installing) = reg.installing() {
            watch_worker(&installing, &container, notify.clone());
        }
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}

fn watch_worker(worker: &ServiceWorker, container: &ServiceWorkerContainer, notify: Rc<dyn Fn()>) {
    let (watched, container) = (worker.clone(), container.clone());
    let on_state = Closure::<dyn Fn()>::new(move || {
        if watched.state() == ServiceWorkerState::Installed && container.controller().is_some() {
            notify();
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

/// Lets the waiting worker take over, then reloads the page into the new version.
pub fn apply_update() {
    let waiting: Option<ServiceWorker> =
        REGISTRATION.with(|r| r.borrow().as_ref().and_then(ServiceWorkerRegistration::waiting));
    let (Some(waiting), Some(container)) = (waiting, container()) else {
        reload();
        return;
    };
    let on_change = Closure::once_into_js(reload);
    container.set_oncontrollerchange(Some(on_change.unchecked_ref()));
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"skip-waiting".into());
    if waiting.post_message(&message).is_err() {
        reload();
    }
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
