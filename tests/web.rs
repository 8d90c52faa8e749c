//! Browser tests: run with `cargo test --target wasm32-unknown-unknown --test web`
//! (wasm-bindgen-test-runner drives headless Chromium through chromedriver).
#![cfg(target_arch = "wasm32")]

use bulletin::core::entity::{Entity, Origin};
use bulletin::core::pipeline::Pipeline;
use bulletin::core::segment::Segmenter;
use bulletin::ui::document_view::{DocumentView, DocumentViewProps};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

const BYLINE: &str = "本报讯(记者 刘伟平 通讯员 乔贺李博文)9月20日,天刚擦亮";

#[wasm_bindgen_test]
fn jieba_segments_inside_wasm_and_tokens_tile_the_text() {
    let tokens = Segmenter::new().segment(BYLINE);
    let chars: Vec<char> = BYLINE.chars().collect();
    let mut at = 0;
    for t in &tokens {
        assert_eq!(t.start, at);
        at = t.end;
    }
    assert_eq!(at as usize, chars.len());
    let words: Vec<String> =
        tokens.iter().map(|t| chars[t.start as usize..t.end as usize].iter().collect::<String>()).collect();
    assert!(words.iter().any(|w| w == "刘伟平"), "{words:?}");
}

#[wasm_bindgen_test]
fn the_pipeline_finds_the_reporter_in_wasm() {
    let analysis = Pipeline::default().analyze(BYLINE).unwrap();
    let start = BYLINE.chars().position(|c| c == '刘').unwrap();
    assert!(
        analysis.suggestions.iter().any(|s| s.label == "PER" && s.start == start && s.end == start + 3),
        "{:?}",
        analysis.suggestions
    );
}

async fn poll_until(mut ready: impl FnMut() -> bool) {
    for _ in 0..200 {
        yew::scheduler::flush().await;
        if ready() {
            return;
        }
        gloo_timers_sleep(5).await;
    }
    panic!("condition not reached");
}

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

#[wasm_bindgen_test]
async fn highlights_render_with_code_point_offsets_in_the_dom() {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let text: Arc<str> = Arc::from("𠮷家记者刘伟平");
    let entity =
        Entity { id: 7, start: 4, end: 7, label: "PER".into(), origin: Origin::Auto, confidence: None, note: None };
    let props = DocumentViewProps {
        text,
        entities: vec![entity],
        selected: None,
        on_select: Callback::noop(),
        reading: Default::default(),
    };
    yew::Renderer::<DocumentView>::with_root_and_props(host.clone(), props).render();
    poll_until(|| host.query_selector("[data-testid=entity]").ok().flatten().is_some()).await;
    let mark: web_sys::HtmlElement = host.query_selector("[data-testid=entity]").unwrap().unwrap().dyn_into().unwrap();
    assert_eq!(mark.text_content().unwrap(), "刘伟平");
    assert_eq!(mark.get_attribute("data-start").unwrap(), "4");
    assert_eq!(mark.get_attribute("data-label").unwrap(), "PER");
    // The DOM counts UTF-16 units: 𠮷 is two, so the mark starts at unit 5.
    let all = host.text_content().unwrap();
    let units_before: usize = all.split('刘').next().unwrap().encode_utf16().count();
    assert_eq!(units_before, 5);
}

#[path = "common/kernel_check.rs"]
mod kernel_check;

/// The tagger's inner loops (explicit SIMD in wasm) agree bit for bit with a plain reference.
#[wasm_bindgen_test]
fn tagger_kernels_match_a_plain_reference() {
    kernel_check::kernels_match_the_reference();
}
