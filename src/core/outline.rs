//! The outline of a bulletin: its articles, each with headline, byline and date.
//!
//! A bulletin page is a run of articles. A report opens with `本报讯(记者 … 通讯员 …)` and is
//! preceded by one or more short headline lines (main title, subtitle, section title). A
//! photo item has no headline: a caption paragraph followed by, or ending with, a credit
//! such as `本报记者 党贺喜 摄`. All offsets are code points, end exclusive.

use crate::core::ner::rules::match_any;

/// What kind of item an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleKind {
    /// A report with headlines, usually opening with `本报讯`.
    Report,
    /// A captioned photo, credited `本报记者 … 摄`.
    Photo,
}

/// One article of the bulletin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub kind: ArticleKind,
    /// Code point where the article starts: its first headline, or its caption.
    pub start: usize,
    /// Code point where the next article starts, or the text's length.
    pub end: usize,
    /// Headline lines in reading order (main title first, then subtitles).
    pub headlines: Vec<String>,
    /// For photo items: the start of the caption, at most 24 characters.
    pub caption: Option<String>,
    /// Names after `记者`.
    pub reporters: Vec<String>,
    /// Names after `通讯员`.
    pub correspondents: Vec<String>,
    /// Names credited with `摄`.
    pub photographers: Vec<String>,
    /// The byline says `文/图`: the authors also took the pictures.
    pub text_and_photos: bool,
    /// The first date the article mentions, as written: `9月20日`, `昨日`, `近日`…
    pub date: Option<String>,
}

impl Article {
    fn new(kind: ArticleKind, start: usize) -> Self {
        Self {
            kind,
            start,
            end: start,
            headlines: Vec::new(),
            caption: None,
            reporters: Vec::new(),
            correspondents: Vec::new(),
            photographers: Vec::new(),
            text_and_photos: false,
            date: None,
        }
    }
}

/// A non-empty line, trimmed, with its code point offset.
struct Line<'a> {
    start: usize,
    text: &'a str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in text.split('\n') {
        let leading = raw.chars().take_while(|c| c.is_whitespace()).count();
        let trimmed = raw.trim();
        if !trimmed.is_empty() {
            out.push(Line { start: at + leading, text: trimmed });
        }
        at += raw.chars().count() + 1;
    }
    out
}

const OPENING: &str = "本报讯";
/// Sentence punctuation that never ends a headline. Closing quotes may.
const SENTENCE_END: &[char] = &['。', '！', '？', '；', '：', '，', '、', ',', '.', ';', ':', '…', '—', '(', '（'];
const MAX_HEADLINE: usize = 40;

fn is_headline(line: &str) -> bool {
    let len = line.chars().count();
    len <= MAX_HEADLINE
        && !line.starts_with(OPENING)
        && !line.ends_with(SENTENCE_END)
        && photo_credit(line).is_none()
        && !line.contains('。')
}

/// `本报记者 党贺喜 摄` at the end of a line: the name(s) and where the credit starts.
fn photo_credit(line: &str) -> Option<(Vec<String>, usize)> {
    let body = line.strip_suffix('摄')?.trim_end();
    let byte = body.rfind("本报记者").or_else(|| body.rfind("记者"))?;
    let role_len = if body[byte..].starts_with("本报记者") { "本报记者".len() } else { "记者".len() };
    let names: Vec<String> = body[byte + role_len..].split_whitespace().map(str::to_owned).collect();
    if names.is_empty() || names.iter().any(|n| n.chars().count() > 4) {
        return None;
    }
    Some((names, body[..byte].chars().count()))
}

/// Reads `(记者 刘伟平 通讯员 乔贺李博文 文/图)` after `本报讯` into `article`.
fn read_byline(line: &str, article: &mut Article) {
    let rest = line[OPENING.len()..].trim_start();
    let Some(open) = rest.chars().next().filter(|c| matches!(c, '(' | '（')) else { return };
    let inner = &rest[open.len_utf8()..];
    let Some(close) = inner.find([')', '）']) else { return };
    enum Role {
        None,
        Reporter,
        Correspondent,
        Photographer,
    }
    let mut role = Role::None;
    for word in inner[..close].split_whitespace() {
        match word {
            "记者" | "本报记者" | "实习记者" => role = Role::Reporter,
            "通讯员" => role = Role::Correspondent,
            "摄影" | "摄" => role = Role::Photographer,
            "文/图" | "文／图" | "图/文" | "图文" => article.text_and_photos = true,
            name => match role {
                Role::Reporter => article.reporters.push(name.to_owned()),
                Role::Correspondent => article.correspondents.push(name.to_owned()),
                Role::Photographer => article.photographers.push(name.to_owned()),
                Role::None => {}
            },
        }
    }
}

const RELATIVE_DATES: &[&str] = &["昨日", "今日", "近日", "日前", "昨天", "今天", "前日", "近期"];

/// The first date written in `text`: `2022年9月20日上午`, `9月20日`, `9月份`, `昨日`, `近日`…
pub fn first_date(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let digits = |from: usize| chars[from..].iter().take_while(|c| c.is_ascii_digit()).count();
    for i in 0..chars.len() {
        // Compared in place: this runs over whole articles of megabyte pastes.
        if let Some(word) = match_any(&chars, i, RELATIVE_DATES) {
            return Some(word.to_owned());
        }
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            continue;
        }
        let lead = digits(i);
        let mut j = i + lead;
        let mut month_digits = lead;
        if chars.get(j) == Some(&'年') && lead == 4 {
            j += 1;
            month_digits = digits(j);
            j += month_digits;
        }
        let mut matched = false;
        if chars.get(j) == Some(&'月') && (1..=2).contains(&month_digits) {
            j += 1;
            matched = true;
            let d = digits(j);
            if (1..=2).contains(&d) && matches!(chars.get(j + d), Some('日' | '号')) {
                j += d + 1;
                if let Some(part) = match_any(&chars, j, &["上午", "下午", "晚上", "晚"]) {
                    j += part.chars().count();
                }
            } else if chars.get(j) == Some(&'份') {
                j += 1;
            }
        }
        if matched {
            return Some(chars[i..j].iter().collect());
        }
    }
    None
}

/// Splits a bulletin into its articles, in order.
pub fn outline(text: &str) -> Vec<Article> {
    let lines = lines(text);
    let mut articles: Vec<Article> = Vec::new();
    // Headline lines waiting for the article they introduce.
    let mut pending: Vec<&Line> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.text.starts_with(OPENING) {
            let start = pending.first().map_or(line.start, |l| l.start);
            let mut article = Article::new(ArticleKind::Report, start);
            article.headlines = pending.drain(..).map(|l| l.text.to_owned()).collect();
            read_byline(line.text, &mut article);
            articles.push(article);
            continue;
        }
        if let Some((names, caption_chars)) = photo_credit(line.text) {
            // A credit alone on its line belongs to the caption just before it.
            let caption = if caption_chars == 0 { i.checked_sub(1).map(|p| &lines[p]) } else { Some(line) };
            let mut article = Article::new(ArticleKind::Photo, caption.map_or(line.start, |c| c.start));
            article.caption = caption.map(|c| c.text.chars().take(24).collect());
            if let Some(first) = pending.first() {
                article.start = first.start;
                article.headlines = pending.drain(..).map(|l| l.text.to_owned()).collect();
            }
            article.photographers = names;
            articles.push(article);
            continue;
        }
        if is_headline(line.text) {
            pending.push(line);
            continue;
        }
        if !pending.is_empty() {
            // Headlines followed by text without `本报讯`: still an article. A photo
            // caption right after another article is not, and waits for its credit.
            let next_is_credit = lines.get(i + 1).is_some_and(|l| photo_credit(l.text).is_some_and(|(_, c)| c == 0));
            if !next_is_credit {
                let mut article = Article::new(ArticleKind::Report, pending[0].start);
                article.headlines = pending.drain(..).map(|l| l.text.to_owned()).collect();
                articles.push(article);
            }
        }
    }
    let total = text.chars().count();
    let starts: Vec<usize> = articles.iter().skip(1).map(|a| a.start).chain(std::iter::once(total)).collect();
    let chars: Vec<char> = text.chars().collect();
    for (article, end) in articles.iter_mut().zip(starts) {
        article.end = end;
        let body: String = chars[article.start..end].iter().collect();
        let body = match article.kind {
            ArticleKind::Report => body.split_once(OPENING).map_or(body.as_str(), |(_, rest)| rest).to_owned(),
            ArticleKind::Photo => body,
        };
        // Skip the byline's parentheses so a name is never read as a date.
        let after_byline = body.find([')', '）']).filter(|&b| b < 120).map_or(&body[..], |b| &body[b..]);
        article.date = first_date(after_byline);
    }
    articles
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up bulletin page in the repository (tests/fixtures/README.md describes it).
    const SAMPLE: &str = include_str!("../../tests/fixtures/bulletin-page.txt");

    fn sample() -> String {
        SAMPLE.to_owned()
    }

    fn headline_of(a: &Article) -> String {
        a.headlines.join(" / ")
    }

    #[test]
    fn the_fixture_page_splits_into_its_ten_reports_and_two_photos() {
        let text = sample();
        let articles = outline(&text);
        let reports: Vec<_> = articles.iter().filter(|a| a.kind == ArticleKind::Report).collect();
        let photos: Vec<_> = articles.iter().filter(|a| a.kind == ArticleKind::Photo).collect();
        assert_eq!(reports.len(), 10, "{:#?}", articles.iter().map(headline_of).collect::<Vec<_>>());
        assert_eq!(photos.len(), 2);
        let reporters: Vec<_> = reports.iter().map(|a| a.reporters.join(",")).collect();
        assert_eq!(
            reporters,
            ["赵明轩", "钱雨桐", "林子墨", "唐晓峰", "钱雨桐", "宋佳音", "郭志远", "高文博", "赵明轩", "宋佳音"]
        );
        // The first photo's credit is on its own line; the second ends its caption.
        assert_eq!(photos[0].photographers, ["林子墨"]);
        assert_eq!(photos[1].photographers, ["宋佳音"]);
        assert_eq!(articles[9].kind, ArticleKind::Photo);
        assert_eq!(articles[11].kind, ArticleKind::Photo);
    }

    #[test]
    fn headlines_keep_title_and_subtitle_in_order() {
        let articles = outline(&sample());
        assert_eq!(
            articles[0].headlines,
            ["推进城市精细化管理 让河阳街巷更整洁", "“街巷长制”激活基层治理 共建文明有序街区"]
        );
        assert_eq!(articles[1].headlines, ["彩色花带扮靓城市绿廊"]);
        assert_eq!(
            articles[2].headlines,
            ["深入开展“千名干部进千企” 激发市场主体活力", "优化营商环境 助力企业提质增效"]
        );
        assert_eq!(articles[3].headlines, ["现场招聘促就业 缓解企业“用工难”"]);
        assert_eq!(articles[5].headlines, ["“红色物业”进小区 破解老旧小区治理难题"]);
        assert_eq!(articles[7].headlines, ["健康义诊 进社区"]);
        assert!(articles[9].headlines.is_empty() && articles[11].headlines.is_empty(), "photos have captions");
    }

    #[test]
    fn bylines_list_correspondents_and_photo_credits() {
        let articles = outline(&sample());
        // Two names run together (a space lost in the PDF) stay one byline entry.
        assert_eq!(articles[0].correspondents, ["孟雪柳子航"]);
        assert!(!articles[0].text_and_photos);
        assert_eq!(articles[1].correspondents, ["苏文静"]);
        assert!(articles[1].text_and_photos);
        assert_eq!(articles[6].correspondents, ["韩东", "刘晴", "王军"]);
        assert_eq!(articles[7].correspondents, ["李秋月", "胡一帆"]);
        assert!(articles[7].text_and_photos);
        assert_eq!(articles[10].correspondents, ["邱敏"]);
        assert!(articles[10].text_and_photos);
    }

    #[test]
    fn each_article_has_the_first_date_it_mentions() {
        let articles = outline(&sample());
        let dates: Vec<Option<&str>> = articles.iter().map(|a| a.date.as_deref()).collect();
        assert_eq!(
            dates,
            [
                Some("9月28日"),
                // 金秋九月 comes first, but only 昨日 is a date the rules know.
                Some("昨日"),
                Some("近日"),
                Some("日前"),
                Some("日前"),
                // 今年以来, 每月 and 一年来 are no dates.
                None,
                Some("昨日"),
                Some("9月29日"),
                Some("9月28日上午"),
                // The photo of 杏花社区 says 近日.
                Some("近日"),
                // The quote that opens the report names no date; the next paragraph does.
                Some("9月27日"),
                // The final photo names no date.
                None,
            ]
        );
    }

    #[test]
    fn articles_tile_the_text_and_start_at_their_headline() {
        let text = sample();
        let articles = outline(&text);
        let chars: Vec<char> = text.chars().collect();
        // The page starts with two blank lines, which belong to no article.
        assert_eq!(articles[0].start, 2);
        for pair in articles.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        assert_eq!(articles.last().unwrap().end, chars.len());
        for a in &articles {
            let at: String = chars[a.start..].iter().take(4).collect();
            let expected: String = match a.kind {
                ArticleKind::Report => a.headlines[0].chars().take(4).collect(),
                ArticleKind::Photo => a.caption.clone().unwrap().chars().take(4).collect(),
            };
            assert_eq!(at, expected);
        }
        assert_eq!(articles[9].caption.as_deref(), Some("近日,南关区兴华街道杏花社区开展“安全小卫士”儿"));
        assert_eq!(articles[11].caption.as_deref(), Some("为进一步美化社区环境,志愿者带领小朋友们在小区围"));
    }

    #[test]
    fn dates_are_read_as_written() {
        for (text, date) in [
            ("2022年9月20日上午,活动举行", Some("2022年9月20日上午")),
            ("8月份主动多次对接", Some("8月份")),
            ("共有企业38家参会", None),
            ("占年度计划的84.3%", None),
            ("金秋九月,昨日记者看到", Some("昨日")),
            ("12月3号晚上", Some("12月3号晚上")),
        ] {
            assert_eq!(first_date(text).as_deref(), date, "{text}");
        }
    }

    #[test]
    fn text_without_bulletin_markers_has_no_articles_and_never_panics() {
        assert!(outline("").is_empty());
        assert!(outline("只是一段普通的文字，没有标题。").is_empty());
        let one = outline("标题\n正文第一段，内容。\n");
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].headlines, ["标题"]);
        assert_eq!(outline("本报讯(记者 张三").len(), 1);
    }
}
