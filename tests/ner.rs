#![cfg(not(target_arch = "wasm32"))]
//! Entity recognition on the sample bulletin: hand-checked sentences (GUIDELINES.md), the
//! hand-annotated gold, corrupt model bytes, and the flat/sorted output contract.

use bulletin::core::ner::corpus::parse_jsonl;
use bulletin::core::ner::score::Scores;
use bulletin::core::ner::{BulletinRecogniser, Model, ModelError};
use bulletin::core::pipeline::{Pipeline, NER_MODEL};
use bulletin::core::recognise::Recogniser;
use bulletin::core::segment::Segmenter;
use proptest::prelude::*;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::default)
}

/// `(label, text)` of every entity found in `text`.
fn found(text: &str) -> Vec<(String, String)> {
    let a = pipeline().analyze(text).expect("analysis");
    a.suggestions
        .iter()
        .map(|s| (s.label.clone(), text.chars().skip(s.start).take(s.end - s.start).collect()))
        .collect()
}

fn has(text: &str, label: &str, entity: &str) -> bool {
    found(text).iter().any(|(l, e)| l == label && e == entity)
}

#[test]
fn bylines_give_each_name() {
    let t = "本报讯(记者 刘伟平 通讯员 乔贺李博文)9月20日,天刚擦亮,永安街上的商户们就开始忙碌起来";
    let per: Vec<String> = found(t).into_iter().filter(|(l, _)| l == "PER").map(|(_, e)| e).collect();
    assert_eq!(per, ["刘伟平", "乔贺", "李博文"]);
    assert!(has("本报讯(记者 孙志刚 通讯员 张晓菲 文/图)金秋九月,丹桂飘香", "PER", "张晓菲"));
    assert!(has("为进一步美化社区环境。本报记者 党贺喜 摄", "PER", "党贺喜"));
    // 记者 in prose is not a byline.
    assert!(!found("走访中记者发现,永安社区网格员").iter().any(|(l, _)| l == "PER"));
}

#[test]
fn organisation_with_district_prefix() {
    let t = "管城区财政局开展“万人助万企”活动要求,迅速组建专班";
    assert!(has(t, "ORG", "管城区财政局"), "{:?}", found(t));
    assert!(!has(t, "LOC", "管城区"));
}

#[test]
fn dates_numbers_and_terms() {
    let t = "9月20日上午,二七区重点工程建设“六比一创”劳动竞赛活动在深国际·北方区域总部智慧港项目现场举行";
    assert!(has(t, "DATE", "9月20日上午"), "{:?}", found(t));
    assert!(has(t, "TERM", "六比一创"));
    let t = "长江路生态廊道占地近4万平方米,其场地是长约712米、宽约50米的带状空间。";
    assert!(has(t, "NUM", "近4万平方米"), "{:?}", found(t));
    assert!(has(t, "NUM", "约712米"));
    // Figurative quotes are not TERMs; the name inside quotes is, without the marks.
    let t = "店内悬挂的文明商户“流动红旗”成了“风向标”";
    assert!(has(t, "TERM", "流动红旗"));
    assert!(!found(t).iter().any(|(_, e)| e.contains("风向标")));
}

#[test]
fn administrative_chains_are_split() {
    let t = "9月19日,惠济区迎宾路街道杨庄村开展了“社区空地改造 建设共享菜园”抽签认领亲子活动。";
    let f = found(t);
    for (label, e) in
        [("LOC", "惠济区"), ("LOC", "迎宾路街道"), ("LOC", "杨庄村"), ("TERM", "社区空地改造 建设共享菜园")]
    {
        assert!(f.contains(&(label.to_string(), e.to_string())), "{e}: {f:?}");
    }
}

#[test]
fn sample_gold_is_consistent_and_scores_well() {
    let gold = parse_jsonl(include_str!("gold/zhengzhou-bulletin.jsonl")).expect("gold parses");
    assert!(gold.len() > 40);
    let mut scores = Scores::default();
    for r in &gold {
        let mut prev_end = 0;
        for e in &r.entities {
            let text: String = r.text.chars().skip(e.start).take(e.end - e.start).collect();
            assert_eq!(Some(&text), e.text.as_ref(), "offsets in {:?}", r.text);
            assert!(e.start >= prev_end, "gold spans are flat");
            prev_end = e.end;
        }
        let a = pipeline().analyze(&r.text).expect("analysis");
        let g: Vec<_> = r.entities.iter().map(|e| (e.start, e.end, e.label.clone())).collect();
        let p: Vec<_> = a.suggestions.iter().map(|s| (s.start, s.end, s.label.clone())).collect();
        scores.add(&g, &p);
    }
    // docs/ner.md reports the exact figure; this pins the target.
    assert!(scores.micro.f1() >= 0.90, "sample micro F1 {:.4}", scores.micro.f1());
}

/// The model bytes inside the shipped (brotli-compressed) file.
fn raw_model() -> Vec<u8> {
    bulletin::core::compressed::decompress(NER_MODEL, 64 << 20).expect("the shipped model decompresses")
}

#[test]
fn corrupt_model_bytes_are_errors() {
    let raw = raw_model();
    assert!(Model::from_bytes(&raw).is_ok());
    assert!(Model::from_file_bytes(NER_MODEL).is_ok());
    assert!(NER_MODEL.len() < raw.len() * 2 / 3, "the shipped file is compressed");
    assert!(matches!(Model::from_bytes(&[]), Err(ModelError::Truncated(0))));
    assert!(matches!(Model::from_bytes(&[0u8; 64]), Err(ModelError::BadMagic)));
    assert!(matches!(Model::from_file_bytes(&[0u8; 64]), Err(ModelError::BadMagic)));
    let mut flipped = raw.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    assert_eq!(Model::from_bytes(&flipped).err(), Some(ModelError::Checksum));
    let mut version = raw.clone();
    version[4] = 99;
    assert!(matches!(Model::from_bytes(&version), Err(ModelError::Version(_))));
    for cut in [1, 7, 8, 20, 33, 200, raw.len() / 3, raw.len() - 1] {
        assert!(Model::from_bytes(&raw[..cut]).is_err(), "truncated at {cut}");
        assert!(Model::from_file_bytes(&NER_MODEL[..cut.min(NER_MODEL.len() - 1)]).is_err(), "file cut at {cut}");
    }
    assert!(Pipeline::with_model_bytes(Segmenter::new(), &NER_MODEL[..100]).is_err());
}

#[test]
fn model_round_trips() {
    let model = Model::from_file_bytes(NER_MODEL).expect("model");
    assert_eq!(model.to_bytes(), raw_model());
    assert_eq!(Model::from_file_bytes(&model.to_file_bytes()).expect("re-read").to_bytes(), raw_model());
}

fn check_flat(text: &str) {
    let a = pipeline().analyze(text).expect("analysis");
    let n = text.chars().count();
    let mut prev_end = 0;
    for s in &a.suggestions {
        assert!(s.start < s.end && s.end <= n, "{s:?} in {text:?}");
        assert!(s.start >= prev_end, "overlap or unsorted at {s:?} in {text:?}");
        prev_end = s.end;
    }
}

#[test]
fn output_is_flat_and_sorted_on_the_sample() {
    let gold = parse_jsonl(include_str!("gold/zhengzhou-bulletin.jsonl")).expect("gold parses");
    let whole: Vec<String> = gold.into_iter().map(|r| r.text).collect();
    check_flat(&whole.join("\n\n"));
    let rules_only = BulletinRecogniser::without_model();
    let text = whole.join("\n");
    let tokens = pipeline().segmenter().segment(&text);
    let found = rules_only.recognise(&text, &tokens);
    assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_text_gives_flat_spans(text in "[“”记者通讯员 区县街道社区局第近约余0-9９一二两万年月日上午·、“”a-z\\PC]{0,60}") {
        check_flat(&text);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200), cut in 0usize..4096) {
        let _ = Model::from_bytes(&bytes);
        let _ = Model::from_file_bytes(&bytes);
        let mut real = raw_model();
        real.truncate(cut.min(real.len()));
        prop_assert!(Model::from_bytes(&real).is_err());
    }
}

#[test]
fn news_prose_is_not_a_titled_name_or_a_term() {
    // 党员干部 is one word: 干部 after the title 党员 is not a name.
    assert!(!found("这是广大党员干部的责任。").iter().any(|(l, _)| l == "PER"));
    // A plain quote the model reads as a name keeps the model's label.
    assert!(!found("“港人治港”的决心").iter().any(|(l, _)| l == "TERM"));
    // A slogan with a separator stays a TERM.
    assert!(has("举办“智汇郑东·共赢未来”活动", "TERM", "智汇郑东·共赢未来"));
}

#[path = "common/kernel_check.rs"]
mod kernel_check;

/// The tagger's inner loops (explicit SIMD in wasm) agree bit for bit with a plain reference.
#[test]
fn tagger_kernels_match_a_plain_reference() {
    kernel_check::kernels_match_the_reference();
}
