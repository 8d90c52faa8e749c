//! Hooks that connect the reducer to the browser: autosave, keyboard shortcuts and
//! text selection. Components stay free of side effects.

use crate::browser::{clock, selection, storage};
use crate::core::entity::Span;
use crate::core::persist::{SaveStep, SaveThrottle};
use crate::core::selection::selection_span;
use crate::core::text::TextIndex;
use crate::ui::keys::{msg_for_key, KeyPress};
use crate::ui::state::{Msg, Notice, Saved, State, StorageStatus};
use gloo_timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// A burst of edits is saved at most this often, and its last edit at most this late.
const SAVE_INTERVAL_MS: f64 = 250.0;

/// What went wrong reading the saved project, with the raw data kept for download.
#[derive(Debug, Clone, PartialEq)]
pub struct Unrestorable {
    pub message: String,
    pub raw: Rc<str>,
}

/// Restores the saved project once, then saves after every change (throttled, and flushed
/// when the page is hidden or left) and tells other tabs. Returns the saved data that could
/// not be restored, if any, so the UI can offer it for download instead of overwriting it.
#[hook]
pub fn use_autosave(state: &UseReducerHandle<State>) -> Option<Unrestorable> {
    let unrestorable = use_state(|| None::<Unrestorable>);
    let tab_id = use_memo((), |_| format!("tab-{}-{}", clock::now_ms(), js_sys::Math::random()));
    let channel = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| storage::SaveChannel::open(move |_| dispatcher.dispatch(Msg::OtherTabSaved)))
    };
    {
        let (dispatcher, unrestorable) = (state.dispatcher(), unrestorable.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match storage::load().await {
                    Ok(Some(raw)) => match restore(&raw) {
                        Ok(msg) => dispatcher.dispatch(msg),
                        Err(message) => {
                            dispatcher.dispatch(Msg::SaveFailed(message.clone()));
                            unrestorable.set(Some(Unrestorable { message, raw: raw.into() }));
                        }
                    },
                    Ok(None) => dispatcher.dispatch(Msg::RestoreSkipped),
                    Err(err) => dispatcher.dispatch(Msg::SaveFailed(err.to_string())),
                }
            });
        });
    }
    // The timer and the page-leave flush save the state as it is when they run, not as it
    // was when they were armed.
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    let throttle = use_mut_ref(|| SaveThrottle::new(SAVE_INTERVAL_MS));
    let timer = use_mut_ref(|| None::<Timeout>);
    // The revision that IndexedDB holds for sure; leaving with anything newer writes the journal.
    let durable = use_mut_ref(|| 0u64);
    let saver = {
        let (latest, channel, tab_id, durable) = (latest.clone(), channel.clone(), tab_id.clone(), durable.clone());
        use_memo((), move |_| {
            Rc::new(move |leaving: bool| {
                let state = latest.borrow().clone();
                if may_save(&state) && !(leaving && *durable.borrow() == state.revision) {
                    save(state, channel.clone(), tab_id.clone(), durable.clone(), leaving);
                }
            }) as Rc<dyn Fn(bool)>
        })
    };
    {
        let (saver, throttle, timer) = ((*saver).clone(), throttle.clone(), timer.clone());
        use_effect_with((), move |_| {
            let leave = move || {
                throttle.borrow_mut().on_leave(clock::now_ms() as f64);
                if let Some(pending) = timer.borrow_mut().take() {
                    pending.cancel();
                }
                saver(true);
            };
            storage::on_page_leave(leave)
        });
    }
    {
        let (saver, state) = ((*saver).clone(), state.clone());
        use_effect_with(state.revision, move |_| {
            if may_save(&state) {
                match throttle.borrow_mut().on_change(clock::now_ms() as f64) {
                    SaveStep::Now => saver(false),
                    SaveStep::After(ms) => {
                        let throttle = throttle.clone();
                        *timer.borrow_mut() = Some(Timeout::new(ms.ceil() as u32, move || {
                            throttle.borrow_mut().on_timer(clock::now_ms() as f64);
                            saver(false);
                        }));
                    }
                    SaveStep::Armed => {}
                }
            }
        });
    }
    (*unrestorable).clone()
}

/// Not while another tab owns the project or the restore is under way, and never over saved
/// work that could not be restored.
fn may_save(state: &State) -> bool {
    let paused = state.other_tab_saved || state.storage == StorageStatus::Restoring;
    let failed_for_good = matches!(&state.storage, StorageStatus::Failed(_)) && state.revision == 0;
    !paused && !failed_for_good && state.revision > 0
}

fn restore(raw: &str) -> Result<Msg, String> {
    let mut saved: Saved = serde_json::from_str(raw).map_err(|e| format!("the saved data is not readable ({e})"))?;
    let (current, draft, adaptation) = (saved.current, std::mem::take(&mut saved.draft), saved.adaptation.take());
    let baselines = std::mem::take(&mut saved.baselines);
    let project = saved.into_project()?;
    Ok(Msg::Restore { project, current, draft, adaptation, baselines })
}

/// Serialises the state now and writes it to IndexedDB; `leaving` also writes the journal
/// synchronously, since the page may be gone before the database write completes.
fn save(
    state: UseReducerHandle<State>,
    channel: Rc<Option<storage::SaveChannel>>,
    tab_id: Rc<String>,
    durable: Rc<std::cell::RefCell<u64>>,
    leaving: bool,
) {
    let at_ms = clock::now_ms() as f64;
    let json = match serde_json::to_string(&state.to_saved(&clock::now())) {
        Ok(json) => json,
        Err(err) => return state.dispatch(Msg::SaveFailed(err.to_string())),
    };
    crate::browser::panic::remember_snapshot(&json);
    if leaving {
        let _ = storage::write_journal(&json, at_ms);
    }
    let revision = state.revision;
    wasm_bindgen_futures::spawn_local(async move {
        match storage::save(&json, at_ms).await {
            Ok(()) => {
                let mut held = durable.borrow_mut();
                *held = (*held).max(revision);
                drop(held);
                if let Some(channel) = channel.as_ref() {
                    channel.announce(&tab_id);
                }
                state.dispatch(Msg::SaveDone);
            }
            Err(err) => state.dispatch(Msg::SaveFailed(err.to_string())),
        }
    });
}

fn in_text_field(event: &web_sys::KeyboardEvent) -> bool {
    let Some(element) = event.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else { return false };
    matches!(element.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT") || element.is_content_editable()
}

/// Document-wide keyboard shortcuts (see `ui::keys`).
#[hook]
pub fn use_shortcuts(state: &UseReducerHandle<State>) {
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();
    use_effect_with((), move |_| {
        let document = web_sys::window().and_then(|w| w.document());
        let listener = document.map(|document| {
            let options = gloo_events::EventListenerOptions::enable_prevent_default();
            gloo_events::EventListener::new_with_options(&document, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
                let press = KeyPress {
                    key: event.key(),
                    ctrl: event.ctrl_key(),
                    meta: event.meta_key(),
                    shift: event.shift_key(),
                    alt: event.alt_key(),
                    in_field: in_text_field(event),
                };
                let state = latest.borrow().clone();
                if let Some(msg) = msg_for_key(&state, &press, &clock::now()) {
                    event.prevent_default();
                    if matches!(msg, Msg::Edit { .. }) {
                        selection::clear();
                    }
                    state.dispatch(msg);
                    // Re-rendering replaces the entity's element and drops focus; put it back
                    // once the render is done so the next key acts on the same entity.
                    let latest = latest.clone();
                    clock::after_this_task(move || {
                        if let Some(id) = latest.borrow().selected {
                            selection::reveal_entity(id);
                        }
                    });
                }
            })
        });
        move || drop(listener)
    });
}

/// Reads the text selection inside `.doc-text` after a mouse or keyboard selection and
/// turns it into a pending span (snapped to words unless Alt is held).
pub fn selection_callback(state: &UseReducerHandle<State>, host: NodeRef) -> Callback<(bool,)> {
    let state = state.clone();
    Callback::from(move |(exact,): (bool,)| {
        let Some(doc) = state.current_doc() else { return };
        let container = host.cast::<web_sys::Element>().and_then(|h| h.query_selector(".doc-text").ok().flatten());
        let raw = container.as_ref().and_then(selection::selection_in);
        let span = raw.and_then(|(start, end)| {
            let index = TextIndex::new(&doc.text).ok()?;
            let span = Span { start: index.utf16_to_char_floor(start).0, end: index.utf16_to_char_ceil(end).0 };
            selection_span(&doc.text, span, &doc.tokens, exact)
        });
        if span.is_some() {
            // Label keys must reach the document even if focus was left in the paste box.
            if let Some(host) = host.cast::<web_sys::HtmlElement>() {
                let _ = host.focus();
            }
        }
        if span.is_some() || state.pending.is_some() {
            state.dispatch(Msg::SetPending(span));
        }
    })
}

/// Scrolls to and focuses the selected entity when the selection changes.
#[hook]
pub fn use_reveal_selected(selected: Option<u64>) {
    use_effect_with(selected, |selected| {
        if let Some(id) = *selected {
            selection::reveal_entity(id);
        }
    });
}

/// An error notice.
pub fn error(text: impl Into<String>) -> Msg {
    Msg::Notify(Notice { error: true, text: text.into() })
}

/// The handlers of a drop zone for files, and whether something is dragged over it.
pub struct DropZone {
    pub dragging: bool,
    pub ondrop: Callback<DragEvent>,
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
}

/// Makes an element a drop zone: dropped files go to `on_files`. A drop without files
/// (dragged text) keeps the browser's own behaviour, so text can be dropped into a text area.
#[hook]
pub fn use_drop_zone(on_files: Callback<Vec<web_sys::File>>) -> DropZone {
    let dragging = use_state(|| false);
    let ondrop = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            let files = crate::browser::files::dropped_files(&e);
            dragging.set(false);
            if !files.is_empty() {
                e.prevent_default();
                on_files.emit(files);
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    DropZone { dragging: *dragging, ondrop, ondragover, ondragleave }
}
