//! POS tags for words jieba's HMM makes up (out of the dictionary). jieba-rs tags them with
//! its posseg HMM only when built with its default dictionary (565 KB more to download);
//! without it they are all `x`. This guess keeps the useful part: names, places, bodies,
//! numbers. Retrained on it, the NER model scores the same as with posseg (docs/ner.md).

use crate::core::ner::rules::is_han;

const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阮";
const PLACE_ENDS: &str = "省市县区镇村乡州岛山河湖江港";
const BODY_ENDS: &str = "院校委局厅所部社队";
const NUMERAL_STARTS: &str = "一二三四五六七八九十两几多万千百";

/// The POS tag for `word`, which jieba tagged `x`: a guess when it is an unknown Han word,
/// else `x` unchanged.
pub fn guess_pos(word: &str, in_dictionary: impl FnOnce(&str) -> bool) -> &'static str {
    let chars: Vec<char> = word.chars().collect();
    let (Some(&first), Some(&last)) = (chars.first(), chars.last()) else { return "x" };
    if !chars.iter().copied().any(is_han) || chars.iter().any(char::is_ascii_alphanumeric) || in_dictionary(word) {
        return "x";
    }
    let n = chars.len();
    if (2..=3).contains(&n) && SURNAMES.contains(first) {
        "nr"
    } else if n >= 2 && PLACE_ENDS.contains(last) {
        "ns"
    } else if n >= 3 && BODY_ENDS.contains(last) {
        "nt"
    } else if NUMERAL_STARTS.contains(first) {
        "m"
    } else {
        "x"
    }
}

#[cfg(test)]
mod tests {
    use super::guess_pos;

    #[test]
    fn unknown_han_words_get_a_guess_and_everything_else_stays_x() {
        let unknown = |_: &str| false;
        assert_eq!(guess_pos("李博文", unknown), "nr");
        assert_eq!(guess_pos("管城区", unknown), "ns");
        assert_eq!(guess_pos("管城财政局", unknown), "nt");
        assert_eq!(guess_pos("三十余", unknown), "m");
        assert_eq!(guess_pos("嗯嗯", unknown), "x");
        assert_eq!(guess_pos("王A", unknown), "x", "ASCII inside: not a Han word");
        assert_eq!(guess_pos("，", unknown), "x");
        assert_eq!(guess_pos("", unknown), "x");
        assert_eq!(guess_pos("王五", |_| true), "x", "a dictionary word tagged x keeps x");
    }
}
