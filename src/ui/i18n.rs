//! The UI's two languages. Every visible string goes through [`Lang::t`] with a [`Key`], so
//! a missing translation is a compile error, not a blank button.

use yew::prelude::*;

/// A UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Simplified Chinese, the default: the texts are Chinese.
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The language for a BCP 47 tag such as `navigator.language`: Chinese for `zh*`,
    /// English otherwise.
    pub fn from_tag(tag: &str) -> Self {
        if tag.trim().to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The other language, for the switch button.
    pub fn other(self) -> Self {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The language's own name, shown on the switch that selects it.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    /// A readable name for a label; labels outside the default set keep their own name.
    pub fn label_name(self, label: &str) -> String {
        let (zh, en) = match label {
            "PER" => ("人名", "Person"),
            "LOC" => ("地名", "Place"),
            "ORG" => ("机构", "Organisation"),
            "DATE" => ("日期", "Date"),
            "NUM" => ("数量", "Number"),
            "TERM" => ("专名", "Term"),
            other => return other.to_owned(),
        };
        match self {
            Lang::Zh => zh.to_owned(),
            Lang::En => en.to_owned(),
        }
    }

    /// The translation of `key`.
    pub fn t(self, key: Key) -> &'static str {
        let (zh, en) = key.pair();
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

macro_rules! keys {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// Every UI string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key,)* }

        impl Key {
            /// All keys, for tests that check every translation.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];

            fn pair(self) -> (&'static str, &'static str) {
                match self { $(Key::$key => ($zh, $en),)* }
            }
        }
    };
}

keys! {
    AppTitle => "公报阅读与标注", "Bulletin reader and annotator";
    ActionsNav => "操作", "Actions";
    Undo => "撤销", "Undo";
    Redo => "重做", "Redo";
    ExportJson => "导出 JSON", "Export JSON";
    SelectionHint => "选中文字后按标签键（1–6）标注；按住 Alt 选择可精确到字。j/k 在实体间移动，a 接受，x 拒绝，[ ] 扩展边界，{ } 收缩边界。",
        "Select text, then press a label key (1–6); hold Alt while selecting for exact characters. j/k move between entities, a accepts, x rejects, [ ] grow and { } shrink the span.";
    OverlapRule => "新实体不能与已有实体重叠：先删除或调整已有实体。",
        "A new entity cannot overlap an existing one: delete or resize that one first.";
    LabelAs => "标注为", "Label as";
    Selected => "已选", "Selected";
    Accept => "接受", "Accept";
    Reject => "拒绝", "Reject";
    Delete => "删除", "Delete";
    GrowLeft => "向左扩展", "Grow left";
    GrowRight => "向右扩展", "Grow right";
    ShrinkLeft => "左侧收缩", "Shrink left";
    ShrinkRight => "右侧收缩", "Shrink right";
    AcceptAll => "全部接受", "Accept all";
    RejectAll => "全部拒绝", "Reject all";
    Suggestions => "待审建议", "Suggestions to review";
    Documents => "文档", "Documents";
    ModelPanel => "模型", "Model";
    LabelMentions => "应用到其余 {n} 处", "Apply to all {n} other mentions";
    ModelShipped => "内置模型，尚未从更正中学习。", "The shipped model; nothing learned from corrections yet.";
    ModelLearned => "已从 {documents} 篇文档的 {sentences} 个已审句子中学习。", "Learned from {sentences} reviewed sentences in {documents} documents.";
    ModelExport => "导出模型", "Export model";
    ModelImport => "导入模型", "Import model";
    ModelReset => "恢复内置模型", "Reset to shipped model";
    ReportCard => "模型成绩单", "Model report card";
    ReportCardEmpty => "把文档标为完成后，这里显示建议在每篇文档首次修改之前的得分。", "Mark documents done to see how the suggestions scored on each before its first correction.";
    ReportCardDocs => "{n} 篇已完成文档，按开始审阅的顺序；每篇按其首次修改前的建议计分（精确边界）。", "{n} documents done, in the order their review began; each scored on the suggestions it had before its first correction (exact spans).";
    ReportCardChart => "累计 F1（线）与每篇文档的 F1（点）", "Running F1 (line) and each document's F1 (dots)";
    ReportCardAll => "全部", "All";
    ReportLabel => "标签", "Label";
    ReportPrecision => "精确率", "Precision";
    ReportRecall => "召回率", "Recall";
    ReportGold => "实体数", "Entities";
    StatusNew => "新建", "new";
    StatusInProgress => "进行中", "in progress";
    StatusDone => "已完成", "done";
    MarkDone => "标为完成", "Mark done";
    MarkInProgress => "重新打开", "Reopen";
    Progress => "进度", "Progress";
    EntitiesTotal => "个实体", "entities";
    ExportImport => "导出与导入", "Export and import";
    FormatLabel => "格式", "Format";
    OffsetsLabel => "偏移单位", "Offsets";
    UnitCodePoint => "码位（Python 字符串下标）", "code points (Python str indices)";
    UnitUtf16 => "UTF-16 单元（JavaScript、doccano 界面）", "UTF-16 units (JavaScript, doccano UI)";
    AutoAsPredictions => "自动建议导出为 predictions", "Export unreviewed suggestions as predictions";
    ScopeCurrent => "当前文档", "Current document";
    ScopeAll => "整个项目", "Whole project";
    Download => "下载", "Download";
    ImportFile => "导入文件", "Import a file";
    ImportDrop => "可拖入 JSON、JSONL、CoNLL 文件", "or drop a JSON, JSONL or CoNLL file here";
    AddLabelsAndImport => "添加这些标签并导入", "Add these labels and import";
    Cancel => "取消", "Cancel";
    SameDocuments => "项目中已有相同文本的文档。", "The project already has documents with the same text.";
    Merge => "合并实体", "Merge entities";
    Replace => "替换", "Replace";
    AnnotatorName => "标注者", "Annotator";
    AnnotatorPlaceholder => "你的名字（写入导出文件）", "Your name (stamped on exports)";
    SaveFailed => "无法保存到浏览器：你的工作仍保留在此标签页中，请导出备份。",
        "Could not save in the browser: your work is kept in this tab; export it to be safe.";
    OtherTab => "另一个标签页修改了此项目。此页暂停自动保存。", "Another tab changed this project. Saving here is paused.";
    Reload => "重新载入", "Reload";
    KeepWorkingHere => "在此继续（覆盖另一页）", "Keep working here (overwrite the other tab)";
    RestoreFailed => "无法恢复上次保存的工作；已停止自动保存，以免覆盖。", "The saved work could not be restored; autosave is off so it is not overwritten.";
    DownloadSaved => "下载保存的数据", "Download the saved data";
    StartFresh => "重新开始", "Start fresh";
    Saved => "已保存", "Saved";
    Labels => "标签设置", "Labels";
    AddLabel => "添加标签", "Add a label";
    LabelName => "标签名", "Label name";
    LabelColour => "颜色", "Colour";
    LabelHotkey => "快捷键", "Hotkey";
    LabelDescription => "说明", "Description";
    AddToDictionary => "加入词典", "Add to dictionary";
    CleanUp => "整理断行与标点…", "Clean up line breaks and punctuation…";
    SplitArticles => "按文章拆分为多个文档", "Split into one document per article";
    CompareAnnotators => "比较两位标注者", "Compare two annotators";
    PosOptional => "词性（可选）", "POS (optional)";
    LoadingDictionary => "正在加载词典…", "Loading dictionary…";
    Dismiss => "关闭", "Dismiss";
    DocumentRegion => "文档", "Document";
    EmptyHint => "粘贴公报后点击“分析”，或试用示例。文本不会离开浏览器。",
        "Paste a bulletin and press Analyze, or try the sample. Nothing leaves your browser.";
    SwitchLanguage => "切换界面语言", "Switch the interface language";
    SkipToDocument => "跳到正文", "Skip to the text";
    TextInput => "文本输入", "Text input";
    BulletinText => "公报文本", "Bulletin text";
    PastePlaceholder => "在此粘贴或拖入公报文本", "Paste or drop a bulletin here";
    Analyze => "分析", "Analyze";
    Analysing => "分析中…", "Analysing…";
    OpenFile => "打开 .txt 文件", "Open .txt";
    Characters => "字", "characters";
    TrySample => "试用示例", "Try a sample";
    SampleTitle => "示例公报", "Sample bulletin";
    ReaderTools => "阅读设置", "Reading options";
    Legend => "图例：点击显示或隐藏", "Legend: click to show or hide";
    Shown => "显示", "shown";
    Hidden => "已隐藏", "hidden";
    Segmentation => "分词视图", "Word boundaries";
    PosTag => "词性", "POS";
    OriginAuto => "自动识别", "auto";
    OriginConfirmed => "已确认", "confirmed";
    Sidebar => "索引与提纲", "Index and outline";
    EntityIndex => "实体索引", "Entity index";
    NoEntities => "暂无实体", "No entities yet";
    SearchIndex => "筛选实体", "Filter entities";
    SearchPlaceholder => "输入文字筛选…", "Type to filter…";
    NoMatches => "没有匹配的实体", "No matching entities";
    Mentions => "处", "mentions";
    PreviousMention => "上一处", "Previous";
    NextMention => "下一处", "Next";
    MentionKeysHint => "按逗号、句点键切换上一处、下一处", "Press , and . for the previous and next mention";
    MentionNav => "提及导航", "Mention navigation";
    Outline => "文章提纲", "Article outline";
    NoArticles => "未找到文章", "No articles found";
    ShowAllArticles => "显示全部文章", "Show all articles";
    Reporters => "记者", "Reporters";
    Correspondents => "通讯员", "Correspondents";
    Photos => "摄影", "Photos";
    TextAndPhotos => "文/图", "text and photos";
    DateMentioned => "日期", "Date";
    PhotoItem => "图片新闻", "Photo";
    Charts => "统计图", "Charts";
    CountsByLabel => "各类实体数量", "Entities by label";
    TopEntities => "出现最多的实体", "Most frequent entities";
}

/// The language from the nearest [`ContextProvider<Lang>`], Chinese when there is none.
#[hook]
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags_pick_the_language() {
        for (tag, lang) in [
            ("zh-CN", Lang::Zh),
            ("zh-TW", Lang::Zh),
            ("ZH", Lang::Zh),
            ("en-US", Lang::En),
            ("fr", Lang::En),
            ("", Lang::En),
        ] {
            assert_eq!(Lang::from_tag(tag), lang, "{tag:?}");
        }
    }

    #[test]
    fn every_key_has_two_different_non_empty_strings() {
        for &key in Key::ALL {
            let (zh, en) = (Lang::Zh.t(key), Lang::En.t(key));
            assert!(!zh.is_empty() && !en.is_empty(), "{key:?}");
            assert_ne!(zh, en, "{key:?}");
            // The old bilingual strings joined both with " · "; one language per string now.
            assert!(!zh.contains(" · ") && !en.contains(" · "), "{key:?}");
        }
    }

    #[test]
    fn label_names_translate_and_custom_labels_keep_theirs() {
        assert_eq!(Lang::Zh.label_name("PER"), "人名");
        assert_eq!(Lang::En.label_name("LOC"), "Place");
        assert_eq!(Lang::En.label_name("EVENT"), "EVENT");
    }
}
