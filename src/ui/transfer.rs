//! The export and import panel: every format, for the current document or the project,
//! and the annotator's name that exports carry.

use crate::core::formats::{Format, OffsetUnit};
use crate::ui::i18n::{use_lang, Key};
use yew::prelude::*;

/// What an export covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Current,
    All,
}

#[derive(Properties, PartialEq)]
pub struct TransferPanelProps {
    pub has_doc: bool,
    pub annotator: AttrValue,
    pub on_export: Callback<(Format, Scope)>,
    pub on_import: Callback<Vec<web_sys::File>>,
    pub on_annotator: Callback<String>,
}

#[function_component(TransferPanel)]
pub fn transfer_panel(props: &TransferPanelProps) -> Html {
    let lang = use_lang();
    let format = use_state(|| Format::Json);
    let scope = use_state(|| Scope::Current);
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(f) = Format::parse(&select.value()) {
                format.set(f);
            }
        })
    };
    let on_unit = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let unit = if select.value() == "utf16" { OffsetUnit::Utf16 } else { OffsetUnit::CodePoint };
            format.set(format.with_unit(unit));
        })
    };
    let on_predictions = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Format::LabelStudio { unit, .. } = *format {
                format.set(Format::LabelStudio { unit, auto_as_predictions: input.checked() });
            }
        })
    };
    let on_scope = {
        let scope = scope.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            scope.set(if select.value() == "all" { Scope::All } else { Scope::Current });
        })
    };
    let on_download = {
        let (format, scope) = (format.clone(), scope.clone());
        props.on_export.reform(move |_: MouseEvent| (*format, *scope))
    };
    let on_file = props.on_import.reform(|e: Event| crate::browser::files::input_files(&e));
    let on_drop = props.on_import.reform(|e: DragEvent| {
        e.prevent_default();
        crate::browser::files::dropped_files(&e)
    });
    let on_annotator = props.on_annotator.reform(|e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let unit = match *format {
        Format::Doccano { unit } | Format::LabelStudio { unit, .. } => Some(unit),
        _ => None,
    };
    let options = Format::ALL.iter().map(|f| {
        html! { <option value={f.name()} selected={f.name() == format.name()}>{f.name()}</option> }
    });
    html! {
        <section class="transfer" aria-label={lang.t(Key::ExportImport)} data-testid="transfer"
            ondragover={Callback::from(|e: DragEvent| e.prevent_default())} ondrop={on_drop}>
            <h2>{lang.t(Key::ExportImport)}</h2>
            <label class="field">{lang.t(Key::AnnotatorName)}
                <input type="text" value={props.annotator.clone()} placeholder={lang.t(Key::AnnotatorPlaceholder)}
                    onchange={on_annotator} data-testid="annotator-name" maxlength="80" />
            </label>
            <label class="field">{lang.t(Key::FormatLabel)}
                <select onchange={on_format} data-testid="export-format">{ for options }</select>
            </label>
            if let Some(unit) = unit {
                <label class="field">{lang.t(Key::OffsetsLabel)}
                    <select onchange={on_unit} data-testid="export-unit">
                        <option value="codepoint" selected={unit == OffsetUnit::CodePoint}>{lang.t(Key::UnitCodePoint)}</option>
                        <option value="utf16" selected={unit == OffsetUnit::Utf16}>{lang.t(Key::UnitUtf16)}</option>
                    </select>
                </label>
            }
            if let Format::LabelStudio { auto_as_predictions, .. } = *format {
                <label class="field check"><input type="checkbox" checked={auto_as_predictions} onchange={on_predictions}
                    data-testid="export-predictions" />{lang.t(Key::AutoAsPredictions)}</label>
            }
            <label class="field">
                <select onchange={on_scope} data-testid="export-scope" aria-label={lang.t(Key::ExportImport)}>
                    <option value="current" selected={*scope == Scope::Current}>{lang.t(Key::ScopeCurrent)}</option>
                    <option value="all" selected={*scope == Scope::All}>{lang.t(Key::ScopeAll)}</option>
                </select>
            </label>
            <button class="primary" onclick={on_download} disabled={!props.has_doc} data-testid="export-download">{lang.t(Key::Download)}</button>
            <label class="button file-button">{lang.t(Key::ImportFile)}
                <input type="file" accept=".json,.jsonl,.conll,.txt,.bio,application/json" onchange={on_file} data-testid="import-file" />
            </label>
            <span class="muted">{lang.t(Key::ImportDrop)}</span>
        </section>
    }
}

/// What to do with an imported file, decided before anything changes.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportPlan {
    /// Nothing in the way: add it.
    Apply(crate::core::document::Project),
    /// Some documents have the same text as ones in the project: merge or replace?
    AskSame {
        project: crate::core::document::Project,
        same: usize,
    },
    /// The file uses labels the project lacks: add them?
    AskLabels(Vec<String>),
    Failed(String),
}

/// Parses and validates `input` against the project's labels plus `extra_labels`.
pub fn plan_import(
    project: &crate::core::document::Project,
    input: &str,
    file_name: &str,
    extra_labels: &[String],
    now: &str,
) -> ImportPlan {
    use crate::core::formats::{detect, import, ImportErrorKind, ImportOptions};
    let Some(format) = detect(input, file_name) else {
        return ImportPlan::Failed(format!(
            "{file_name}: not a recognised format (app JSON, doccano JSONL, Label Studio JSON or CoNLL)"
        ));
    };
    let mut labels = project.labels.labels().to_vec();
    for (i, name) in extra_labels.iter().enumerate() {
        if !labels.iter().any(|l| &l.name == name) {
            // Grey tones for added labels; the user can recolour them later.
            let shade = ["#777777", "#999999", "#555555", "#aaaaaa"][i % 4];
            labels.push(crate::core::label::Label {
                name: name.clone(),
                colour: shade.into(),
                hotkey: None,
                description: String::new(),
            });
        }
    }
    let labels = match crate::core::label::LabelSet::new(labels) {
        Ok(labels) => labels,
        Err(err) => return ImportPlan::Failed(format!("{file_name}: {err}")),
    };
    let options = ImportOptions { labels, nesting: false, now: now.into() };
    match import(format, input, file_name, &options) {
        Ok(imported) => {
            let same =
                imported.documents.iter().filter(|d| project.documents.iter().any(|p| p.sha256 == d.sha256)).count();
            if same > 0 {
                ImportPlan::AskSame { project: imported, same }
            } else {
                ImportPlan::Apply(imported)
            }
        }
        Err(err) if err.kind == ImportErrorKind::UnknownLabel && !err.unknown_labels.is_empty() => {
            ImportPlan::AskLabels(err.unknown_labels)
        }
        Err(err) => ImportPlan::Failed(err.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::document::{Document, Project};

    const NOW: &str = "2026-11-25T00:00:00.000Z";

    #[test]
    fn unknown_labels_are_asked_for_then_accepted() {
        let project = Project::default();
        let line = r#"{"text":"记者刘伟平","label":[[2,5,"REPORTER"]]}"#;
        assert_eq!(plan_import(&project, line, "a.jsonl", &[], NOW), ImportPlan::AskLabels(vec!["REPORTER".into()]));
        let ImportPlan::Apply(imported) = plan_import(&project, line, "a.jsonl", &["REPORTER".into()], NOW) else {
            panic!("the label was added, so the import applies");
        };
        assert_eq!(imported.documents[0].entities().entities()[0].label, "REPORTER");
    }

    #[test]
    fn same_text_asks_and_garbage_fails_with_the_file_name() {
        let mut project = Project::default();
        project.documents.push(Document::new("d", "t", "记者刘伟平", NOW));
        let line = r#"{"text":"记者刘伟平","label":[[2,5,"PER"]]}"#;
        assert!(matches!(plan_import(&project, line, "a.jsonl", &[], NOW), ImportPlan::AskSame { same: 1, .. }));
        let ImportPlan::Failed(message) = plan_import(&project, "{\"text\": 5", "broken.json", &[], NOW) else {
            panic!("broken input fails");
        };
        assert!(message.contains("broken.json"), "{message}");
    }
}
