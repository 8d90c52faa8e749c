//! Splitting a bulletin page into one document per article, along the articles that
//! [`crate::core::outline`] finds (headlines, `本报讯` openings and photo credits).

use crate::core::document::Document;
use crate::core::outline::{outline, ArticleKind};
use crate::core::text::char_slice;

/// Splits `text` into `(title, text)` pairs, one per article, in order.
///
/// - A report's title is its main headline; a photo item's is the start of its caption.
/// - Text before the first article (a page header, say) becomes a document of its own,
///   unless it is blank.
/// - A text in which no article is found comes back whole, as one document.
/// - Each piece is trimmed of the blank lines around it; blank pieces are dropped, so a
///   blank text gives no document.
///
/// The pieces are new texts: annotations made on `text` do not carry over, so split before
/// annotating.
pub fn split_into_documents(text: &str) -> Vec<(String, String)> {
    let articles = outline(text);
    let mut pieces = Vec::new();
    let first_start = articles.first().map_or(usize::MAX, |a| a.start);
    let preamble = if articles.is_empty() { text } else { char_slice(text, 0, first_start).unwrap_or("") };
    push_piece(&mut pieces, None, preamble);
    for article in &articles {
        let body = char_slice(text, article.start, article.end).unwrap_or("");
        let title = match article.kind {
            ArticleKind::Report => article.headlines.first().cloned(),
            ArticleKind::Photo => article.headlines.first().cloned().or_else(|| article.caption.clone()),
        };
        push_piece(&mut pieces, title, body);
    }
    pieces
}

fn push_piece(pieces: &mut Vec<(String, String)>, title: Option<String>, body: &str) {
    let body = body.trim();
    if body.is_empty() {
        return;
    }
    let title = title.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| Document::guess_title(body));
    pieces.push((title, body.to_owned()));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A made-up bulletin page in the repository (tests/fixtures/README.md describes it).
    const SAMPLE: &str = include_str!("../../tests/fixtures/bulletin-page.txt");

    #[test]
    fn the_fixture_page_splits_into_ten_reports_and_two_photos() {
        let text = SAMPLE;
        let pieces = split_into_documents(text);
        let titles: Vec<&str> = pieces.iter().map(|(t, _)| t.as_str()).collect();
        // The two blank lines before the first headline are no document of their own.
        assert_eq!(titles.len(), 12, "{titles:#?}");
        assert_eq!(titles[0], "推进城市精细化管理 让河阳街巷更整洁");
        assert_eq!(titles[1], "彩色花带扮靓城市绿廊");
        assert_eq!(titles[7], "健康义诊 进社区");
        assert!(titles[9].starts_with("近日,南关区"), "a photo is titled by its caption: {}", titles[9]);
        assert_eq!(titles[10], "闲置空地变身 共享菜园");
        assert!(titles[11].starts_with("为进一步美化社区环境"), "{}", titles[11]);
        // Each piece starts with its headline (or caption) and holds its own byline.
        let (_, first) = &pieces[0];
        assert!(first.starts_with("推进城市精细化管理"));
        assert!(first.contains("本报讯(记者 赵明轩 通讯员 孟雪柳子航)"));
        assert!(first.ends_with("感受到城市管理的温度。"));
        assert!(!first.contains("彩色花带"));
        assert!(pieces[8].1.ends_with("开工率100%。"), "the caption after a report is not part of it");
        assert!(pieces[9].1.starts_with("近日,南关区") && pieces[9].1.ends_with("本报记者 林子墨 摄"));
        assert!(pieces[11].1.ends_with("本报记者 宋佳音 摄"));
        // Nothing is lost but the blank lines between articles.
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let joined: String = pieces.iter().map(|(_, t)| squeeze(t)).collect();
        assert_eq!(joined, squeeze(text));
    }

    #[test]
    fn text_without_articles_stays_whole_and_blank_text_gives_nothing() {
        assert_eq!(
            split_into_documents("\n只是一段普通的文字，没有标题。\n"),
            [("只是一段普通的文字，没有标题。".to_owned(), "只是一段普通的文字，没有标题。".to_owned())]
        );
        assert!(split_into_documents("").is_empty());
        assert!(split_into_documents(" \n\n ").is_empty());
    }

    #[test]
    fn a_page_header_before_the_first_article_is_its_own_document() {
        let text = "郑州日报 2022年9月21日 第5版。\n\n标题一\n\n本报讯(记者 张三)正文一。\n\n标题二\n\n本报讯(记者 李四)正文二。";
        let pieces = split_into_documents(text);
        let titles: Vec<&str> = pieces.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(titles, ["郑州日报 2022年9月21日 第5版。", "标题一", "标题二"]);
        assert_eq!(pieces[2].1, "标题二\n\n本报讯(记者 李四)正文二。");
    }
}
