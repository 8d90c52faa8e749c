//! Rules on punctuation-delimited text: bylines (PER) and quoted names (TERM).

use super::rules::{ends_with, is_han, match_any, quotes, starts_with, Cand};
use crate::core::segment::Token;

/// Common single-character surnames, used to split run-together byline names (乔贺李博文).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";

/// Compound surnames, which make a 4-character chunk one name.
const COMPOUND: &[&str] =
    &["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯", "端木"];

const BYLINE_KEYS: &[&str] = &["特约记者", "本报记者", "见习记者", "实习生", "通讯员", "记者"];
/// Words that end a byline chunk list.
const BYLINE_STOP: &[&str] = &["文/图", "图/文", "文图", "摄影", "摄", "报道", "整理", "通讯员", "记者"];

fn is_surname(c: char) -> bool {
    SURNAMES.contains(c)
}

/// Splits a run of names into names of 2–3 characters, each starting with a surname.
/// Returns offsets relative to the chunk, or `None` when no split fits.
fn split_names(chunk: &[char]) -> Option<Vec<(usize, usize)>> {
    let n = chunk.len();
    // At most four names run together; the cap also bounds the backtracking below.
    if n > 12 {
        return None;
    }
    if (2..=3).contains(&n) {
        return Some(vec![(0, n)]);
    }
    if n == 4 && COMPOUND.iter().any(|c| starts_with(chunk, 0, c)) {
        return Some(vec![(0, 4)]);
    }
    // Prefer a 3-character first name, the commonest length, when both splits fit.
    for first in [3, 2] {
        if n > first
            && chunk.first().is_some_and(|&c| is_surname(c))
            && chunk.get(first).is_some_and(|&c| is_surname(c))
        {
            if let Some(rest) = split_names(chunk.get(first..)?) {
                let mut out = vec![(0, first)];
                out.extend(rest.into_iter().map(|(s, e)| (s + first, e + first)));
                return Some(out);
            }
        }
    }
    None
}

/// PER spans in bylines: `记者 刘伟平 通讯员 乔贺李博文`, `本报记者 王思俊 摄`.
pub fn bylines(chars: &[char]) -> Vec<Cand> {
    let mut out = Vec::new();
    let mask = super::rules::first_chars(BYLINE_KEYS);
    let mut i = 0;
    while i < chars.len() {
        let Some(key) =
            chars.get(i).is_some_and(|&c| mask.may_hold(c)).then(|| match_any(chars, i, BYLINE_KEYS)).flatten()
        else {
            i += 1;
            continue;
        };
        let mut j = i + key.chars().count();
        // Without a space, only a byline opening (本报讯(记者…) counts: 记者发现 is prose.
        let spaced = chars.get(j).is_some_and(|c| c.is_whitespace());
        let opened = i > 0 && chars.get(i - 1).is_some_and(|c| matches!(c, '(' | '（' | ' ' | '　' | '\n'));
        if !spaced && !opened && key != "本报记者" {
            i = j;
            continue;
        }
        loop {
            while chars.get(j).is_some_and(|c| c.is_whitespace() && *c != '\n') {
                j += 1;
            }
            if match_any(chars, j, BYLINE_STOP).is_some() {
                break;
            }
            let s = j;
            while chars.get(j).is_some_and(|&c| is_han(c)) && (j == s || match_any(chars, j, BYLINE_STOP).is_none()) {
                j += 1;
            }
            let Some(names) = chars.get(s..j).and_then(split_names) else { break };
            out.extend(names.into_iter().map(|(a, b)| Cand::new(s + a, s + b, "PER")));
            if !chars.get(j).is_some_and(|c| c.is_whitespace() && *c != '\n') {
                break;
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// Roles written directly before a name (老板吕尚向).
const TITLES: &[&str] = &[
    "负责人",
    "老板",
    "店主",
    "书记",
    "主任",
    "经理",
    "站长",
    "院长",
    "局长",
    "区长",
    "镇长",
    "村长",
    "村民",
    "居民",
    "党员",
    "志愿者",
    "网格员",
    "董事长",
    "总经理",
    "社长",
    "所长",
    "队长",
    "医生",
    "教授",
];
/// What may follow such a name.
const AFTER_NAME: &str = "在说表示介绍告诉称带领说道，,、：:。的也和正";
/// Kinship terms and forms of address: 张阿姨 is not a name (GUIDELINES.md, PER).
pub const ADDRESS: &[&str] = &[
    "阿姨", "大爷", "大妈", "大姐", "大哥", "大叔", "师傅", "老师", "先生", "女士", "奶奶", "爷爷", "叔叔", "同志",
    "阿婆", "阿公", "婆婆", "老伯", "阿伯", "大娘", "老太", "老汉", "小姐", "警官", "同学", "老人", "师父",
];
/// Byline roles the model sometimes takes for names (实习生 葛晶).
const ROLES: &[&str] = &["实习生", "见习", "通讯员", "记者", "摄影", "编辑"];

/// Titles that follow a bare surname (李警官, 赵主任): the surname alone is not a name.
const AFTER_SURNAME: &[&str] = &[
    "警官", "主任", "书记", "局长", "所长", "队长", "科长", "院长", "校长", "老师", "医生", "大夫", "师傅", "经理",
    "总", "某",
];

/// Whether `chars[s..e]` can be a full name (GUIDELINES.md, PER): no hidden given name
/// (张某, 李某某, 王某明), no form of address at its end (王阿婆), and not a bare surname
/// before a title or form of address (李 of 李警官, 刘 of 刘先生).
pub fn full_name(chars: &[char], s: usize, e: usize) -> bool {
    let Some(name) = chars.get(s..e) else { return false };
    let titled_surname =
        name.len() == 1 && (match_any(chars, e, AFTER_SURNAME).is_some() || match_any(chars, e, ADDRESS).is_some());
    let role = ROLES.iter().any(|r| r.chars().eq(name.iter().copied()));
    !name.is_empty()
        && !titled_surname
        && !role
        && !name.contains(&'某')
        && !ADDRESS.iter().any(|a| ends_with(chars, e, a))
}

/// PER after a role word: `老板吕尚向在…` → 吕尚向.
/// `tokens` are jieba's: a name must not start with a longer common word of another kind
/// (党员干部的, 书记关于党的, 局长信箱、).
pub fn titled_names(chars: &[char], tokens: &[Token]) -> Vec<Cand> {
    let mut out = Vec::new();
    let mask = super::rules::first_chars(TITLES);
    for (i, &c) in chars.iter().enumerate() {
        if !mask.may_hold(c) {
            continue;
        }
        let Some(t) = match_any(chars, i, TITLES) else { continue };
        let s = i + t.chars().count();
        if !chars.get(s).is_some_and(|&c| is_surname(c)) {
            continue;
        }
        for len in [3, 2] {
            let all_han = chars.get(s..s + len).is_some_and(|n| n.iter().all(|&c| is_han(c)));
            let address = ADDRESS.iter().any(|a| ends_with(chars, s + len, a));
            if all_han && !address && chars.get(s + len).is_some_and(|c| AFTER_NAME.contains(*c)) {
                if common_word_at(tokens, s) {
                    break;
                }
                out.push(Cand::new(s, s + len, "PER"));
                break;
            }
        }
    }
    out
}

/// Whether the jieba word at `s` is a common word of two or more characters (not a name),
/// or runs on from before `s` (党员干部 is one word: 干部 is not a name after a title).
fn common_word_at(tokens: &[Token], s: usize) -> bool {
    let k = tokens.partition_point(|t| (t.end as usize) <= s);
    tokens.get(k).is_some_and(|t| {
        let covers = t.start as usize <= s;
        covers && !t.pos.starts_with("nr") && ((t.start as usize) < s || t.end - t.start >= 2)
    })
}

/// Words right after a quote that show it names something (“五星”支部, “学抓促”专项工作).
const NAME_AFTER: &[&str] = &[
    "活动",
    "工作",
    "模式",
    "支部",
    "治理",
    "理念",
    "劳动竞赛",
    "竞赛",
    "产业",
    "运作",
    "为主题",
    "为重点",
    "主题",
    "平台",
    "这个平台",
    "这一",
    "义务",
    "责任",
    "专项",
    "行动",
    "品牌",
    "称号",
    "创建",
    "单位",
    "的健康",
    "评选",
    "荣誉",
    "示范",
    "工程",
    "计划",
    "项目",
    "系列",
    "志愿",
    "服务队",
    "巡逻队",
    "机制",
    "体系",
    "战略",
    "精神",
    "文化节",
    "比赛",
    "大赛",
];
/// Words right before a quote that introduce a name.
const NAME_BEFORE: &[&str] = &[
    "开展", "创建", "争创", "授予", "荣获", "获得", "评为", "启动", "实施", "推进", "举办", "以", "个", "围绕", "探索",
];
/// Endings of quoted text that are names of honours, days or campaigns.
const NAME_END: &[&str] = &["红旗", "日", "节", "星", "村", "行动", "活动", "工程", "计划", "杯", "奖", "号"];

/// Whether the quoted `inner` text (at `s..e`) reads as a name rather than a figure of speech
/// or direct speech. Heuristic, after GUIDELINES.md TERM: speech is long or punctuated;
/// names have internal structure (·、+ or a space), numerals, repetition, a naming context.
fn is_name(chars: &[char], s: usize, e: usize) -> bool {
    let Some(inner) = chars.get(s..e) else { return false };
    let n = inner.len();
    if !(2..=20).contains(&n) || inner.iter().any(|c| "，。！？；：,!?;:…“”‘’（）()".contains(*c)) {
        return false;
    }
    if inner.iter().any(|c| "·、+＋ ".contains(*c)) {
        return true;
    }
    if ends_with(inner, n, "党支部") || ends_with(inner, n, "委员会") {
        return false;
    }
    // A cue before the quote is weaker: “解锁” after 创建 is a figure, so it needs 3+ chars.
    if match_any(chars, e + 1, NAME_AFTER).is_some()
        || (n >= 3 && NAME_BEFORE.iter().any(|w| ends_with(chars, s - 1, w)))
    {
        return true;
    }
    if n >= 4 {
        let numeral = inner.iter().any(|&c| "一二三四五六七八九十百千万两".contains(c));
        let repeated = inner.iter().enumerate().any(|(k, c)| inner.get(k + 1..).is_some_and(|r| r.contains(c)));
        return numeral || repeated || NAME_END.iter().any(|w| ends_with(inner, n, w));
    }
    false
}

/// TERM spans: the text inside “…” when it reads as a name. A quoted string that reads as
/// a name once is a name at every quoted occurrence in the text (“金喇叭”会立即督促).
pub fn terms(chars: &[char]) -> Vec<Cand> {
    let qs = quotes(chars);
    // A set, so that a text with many quotes stays linear.
    let names: std::collections::HashSet<&[char]> =
        qs.iter().filter(|(o, c)| is_name(chars, o + 1, *c)).filter_map(|(o, c)| chars.get(o + 1..*c)).collect();
    qs.iter()
        .filter(|(o, c)| chars.get(o + 1..*c).is_some_and(|inner| names.contains(inner)))
        .map(|(o, c)| Cand::new(o + 1, *c, "TERM"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, found: Vec<Cand>) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        found.iter().map(|c| chars[c.start..c.end].iter().collect()).collect()
    }

    #[test]
    fn byline_names_are_split() {
        let t = "本报讯(记者 刘伟平 通讯员 乔贺李博文)9月20日";
        assert_eq!(texts(t, bylines(&t.chars().collect::<Vec<_>>())), ["刘伟平", "乔贺", "李博文"]);
        let t = "小区主路。本报记者 党贺喜 摄";
        assert_eq!(texts(t, bylines(&t.chars().collect::<Vec<_>>())), ["党贺喜"]);
        let t = "走访中记者发现,永安社区";
        assert!(bylines(&t.chars().collect::<Vec<_>>()).is_empty());
        // A long run of surname characters is refused quickly, not explored exponentially.
        let t = format!("记者 {}", "王".repeat(5000));
        assert!(bylines(&t.chars().collect::<Vec<_>>()).is_empty());
    }

    #[test]
    fn quotes_names_not_figures() {
        let t = "创新“社商居”治理融合体,成了“风向标”,“金喇叭”会立即,“金喇叭”义务巡逻队";
        assert_eq!(texts(t, terms(&t.chars().collect::<Vec<_>>())), ["社商居", "金喇叭", "金喇叭"]);
    }
}
