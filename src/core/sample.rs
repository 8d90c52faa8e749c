//! A short sample bulletin for the "try a sample" button. It is written for this app in
//! the style of a local daily's community page; the people and events are invented.

/// The sample's text: three reports and a photo item.
pub const SAMPLE_BULLETIN: &str = include_str!("../../static/sample-bulletin.txt");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::outline::{outline, ArticleKind};

    #[test]
    fn the_sample_outlines_into_its_articles() {
        let articles = outline(SAMPLE_BULLETIN);
        let heads: Vec<&str> = articles.iter().map(|a| a.headlines.first().map_or("", String::as_str)).collect();
        assert_eq!(heads, ["推进“微改造” 服务暖民心", "“夜市经济”点亮城市烟火气", "秋收时节话丰收", ""]);
        assert_eq!(articles[0].headlines[1], "老旧小区焕新颜 居民议事有平台");
        assert_eq!(articles[0].reporters, ["周明远"]);
        assert_eq!(articles[0].correspondents, ["韩晓雪"]);
        assert_eq!(articles[1].reporters, ["陈思雨"]);
        assert_eq!(articles[2].reporters, ["周明远"]);
        assert_eq!(articles[2].correspondents, ["宋立新", "马若兰"]);
        assert_eq!(articles[3].kind, ArticleKind::Photo);
        assert_eq!(articles[3].photographers, ["陈思雨"]);
        assert_eq!(articles[0].date.as_deref(), Some("10月12日上午"));
    }
}
