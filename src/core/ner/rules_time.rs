//! DATE and NUM rules: dates and clock times, numbers with units, approximators and
//! ordinals, and Chinese-numeral counts (GUIDELINES.md, DATE and NUM).

use super::rules::{arabic_end, cn_end, ends_with, is_digit, match_any, starts_with, Cand};
use crate::core::segment::Token;

const PART_OF_DAY: &[&str] = &["上午", "下午", "晚上", "早上", "中午", "凌晨", "傍晚", "夜间", "晚"];
const MONTH_TAIL: &[&str] = &["中下旬", "上中旬", "上旬", "中旬", "下旬", "份", "底", "初", "末"];
const SEASONS: &[&str] = &["金秋", "初秋", "深秋", "盛夏", "初夏", "初春", "早春", "阳春", "隆冬", "寒冬"];
/// Deictic words naming one day or year; vague ones (近日, 日前, 当天) are left out on purpose.
const DEICTIC: &[&str] =
    &["昨日", "今日", "明日", "昨天", "今天", "明天", "今年", "去年", "明年", "前年", "今晨", "昨晚"];
/// Units after Arabic numbers (longer first). Time units are left out: durations are not NUM.
const UNITS: &[&str] = &[
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "万平方米",
    "公里",
    "千米",
    "厘米",
    "毫米",
    "米",
    "公顷",
    "亩",
    "万吨",
    "吨",
    "千克",
    "公斤",
    "斤",
    "克",
    "万千瓦",
    "千瓦",
    "万亿元",
    "亿元",
    "万元",
    "千元",
    "美元",
    "元",
    "人次",
    "户",
    "人",
    "个",
    "家",
    "项",
    "期",
    "次",
    "名",
    "位",
    "条",
    "件",
    "场",
    "所",
    "座",
    "栋",
    "辆",
    "台",
    "套",
    "间",
    "处",
    "批",
    "份",
    "块",
    "张",
    "本",
    "倍",
    "岁",
    "只",
    "头",
    "棵",
    "株",
    "篇",
    "款",
    "届",
    "支",
    "多",
    "%",
    "％",
    "‰",
    "度",
    "分",
];
/// Classifiers that make a Chinese numeral a count worth marking.
const COUNT: &[&str] = &[
    "家", "户", "项", "期", "个", "名", "位", "人", "次", "所", "座", "条", "件", "辆", "台", "套", "间", "处", "只",
    "棵", "支", "届", "篇",
];
const MEASURE: &[&str] = &["平方米", "公里", "米", "亩", "吨", "公斤", "斤"];
const APPROX: &[char] = &['近', '约', '逾', '超'];

/// Month or day number: 1–2 Arabic digits or a Chinese numeral up to 三十一.
fn small_number(chars: &[char], i: usize) -> Option<usize> {
    if let Some(e) = arabic_end(chars, i) {
        return (e - i <= 2).then_some(e);
    }
    cn_end(chars, i).filter(|&e| {
        e - i <= 3
            && chars.get(i..e).is_some_and(|s| {
                s.iter().all(|c| matches!(*c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'))
            })
    })
}

/// A date or time starting at `i`: year? month? day? part-of-day?, or a clock time.
fn date_at(chars: &[char], i: usize) -> Option<usize> {
    // Every form below starts with a digit, a Chinese numeral or 第.
    if !chars.get(i).is_some_and(|&c| is_digit(c) || super::rules::is_cn_digit(c) || c == '第') {
        return None;
    }
    let mut end = None;
    let mut j = i;
    // Year: 4 Arabic digits (or 二〇二二) + 年, optionally 度.
    let year = arabic_end(chars, i).filter(|&e| e - i == 4).or_else(|| {
        cn_end(chars, i).filter(|&e| {
            e - i == 4
                && chars.get(i..e).is_some_and(|s| {
                    s.iter().all(|c| {
                        matches!(*c, '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九')
                    })
                })
        })
    });
    if let Some(e) = year.filter(|&e| chars.get(e) == Some(&'年')) {
        j = e + 1;
        if chars.get(j) == Some(&'度') {
            j += 1;
        }
        end = Some(j);
    }
    // Quarter: (第)一季度.
    let q = if chars.get(j) == Some(&'第') { j + 1 } else { j };
    if let Some(e) = small_number(chars, q).filter(|&e| starts_with(chars, e, "季度")) {
        return Some(e + 2);
    }
    if let Some(e) = small_number(chars, j).filter(|&e| chars.get(e) == Some(&'月')) {
        j = e + 1;
        if let Some(t) = match_any(chars, j, MONTH_TAIL) {
            return Some(j + t.chars().count());
        }
        end = Some(j);
    }
    let after_month = end == Some(j) && chars.get(j - 1) == Some(&'月');
    if let Some(e) = small_number(chars, j).filter(|&e| matches!(chars.get(e), Some('日' | '号'))) {
        // A bare day needs Arabic digits and 日; 三日 alone is more often a duration, 30号 a number.
        if after_month || (is_digit(chars.get(j).copied().unwrap_or(' ')) && chars.get(e) == Some(&'日')) {
            j = e + 1;
            end = Some(j);
        }
    }
    if end == Some(j) && chars.get(j - 1).is_some_and(|c| matches!(c, '日' | '号')) {
        if let Some(p) = match_any(chars, j, PART_OF_DAY) {
            j += p.chars().count();
            end = Some(j);
        }
    }
    // Clock time: Arabic hour + 点/时 (+ minutes).
    if let Some(e) = arabic_end(chars, j).filter(|&e| e - j <= 2 && matches!(chars.get(e), Some('点' | '时'))) {
        j = e + 1;
        if let Some(m) = arabic_end(chars, j).filter(|&m| chars.get(m) == Some(&'分')) {
            j = m + 1;
        } else if chars.get(j) == Some(&'半') {
            j += 1;
        }
        end = Some(j);
    }
    end
}

/// DATE spans.
pub fn dates(chars: &[char]) -> Vec<Cand> {
    let mut out = Vec::new();
    let (deictic, seasons) = (super::rules::first_chars(DEICTIC), super::rules::first_chars(SEASONS));
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or(' ');
        // Every date starts with a deictic word, a season, a digit, a numeral or 第.
        if !(deictic.may_hold(c) || seasons.may_hold(c) || is_digit(c) || super::rules::is_cn_digit(c) || c == '第') {
            i += 1;
            continue;
        }
        let prev_digit = i > 0
            && chars.get(i - 1).is_some_and(|&c| {
                is_digit(c)
                    || matches!(c, '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
            });
        if let Some(d) = DEICTIC.iter().find(|d| starts_with(chars, i, d)) {
            out.push(Cand::new(i, i + d.chars().count(), "DATE"));
            i += d.chars().count();
            continue;
        }
        let season = match_any(chars, i, SEASONS).map_or(0, |s| s.chars().count());
        if let Some(e) = (!prev_digit).then(|| date_at(chars, i + season)).flatten() {
            // A season word joins only a month (金秋九月).
            let start = if season > 0 && chars.get(e - 1) == Some(&'月') { i } else { i + season };
            out.push(Cand::new(start, e, "DATE"));
            i = e;
            continue;
        }
        i += 1;
    }
    out
}

fn token_at(tokens: &[Token], i: usize) -> Option<&Token> {
    tokens.get(tokens.partition_point(|t| (t.end as usize) <= i)).filter(|t| t.start as usize <= i)
}

/// NUM spans. `quoted` tells whether a position lies inside “”: Chinese-numeral counts there
/// are names or speech (一米菜园, 你们两个), so they are skipped.
pub fn numbers(chars: &[char], tokens: &[Token], quoted: &dyn Fn(usize) -> bool) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let prev_num = i > 0 && chars.get(i - 1).is_some_and(|&c| is_digit(c) || super::rules::is_cn_digit(c));
        if prev_num {
            i += 1;
            continue;
        }
        let approx = chars.get(i).is_some_and(|c| APPROX.contains(c)) as usize;
        let n = i + approx;
        // Ordinals: 第34个, 第二 (but not 第三方).
        if chars.get(i) == Some(&'第') {
            let e = arabic_end(chars, i + 1).or_else(|| cn_end(chars, i + 1));
            if let Some(mut e) = e {
                if !matches!(chars.get(e), Some('方' | '线' | '季')) {
                    if let Some(u) = match_any(chars, e, COUNT) {
                        e += u.chars().count();
                    }
                    out.push(Cand::new(i, e, "NUM"));
                    i = e;
                    continue;
                }
            }
        }
        if let Some(mut e) = arabic_end(chars, n) {
            if matches!(chars.get(e), Some('万' | '亿' | '千'))
                && !starts_with(chars, e, "万元")
                && !starts_with(chars, e, "亿元")
            {
                e += 1;
            }
            if chars.get(e) == Some(&'余') {
                e += 1;
            }
            if let Some(u) = match_any(chars, e, UNITS).filter(|u| *u != "多" || e > n) {
                e += u.chars().count();
                if chars.get(e) == Some(&'余') {
                    e += 1;
                }
                // A year or date belongs to the DATE rule.
                if !matches!(chars.get(e), Some('年' | '月' | '日')) {
                    out.push(Cand::new(if approx == 1 { i } else { n }, e, "NUM"));
                }
                i = e;
                continue;
            }
            i = e;
            continue;
        }
        if let Some(e) = cn_end(chars, n) {
            if let Some(c) = chinese_count(chars, tokens, n, e, quoted) {
                out.push(Cand::new(if approx == 1 { i } else { n }, c, "NUM"));
                i = c;
                continue;
            }
            i = e;
            continue;
        }
        i += 1;
    }
    out
}

/// End of a Chinese-numeral count `chars[s..e]` + classifier worth marking (GUIDELINES.md:
/// 一家 and 两家 counting firms, 六期, 一米 as a measure; not 一 as an article).
fn chinese_count(
    chars: &[char],
    tokens: &[Token],
    s: usize,
    e: usize,
    quoted: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    if quoted(s) {
        return None;
    }
    let numeral: String = chars.get(s..e)?.iter().collect();
    if numeral.chars().all(|c| matches!(c, '万' | '亿' | '千' | '百')) {
        return None;
    }
    let spoken = ["你们", "我们", "他们", "咱们", "大家"].iter().any(|p| ends_with(chars, s, p));
    if let Some(m) = match_any(chars, e, MEASURE) {
        let end = e + m.chars().count();
        // 一米菜园 is a name: a measure directly followed by a noun is not a measurement.
        let next_noun = token_at(tokens, end).is_some_and(|t| t.start as usize == end && t.pos.starts_with('n'));
        return (!next_noun && !spoken).then_some(end);
    }
    let c = match_any(chars, e, COUNT)?;
    let end = e + c.chars().count();
    if spoken {
        return None;
    }
    if numeral == "一" {
        // 一 is usually an article; 一家 counts firms (入库一家建筑企业).
        let firm =
            (end..end + 5).any(|k| ["企业", "公司", "单位", "商户", "门店"].iter().any(|w| starts_with(chars, k, w)));
        return (c == "家" && firm).then_some(end);
    }
    // A classifier glued into a longer word (两个字 is fine, 两会 is not matched anyway).
    Some(end)
}
