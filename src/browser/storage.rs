//! Autosave to IndexedDB, and telling other tabs about saves (BroadcastChannel).
//!
//! One database, one object store, one record: the whole project as JSON, with the time it
//! was serialised. As the page is left, a copy also goes synchronously to localStorage (the
//! journal): an IndexedDB write begun in `pagehide` may not finish. Loading takes whichever
//! is newer. Errors are returned, never thrown: full or missing storage (private mode,
//! quota) becomes a message, and the work stays in memory.

use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

const DB_NAME: &str = "bulletin-annotator";
const STORE: &str = "projects";
const KEY: &str = "current";
/// When the record at [`KEY`] was serialised (ms since the epoch, as a number).
const KEY_AT: &str = "current-at";
/// The synchronous copy written as the page is hidden or left (localStorage), for when the
/// IndexedDB write begun then does not finish: `"{ms}\n{json}"`.
const JOURNAL: &str = "bulletin-annotator-journal";
const CHANNEL: &str = "bulletin-annotator-saves";

/// Why a save or load failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The browser refuses storage (private mode, disabled, blocked).
    Unavailable(String),
    /// The quota is used up.
    Full,
    Other(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable(why) => write!(f, "browser storage is unavailable ({why})"),
            StorageError::Full => f.write_str("browser storage is full"),
            StorageError::Other(why) => f.write_str(why),
        }
    }
}

fn classify(err: JsValue) -> StorageError {
    if let Some(dom) = err.dyn_ref::<web_sys::DomException>() {
        return match dom.name().as_str() {
            "QuotaExceededError" => StorageError::Full,
            "SecurityError" | "InvalidStateError" | "UnknownError" => StorageError::Unavailable(dom.message()),
            _ => StorageError::Other(format!("{}: {}", dom.name(), dom.message())),
        };
    }
    StorageError::Other(err.as_string().unwrap_or_else(|| format!("{err:?}")))
}

/// Resolves when an IDBRequest succeeds, with its result.
async fn request_done(request: &web_sys::IdbRequest) -> Result<JsValue, StorageError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let ok = Closure::once_into_js(move |event: web_sys::Event| {
            let result = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::IdbRequest>().ok())
                .and_then(|r| r.result().ok())
                .unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &result);
        });
        let fail = Closure::once_into_js(move |event: web_sys::Event| {
            let error = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::IdbRequest>().ok())
                .and_then(|r| r.error().ok().flatten())
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("request failed"));
            let _ = reject.call1(&JsValue::NULL, &error);
        });
        request.set_onsuccess(Some(ok.unchecked_ref()));
        request.set_onerror(Some(fail.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(classify)
}

thread_local! {
    static DB: RefCell<Option<web_sys::IdbDatabase>> = const { RefCell::new(None) };
}

async fn database() -> Result<web_sys::IdbDatabase, StorageError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    let factory = window
        .indexed_db()
        .map_err(classify)?
        .ok_or_else(|| StorageError::Unavailable("IndexedDB is disabled".into()))?;
    let open = factory.open_with_u32(DB_NAME, 1).map_err(classify)?;
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        let db = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<web_sys::IdbDatabase>().ok());
        if let Some(db) = db {
            if !db.object_store_names().contains(STORE) {
                let _ = db.create_object_store(STORE);
            }
        }
    });
    open.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let result = request_done(&open).await;
    open.set_onupgradeneeded(None);
    drop(upgrade);
    let db: web_sys::IdbDatabase = result?.dyn_into().map_err(|_| StorageError::Other("not a database".into()))?;
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

fn store(
    db: &web_sys::IdbDatabase,
    mode: web_sys::IdbTransactionMode,
) -> Result<web_sys::IdbObjectStore, StorageError> {
    db.transaction_with_str_and_mode(STORE, mode).and_then(|t| t.object_store(STORE)).map_err(classify)
}

/// The saved project JSON, if any: the journal when it is newer than the database's record.
pub async fn load() -> Result<Option<String>, StorageError> {
    let db = database().await?;
    let store = store(&db, web_sys::IdbTransactionMode::Readonly)?;
    let (record, at) = (
        store.get(&JsValue::from_str(KEY)).map_err(classify)?,
        store.get(&JsValue::from_str(KEY_AT)).map_err(classify)?,
    );
    let record = request_done(&record).await?.as_string();
    let at = request_done(&at).await?.as_f64().unwrap_or(f64::NEG_INFINITY);
    Ok(match read_journal() {
        Some((journal_at, json)) if record.is_none() || journal_at > at => Some(json),
        _ => record,
    })
}

/// Saves the project JSON serialised at `at_ms`, replacing the previous save; a journal
/// that is not newer is removed.
pub async fn save(json: &str, at_ms: f64) -> Result<(), StorageError> {
    let db = database().await?;
    let store = store(&db, web_sys::IdbTransactionMode::Readwrite)?;
    let record = store.put_with_key(&JsValue::from_str(json), &JsValue::from_str(KEY)).map_err(classify)?;
    let at = store.put_with_key(&JsValue::from_f64(at_ms), &JsValue::from_str(KEY_AT)).map_err(classify)?;
    request_done(&record).await?;
    request_done(&at).await?;
    if read_journal().is_some_and(|(journal_at, _)| journal_at <= at_ms) {
        if let Some(local) = local_storage() {
            let _ = local.remove_item(JOURNAL);
        }
    }
    Ok(())
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read_journal() -> Option<(f64, String)> {
    let raw = local_storage()?.get_item(JOURNAL).ok().flatten()?;
    let (at, json) = raw.split_once('\n')?;
    Some((at.parse().ok()?, json.to_owned()))
}

/// Writes the journal synchronously (see the module docs). A project too large for
/// localStorage is left to the IndexedDB write alone.
pub fn write_journal(json: &str, at_ms: f64) -> Result<(), StorageError> {
    let local = local_storage().ok_or_else(|| StorageError::Unavailable("no localStorage".into()))?;
    local.set_item(JOURNAL, &format!("{at_ms}\n{json}")).map_err(classify)
}

/// A channel that tells other tabs of this app when this tab saved.
pub struct SaveChannel {
    channel: web_sys::BroadcastChannel,
    _listener: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl SaveChannel {
    /// Listens for other tabs' saves; `on_other_save` gets their tab id.
    pub fn open(on_other_save: impl Fn(String) + 'static) -> Option<Self> {
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
        let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some(tab) = event.data().as_string() {
                on_other_save(tab);
            }
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        Some(Self { channel, _listener: listener })
    }

    /// Tells the other tabs that `tab_id` just saved.
    pub fn announce(&self, tab_id: &str) {
        let _ = self.channel.post_message(&JsValue::from_str(tab_id));
    }
}

/// Calls `flush` when the page is hidden (tab switch, phone lock) or left (reload, close,
/// navigation): the last moments in which a save reliably starts. Returns the cleanup that
/// removes both listeners.
pub fn on_page_leave(flush: impl Fn() + 'static) -> impl FnOnce() {
    let flush = std::rc::Rc::new(flush);
    let window = web_sys::window();
    let document = window.as_ref().and_then(|w| w.document());
    let on_hide = window.map(|window| {
        let flush = flush.clone();
        gloo_events::EventListener::new(&window, "pagehide", move |_| flush())
    });
    let on_hidden = document.map(|document| {
        let target = document.clone();
        gloo_events::EventListener::new(&target, "visibilitychange", move |_| {
            if document.hidden() {
                flush()
            }
        })
    });
    move || drop((on_hide, on_hidden))
}
