//! The analysis worker: segmentation and recognition run off the main thread.
//!
//! The worker builds its pipeline once (the jieba dictionary takes hundreds of
//! milliseconds) and answers [`Request::Warmup`] with [`Response::Ready`], which the UI
//! shows as `data-analysis="ready"`. The UI does not wait for it: analyses asked for
//! earlier wait in the worker's queue.
//!
//! Long texts are analysed in steps: the worker segments about [`STEP_MS`] of text at a
//! time (cut at line ends, see [`chunks`]), answers [`Response::Progress`], and yields to
//! its event loop, so a [`Request::Cancel`] is heard between steps. Recognition then runs
//! on the whole text. The reply carries tokens in a compact form (see [`wire`]): about 5
//! bytes of JSON per token instead of about 35, which is most of a 1 MB text's reply.
//! Each start-up and analysis logs `bulletin-worker {json}` timings at debug level, which
//! `scripts/bench-browser.mjs` reads.

use crate::core::entity::Suggestion;
use crate::core::ner::adapt::{AdaptationFile, Lesson};
use crate::core::ner::BulletinRecogniser;
use crate::core::pipeline::{chunks, Analysis, Pipeline, MAX_TEXT_CHARS};
use crate::core::segment::{Segmenter, Token, UserWord};
use crate::core::CoreError;
use gloo_worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::{HashMap, VecDeque};

/// Where the worker's loader is, relative to the page (Trunk's `data-loader-shim`).
pub const WORKER_LOADER: &str = "./worker_loader.js";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Request {
    Warmup,
    Analyze {
        doc_id: String,
        text: String,
        user_words: Vec<UserWord>,
    },
    /// Drops a queued or running analysis; answered by [`Response::Cancelled`].
    Cancel {
        doc_id: String,
    },
    /// A document's reviewed sentences, to learn from in place of what it taught before;
    /// answered by [`Response::Adapted`].
    Learn {
        doc_id: String,
        lessons: Vec<Lesson>,
    },
    /// Fresh suggestions for a document with the model as adapted now; answered by
    /// [`Response::Refreshed`]. The tokens of its last analysis are reused when the text is the same.
    Refresh {
        doc_id: String,
        text: String,
        user_words: Vec<UserWord>,
    },
    /// Replaces the adaptation (a restored project, an imported model file); answered by
    /// [`Response::Adapted`] or [`Response::AdaptationRefused`].
    LoadAdaptation(AdaptationFile),
    /// Back to the shipped model; answered by [`Response::Adapted`].
    ResetAdaptation,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Response {
    Ready,
    Analyzed {
        doc_id: String,
        #[serde(with = "wire")]
        analysis: Analysis,
    },
    Failed {
        doc_id: String,
        message: String,
    },
    /// `done` of `total` code points are segmented.
    Progress {
        doc_id: String,
        done: u32,
        total: u32,
    },
    Cancelled {
        doc_id: String,
    },
    /// The adaptation as it is now; `changed` when suggestions may differ.
    Adapted {
        file: Option<AdaptationFile>,
        changed: bool,
    },
    AdaptationRefused {
        message: String,
    },
    Refreshed {
        doc_id: String,
        suggestions: Vec<Suggestion>,
    },
}

/// Texts up to this many code points keep their tokens in the worker for refreshes (a
/// copy of a megabyte's tokens costs tens of milliseconds; such a text is segmented again).
const CACHE_CHARS: usize = 200_000;
/// How long one analysis step runs before the worker yields to its event loop.
pub const STEP_MS: f64 = 40.0;
/// The size of the pieces a long text is segmented in, in code points.
const PIECE_CHARS: usize = 4_000;
/// Copies of the sample bulletin (579 code points each) analysed once at start-up to
/// warm up the wasm code; see [`AnalysisWorker::warm_up`].
const WARMUP_COPIES: usize = 10;

/// Milliseconds, for the timing logs.
fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// `performance.now()` of this worker: milliseconds since it was created.
fn worker_clock_ms() -> Option<f64> {
    let performance = js_sys::Reflect::get(&js_sys::global(), &"performance".into()).ok()?;
    let now: js_sys::Function = js_sys::Reflect::get(&performance, &"now".into()).ok()?.into();
    now.call0(&performance).ok()?.as_f64()
}

/// Logs `bulletin-worker {json}` at debug level (read by the browser benchmark).
fn log_timing(value: serde_json::Value) {
    #[cfg(target_arch = "wasm32")]
    web_sys::console::debug_1(&wasm_bindgen::JsValue::from_str(&format!("bulletin-worker {value}")));
    #[cfg(not(target_arch = "wasm32"))]
    let _ = value;
}

/// An analysis in progress: the text is segmented piece by piece, then recognised.
struct Job {
    id: HandlerId,
    doc_id: String,
    text: String,
    words: Vec<UserWord>,
    /// `(byte_start, char_start)` of each piece; see [`chunks`].
    pieces: Vec<(usize, usize)>,
    next: usize,
    tokens: Vec<Token>,
    chars: usize,
    started: f64,
    busy_ms: f64,
}

/// The NER model file, fetched and parsed once at start-up.
enum ModelFile {
    Loading,
    /// Parsed once; each new pipeline (user words changed) gets a copy.
    Loaded(Box<BulletinRecogniser>),
    /// Missing or unreadable: PER/LOC/ORG come from jieba's POS tags instead.
    Unavailable,
}

pub struct AnalysisWorker {
    model: ModelFile,
    /// Warm-up requests waiting for the model.
    waiting: Vec<HandlerId>,
    fetching: bool,
    pipeline: Option<Pipeline>,
    /// The dictionary, built at start-up while the model downloads; the first pipeline takes it.
    segmenter: Option<Segmenter>,
    /// The user words the pipeline was built with; a change rebuilds it.
    words: Vec<UserWord>,
    /// Analyses waiting or under way, oldest first.
    jobs: VecDeque<Job>,
    /// Whether a step is scheduled.
    scheduled: bool,
    created: f64,
    /// The adaptation to put on every pipeline built (the model or the user words changed).
    adaptation: Option<AdaptationFile>,
    /// Each document's text hash and tokens from its last analysis, for refreshes.
    tokens: HashMap<String, (u64, Vec<Token>)>,
}

/// The worker's own messages.
pub enum Step {
    /// Run the next analysis step (after the messages already queued).
    Next,
    /// The model file arrived, or could not be had.
    Model(Result<Vec<u8>, String>),
}

impl AnalysisWorker {
    fn pipeline(&mut self, words: &[UserWord]) -> (&Pipeline, Vec<String>) {
        let mut problems = Vec::new();
        let grows = self.pipeline.is_some() && words.starts_with(&self.words);
        if grows && words.len() > self.words.len() {
            // New words only: add them instead of rebuilding the dictionary.
            if let Some(pipeline) = self.pipeline.as_mut() {
                problems =
                    pipeline.add_user_words(&words[self.words.len()..]).iter().map(ToString::to_string).collect();
            }
            self.words = words.to_vec();
        } else if !grows {
            let mut pipeline = self.fresh_pipeline();
            problems = pipeline.add_user_words(words).iter().map(ToString::to_string).collect();
            self.pipeline = Some(pipeline);
            self.words = words.to_vec();
        }
        (self.pipeline.get_or_insert_with(Pipeline::default), problems)
    }

    /// Starts fetching the model, once; the pipeline is built when it arrives.
    fn fetch_model(&mut self, scope: &WorkerScope<Self>) {
        if matches!(self.model, ModelFile::Loading) && !self.fetching {
            self.fetching = true;
            scope.send_future(async { Step::Model(crate::browser::model::fetch_model().await) });
        }
    }

    /// A pipeline with the NER model when it loaded, else with the POS fallback.
    fn fresh_pipeline(&mut self) -> Pipeline {
        let pipeline = Pipeline::new(self.segmenter.take().unwrap_or_default());
        let mut pipeline = match &self.model {
            ModelFile::Loaded(recogniser) => pipeline.with_recogniser(recogniser.clone()),
            _ => pipeline,
        };
        if let (Some(file), Some(r)) = (self.adaptation.clone(), pipeline.bulletin_mut()) {
            // Checked when it came in; a failure here leaves the shipped model.
            let _ = r.load_adaptation(file);
        }
        pipeline
    }

    /// The adaptation now on the pipeline (`None` before the model is loaded).
    fn adapted(&mut self, changed: bool) -> Response {
        let file = self.pipeline.as_mut().and_then(|p| p.bulletin_mut()).and_then(|r| r.adaptation_file());
        if file.is_some() {
            self.adaptation = file.clone();
        }
        Response::Adapted { file, changed }
    }

    /// Puts `file` on the pipeline (or keeps it for the pipeline to come).
    fn load_adaptation(&mut self, file: AdaptationFile) -> Response {
        let Some(r) = self.pipeline.as_mut().and_then(|p| p.bulletin_mut()) else {
            self.adaptation = Some(file);
            return Response::Adapted { file: None, changed: true };
        };
        match r.load_adaptation(file) {
            Ok(()) => self.adapted(true),
            Err(why) => Response::AdaptationRefused { message: why.to_string() },
        }
    }
}

impl Worker for AnalysisWorker {
    type Message = Step;
    type Input = Request;
    type Output = Response;

    fn create(scope: &WorkerScope<Self>) -> Self {
        let mut worker = Self {
            model: ModelFile::Loading,
            waiting: Vec::new(),
            fetching: false,
            pipeline: None,
            segmenter: None,
            words: Vec::new(),
            jobs: VecDeque::new(),
            scheduled: false,
            created: now_ms(),
            adaptation: None,
            tokens: HashMap::new(),
        };
        // The model downloads while the dictionary is built.
        worker.fetch_model(scope);
        let started = now_ms();
        worker.segmenter = Some(Segmenter::new());
        log_timing(serde_json::json!({
            "event": "dictionary", "ms": now_ms() - started,
            // Since the worker was created (its own clock): how long its scripts and wasm took.
            "wasm_started_ms": worker_clock_ms().map(|now| now - (now_ms() - started)),
        }));
        worker
    }

    fn update(&mut self, scope: &WorkerScope<Self>, msg: Step) {
        match msg {
            Step::Next => {
                self.scheduled = false;
                self.step(scope);
            }
            Step::Model(result) => {
                self.model = match result {
                    Ok(bytes) => match BulletinRecogniser::from_bytes(&bytes) {
                        Ok(recogniser) => ModelFile::Loaded(Box::new(recogniser)),
                        Err(why) => {
                            log_timing(serde_json::json!({ "event": "model-unavailable", "why": why.to_string() }));
                            ModelFile::Unavailable
                        }
                    },
                    Err(why) => {
                        log_timing(serde_json::json!({ "event": "model-unavailable", "why": why }));
                        ModelFile::Unavailable
                    }
                };
                self.pipeline = None;
                let started = now_ms();
                let words = self.words.clone();
                self.pipeline(&words);
                log_timing(serde_json::json!({
                    "event": "ready", "ms": now_ms() - started, "since_start_ms": now_ms() - self.created,
                    "model": matches!(self.model, ModelFile::Loaded(_)),
                    // Wall-clock ms since the epoch, to place the worker on the page's timeline.
                    "at_epoch_ms": now_ms(), "created_epoch_ms": self.created,
                }));
                for id in std::mem::take(&mut self.waiting) {
                    scope.respond(id, Response::Ready);
                }
                if self.jobs.is_empty() {
                    self.warm_up();
                }
                self.schedule(scope);
            }
        }
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        match msg {
            Request::Warmup => {
                if matches!(self.model, ModelFile::Loading) {
                    self.fetch_model(scope);
                    self.waiting.push(id);
                } else {
                    scope.respond(id, Response::Ready);
                }
            }
            Request::Analyze { doc_id, text, user_words } => {
                let chars = text.chars().count();
                if chars > MAX_TEXT_CHARS {
                    let message = CoreError::TextTooLong { bytes: text.len() }.to_string();
                    scope.respond(id, Response::Failed { doc_id, message });
                    return;
                }
                let pieces = chunks(&text, PIECE_CHARS);
                let tokens = Vec::with_capacity(chars * 2 / 3);
                let job = Job {
                    id,
                    doc_id,
                    text,
                    words: user_words,
                    pieces,
                    next: 0,
                    tokens,
                    chars,
                    started: now_ms(),
                    busy_ms: 0.0,
                };
                self.jobs.push_back(job);
                self.fetch_model(scope);
                self.schedule(scope);
            }
            Request::Cancel { doc_id } => {
                self.jobs.retain(|job| job.doc_id != doc_id);
                scope.respond(id, Response::Cancelled { doc_id });
            }
            Request::Learn { doc_id, lessons } => {
                let started = now_ms();
                let changed = self.pipeline.as_mut().is_some_and(|p| p.learn(&doc_id, &lessons));
                let response = self.adapted(changed);
                log_timing(
                    serde_json::json!({ "event": "learned", "ms": now_ms() - started, "lessons": lessons.len() }),
                );
                scope.respond(id, response);
            }
            Request::Refresh { doc_id, text, user_words } => {
                let started = now_ms();
                let hash = crate::core::ner::model::fnv1a(text.as_bytes());
                let cached = self.tokens.remove(&doc_id).filter(|(h, _)| *h == hash && user_words == self.words);
                let (pipeline, _) = self.pipeline(&user_words);
                let tokens = cached.map(|(_, t)| t).unwrap_or_else(|| pipeline.segmenter().segment(&text));
                let suggestions = pipeline.recognise(&text, &tokens);
                let chars = text.chars().count();
                if chars <= CACHE_CHARS {
                    self.tokens.insert(doc_id.clone(), (hash, tokens));
                }
                log_timing(serde_json::json!({ "event": "refreshed", "ms": now_ms() - started, "chars": chars }));
                scope.respond(id, Response::Refreshed { doc_id, suggestions });
            }
            Request::LoadAdaptation(file) => {
                let response = self.load_adaptation(file);
                scope.respond(id, response);
            }
            Request::ResetAdaptation => {
                self.adaptation = None;
                if let Some(r) = self.pipeline.as_mut().and_then(|p| p.bulletin_mut()) {
                    r.reset_adaptation();
                }
                let response = self.adapted(true);
                scope.respond(id, response);
            }
        }
    }
}

impl AnalysisWorker {
    /// Analyses [`WARMUP_COPIES`] copies of the sample bulletin and drops the result, so
    /// that the user's first analysis runs on optimised code.
    ///
    /// The browser compiles wasm lazily with a baseline compiler, and re-compiles a function
    /// with its optimising compiler only after it has run for a while, for its next call.
    /// The recogniser's loops (`Model::tag`, `spans`) run once per analysis, so without this
    /// the first analysis ran almost wholly on baseline code, at about half the speed of
    /// later ones. It takes 10–50 ms, after the worker has answered `Ready`.
    fn warm_up(&mut self) {
        let Some(pipeline) = self.pipeline.as_ref() else { return };
        let started = now_ms();
        let text = crate::core::sample::SAMPLE_BULLETIN.repeat(WARMUP_COPIES);
        let _ = pipeline.analyze(&text);
        log_timing(serde_json::json!({ "event": "warmup", "ms": now_ms() - started, "chars": text.chars().count() }));
    }

    fn schedule(&mut self, scope: &WorkerScope<Self>) {
        // Analyses wait for the model (a fetch of a local file: milliseconds).
        if self.scheduled || self.jobs.is_empty() || matches!(self.model, ModelFile::Loading) {
            return;
        }
        self.scheduled = true;
        // A macrotask (setTimeout 0), so that messages already queued, like a cancel, run first.
        scope.send_future(async {
            let promise = js_sys::Promise::new(&mut |resolve, _| {
                let global = js_sys::global();
                if let Ok(set_timeout) = js_sys::Reflect::get(&global, &"setTimeout".into()) {
                    let set_timeout: js_sys::Function = set_timeout.into();
                    let _ = set_timeout.call2(&global, &resolve, &0.into());
                }
            });
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            Step::Next
        });
    }

    /// Segments pieces of the oldest job for about [`STEP_MS`]; finishes it when it can.
    fn step(&mut self, scope: &WorkerScope<Self>) {
        let Some(words) = self.jobs.front().map(|job| job.words.clone()) else { return };
        let step_started = now_ms();
        self.pipeline(&words);
        let (Some(pipeline), Some(job)) = (self.pipeline.as_ref(), self.jobs.front_mut()) else { return };
        while job.next < job.pieces.len() {
            let (byte, char_at) = job.pieces[job.next];
            let end = job.pieces.get(job.next + 1).map_or(job.text.len(), |p| p.0);
            let offset = char_at as u32;
            job.tokens.extend(pipeline.segmenter().segment(&job.text[byte..end]).into_iter().map(|t| Token {
                start: t.start + offset,
                end: t.end + offset,
                pos: t.pos,
            }));
            job.next += 1;
            if now_ms() - step_started >= STEP_MS {
                break;
            }
        }
        if job.next < job.pieces.len() {
            job.busy_ms += now_ms() - step_started;
            let done = job.pieces[job.next].1 as u32;
            scope.respond(job.id, Response::Progress { doc_id: job.doc_id.clone(), done, total: job.chars as u32 });
            self.schedule(scope);
            return;
        }
        let Some(mut job) = self.jobs.pop_front() else { return };
        let segmented = now_ms();
        let tokens = std::mem::take(&mut job.tokens);
        let suggestions = pipeline.recognise(&job.text, &tokens);
        let recognised = now_ms();
        let (chars, tokens_n, suggestions_n) = (job.chars, tokens.len(), suggestions.len());
        if chars <= CACHE_CHARS {
            let hash = crate::core::ner::model::fnv1a(job.text.as_bytes());
            self.tokens.insert(job.doc_id.clone(), (hash, tokens.clone()));
        }
        let analysis = Analysis { tokens, suggestions };
        scope.respond(job.id, Response::Analyzed { doc_id: job.doc_id, analysis });
        let replied = now_ms();
        log_timing(serde_json::json!({
            "event": "analyzed", "chars": chars, "tokens": tokens_n, "suggestions": suggestions_n,
            "analyze_ms": job.busy_ms + (recognised - step_started),
            "recognise_ms": recognised - segmented,
            "encode_ms": replied - recognised,
            "reply_bytes": LAST_REPLY_BYTES.get(),
            "wall_ms": replied - job.started,
        }));
        self.schedule(scope);
    }
}

thread_local! {
    /// The size of the last message encoded, for the timing log.
    static LAST_REPLY_BYTES: Cell<usize> = const { Cell::new(0) };
}

/// The compact wire form of an [`Analysis`]: tokens as [`CompactTokens`] (a table of
/// POS tags plus parallel arrays of lengths and tag indexes) when they tile the text from
/// 0, as jieba's do; otherwise as plain tokens.
///
/// [`CompactTokens`]: crate::core::segment::CompactTokens
pub mod wire {
    use crate::core::entity::Suggestion;
    use crate::core::pipeline::Analysis;
    use crate::core::segment::{CompactTokens, Token};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    #[derive(Serialize, Deserialize)]
    struct Wire {
        /// POS tags, each once.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tags: Vec<String>,
        /// Token lengths in code points; token `i` starts where token `i - 1` ends.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        lens: Vec<u32>,
        /// Index into `tags` of each token.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pos: Vec<u16>,
        /// Tokens that do not tile the text, as they are.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        tokens: Vec<Token>,
        suggestions: Vec<Suggestion>,
    }

    pub fn serialize<S: Serializer>(analysis: &Analysis, s: S) -> Result<S::Ok, S::Error> {
        let (compact, tokens) = match CompactTokens::try_from(analysis.tokens.as_slice()) {
            Ok(compact) => (compact, Vec::new()),
            Err(_) => (CompactTokens::default(), analysis.tokens.clone()),
        };
        let CompactTokens { tags, lens, pos } = compact;
        Wire { tags, lens, pos, tokens, suggestions: analysis.suggestions.clone() }.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Analysis, D::Error> {
        let wire = Wire::deserialize(d)?;
        if !wire.tokens.is_empty() {
            return Ok(Analysis { tokens: wire.tokens, suggestions: wire.suggestions });
        }
        let compact = CompactTokens { tags: wire.tags, lens: wire.lens, pos: wire.pos };
        let tokens = compact.to_tokens().map_err(serde::de::Error::custom)?;
        Ok(Analysis { tokens, suggestions: wire.suggestions })
    }
}

/// Messages cross the worker boundary as JSON strings. gloo-worker's default, bincode, is
/// not self-describing and breaks on `skip_serializing_if` fields, which the core uses.
pub struct JsonCodec;

impl gloo_worker::Codec for JsonCodec {
    fn encode<I: Serialize>(input: I) -> wasm_bindgen::JsValue {
        // Serialising plain data structs to JSON cannot fail.
        let json = serde_json::to_string(&input).unwrap_or_default();
        LAST_REPLY_BYTES.set(json.len());
        wasm_bindgen::JsValue::from_str(&json)
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: wasm_bindgen::JsValue) -> O {
        // Both ends are the same build, so a mismatch is a bug, not user input.
        serde_json::from_str(&input.as_string().unwrap_or_default()).expect("worker message from the same build")
    }
}

/// The UI's handle on the worker (shared by the callbacks that send to it).
pub type Bridge = std::rc::Rc<gloo_worker::WorkerBridge<AnalysisWorker>>;

/// Starts the worker; `on_response` gets every answer on the main thread.
pub fn spawn(on_response: impl Fn(Response) + 'static) -> gloo_worker::WorkerBridge<AnalysisWorker> {
    use gloo_worker::Spawnable;
    AnalysisWorker::spawner()
        .callback(on_response)
        .with_loader(true)
        .as_module(false)
        .encoding::<JsonCodec>()
        .spawn(WORKER_LOADER)
}

/// Sends `request` once the current task is over. Requests sent this way keep their order,
/// so a cancel never overtakes its analysis.
pub fn send_soon(bridge: &Bridge, request: Request) {
    let bridge = bridge.clone();
    crate::browser::clock::after_this_task(move || bridge.send(request));
}

/// Registers the worker side, in the worker's entry point.
pub fn register() {
    use gloo_worker::Registrable;
    AnalysisWorker::registrar().encoding::<JsonCodec>().register();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Suggestion;

    fn round_trip(analysis: &Analysis) -> (Analysis, usize) {
        let response = Response::Analyzed { doc_id: "d".into(), analysis: analysis.clone() };
        let json = serde_json::to_string(&response).unwrap();
        match serde_json::from_str(&json).unwrap() {
            Response::Analyzed { analysis, .. } => (analysis, json.len()),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_compact_reply_round_trips() {
        let text = crate::core::sample::SAMPLE_BULLETIN;
        let tokens = crate::core::segment::Segmenter::new().segment(text);
        let suggestions = vec![Suggestion { start: 2, end: 5, label: "PER".into(), confidence: Some(0.5) }];
        let analysis = Analysis { tokens: tokens.clone(), suggestions };
        let (back, bytes) = round_trip(&analysis);
        assert_eq!(back, analysis);
        assert!(bytes < serde_json::to_string(&tokens).unwrap().len() / 4, "{bytes} bytes");
        // Tokens that do not tile the text travel as they are.
        let gappy = Analysis { tokens: vec![Token { start: 3, end: 4, pos: "x".into() }], suggestions: vec![] };
        assert_eq!(round_trip(&gappy).0, gappy);
        assert_eq!(round_trip(&Analysis::default()).0, Analysis::default());
    }
}
