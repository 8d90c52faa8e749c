//! Place and organisation rules applied to the model's spans (GUIDELINES.md, LOC and ORG):
//! chains of administrative units are split one LOC per level (中原区 + 长江路生态廊道), and an
//! administrative prefix joins the organisation that follows it (管城区 + 财政局 → one ORG).

use super::rules::{ends_with, match_any, Cand};
use crate::core::segment::Token;

/// Suffixes of administrative units (longer first). Streets (路/街) are not divisions.
const ADMIN: &[&str] =
    &["自治区", "自治州", "自治县", "街道", "社区", "新区", "开发区", "区", "县", "市", "省", "镇", "乡", "村", "旗"];
/// Words that make the preceding place an organisation's prefix (郑州市 + 人民政府).
const ORG_SUFFIX: &[&str] = &[
    "人民政府",
    "办事处",
    "管委会",
    "总工会",
    "发改委",
    "党工委",
    "居委会",
    "村委会",
    "委员会",
    "政府",
    "党委",
    "工会",
    "财政局",
    "公安局",
    "分局",
    "卫健委",
    "派出所",
    "法院",
    "检察院",
    "卫生院",
    "人大常委会",
    "政协",
];

fn admin_end(chars: &[char], end: usize) -> bool {
    ADMIN.iter().any(|s| ends_with(chars, end, s))
}

/// Splits LOC spans after each internal administrative suffix that is also a word
/// boundary, keeping at least two characters on each side.
pub fn split_chains(chars: &[char], tokens: &[Token], cands: Vec<Cand>) -> Vec<Cand> {
    let boundary = |i: usize| tokens.binary_search_by_key(&(i as u32), |t| t.start).is_ok();
    let mut out = Vec::with_capacity(cands.len());
    for c in cands {
        if c.label != "LOC" {
            out.push(c);
            continue;
        }
        let mut start = c.start;
        for cut in c.start + 2..c.end.saturating_sub(1) {
            if cut - start >= 2 && admin_end(chars, cut) && boundary(cut) {
                out.push(Cand::new(start, cut, "LOC"));
                start = cut;
            }
        }
        out.push(Cand::new(start, c.end, "LOC"));
    }
    out
}

/// Joins administrative LOC spans directly before an ORG, or before an organisation
/// suffix word, into one ORG. `cands` must be sorted by start.
pub fn join_prefixes(chars: &[char], mut cands: Vec<Cand>) -> Vec<Cand> {
    // An administrative LOC followed directly by an organisation word the model missed.
    for c in cands.iter_mut() {
        if c.label == "LOC" && admin_end(chars, c.end) {
            if let Some(s) = match_any(chars, c.end, ORG_SUFFIX) {
                *c = Cand::new(c.start, c.end + s.chars().count(), "ORG");
            }
        }
    }
    // Merge runs of administrative LOCs into the ORG that follows them.
    let mut out: Vec<Cand> = Vec::with_capacity(cands.len());
    for c in cands {
        if c.label == "ORG" {
            let mut start = c.start;
            while let Some(prev) = out.last() {
                if prev.label == "LOC" && prev.end == start && admin_end(chars, prev.end) {
                    start = prev.start;
                    out.pop();
                } else {
                    break;
                }
            }
            out.push(Cand::new(start, c.end, "ORG"));
        } else {
            out.push(c);
        }
    }
    out
}

/// Suffixes for the stand-alone administrative rule (longer first).
const UNIT: &[&str] = &["街道", "社区", "新区", "区", "县", "镇", "乡", "村"];
/// Characters that cannot be part of a place name before a suffix (函数词, 全区, 辖区, 小区).
const NOT_NAME: &str =
    "的之在和与及是对从到向由为将把被让于了并等全本该各每其这那此我你他个辖小大老新景园片山校商区县镇乡村市省";
/// Characters that cannot end a name (管理中社区, 推动农村) but may start one (中原区).
const NOT_NAME_END: &str = "中农";
/// Characters that show the suffix starts another word (区域, 市场, 村民, 村庄).
const NOT_AFTER: &str = "域场民级委容属庄干部貌务村";
/// Common words that end up before 社区/街道 in prose (走进社区, 美化社区, 宜业兴业社区).
const NOT_NAME_WORDS: &[&str] = &[
    "走进", "美化", "深入", "进入", "回到", "服务", "建设", "打造", "发挥", "管理", "治理", "实现", "兴业", "宜居",
    "和谐", "文明", "幸福", "平安", "智慧", "绿色", "美丽", "示范", "城市", "农村", "乡镇", "所在", "周边", "附近",
    "相关", "各个", "联系", "帮助", "开展", "组织", "参与", "依托", "所属", "多个", "覆盖", "成立", "居民", "整个",
    "填写", "招聘", "展示", "活动", "功能", "办公", "生活", "工作", "休闲", "登记", "指导", "体验", "全国", "完整",
    // Kinds of county, township or village in news prose (贫困县, 先进县, 重点乡, 专业村).
    "贫困", "先进", "发展", "百强", "高产", "吨粮", "重点", "专业", "文化", "行政", "部分", "产生", "主管", "效益",
    "特色", "经济", "烈度", "参数",
];
/// Landmark words that extend a place (长江路 + 生态廊道).
const LANDMARK: &[&str] = &["生态廊道", "廊道", "公园", "广场", "游园"];
/// Common nouns ending in an administrative suffix character.
const GENERIC: &[&str] = &[
    "地区", "灾区", "震区", "特区", "矿区", "展区", "家乡", "城镇", "重镇", "下乡", "老区", "山区", "景区", "园区",
    "市区", "街区", "片区", "辖区", "校区", "郊区", "牧区", "林区", "垦区", "库区", "湖区", "疫区", "城市", "都市",
    "县城", "农村", "乡村", "新村", "本村", "全村", "小区", "城乡", "集镇", "名镇", "古镇", "大县", "强县", "小镇",
];

/// Whether `word` equals `target` exactly.
fn starts_with_all(word: &[char], target: &str) -> bool {
    word.len() == target.chars().count() && word.iter().zip(target.chars()).all(|(a, b)| *a == b)
}
/// Endings of organisation names after an administrative prefix.
const ORG_END: &[&str] = &["中心", "门诊", "公司", "医院", "学校", "协会", "局", "办公室", "卫生院", "中学", "小学"];

fn token_start(tokens: &[Token], i: usize) -> Option<usize> {
    let k = tokens.partition_point(|t| (t.end as usize) <= i);
    tokens.get(k).filter(|t| t.start as usize <= i).map(|t| t.start as usize)
}

/// Administrative units found by their suffix: a two-character name (three with a street,
/// 丰产路街道; longer when jieba's word reaches further left, 十八里河街道) plus the suffix.
pub fn admin_units(chars: &[char], tokens: &[Token]) -> Vec<Cand> {
    let mut out = Vec::new();
    let mask = super::rules::first_chars(UNIT);
    for p in 2..chars.len() {
        if !chars.get(p).is_some_and(|&c| mask.may_hold(c)) {
            continue;
        }
        let Some(suffix) = match_any(chars, p, UNIT) else { continue };
        let q = p + suffix.chars().count();
        if chars.get(q).is_some_and(|c| NOT_AFTER.contains(*c)) || (suffix == "区" && chars.get(p - 1) == Some(&'社'))
        {
            continue;
        }
        let street = matches!(suffix, "街道" | "社区") && matches!(chars.get(p - 1), Some('路' | '街'));
        let mut s = if street { p.saturating_sub(3) } else { p - 2 };
        if let Some(t) = token_start(tokens, s).filter(|&t| t < s && p - t <= 4) {
            if chars.get(t..s).is_some_and(|x| x.iter().all(|&c| super::rules::is_han(c) && !NOT_NAME.contains(c))) {
                s = t;
            }
        }
        let name = chars.get(s..p).unwrap_or(&[]);
        if name.len() < 2
            || name.iter().any(|&c| !super::rules::is_han(c) || NOT_NAME.contains(c))
            || name.last().is_some_and(|c| NOT_NAME_END.contains(*c))
        {
            continue;
        }
        if !street && NOT_NAME_WORDS.iter().any(|w| ends_with(chars, p, w)) {
            continue;
        }
        // A dictionary word spanning name and suffix is a common noun (服务区, 展示区)
        // unless jieba tags it as a place (二七区/ns).
        let word = tokens.get(tokens.partition_point(|t| (t.end as usize) <= p));
        if suffix == "区" && word.is_some_and(|w| w.start as usize == s && w.end as usize == q && w.pos != "ns") {
            continue;
        }
        // The suffix glued to one character of a common noun: 地区, 灾区, 家乡, 城镇.
        let glued = word.filter(|w| (w.start as usize) > s && (w.start as usize) < p);
        if glued.is_some_and(|w| {
            chars.get(w.start as usize..w.end as usize).is_some_and(|g| GENERIC.iter().any(|x| starts_with_all(g, x)))
        }) {
            continue;
        }
        // The name must start with a noun-like word (先进县, 考虑社区, 中型乡 are prose).
        let first = tokens.get(tokens.partition_point(|t| (t.end as usize) <= s));
        let nounish =
            first.is_some_and(|t| ["ns", "nr", "nrt", "nrfg", "nz", "j", "n", "vn", "x"].contains(&t.pos.as_str()));
        if !street && !nounish {
            continue;
        }
        out.push(Cand::new(s, q, "LOC"));
    }
    // Compounds on a street: 政六街30号院.
    for p in 0..chars.len() {
        if !matches!(chars.get(p), Some('街' | '路')) || p < 2 {
            continue;
        }
        let Some(e) = super::rules::arabic_end(chars, p + 1) else { continue };
        if let Some(w) = match_any(chars, e, &["号院", "号楼", "号"]) {
            let s = p - 2;
            if chars.get(s..p).is_some_and(|n| n.iter().all(|&c| super::rules::is_han(c) && !NOT_NAME.contains(c))) {
                out.push(Cand::new(s, e + w.chars().count(), "LOC"));
            }
        }
    }
    out
}

/// Extends LOC spans over a following landmark word and ORG candidates: an administrative
/// LOC followed, within one clause, by an organisation ending (中原区园林绿化养护中心).
pub fn extend(chars: &[char], tokens: &[Token], cands: &[Cand]) -> Vec<Cand> {
    let mut out = Vec::new();
    for c in cands.iter().filter(|c| c.label == "LOC") {
        if let Some(l) = match_any(chars, c.end, LANDMARK) {
            out.push(Cand::new(c.start, c.end + l.chars().count(), "LOC"));
        }
        if !admin_end(chars, c.end) {
            continue;
        }
        let mut k = tokens.partition_point(|t| (t.end as usize) <= c.end);
        while let Some(t) = tokens.get(k) {
            let (ts, te) = (t.start as usize, t.end as usize);
            if te - c.start > 14 || chars.get(ts..te).is_none_or(|w| w.iter().any(|&ch| !super::rules::is_han(ch))) {
                break;
            }
            if ORG_END.iter().any(|e| ends_with(chars, te, e)) {
                out.push(Cand::new(c.start, te, "ORG"));
                break;
            }
            k += 1;
        }
    }
    out
}

/// False for a span that is a prose word plus an administrative suffix (美化社区).
pub fn plausible_place(chars: &[char], c: &Cand) -> bool {
    let Some(suffix) = ADMIN.iter().find(|s| ends_with(chars, c.end, s)) else { return true };
    let p = c.end - suffix.chars().count();
    !NOT_NAME_WORDS.iter().any(|w| ends_with(chars, p, w) && p - w.chars().count() == c.start)
}

/// Endings of a road's or street's name.
const ROAD_END: &[&str] = &["大道", "大街", "东路", "西路", "南路", "北路", "中路", "路", "街", "巷"];
/// Words ending like a road that are not road names.
const NOT_ROAD: &[&str] = &[
    "公路",
    "铁路",
    "马路",
    "道路",
    "线路",
    "思路",
    "水泥路",
    "柏油路",
    "高速路",
    "小路",
    "大路",
    "新路",
    "老路",
    "山路",
    "土路",
    "网路",
    "电路",
    "出路",
    "之路",
    "一路",
    "沿路",
    "进路",
    "去路",
    "来路",
    "走路",
    "上路",
    "半路",
    "让路",
    "带路",
    "街道",
    "步行街",
    "商业街",
    "美食街",
    "老街",
    "大街小巷",
    "小巷",
    "街巷",
    "门路",
    "生路",
    "销路",
    "近路",
    "致富路",
    "条街",
    "条路",
    "几路",
    "向大街",
];

/// LOC spans of roads and streets (金水路, 中州大道, 第八大街): one jieba word ending in a
/// road word, a place or name word followed by one, or an ordinal followed by one.
pub fn roads(chars: &[char], tokens: &[Token]) -> Vec<Cand> {
    let word =
        |t: &Token| -> String { chars.get(t.start as usize..t.end as usize).unwrap_or_default().iter().collect() };
    let is_road_word = |w: &str| ROAD_END.contains(&w);
    let mut out = Vec::new();
    for (k, t) in tokens.iter().enumerate() {
        let w = word(t);
        let n = w.chars().count();
        if n >= 3 && ROAD_END.iter().any(|e| w.ends_with(e)) && !NOT_ROAD.iter().any(|x| w.ends_with(x)) {
            out.push(Cand::new(t.start as usize, t.end as usize, "LOC"));
            continue;
        }
        let Some(next) = tokens.get(k + 1) else { continue };
        let named = n == 2 && ["ns", "nr", "nz", "n", "j"].contains(&t.pos.as_str());
        let ordinal = t.pos.starts_with('m') && w.starts_with('第');
        if (named || ordinal)
            && is_road_word(&word(next))
            && !NOT_ROAD.iter().any(|x| (w.clone() + &word(next)).ends_with(x))
        {
            out.push(Cand::new(t.start as usize, next.end as usize, "LOC"));
        }
    }
    out
}
