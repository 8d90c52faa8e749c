//! Paste clean-up: re-join lines that PDF or OCR text broke mid-sentence, and optionally
//! turn ASCII punctuation between Chinese characters into its full-width form.
//!
//! [`clean`] never edits in place: it returns the new text and the list of [`Change`]s,
//! each with its position in the **old** text (code points, end exclusive), so the UI can
//! show the difference and the user can accept or cancel before any annotation exists.
//!
//! ```
//! use bulletin::core::cleanup::{clean, CleanupOptions};
//! let result = clean("商户治理机制。如\n\n今,店内悬挂红旗。", CleanupOptions::default());
//! assert_eq!(result.text, "商户治理机制。如今，店内悬挂红旗。");
//! assert_eq!(result.changes.len(), 2);
//! ```
//!
//! # When is a line break mid-sentence?
//!
//! The rule is conservative: a wrong join glues a headline onto a paragraph, which is worse
//! than a break left alone. A break between two non-blank lines is joined only when all of
//! these hold:
//!
//! 1. there is at most one blank line between them (two or more separate articles);
//! 2. the first line does not end a sentence or clause: its last character is none of
//!    `。！？…”」』：；` nor their ASCII forms `.!?:;"`, nor a closing bracket `）)】》`;
//! 3. neither line is a headline. A headline is a line of at most 40 characters, with no
//!    `。！？` inside, that does not end in `.!?` or a pause mark (`，,、`, which only ever breaks a
//!    sentence), and that is followed by a blank line or the end of the text. Photo credits
//!    (`本报记者 王思俊 摄`) fit this too;
//! 4. the second line does not open an article (`本报讯`) or a list item (`一、`, `1.`,
//!    `（一）`, `●`…).
//!
//! The break, with the spaces around it, becomes nothing between Chinese characters and one
//! space between two ASCII letters or digits (English words).
//!
//! # Full-width punctuation
//!
//! `, ; : ? !` become `，；：？！` when a neighbouring character is Chinese (a CJK ideograph,
//! kana, hangul, or CJK or full-width punctuation such as `”`) and neither neighbour is an
//! ASCII letter, so `9:30`, `1,200` and `https://` stay as they are. A pair of parentheses
//! becomes `（ ）` when it holds Chinese text, or touches Chinese outside and does not follow
//! an ASCII letter or digit (`f(x)` stays); a lone parenthesis when a neighbour is Chinese.

/// Which clean-ups to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CleanupOptions {
    /// Re-join lines broken mid-sentence.
    pub join_lines: bool,
    /// Turn ASCII punctuation next to Chinese text into full-width.
    pub full_width: bool,
}

impl Default for CleanupOptions {
    fn default() -> Self {
        Self { join_lines: true, full_width: true }
    }
}

/// What a change does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// A line break (and the blank line and spaces around it) removed.
    JoinLines,
    /// An ASCII punctuation mark made full-width.
    FullWidth,
}

/// One replacement: `old` at `[start, end)` of the old text (code points) becomes `new`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub start: usize,
    pub end: usize,
    pub old: String,
    pub new: String,
    pub kind: ChangeKind,
}

/// The cleaned text and the changes that lead to it, in text order, never overlapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleanup {
    pub text: String,
    pub changes: Vec<Change>,
}

impl Cleanup {
    /// How many changes are of `kind`.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.changes.iter().filter(|c| c.kind == kind).count()
    }
}

/// Runs the clean-ups chosen in `options` on `text`.
pub fn clean(text: &str, options: CleanupOptions) -> Cleanup {
    let chars: Vec<char> = text.chars().collect();
    let mut changes = Vec::new();
    if options.join_lines {
        changes.extend(line_joins(&chars));
    }
    if options.full_width {
        changes.extend(full_width(&chars));
    }
    changes.sort_by_key(|c| c.start);
    Cleanup { text: apply_changes(text, &changes), changes }
}

/// Applies `changes` (positions in `text`, in code points) to `text`. Changes out of order,
/// overlapping an earlier one, out of range, or whose `old` does not match the text are
/// skipped, so any subset of [`Cleanup::changes`] can be applied.
pub fn apply_changes(text: &str, changes: &[Change]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for change in changes {
        let Some(old) = chars.get(change.start..change.end) else { continue };
        if change.start < at || !old.iter().copied().eq(change.old.chars()) {
            continue;
        }
        out.extend(chars.get(at..change.start).unwrap_or(&[]));
        out.push_str(&change.new);
        at = change.end;
    }
    out.extend(chars.get(at..).unwrap_or(&[]));
    out
}

/// Up to `radius` characters of the old text before and after a change, on the same lines
/// as the change, for a preview such as `…机制。如⏎⏎今，店内…`.
pub fn context(text: &str, change: &Change, radius: usize) -> (String, String) {
    contexts(text, std::slice::from_ref(change), radius).pop().unwrap_or_default()
}

/// [`context`] for many changes, reading the text once.
pub fn contexts(text: &str, changes: &[Change], radius: usize) -> Vec<(String, String)> {
    let chars: Vec<char> = text.chars().collect();
    changes
        .iter()
        .map(|change| {
            let before_start = change.start.saturating_sub(radius);
            let before: String = chars.get(before_start..change.start).unwrap_or(&[]).iter().collect();
            let after: String = chars.get(change.end..).unwrap_or(&[]).iter().take(radius).collect();
            let before = before.rsplit('\n').next().unwrap_or("").to_owned();
            let after = after.split('\n').next().unwrap_or("").to_owned();
            (before, after)
        })
        .collect()
}

/// Marks that end a sentence or clause: a break after them is a real paragraph break.
const FINAL: &[char] =
    &['。', '！', '？', '…', '”', '」', '』', '：', '；', '.', '!', '?', ':', ';', '"', '）', ')', '】', '》'];
/// Pause marks: a line ending in one is in the middle of a sentence, never a headline.
const PAUSE: &[char] = &['，', ',', '、'];
const MAX_HEADLINE: usize = 40;

/// A non-blank line: `[start, end)` of its text without the surrounding spaces.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn non_blank_lines(chars: &[char]) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut from = 0;
    for end in (0..chars.len()).filter(|&i| chars.get(i) == Some(&'\n')).chain(std::iter::once(chars.len())) {
        let line = chars.get(from..end).unwrap_or(&[]);
        if let (Some(first), Some(last)) =
            (line.iter().position(|&c| !is_space(c)), line.iter().rposition(|&c| !is_space(c)))
        {
            lines.push(Line { start: from + first, end: from + last + 1 });
        }
        from = end + 1;
    }
    lines
}

fn newlines(chars: &[char], from: usize, to: usize) -> usize {
    chars.get(from..to).unwrap_or(&[]).iter().filter(|&&c| c == '\n').count()
}

/// A headline as the module docs define it; `blank_after` says whether a blank line or
/// the end of the text follows.
fn is_headline(chars: &[char], line: Line, blank_after: bool) -> bool {
    let text = chars.get(line.start..line.end).unwrap_or(&[]);
    blank_after
        && text.len() <= MAX_HEADLINE
        && !text.iter().any(|c| matches!(c, '。' | '！' | '？'))
        && !text.last().is_some_and(|c| PAUSE.contains(c) || matches!(c, '.' | '!' | '?'))
        && !starts_with(text, "本报讯")
}

fn starts_with(text: &[char], prefix: &str) -> bool {
    let mut it = text.iter();
    prefix.chars().all(|p| it.next() == Some(&p))
}

const CHINESE_NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// `一、` `二是` are common too, but only the punctuated forms are unambiguous.
fn opens_list_item(text: &[char]) -> bool {
    let Some(&first) = text.first() else { return false };
    if matches!(first, '●' | '•' | '■' | '□' | '◆' | '▲' | '★' | '※' | '-' | '*' | '—') {
        return true;
    }
    let numeral = |c: &char| c.is_ascii_digit() || CHINESE_NUMERALS.contains(c);
    if matches!(first, '(' | '（') {
        let rest = text.get(1..).unwrap_or(&[]);
        let n = rest.iter().take_while(|c| numeral(c)).count();
        return n > 0 && matches!(rest.get(n), Some(')' | '）'));
    }
    let n = text.iter().take_while(|c| numeral(c)).count();
    n > 0 && matches!(text.get(n), Some('、' | '.' | '．' | ')' | '）'))
}

fn line_joins(chars: &[char]) -> Vec<Change> {
    let lines = non_blank_lines(chars);
    let blank_after = |i: usize| match (lines.get(i), lines.get(i + 1)) {
        (Some(line), Some(next)) => newlines(chars, line.end, next.start) >= 2,
        _ => true,
    };
    let mut changes = Vec::new();
    for (i, pair) in lines.windows(2).enumerate() {
        let [first, second] = *pair else { continue };
        let gap = newlines(chars, first.end, second.start);
        let first_text = chars.get(first.start..first.end).unwrap_or(&[]);
        let second_text = chars.get(second.start..second.end).unwrap_or(&[]);
        let joins = gap <= 2
            && !first_text.last().is_some_and(|c| FINAL.contains(c))
            && !is_headline(chars, first, blank_after(i))
            && !is_headline(chars, second, blank_after(i + 1))
            && !starts_with(second_text, "本报讯")
            && !opens_list_item(second_text);
        if !joins {
            continue;
        }
        let words = first_text.last().is_some_and(char::is_ascii_alphanumeric)
            && second_text.first().is_some_and(char::is_ascii_alphanumeric);
        changes.push(Change {
            start: first.end,
            end: second.start,
            old: chars.get(first.end..second.start).unwrap_or(&[]).iter().collect(),
            new: if words { " ".into() } else { String::new() },
            kind: ChangeKind::JoinLines,
        });
    }
    changes
}

/// Chinese text: CJK ideographs (with extensions and compatibility forms), kana, hangul,
/// CJK punctuation, full-width forms and the curly quotes and ellipsis Chinese text uses.
fn is_chinese(c: char) -> bool {
    matches!(c as u32,
        0x2018..=0x201d | 0x2026 | 0x2e80..=0x2fdf | 0x3000..=0x303f | 0x3040..=0x30ff | 0x3100..=0x312f
        | 0x3190..=0x31ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff
        | 0xfe30..=0xfe4f | 0xff00..=0xffef | 0x20000..=0x3134f)
}

fn full_width_of(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ';' => '；',
        ':' => '：',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

fn full_width(chars: &[char]) -> Vec<Change> {
    let at = |i: Option<usize>| i.and_then(|i| chars.get(i)).copied();
    let chinese = |c: Option<char>| c.is_some_and(is_chinese);
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    let alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut convert = vec![false; chars.len()];
    let mark = |convert: &mut Vec<bool>, i: usize| {
        if let Some(slot) = convert.get_mut(i) {
            *slot = true;
        }
    };
    // Parentheses pair up within a line; `open` holds the unmatched `(` positions.
    let mut open: Vec<usize> = Vec::new();
    let mut lone: Vec<usize> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let (prev, next) = (at(i.checked_sub(1)), at(i.checked_add(1)));
        match c {
            ',' | ';' | ':' | '?' | '!' if (chinese(prev) || chinese(next)) && !letter(prev) && !letter(next) => {
                mark(&mut convert, i);
            }
            '(' => open.push(i),
            ')' => match open.pop() {
                Some(o) => {
                    let inside = chars.get(o + 1..i).unwrap_or(&[]);
                    let before = at(o.checked_sub(1));
                    let touches = chinese(before) || chinese(next);
                    if inside.iter().any(|&c| is_chinese(c)) || (touches && !alnum(before)) {
                        mark(&mut convert, o);
                        mark(&mut convert, i);
                    }
                }
                None => lone.push(i),
            },
            '\n' => lone.append(&mut open),
            _ => {}
        }
    }
    lone.append(&mut open);
    for i in lone {
        let (prev, next) = (at(i.checked_sub(1)), at(i.checked_add(1)));
        if (chinese(prev) || chinese(next)) && !letter(prev) && !letter(next) {
            mark(&mut convert, i);
        }
    }
    chars
        .iter()
        .enumerate()
        .filter(|(i, _)| convert.get(*i).copied().unwrap_or(false))
        .filter_map(|(i, &c)| {
            let new = full_width_of(c)?;
            Some(Change { start: i, end: i + 1, old: c.into(), new: new.into(), kind: ChangeKind::FullWidth })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up bulletin page in the repository (tests/fixtures/README.md describes it).
    const SAMPLE: &str = include_str!("../../tests/fixtures/bulletin-page.txt");

    fn sample() -> String {
        SAMPLE.to_owned()
    }

    const JOIN: CleanupOptions = CleanupOptions { join_lines: true, full_width: false };
    const WIDTH: CleanupOptions = CleanupOptions { join_lines: false, full_width: true };

    /// The text around each change, `before|old→new|after`, with 4 characters each side.
    fn around(text: &str, result: &Cleanup) -> Vec<String> {
        result
            .changes
            .iter()
            .map(|c| {
                let (before, after) = context(text, c, 4);
                let old = c.old.replace('\n', "⏎");
                format!("{before}|{old}→{}|{after}", c.new)
            })
            .collect()
    }

    #[test]
    fn the_fixture_page_joins_exactly_its_four_broken_sentences() {
        let text = sample();
        let result = clean(&text, JOIN);
        // Checked by hand against the fixture: lines 9/11 (如|今), 15/17 (网格员、|党员),
        // 19/21 (区域的|同时) and 109/111 (起了名|字) are broken sentences. Every other line
        // ends in 。 or ”, or is a headline or photo credit followed by a blank line.
        assert_eq!(
            around(&text, &result),
            ["机制。如|⏎⏎→|今,街口", "网格员、|⏎⏎→|党员志愿", "放区域的|⏎⏎→|同时,还", "地起了名|⏎⏎→|字,和家"]
        );
        assert!(result.text.contains("共建共享的长效机制。如今,街口公示栏"));
        assert!(result.text.contains("槐树街社区网格员、党员志愿者"));
        assert!(result.text.contains("非机动车停放区域的同时,还引导"));
        assert!(result.text.contains("给自家的菜地起了名字,和家长"));
        assert_eq!(result.text.chars().count(), text.chars().count() - 8);
    }

    #[test]
    fn the_fixture_page_keeps_every_headline_on_its_own_line() {
        let text = sample();
        let cleaned = clean(&text, CleanupOptions::default()).text;
        let lines: Vec<&str> = cleaned.lines().map(str::trim).collect();
        for headline in [
            "推进城市精细化管理 让河阳街巷更整洁",
            "“街巷长制”激活基层治理 共建文明有序街区",
            "彩色花带扮靓城市绿廊",
            "深入开展“千名干部进千企” 激发市场主体活力",
            "优化营商环境 助力企业提质增效",
            "“红色物业”进小区 破解老旧小区治理难题",
            "健康义诊 进社区",
            "本报记者 林子墨 摄",
            "闲置空地变身 共享菜园",
        ] {
            assert!(lines.contains(&headline), "{headline} lost its line");
        }
        // And the article openings stay at the start of their lines.
        assert_eq!(lines.iter().filter(|l| l.starts_with("本报讯")).count(), 10);
    }

    #[test]
    fn the_fixture_page_gets_full_width_punctuation_between_chinese() {
        let text = sample();
        let result = clean(&text, WIDTH);
        assert!(result.changes.iter().all(|c| c.old.chars().count() == 1 && c.new.chars().count() == 1));
        assert!(result.text.starts_with("\n\n推进城市精细化管理"));
        assert!(result.text.contains("本报讯（记者 赵明轩 通讯员 孟雪柳子航）9月28日，天刚蒙蒙亮，"));
        assert!(result.text.contains("小区改造的动力从哪里来？丰乐路街道"));
        assert!(result.text.contains("树池和花箱；街道"));
        assert!(result.text.contains("（区重点项目办）"));
        // Percentages and decimals keep their ASCII digits and point.
        assert!(result.text.contains("计划的81.6%；新开"));
        assert!(result.text.contains("透水步道1.8公里，"));
        assert!(result.text.contains("6个县（市）区"));
        // 文/图 keeps its slash: only , ; : ? ! and parentheses change.
        assert!(result.text.contains("苏文静 文/图）金秋九月，"));
        assert!(!result.text.contains(['(', ')', ',', ';', '?']), "every such mark in the page is in Chinese text");
        assert_eq!(result.text.chars().count(), text.chars().count());
    }

    #[test]
    fn join_cases() {
        let cases: &[(&str, &str)] = &[
            // Mid-sentence break with no blank line, and with one after a long line.
            ("一句话被\n截断了。", "一句话被截断了。"),
            ("一句话被\r\n截断了。", "一句话被截断了。"),
            (
                "这是一句很长的话，超过了四十个字，所以它不可能是标题，而是正文中的一行文字，被断在了\n\n这里。",
                "这是一句很长的话，超过了四十个字，所以它不可能是标题，而是正文中的一行文字，被断在了这里。",
            ),
            // A short line before a blank line looks like a headline and is left alone.
            ("一句话被\n\n截断了。", "一句话被\n\n截断了。"),
            // Spaces and full-width spaces around the break go too.
            ("长句子在这里 \n\u{3000}\u{3000}继续。", "长句子在这里继续。"),
            // English words keep a space.
            ("the quick\nbrown fox.", "the quick brown fox."),
            // A finished sentence, a colon, a closing quote: no join.
            ("第一句。\n第二句。", "第一句。\n第二句。"),
            ("他说：\n“好。”", "他说：\n“好。”"),
            ("“流动红旗”\n\n成了标志。", "“流动红旗”\n\n成了标志。"),
            // Two blank lines: a separate item.
            (
                "没有标点的一行文字很长很长很长很长很长很长很长很长很长很长很长很长很长很长\n\n\n下一段。",
                "没有标点的一行文字很长很长很长很长很长很长很长很长很长很长很长很长很长很长\n\n\n下一段。",
            ),
            // A headline followed by a blank line, and the line before an opening.
            ("义诊服务 进社区\n\n本报讯(记者 卢文军)活动。", "义诊服务 进社区\n\n本报讯(记者 卢文军)活动。"),
            ("正文里没有标点的一行\n\n小标题\n\n正文。", "正文里没有标点的一行\n\n小标题\n\n正文。"),
            // A short line ending in a pause mark is never a headline.
            ("永安社区网格员、\n\n党员及居民。", "永安社区网格员、党员及居民。"),
            // List items stay on their own lines.
            ("工作分三步\n一、摸底\n（二）整改\n3.验收", "工作分三步\n一、摸底\n（二）整改\n3.验收"),
            ("", ""),
            ("\n\n", "\n\n"),
        ];
        for (input, expected) in cases {
            assert_eq!(clean(input, JOIN).text, *expected, "{input:?}");
        }
    }

    #[test]
    fn full_width_cases() {
        let cases: &[(&str, &str)] = &[
            ("郑州,洛阳;开封:许昌?新乡!", "郑州，洛阳；开封：许昌？新乡！"),
            ("9月20日,夜幕", "9月20日，夜幕"),
            ("达到84.3%,位居", "达到84.3%，位居"),
            ("时间:9:30,地点", "时间：9:30，地点"),
            ("共1,200人", "共1,200人"),
            ("见https://example.cn/a?b=1", "见https://example.cn/a?b=1"),
            ("Hello, world", "Hello, world"),
            ("Yew,郑州", "Yew,郑州"),
            ("本报讯(记者 张三)9月", "本报讯（记者 张三）9月"),
            ("函数f(x)是", "函数f(x)是"),
            ("使用(PDF)文本", "使用（PDF）文本"),
            ("(1)开幕", "（1）开幕"),
            ("未闭合(的括号", "未闭合（的括号"),
            ("区(县\n)", "区（县\n)"),
        ];
        for (input, expected) in cases {
            assert_eq!(clean(input, WIDTH).text, *expected, "{input:?}");
        }
    }

    #[test]
    fn changes_rebuild_the_text_and_any_subset_applies() {
        let text = "区治理机制。如\n\n今,店内(记者)。";
        let result = clean(text, CleanupOptions::default());
        assert_eq!(result.text, "区治理机制。如今，店内（记者）。");
        assert_eq!((result.count(ChangeKind::JoinLines), result.count(ChangeKind::FullWidth)), (1, 3));
        assert_eq!(apply_changes(text, &result.changes), result.text);
        assert_eq!(apply_changes(text, &result.changes[..1]), "区治理机制。如今,店内(记者)。");
        assert_eq!(apply_changes(text, &[]), text);
        // Stale or out-of-range changes are skipped rather than corrupting the text.
        let stale = Change { start: 0, end: 1, old: "X".into(), new: "Y".into(), kind: ChangeKind::FullWidth };
        let out_of_range =
            Change { start: 90, end: 99, old: String::new(), new: "Y".into(), kind: ChangeKind::FullWidth };
        assert_eq!(apply_changes(text, &[stale, out_of_range]), text);
    }

    #[test]
    fn odd_input_never_panics_and_no_option_changes_nothing() {
        for text in ["(", ")", "\n", "a\n", "\n\n\n(", "𠮷,\n\n,👨🏻‍🚒", "\u{feff}标题\n\n", "，\n,"] {
            let result = clean(text, CleanupOptions::default());
            assert_eq!(apply_changes(text, &result.changes), result.text);
            let none = clean(text, CleanupOptions { join_lines: false, full_width: false });
            assert_eq!(none.text, text);
            assert!(none.changes.is_empty());
        }
    }

    /// The ASCII form of a mark [`full_width`] may produce, so texts compare across it.
    fn ascii_form(c: char) -> char {
        match c {
            '，' => ',',
            '；' => ';',
            '：' => ':',
            '？' => '?',
            '！' => '!',
            '（' => '(',
            '）' => ')',
            c => c,
        }
    }

    proptest::proptest! {
        #[test]
        fn changes_are_ordered_exact_and_only_touch_spaces_and_marks(
            text in "[郑州市如今标题。，,;:?!()（）a-c1-2 \u{3000}\n\r]{0,40}",
            join_lines: bool,
            full_width: bool,
        ) {
            let result = clean(&text, CleanupOptions { join_lines, full_width });
            proptest::prop_assert_eq!(apply_changes(&text, &result.changes), result.text.clone());
            let chars: Vec<char> = text.chars().collect();
            let mut at = 0;
            for c in &result.changes {
                proptest::prop_assert!(c.start >= at && c.start <= c.end && c.end <= chars.len(), "{c:?}");
                let old: String = chars[c.start..c.end].iter().collect();
                proptest::prop_assert_eq!(&old, &c.old);
                at = c.end;
            }
            // Apart from spaces and the width of punctuation, the text is unchanged.
            let plain = |s: &str| s.chars().filter(|c| !c.is_whitespace()).map(ascii_form).collect::<String>();
            proptest::prop_assert_eq!(plain(&result.text), plain(&text));
        }
    }
}
