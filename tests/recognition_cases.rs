#![cfg(not(target_arch = "wasm32"))]
//! Recognition case tables (`tests/cases/*.tsv`): each line is a made-up sentence and what
//! GUIDELINES.md says must and must not be found in it. One test reads every file and lists
//! all failing checks at once.

use bulletin::core::pipeline::Pipeline;

fn failures(path: &std::path::Path, pipeline: &Pipeline) -> Vec<String> {
    let table = std::fs::read_to_string(path).expect("case table");
    let mut out = Vec::new();
    for (n, line) in table.lines().enumerate().filter(|(_, l)| !l.starts_with('#') && !l.trim().is_empty()) {
        let Some((text, checks)) = line.split_once('\t') else {
            out.push(format!("{}:{}: no TAB between text and checks", path.display(), n + 1));
            continue;
        };
        let analysis = pipeline.analyze(text).expect("analysis");
        let found: Vec<(String, String)> = analysis
            .suggestions
            .iter()
            .map(|s| (s.label.clone(), text.chars().skip(s.start).take(s.end - s.start).collect()))
            .collect();
        for check in checks.split('\t').filter(|c| !c.is_empty()) {
            let (want, rest) = check.split_at(1);
            let Some((label, surface)) = rest.split_once(':') else {
                out.push(format!("{}:{}: bad check {check}", path.display(), n + 1));
                continue;
            };
            let present = found.iter().any(|(l, s)| (label == "*" || l == label) && s == surface);
            if present != (want == "+") {
                out.push(format!("{}:{}: {check} in {text}  (found: {found:?})", path.display(), n + 1));
            }
        }
    }
    out
}

#[test]
fn every_case_table_holds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let pipeline = Pipeline::default();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no case tables in {}", dir.display());
    let failed: Vec<String> = paths.iter().flat_map(|p| failures(p, &pipeline)).collect();
    assert!(failed.is_empty(), "{} failing checks:\n{}", failed.len(), failed.join("\n"));
}
