//! Organisation rules (GUIDELINES.md, ORG, "Beyond the sample"): news outlets, and
//! departments written with a one-character prefix for their place (市教育局, 县医院).

use super::rules::{first_chars, is_han, match_any, Cand};
use crate::core::segment::Token;

/// Outlets a bulletin cites by name (longer first where one is a prefix of another).
const OUTLETS: &[&str] = &[
    "新华社",
    "中新社",
    "中国新闻社",
    "中国新闻网",
    "新华网",
    "新华每日电讯",
    "人民网",
    "人民日报",
    "央视网",
    "央视新闻",
    "中央电视台",
    "央视",
    "央广网",
    "中央人民广播电台",
    "中国之声",
    "光明网",
    "光明日报",
    "经济日报",
    "中国日报",
    "中国网",
    "中国经济网",
    "国际在线",
    "海外网",
    "环球时报",
    "参考消息",
    "法治日报",
    "法制日报",
    "工人日报",
    "农民日报",
    "科技日报",
    "解放军报",
    "检察日报",
    "人民法院报",
    "中国青年报",
    "中国青年网",
    "北京青年报",
    "北青网",
    "新京报",
    "京华时报",
    "澎湃新闻",
    "界面新闻",
    "红星新闻",
    "封面新闻",
    "上游新闻",
    "极目新闻",
    "潮新闻",
    "顶端新闻",
    "大象新闻",
    "财新网",
    "第一财经",
    "每日经济新闻",
    "南方周末",
    "南方都市报",
    "南方日报",
    "南方网",
    "新民晚报",
    "扬子晚报",
    "钱江晚报",
    "齐鲁晚报",
    "羊城晚报",
    "半岛都市报",
    "华西都市报",
    "楚天都市报",
    "潇湘晨报",
    "现代快报",
    "大河报",
    "大河网",
    "映象网",
    "东方今报",
    "郑州日报",
    "郑州晚报",
    "河南日报",
    "大众日报",
    "大众网",
    "齐鲁网",
    "浙江日报",
    "浙江在线",
    "四川日报",
    "四川在线",
    "湖北日报",
    "荆楚网",
    "新华日报",
    "解放日报",
    "文汇报",
    "北京日报",
    "天津日报",
    "重庆日报",
    "华龙网",
    "广州日报",
    "深圳特区报",
    "长江日报",
    "东方网",
    "千龙网",
    "红网",
    "金羊网",
    "南海网",
    "天山网",
    "东北网",
    "东南网",
    "大江网",
    "中安在线",
    "胶东在线",
    "新浪网",
    "新浪新闻",
    "腾讯网",
    "腾讯新闻",
    "网易新闻",
    "搜狐网",
    "凤凰网",
    "今日头条",
    "学习强国",
    "新快报",
    "华夏时报",
    "证券时报",
    "中新网",
    "经济观察报",
    "21世纪经济报道",
    "深圳商报",
    "山东商报",
    "北京晨报",
    "北京晚报",
    "今晚报",
    "燕赵都市报",
    "都市快报",
];
/// Short forms of an outlet (晨报, 商报) count only where they act as one (商报记者).
const OUTLET_SHORT: &[&str] = &["晨报", "商报", "晚报", "日报", "快报", "时报", "早报"];
const OUTLET_ACTS: &[&str] = &["记者", "讯", "报道", "消息", "获悉", "评论员", "通讯员"];
/// Endings of an outlet's name after its place (郑州日报, 中牟县融媒体中心).
const OUTLET_END: &[&str] =
    &["广播电视台", "融媒体中心", "电视台", "都市报", "日报", "晚报", "晨报", "时报", "商报", "早报", "新闻网"];
/// One-character place prefixes that stand for "this city/district/county/province".
const PREFIX: &str = "市区县省";
/// What may stand before such a prefix: punctuation, function words and determiners
/// (郑州市教育局 is left to the place rules, which keep the whole name).
const BEFORE_PREFIX: &str = "的在和与及从到向由为对据经将把被让于了并等全本该各每由是、，。：；（(“ \n";
/// Endings of a department's name; 医院/法院/检察院 may follow the prefix directly (县医院).
const DEPT_END: &[&str] =
    &["检察院", "法院", "医院", "支队", "大队", "分局", "局", "厅", "委", "办", "所", "站", "院", "中心"];
/// Endings of a unit inside a department, which joins it (市市场监管局食品安全处).
const SUB_UNIT_END: &[&str] = &["处", "科", "室", "支队", "大队", "中队", "分局", "所", "站"];
const DIRECT: &[&str] = &["人民检察院", "人民法院", "人民医院", "中医院", "检察院", "法院", "医院"];
/// Longest name between prefix and ending (区重点项目办: 4).
const MAX_MIDDLE: usize = 6;
/// Bare governing bodies are not annotated (市委, 县政府, 区党工委).
const BARE_BODY: &[&str] = &["党工委", "党委", "政府", "委", "人大", "政协", "纪委"];

/// ORG spans of news outlets: known names, and a place token followed by an outlet ending.
pub fn outlets(chars: &[char], tokens: &[Token]) -> Vec<Cand> {
    let mut out = Vec::new();
    let known = first_chars(OUTLETS);
    for (i, &c) in chars.iter().enumerate() {
        if known.may_hold(c) {
            if let Some(o) = longest(chars, i, OUTLETS) {
                out.push(Cand::new(i, i + o, "ORG"));
            }
        }
    }
    for (i, &c) in chars.iter().enumerate() {
        let free = i == 0 || chars.get(i - 1).is_some_and(|p| !is_han(*p) || BEFORE_PREFIX.contains(*p));
        if !free || !"晨商晚日快时早".contains(c) {
            continue;
        }
        if let Some(o) = match_any(chars, i, OUTLET_SHORT) {
            let e = i + o.chars().count();
            if match_any(chars, e, OUTLET_ACTS).is_some() {
                out.push(Cand::new(i, e, "ORG"));
            }
        }
    }
    for (k, t) in tokens.iter().enumerate() {
        if !t.pos.starts_with("ns") {
            continue;
        }
        // The place may be written in more than one token (中牟县 = 中牟 + 县).
        let mut end = t.end as usize;
        if let Some(next) = tokens.get(k + 1).filter(|n| n.end - n.start == 1 && PREFIX.contains(chars_at(chars, n))) {
            end = next.end as usize;
        }
        if let Some(e) = match_any(chars, end, OUTLET_END) {
            out.push(Cand::new(t.start as usize, end + e.chars().count(), "ORG"));
        }
    }
    out
}

fn chars_at(chars: &[char], t: &Token) -> char {
    chars.get(t.start as usize).copied().unwrap_or(' ')
}

/// The length of the longest of `words` at `i`.
fn longest(chars: &[char], i: usize, words: &[&str]) -> Option<usize> {
    words.iter().filter(|w| super::rules::starts_with(chars, i, w)).map(|w| w.chars().count()).max()
}

/// ORG spans of departments with a one-character place prefix: 市教育局, 区发改局, 省商务厅,
/// 县医院. The prefix must stand alone in jieba's segmentation (市场监管局 is not 市 + 场监管局).
pub fn prefixed_departments(chars: &[char], tokens: &[Token]) -> Vec<Cand> {
    let mut out = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if !PREFIX.contains(c)
            || i.checked_sub(1).and_then(|p| chars.get(p)).is_some_and(|p| !BEFORE_PREFIX.contains(*p))
        {
            continue;
        }
        let k = tokens.partition_point(|t| (t.end as usize) <= i);
        let Some(t) = tokens.get(k).filter(|t| t.start as usize <= i) else { continue };
        let (ts, te) = (t.start as usize, t.end as usize);
        // Alone (市/教育局), glued to the word before it (从县/医院), or one word with the
        // whole name (县医院); never the start of another word (市场/监管局).
        let alone = te == i + 1 && (ts == i || (ts + 1 == i && BEFORE_PREFIX.contains(chars[ts])));
        let whole = |end: usize| alone || (ts == i && te == end);
        if let Some(d) = longest(chars, i + 1, DIRECT).filter(|d| whole(i + 1 + d)) {
            out.push(Cand::new(i, i + 1 + d, "ORG"));
            continue;
        }
        if !alone {
            continue;
        }
        if let Some(end) = department_end(chars, tokens, i + 1) {
            out.push(Cand::new(i, sub_units(chars, end), "ORG"));
        }
    }
    out
}

/// The end of a department's name starting at `s` (教育局 in 市教育局): up to
/// [`MAX_MIDDLE`] characters of nouns from jieba, then a [`DEPT_END`] (委 takes its 会).
fn department_end(chars: &[char], tokens: &[Token], s: usize) -> Option<usize> {
    // Another prefix right after (市区) is no department, unless it starts a word (市市场监管局).
    let word_at_s = tokens.iter().any(|t| t.start as usize == s && t.end as usize > s + 1);
    if chars.get(s).is_none_or(|c| PREFIX.contains(*c) && !word_at_s) {
        return None;
    }
    for e in s + 1..=(s + MAX_MIDDLE + 1).min(chars.len()) {
        let last = *chars.get(e - 1)?;
        // 和 may join two fields (林业和园林局); the noun test below still applies.
        if !is_han(last) || (BEFORE_PREFIX.contains(last) && last != '和') {
            return None;
        }
        let Some(ending) = DEPT_END.iter().find(|d| super::rules::ends_with(chars, e, d)) else { continue };
        let end = if ["委", "常委"].iter().any(|w| super::rules::ends_with(chars, e, w)) && chars.get(e) == Some(&'会')
        {
            e + 1
        } else {
            e
        };
        let body: String = chars.get(s..end)?.iter().collect();
        let bare = ending.chars().count() >= body.chars().count() || BARE_BODY.contains(&body.as_str());
        // Every word before the ending is a noun (市查阅上年度市委 is prose, not a name).
        let ending_start = e - ending.chars().count();
        let nouns =
            tokens.iter().skip_while(|t| (t.end as usize) <= s).take_while(|t| (t.end as usize) <= ending_start).all(
                |t| {
                    ["n", "nt", "nz", "ns", "vn", "j", "x", "b"].iter().any(|p| t.pos.as_str() == *p)
                        || t.pos.starts_with("n")
                        // 市林业和园林局: two fields of one department.
                        || (t.end - t.start == 1 && chars.get(t.start as usize) == Some(&'和'))
                },
            );
        return (!bare && nouns).then_some(end);
    }
    None
}

/// `end` past a unit of the department that ends there: up to 6 Han characters ending in a
/// [`SUB_UNIT_END`], with no function word inside.
fn sub_units(chars: &[char], end: usize) -> usize {
    for e in end + 2..=(end + 7).min(chars.len()) {
        let Some(part) = chars.get(end..e) else { break };
        if !part.iter().all(|c| is_han(*c) && !BEFORE_PREFIX.contains(*c)) {
            break;
        }
        if SUB_UNIT_END.iter().any(|u| super::rules::ends_with(chars, e, u)) {
            return e;
        }
    }
    end
}

/// Whether an ORG is a bare governing body with a one-character prefix (市委, 县政府,
/// 区党工委), which is not annotated; a named one (贵阳市委) is.
pub fn bare_body(chars: &[char], c: &Cand) -> bool {
    let Some((prefix, body)) = chars.get(c.start..c.end).and_then(|s| s.split_first()) else { return false };
    let body: String = body.iter().collect();
    let prefixed = PREFIX.contains(*prefix) || matches!(prefix, '镇' | '乡');
    (prefixed && BARE_BODY.contains(&body.as_str()))
        || chars.get(c.start..c.end).is_some_and(|s| s.iter().collect::<String>() == "街道党工委")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::segment::Segmenter;

    fn texts(text: &str, f: fn(&[char], &[Token]) -> Vec<Cand>) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let tokens = Segmenter::new().segment(text);
        f(&chars, &tokens).iter().map(|c| chars[c.start..c.end].iter().collect()).collect()
    }

    #[test]
    fn outlets_by_name_and_by_ending() {
        assert_eq!(texts("据大河报报道，新华社记者获悉", outlets), ["大河报", "新华社"]);
        assert!(texts("郑州日报记者走访", outlets).contains(&"郑州日报".to_string()));
    }

    #[test]
    fn prefixed_departments_keep_their_prefix() {
        assert_eq!(texts("市教育局、省商务厅联合发文", prefixed_departments), ["市教育局", "省商务厅"]);
        assert_eq!(texts("记者从县医院获悉", prefixed_departments), ["县医院"]);
        assert!(texts("市场监管局执法人员", prefixed_departments).is_empty(), "市场 is a word, not 市 + 场");
        assert!(texts("市委、县政府高度重视", prefixed_departments).is_empty(), "bare governing bodies");
        assert!(texts("郑州市教育局", prefixed_departments).is_empty(), "the full name is the place rules' job");
    }
}
