//! The analysis worker: segmentation and recognition run off the main thread.
//!
//! The worker builds its pipeline once (the jieba dictionary takes hundreds of
//! milliseconds) and answers [`Request::Warmup`] with [`Response::Ready`], which the UI
//! uses to set `app-ready`.

use crate::core::pipeline::{Analysis, Pipeline};
use crate::core::segment::UserWord;
use gloo_worker::{HandlerId, Worker, WorkerScope};
use serde::{Deserialize, Serialize};

/// Where the worker's loader is, relative to the page (Trunk's `data-loader-shim`).
pub const WORKER_LOADER: &str = "./worker_loader.js";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Request {
    Warmup,
    Analyze { doc_id: String, text: String, user_words: Vec<UserWord> },
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Response {
    Ready,
    Analyzed { doc_id: String, analysis: Analysis },
    Failed { doc_id: String, message: String },
}

pub struct AnalysisWorker {
    pipeline: Option<Pipeline>,
    /// The user words the pipeline was built with; a change rebuilds it.
    words: Vec<UserWord>,
}

impl AnalysisWorker {
    fn pipeline(&mut self, words: &[UserWord]) -> (&Pipeline, Vec<String>) {
        let mut problems = Vec::new();
        if self.pipeline.is_none() || self.words != words {
            let mut pipeline = Pipeline::default();
            problems = pipeline.add_user_words(words).iter().map(ToString::to_string).collect();
            self.pipeline = Some(pipeline);
            self.words = words.to_vec();
        }
        (self.pipeline.get_or_insert_with(Pipeline::default), problems)
    }
}

impl Worker for AnalysisWorker {
    type Message = ();
    type Input = Request;
    type Output = Response;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        Self { pipeline: None, words: Vec::new() }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        let response = match msg {
            Request::Warmup => {
                let words = self.words.clone();
                self.pipeline(&words);
                Response::Ready
            }
            Request::Analyze { doc_id, text, user_words } => {
                let (pipeline, _problems) = self.pipeline(&user_words);
                match pipeline.analyze(&text) {
                    Ok(analysis) => Response::Analyzed { doc_id, analysis },
                    Err(err) => Response::Failed { doc_id, message: err.to_string() },
                }
            }
        };
        scope.respond(id, response);
    }
}

/// Messages cross the worker boundary as JSON strings. gloo-worker's default, bincode, is
/// not self-describing and breaks on `skip_serializing_if` fields, which the core uses.
pub struct JsonCodec;

impl gloo_worker::Codec for JsonCodec {
    fn encode<I: Serialize>(input: I) -> wasm_bindgen::JsValue {
        // Serialising plain data structs to JSON cannot fail.
        wasm_bindgen::JsValue::from_str(&serde_json::to_string(&input).unwrap_or_default())
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: wasm_bindgen::JsValue) -> O {
        // Both ends are the same build, so a mismatch is a bug, not user input.
        serde_json::from_str(&input.as_string().unwrap_or_default()).expect("worker message from the same build")
    }
}

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

/// Registers the worker side, in the worker's entry point.
pub fn register() {
    use gloo_worker::Registrable;
    AnalysisWorker::registrar().encoding::<JsonCodec>().register();
}
