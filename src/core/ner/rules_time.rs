//! DATE and NUM rules: dates and clock times, numbers with units, approximators and
//! ordinals, and Chinese-numeral counts (GUIDELINES.md, DATE and NUM).

use super::rules::{arabic_end, cn_end, ends_with, is_digit, match_any, starts_with, Cand};
use crate::core::segment::Token;

const PART_OF_DAY: &[&str] = &[
    "上午", "下午", "晚上", "早上", "早晨", "中午", "凌晨", "傍晚", "夜间", "深夜", "夜里", "清晨", "午后", "晚间",
    "晚", "早", "夜",
];
/// Approximators after a clock time (9时许, 7时左右); 多 only right after 点/时 (3点多).
const CLOCK_APPROX: &[&str] = &["左右", "许", "前后"];
/// Deictic words naming a year, which a month may follow (今年6月).
const DEICTIC_YEAR: &[&str] = &["今年", "去年", "明年", "前年"];
const MONTH_TAIL: &[&str] = &["中下旬", "上中旬", "上旬", "中旬", "下旬", "份", "底", "初", "末"];
const SEASONS: &[&str] = &["金秋", "初秋", "深秋", "盛夏", "初夏", "初春", "早春", "阳春", "隆冬", "寒冬"];
/// Deictic words naming one day or year; vague ones (近日, 日前, 当天) are left out on purpose.
const DEICTIC: &[&str] = &[
    "昨日", "今日", "明日", "昨天", "今天", "明天", "今年", "去年", "明年", "前年", "今晨", "昨晚", "下月", "上月",
    "本月", "当月",
];
/// After a year (2007年, 今年): which part of it.
const YEAR_TAIL: &[&str] = &[
    "上半年",
    "下半年",
    "年底",
    "年初",
    "年末",
    "年中",
    "底",
    "初",
    "末",
    "春天",
    "夏天",
    "秋天",
    "冬天",
    "春季",
    "夏季",
    "秋季",
    "冬季",
];
/// Festivals that are days (端午, 春节); given names like 国庆 need a festival word after them.
const FESTIVALS: &[&str] = &["春节", "元旦", "清明", "端午", "中秋", "除夕", "国庆", "元宵", "重阳", "七夕"];
const FESTIVAL_TAIL: &[&str] = &["小长假", "黄金周", "长假", "假期", "节"];
/// Between the two ends of a range of months or days (1～4月份).
const RANGE: &[char] = &['～', '~', '-', '－', '—', '至', '到'];
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
    "批次",
    "批",
    "种",
    "类",
    "章",
    "列",
    "盘",
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
    "宗",
    "层",
    "起",
    "例",
    "艘",
    "架",
    "根",
    "颗",
    "枚",
    "粒",
    "盒",
    "袋",
    "箱",
    "瓶",
    "桶",
    "部",
    "节",
    "组",
    "周岁",
    "旬",
    "毫升",
    "升",
    "千瓦时",
    "港元",
    "欧元",
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
    "棵", "支", "届", "篇", "张", "宗", "层", "起", "例", "旬", "岁", "艘", "架", "颗", "枚", "栋", "种", "类", "章",
    "节", "盘", "批", "块", "部", "组", "成",
];
/// After a number: approximations that belong to it (约一万元左右, 两米余).
const TRAILING_APPROX: &[&str] = &["左右", "上下", "余"];
const MEASURE: &[&str] = &["平方公里", "平方米", "公里", "千米", "米", "公顷", "亩", "吨", "公斤", "斤", "元"];
/// Words after an ordinal that make it part of a name (第八大街, 第一中学), not a NUM.
const ORDINAL_NAME: &[&str] = &["大街", "大道", "街", "路", "中学", "小学", "高中", "医院", "人民医院"];
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
        if let Some(t) = match_any(chars, j, YEAR_TAIL).filter(|t| !t.starts_with('年')) {
            return Some(j + t.chars().count());
        }
        end = Some(j);
    }
    // Quarter: (第)一季度.
    let q = if chars.get(j) == Some(&'第') { j + 1 } else { j };
    if let Some(e) = small_number(chars, q).filter(|&e| starts_with(chars, e, "季度")) {
        return Some(e + 2);
    }
    // 1～4月: a range of months is one date.
    let range_end =
        |e: usize| chars.get(e).filter(|c| RANGE.contains(c)).and_then(|_| small_number(chars, e + 1)).unwrap_or(e);
    if let Some(e) = small_number(chars, j).map(range_end).filter(|&e| chars.get(e) == Some(&'月')) {
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
            if let Some(e) = clock_at(chars, j, true) {
                j = e;
                end = Some(j);
            }
        }
    }
    if let Some(e) = clock_at(chars, j, false) {
        j = e;
        end = Some(j);
    }
    // A dateline's clock (2021年06月30日 08:15:02) after a space.
    if end == Some(j) && chars.get(j - 1).is_some_and(|c| matches!(c, '日' | '号')) && chars.get(j) == Some(&' ') {
        if let Some(e) = colon_clock(chars, j + 1) {
            end = Some(e);
        }
    }
    end
}

/// A clock time at `j`: an hour + 点/时 (+ minutes, 半 or 多), or `08:15(:02)`, then an
/// approximator. Chinese-numeral hours (三点) only after a part of day (`after_part`): alone
/// they are more often counts (三点意见).
fn clock_at(chars: &[char], j: usize, after_part: bool) -> Option<usize> {
    if let Some(e) = colon_clock(chars, j) {
        return Some(clock_approx(chars, e));
    }
    let hour = arabic_end(chars, j)
        .filter(|&e| e - j <= 2)
        .or_else(|| if after_part { small_number(chars, j) } else { None })
        .or_else(|| if after_part && chars.get(j) == Some(&'两') { Some(j + 1) } else { None })?;
    if !matches!(chars.get(hour), Some('点' | '时')) {
        return None;
    }
    let mut e = hour + 1;
    if let Some(m) = arabic_end(chars, e).filter(|&m| chars.get(m) == Some(&'分')) {
        e = m + 1;
    } else if chars.get(e) == Some(&'半') {
        e += 1;
    } else if chars.get(e) == Some(&'多') {
        return Some(e + 1);
    }
    Some(clock_approx(chars, e))
}

fn clock_approx(chars: &[char], e: usize) -> usize {
    e + match_any(chars, e, CLOCK_APPROX).map_or(0, |a| a.chars().count())
}

/// `hh:mm` or `hh:mm:ss` (ASCII or full-width colon) at `j`, hours up to 24.
fn colon_clock(chars: &[char], j: usize) -> Option<usize> {
    let two = |k: usize| chars.get(k..k + 2).filter(|d| d.iter().all(|&c| is_digit(c))).map(|_| k + 2);
    let colon = |k: usize| matches!(chars.get(k), Some(':' | '：'));
    let h = arabic_end(chars, j).filter(|&e| e - j <= 2)?;
    let hours = value(chars.get(j..h)?)?;
    if hours > 24 || !colon(h) {
        return None;
    }
    let mut e = two(h + 1)?;
    if colon(e) {
        if let Some(sec) = two(e + 1) {
            e = sec;
        }
    }
    // 3:15:20 is a ratio or a score when more digits follow.
    (!chars.get(e).is_some_and(|&c| is_digit(c) || matches!(c, ':' | '：'))).then_some(e)
}

/// The value of a run of ASCII or full-width digits.
fn value(digits: &[char]) -> Option<u32> {
    digits.iter().try_fold(0u32, |v, &c| {
        let d = if c.is_ascii_digit() {
            c.to_digit(10)
        } else {
            ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32)
        };
        v.checked_mul(10)?.checked_add(d?)
    })
}

/// A digit date: `2021-05-06`, `2021.5.6`, `2021/5/6` (year, month and day all present).
fn digit_date(chars: &[char], i: usize) -> Option<usize> {
    let digits = |k: usize, max: usize| {
        let mut e = k;
        while e - k < max && chars.get(e).is_some_and(|&c| is_digit(c)) {
            e += 1;
        }
        (e > k && !chars.get(e).is_some_and(|&c| is_digit(c))).then_some(e)
    };
    let y = digits(i, 4).filter(|&e| e - i == 4)?;
    let sep = *chars.get(y).filter(|c| matches!(c, '-' | '.' | '/' | '－' | '．' | '／'))?;
    let m = digits(y + 1, 2)?;
    if chars.get(m) != Some(&sep) {
        return None;
    }
    let d = digits(m + 1, 2)?;
    let (month, day) = (value(chars.get(y + 1..m)?)?, value(chars.get(m + 1..d)?)?);
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(d)
}

/// A bare year (`2020`, 1900–2099) standing alone before punctuation or the end.
fn bare_year(chars: &[char], i: usize) -> Option<usize> {
    let e = i + 4;
    let year = chars.get(i..e)?;
    let plausible = value(year).is_some_and(|y| (1900..2100).contains(&y));
    let alone = chars.get(e).is_none_or(|c| "，。、；,;）)".contains(*c));
    let before = i
        .checked_sub(1)
        .and_then(|k| chars.get(k))
        .is_none_or(|c| !c.is_ascii_alphanumeric() && !matches!(c, '第' | '.' | '-'));
    (plausible && alone && before).then_some(e)
}

/// What may follow a day: a part of day, a clock time, both (昨日9时许, 今天下午3点).
fn day_tail(chars: &[char], j: usize) -> usize {
    let j = j + match_any(chars, j, PART_OF_DAY).map_or(0, |p| p.chars().count());
    clock_at(chars, j, true).unwrap_or(j)
}

/// `今（12）日`: today with its date in brackets.
/// A festival at `i` (端午, 端午小长假, 国庆节), not inside a name (王国庆, 中秋路).
fn festival(chars: &[char], i: usize) -> Option<usize> {
    let f = match_any(chars, i, FESTIVALS)?;
    let e = i + f.chars().count();
    if let Some(t) = match_any(chars, e, FESTIVAL_TAIL) {
        return Some(e + t.chars().count());
    }
    let name_like = matches!(f, "国庆" | "元宵" | "重阳" | "七夕" | "清明");
    let glued = chars.get(e).is_some_and(|c| "路街道村镇桥园".contains(*c));
    let after_han =
        i > 0 && chars.get(i - 1).is_some_and(|c| super::rules::is_han(*c) && !"在于至到从过是和、".contains(*c));
    (!name_like && !glued && !after_han).then_some(e)
}

fn today_bracketed(chars: &[char], i: usize) -> Option<usize> {
    if chars.get(i) != Some(&'今') || !matches!(chars.get(i + 1), Some('（' | '(')) {
        return None;
    }
    let d = arabic_end(chars, i + 2).filter(|&e| e - (i + 2) <= 2)?;
    (matches!(chars.get(d), Some('）' | ')')) && chars.get(d + 1) == Some(&'日')).then_some(d + 2)
}

/// DATE spans.
pub fn dates(chars: &[char]) -> Vec<Cand> {
    let mut out = Vec::new();
    let (deictic, seasons, parts, festivals) = (
        super::rules::first_chars(DEICTIC),
        super::rules::first_chars(SEASONS),
        super::rules::first_chars(PART_OF_DAY),
        super::rules::first_chars(FESTIVALS),
    );
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or(' ');
        // Every date starts with a deictic word, a season, a part of day, a digit, a numeral or 第.
        if !(deictic.may_hold(c)
            || festivals.may_hold(c)
            || seasons.may_hold(c)
            || parts.may_hold(c)
            || is_digit(c)
            || super::rules::is_cn_digit(c)
            || c == '第')
        {
            i += 1;
            continue;
        }
        let prev_digit = i > 0
            && chars.get(i - 1).is_some_and(|&c| {
                is_digit(c)
                    || matches!(c, '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
            });
        if let Some(e) = today_bracketed(chars, i) {
            let e = day_tail(chars, e);
            out.push(Cand::new(i, e, "DATE"));
            i = e;
            continue;
        }
        if let Some(f) = festival(chars, i) {
            out.push(Cand::new(i, f, "DATE"));
            i = f;
            continue;
        }
        if let Some(d) = DEICTIC.iter().find(|d| starts_with(chars, i, d)) {
            let j = i + d.chars().count();
            // 今年6月 joins its month; 昨日9时许 its time of day.
            let e = if DEICTIC_YEAR.contains(d) {
                let part = match_any(chars, j, YEAR_TAIL).filter(|t| t.chars().count() > 1);
                match part {
                    Some(t) => j + t.chars().count(),
                    None => date_at(chars, j).filter(|&e| chars.get(e - 1) != Some(&'年')).unwrap_or(j),
                }
            } else {
                day_tail(chars, j)
            };
            out.push(Cand::new(i, e, "DATE"));
            i = e;
            continue;
        }
        if !prev_digit {
            if let Some(d) = digit_date(chars, i) {
                let mut e = d;
                if chars.get(e) == Some(&' ') {
                    e = colon_clock(chars, e + 1).unwrap_or(e);
                }
                let e = if e == d { day_tail(chars, d) } else { e };
                out.push(Cand::new(i, e, "DATE"));
                i = e;
                continue;
            }
            if let Some(e) = colon_clock(chars, i).or_else(|| bare_year(chars, i)) {
                out.push(Cand::new(i, clock_approx(chars, e), "DATE"));
                i = e;
                continue;
            }
        }
        if match_any(chars, i, PART_OF_DAY).is_some_and(|p| p.chars().count() == 2) {
            // 早上7时左右: a time of day joins the clock time after it.
            if let Some(e) = clock_at(chars, i + 2, true) {
                out.push(Cand::new(i, e, "DATE"));
                i = e;
                continue;
            }
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
                if !matches!(chars.get(e), Some('方' | '线' | '季')) && match_any(chars, e, ORDINAL_NAME).is_none() {
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
            // 20多万元: the approximator before the order of magnitude.
            if matches!(chars.get(e), Some('余' | '多')) && matches!(chars.get(e + 1), Some('万' | '亿' | '千')) {
                e += 1;
            }
            if matches!(chars.get(e), Some('万' | '亿' | '千'))
                && !starts_with(chars, e, "万元")
                && !starts_with(chars, e, "亿元")
            {
                e += 1;
            }
            if chars.get(e) == Some(&'余') {
                e += 1;
            }
            let magnitude = e > n && matches!(chars.get(e - 1), Some('万' | '亿'));
            if let Some(u) = match_any(chars, e, UNITS).filter(|u| *u != "多" || e > n) {
                e += u.chars().count();
                // 1000多套, 6000多元: the unit after the approximator.
                if u == "多" {
                    if let Some(u) = match_any(chars, e, UNITS).filter(|u| *u != "多") {
                        e += u.chars().count();
                    }
                }
                e = per_unit(chars, e);
                e = trailing_approx(chars, e);
                // A year or date belongs to the DATE rule.
                if !matches!(chars.get(e), Some('年' | '月' | '日')) {
                    out.push(Cand::new(if approx == 1 { i } else { n }, e, "NUM"));
                }
                i = e;
                continue;
            }
            // A bare order of magnitude is an amount too (30万, 约12万/亩).
            if magnitude {
                let e = trailing_approx(chars, per_unit(chars, e));
                out.push(Cand::new(if approx == 1 { i } else { n }, e, "NUM"));
                i = e;
                continue;
            }
            i = e;
            continue;
        }
        if let Some(mut e) = cn_end(chars, n) {
            // 十余公里, 二百多万元: an approximator, then maybe an order of magnitude.
            if matches!(chars.get(e), Some('余' | '多')) && e > n {
                e = cn_end(chars, e + 1).filter(|_| matches!(chars.get(e + 1), Some('万' | '亿'))).unwrap_or(e + 1);
            }
            // 十几户, 二十几起: 几 stands for a digit.
            if chars.get(e) == Some(&'几') && e > n {
                e += 1;
            }
            // 四分之一: a fraction.
            if starts_with(chars, e, "分之") {
                if let Some(f) = cn_end(chars, e + 2) {
                    out.push(Cand::new(if approx == 1 { i } else { n }, f, "NUM"));
                    i = f;
                    continue;
                }
            }
            if let Some(c) = chinese_count(chars, tokens, n, e, quoted) {
                let c = trailing_approx(chars, per_unit(chars, c));
                out.push(Cand::new(if approx == 1 { i } else { n }, c, "NUM"));
                i = c;
                continue;
            }
            // 两万多, 八千多, 六千万: a magnitude with no unit is an amount.
            let digits: Vec<char> = chars.get(n..e).map(|d| d.to_vec()).unwrap_or_default();
            let has_digit = digits.iter().any(|c| !matches!(c, '万' | '亿' | '千' | '百' | '十'));
            let big = digits.last().is_some_and(|c| matches!(c, '万' | '亿'))
                || (digits.iter().any(|c| matches!(c, '万' | '亿' | '千'))
                    && matches!(chars.get(e), Some('多' | '余')));
            if has_digit && big && !quoted(n) {
                let end = if matches!(chars.get(e), Some('多' | '余')) { e + 1 } else { e };
                out.push(Cand::new(if approx == 1 { i } else { n }, end, "NUM"));
                i = end;
                continue;
            }
            i = e;
            continue;
        }
        i += 1;
    }
    out
}

/// `e` past a per-unit tail: 6230元/平方米, 10.6万/亩.
fn per_unit(chars: &[char], e: usize) -> usize {
    if !matches!(chars.get(e), Some('/' | '／')) {
        return e;
    }
    match_any(chars, e + 1, UNITS).filter(|u| *u != "多").map_or(e, |u| e + 1 + u.chars().count())
}

/// `e` past 左右, 上下 or 余 right after a number.
fn trailing_approx(chars: &[char], e: usize) -> usize {
    match_any(chars, e, TRAILING_APPROX).map_or(e, |a| e + a.chars().count())
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
