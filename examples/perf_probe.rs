// Temporary probe: times the main-thread steps after an analysis, natively.
use bulletin::core::document::{Document, Project};
use bulletin::core::formats::json_v1;
use bulletin::core::pipeline::Pipeline;
use std::time::Instant;

fn main() {
    let base = std::fs::read_to_string("../shared/samples/zhengzhou-bulletin.txt").unwrap();
    let pipeline = Pipeline::default();
    for bytes in [100_000usize, 1_000_000] {
        let mut text = String::new();
        while text.len() < bytes {
            text.push_str(base.trim_end());
            text.push_str("\n\n");
        }
        let t = Instant::now();
        let analysis = pipeline.analyze(&text).unwrap();
        let analyze = t.elapsed();
        {
            use bulletin::browser::worker::Response;
            let t = Instant::now();
            let old = serde_json::to_string(&analysis).unwrap();
            let old_enc = t.elapsed();
            let t = Instant::now();
            let _: bulletin::core::pipeline::Analysis = serde_json::from_str(&old).unwrap();
            let old_dec = t.elapsed();
            let r = Response::Analyzed { doc_id: "d".into(), analysis: analysis.clone() };
            let t = Instant::now();
            let new = serde_json::to_string(&r).unwrap();
            let new_enc = t.elapsed();
            let t = Instant::now();
            let _: Response = serde_json::from_str(&new).unwrap();
            let new_dec = t.elapsed();
            println!("{bytes}: reply plain {} bytes enc {old_enc:?} dec {old_dec:?}; compact {} bytes enc {new_enc:?} dec {new_dec:?}", old.len(), new.len());
        }
        let mut doc = Document::new("d", "t", text.as_str(), "2026-01-01T00:00:00.000Z");
        let t = Instant::now();
        doc.apply_analysis(analysis.clone());
        let apply = t.elapsed();
        let entities = doc.entities().entities().to_vec();
        let project = Project { documents: vec![doc.clone()], ..Project::default() };
        let t = Instant::now();
        let index = bulletin::ui::entity_list::build_index(&doc.text, &entities, &project.labels);
        let build_index = t.elapsed();
        let t = Instant::now();
        let outline = bulletin::core::outline::outline(&doc.text);
        let outline_t = t.elapsed();
        let t = Instant::now();
        let json = serde_json::to_string(&json_v1::to_file(
            &project,
            &project.documents,
            None,
            json_v1::ExportOptions { include_tokens: true },
        ))
        .unwrap();
        let save = t.elapsed();
        let t = Instant::now();
        let _clone = project.clone();
        let clone = t.elapsed();
        println!("{bytes}: analyze {analyze:?} apply {apply:?} build_index {build_index:?} ({} labels) outline {outline_t:?} ({}) autosave-json {save:?} ({} bytes) clone {clone:?} entities {}", index.len(), outline.len(), json.len(), entities.len());
    }
}
