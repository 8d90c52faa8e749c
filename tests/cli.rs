#![cfg(not(target_arch = "wasm32"))]
//! Runs the `annotate` and `convert` binaries as a user would.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(bin: &str, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The tool may exit (on bad arguments) before reading everything: a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn annotate(args: &[&str], stdin: &[u8]) -> Output {
    run(env!("CARGO_BIN_EXE_annotate"), args, stdin)
}

const INPUT: &str = concat!(
    r#"{"id": 7, "text": "记者 刘伟平报道：9月20日上午，郑州市中原区林山寨街道办事处召开会议。", "source": {"page": 2}, "score": 1.50}"#,
    "\n",
    r#"{"text": "𠮷野家在郑州👨🏻‍🚒开业\r\n二七区总工会", "tags": ["a", "b"]}"#,
    "\n\n",
    r#"{"text": ""}"#,
    "\n",
);

/// Checks every output line against its input line and returns the parsed output.
fn check_output(stdout: &[u8]) -> Vec<Value> {
    let stdout = std::str::from_utf8(stdout).unwrap();
    let inputs: Vec<Value> =
        INPUT.lines().filter(|l| !l.trim().is_empty()).map(|l| serde_json::from_str(l).unwrap()).collect();
    let outputs: Vec<Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(outputs.len(), inputs.len(), "one line out per record in:\n{stdout}");
    for (input, output) in inputs.iter().zip(&outputs) {
        for (key, value) in input.as_object().unwrap() {
            assert_eq!(&output[key], value, "field {key} passes through");
        }
        let text = input["text"].as_str().unwrap();
        let chars: Vec<char> = text.chars().collect();
        let mut previous_end = 0;
        for e in output["entities"].as_array().unwrap() {
            let (start, end) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
            assert!(start < end && end <= chars.len(), "{e}");
            assert!(start >= previous_end, "entities are sorted and flat: {e}");
            previous_end = end;
            let span: String = chars[start..end].iter().collect();
            assert_eq!(e["text"].as_str().unwrap(), span, "text[start..end] in code points");
            assert!(["PER", "LOC", "ORG", "DATE", "NUM", "TERM"].contains(&e["label"].as_str().unwrap()), "{e}");
        }
    }
    outputs
}

#[test]
fn annotates_jsonl_from_stdin_passing_fields_through() {
    let out = annotate(&[], INPUT.as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let outputs = check_output(&out.stdout);
    // The recogniser may change, but a line this full of names should get some entities.
    let first = outputs[0]["entities"].as_array().unwrap();
    assert!(!first.is_empty(), "{first:?}");
    assert_eq!(outputs[2]["entities"], serde_json::json!([]));
    // Progress goes to a terminal only; here stderr is a pipe.
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    // Fields keep their order and spelling: the line starts exactly as the input line did.
    let first_line = std::str::from_utf8(&out.stdout).unwrap().lines().next().unwrap();
    assert!(first_line.starts_with(INPUT.lines().next().unwrap().trim_end_matches('}')), "{first_line}");
}

#[test]
fn reads_gzip_from_a_file() {
    let dir = std::env::temp_dir().join(format!("bulletin-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("input.jsonl.gz");
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(INPUT.as_bytes()).unwrap();
    std::fs::write(&path, encoder.finish().unwrap()).unwrap();
    let out = annotate(&["--input", path.to_str().unwrap()], b"");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    check_output(&out.stdout);
    let plain = annotate(&[], INPUT.as_bytes());
    assert_eq!(out.stdout, plain.stdout, "gzip and plain input give the same output");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_lines_fail_with_their_line_number() {
    for (input, line) in [
        ("{\"text\": \"郑州\"}\n{\"text\": \"a\"\n", "line 2"),
        ("{\"text\": \"郑州\"}\n\n{\"txt\": \"a\"}\n", "line 3"),
        ("[1]\n", "line 1"),
        ("{\"text\": 5}\n", "line 1"),
    ] {
        let out = annotate(&[], input.as_bytes());
        assert!(!out.status.success(), "{input:?} should fail");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(line), "{input:?}: {stderr}");
        assert!(out.stdout.is_empty(), "nothing is written before the input is checked");
    }
    let out = annotate(&[], b"{\"text\": \"ok\"}\n\xff\xfe\n");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
    let out = annotate(&["--format", "nonsense"], INPUT.as_bytes());
    assert!(!out.status.success());
}

#[test]
fn other_formats_can_be_selected() {
    let out = annotate(&["--format", "doccano"], INPUT.as_bytes());
    assert!(out.status.success());
    let lines: Vec<Value> =
        std::str::from_utf8(&out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["id"], "7");
    let out = annotate(&["--format", "json"], INPUT.as_bytes());
    let project: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(project["format"], "bulletin-annotations");
    assert_eq!(project["documents"].as_array().unwrap().len(), 3);
    let out = annotate(&["--format", "conll"], INPUT.as_bytes());
    assert!(std::str::from_utf8(&out.stdout).unwrap().starts_with("-DOCSTART-\tO\n\n记\tO\n"));
    let out = annotate(&["--format", "labelstudio"], INPUT.as_bytes());
    let tasks: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tasks.as_array().unwrap().len(), 3);
    let out = annotate(&["--format", "brat"], INPUT.as_bytes());
    assert_eq!(&out.stdout[..4], b"PK\x03\x04");
}

#[test]
fn convert_round_trips_through_another_format() {
    let doccano = annotate(&["--format", "doccano"], INPUT.as_bytes()).stdout;
    let convert = env!("CARGO_BIN_EXE_convert");
    let ls = run(convert, &["--from", "doccano", "--to", "labelstudio"], &doccano);
    assert!(ls.status.success(), "{}", String::from_utf8_lossy(&ls.stderr));
    let back = run(convert, &["--from", "labelstudio", "--to", "doccano", "--to-offsets", "utf16"], &ls.stdout);
    assert!(back.status.success(), "{}", String::from_utf8_lossy(&back.stderr));
    let parse = |b: &[u8]| -> Vec<Value> {
        std::str::from_utf8(b).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    let (a, b) = (parse(&doccano), parse(&back.stdout));
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x["text"], y["text"]);
        assert_eq!(x["label"], y["label"]);
    }
    let bad = run(convert, &["--from", "conll", "--to", "json"], b"\xe9\x83\x91\tB-ANIMAL\n");
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("ANIMAL") && stderr.contains("--add-labels"), "{stderr}");
    let added = run(convert, &["--from", "conll", "--to", "json", "--add-labels"], "郑\tB-ANIMAL\n".as_bytes());
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
}

/// An adaptation exported by the app (here learned through the same `Pipeline::learn`) changes
/// what `annotate` finds; a file for another model is refused with a message.
#[test]
fn annotate_applies_an_adaptation_file_and_refuses_a_foreign_one() {
    use bulletin::core::ner::adapt::Lesson;
    let taught = "昨日上午，宓秋蘅带领居民清理了小区内的卫生死角。";
    let mut pipeline = bulletin::core::pipeline::Pipeline::default();
    pipeline.learn("a", &[Lesson { text: taught.into(), gold: vec![(5, 8, 0)] }]);
    let file = pipeline.bulletin_mut().unwrap().adaptation_file().unwrap();
    let dir = std::env::temp_dir().join(format!("annotate-adaptation-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("model-adaptation.json");
    std::fs::write(&path, serde_json::to_string(&file).unwrap()).unwrap();
    let input = "{\"text\": \"据了解，宓秋蘅已连续三年参加社区志愿服务。\"}\n";
    let names = |out: &Output| -> Vec<String> {
        let line: Value = serde_json::from_slice(&out.stdout).unwrap();
        line["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["label"] == "PER")
            .map(|e| e["text"].as_str().unwrap().to_owned())
            .collect()
    };
    let plain = annotate(&[], input.as_bytes());
    assert!(plain.status.success());
    assert!(!names(&plain).contains(&"宓秋蘅".to_string()));
    let adapted = annotate(&["--adaptation", path.to_str().unwrap()], input.as_bytes());
    assert!(adapted.status.success(), "{}", String::from_utf8_lossy(&adapted.stderr));
    assert!(names(&adapted).contains(&"宓秋蘅".to_string()));
    let mut foreign = file;
    foreign.model = "0000000000000000".into();
    std::fs::write(&path, serde_json::to_string(&foreign).unwrap()).unwrap();
    let refused = annotate(&["--adaptation", path.to_str().unwrap()], input.as_bytes());
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("another model"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `train --base` learns a doccano file through the browser's path (`Pipeline::learn` on
/// every sentence): the same changes as learning in-process, an adaptation `annotate` applies,
/// and labels the model does not tag are reported, not learned.
#[test]
fn train_base_fine_tunes_from_an_importable_file_through_the_shared_path() {
    use bulletin::core::annotations::AnnotationSet;
    use bulletin::core::entity::{Origin, Span};
    use bulletin::core::ner::adapt::{all_lessons, AdaptationFile};
    let taught = "昨日上午，宓秋蘅带领居民清理了小区内的卫生死角。大家干劲十足。";
    let dir = std::env::temp_dir().join(format!("train-base-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (train, out) = (dir.join("corrections.jsonl"), dir.join("adaptation.json"));
    let line = serde_json::json!({ "text": taught, "label": [[0, 4, "DATE"], [5, 8, "PER"]] });
    std::fs::write(&train, format!("{line}\n")).unwrap();
    let run_train = run(
        env!("CARGO_BIN_EXE_train"),
        &["--base", "shipped", "--train", train.to_str().unwrap(), "--out", out.to_str().unwrap()],
        b"",
    );
    let stderr = String::from_utf8_lossy(&run_train.stderr);
    assert!(run_train.status.success(), "{stderr}");
    assert!(stderr.contains("learned 2 sentences of 1 documents"), "{stderr}");
    assert!(stderr.contains("DATE ×1"), "{stderr}");
    let file: AdaptationFile = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();

    let mut set = AnnotationSet::new(taught.chars().count());
    set.add(Span { start: 0, end: 4 }, "DATE", Origin::Manual, None).unwrap();
    set.add(Span { start: 5, end: 8 }, "PER", Origin::Manual, None).unwrap();
    let mut pipeline = bulletin::core::pipeline::Pipeline::default();
    pipeline.learn("doc", &all_lessons(taught, &set));
    let same = pipeline.bulletin_mut().unwrap().adaptation_file().unwrap();
    assert_eq!(file.model, same.model);
    assert_eq!(file.taught.len(), 1);
    assert!(!file.taught[0].changes.is_empty());
    assert_eq!(file.taught[0].changes, same.taught[0].changes, "CLI and in-process learning differ");

    let input = "{\"text\": \"据了解，宓秋蘅已连续三年参加社区志愿服务。\"}\n";
    let model = concat!(env!("CARGO_MANIFEST_DIR"), "/static/ner-model.bin");
    let adapted = annotate(&["--model", model, "--adaptation", out.to_str().unwrap()], input.as_bytes());
    assert!(adapted.status.success(), "{}", String::from_utf8_lossy(&adapted.stderr));
    assert!(String::from_utf8_lossy(&adapted.stdout).contains("\"宓秋蘅\""));
    let bad = annotate(&["--model", train.to_str().unwrap()], input.as_bytes());
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("corrections.jsonl"));
    let _ = std::fs::remove_dir_all(&dir);
}
