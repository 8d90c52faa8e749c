//! The paste clean-up preview: shows every change [`crate::core::cleanup::clean`] would make
//! to the draft, lets the user untick any of them, and hands back the cleaned text on accept.

use crate::core::cleanup::{apply_changes, clean, contexts, Change, ChangeKind, Cleanup, CleanupOptions};
use crate::ui::i18n::{use_lang, Lang};
use std::collections::BTreeSet;
use std::rc::Rc;
use yew::prelude::*;

fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// What the preview was computed from.
type Key = (CleanupOptions, AttrValue);

/// Characters of context shown on each side of a change.
const CONTEXT: usize = 8;

#[derive(Properties, PartialEq)]
pub struct CleanupPreviewProps {
    /// The pasted text, before any clean-up.
    pub draft: AttrValue,
    /// The cleaned text, with only the changes left ticked.
    pub on_accept: Callback<String>,
    pub on_cancel: Callback<()>,
}

/// Makes line breaks and spaces visible in the preview.
fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\r' => '␍',
            ' ' => '·',
            '\u{3000}' => '□',
            '\t' => '⇥',
            c => c,
        })
        .collect()
}

#[function_component(CleanupPreview)]
pub fn cleanup_preview(props: &CleanupPreviewProps) -> Html {
    let lang = use_lang();
    let options = use_state(CleanupOptions::default);
    let key = (*options, props.draft.clone());
    let result: Rc<Cleanup> = use_memo(key.clone(), |(options, draft)| clean(draft, *options));
    // Indices of the changes the user unticked, for the draft and options they were
    // unticked under: a new draft or new options start with every change ticked.
    let unticked = use_state(|| None::<(Key, BTreeSet<usize>)>);
    let excluded: BTreeSet<usize> = match &*unticked {
        Some((k, set)) if *k == key => set.clone(),
        _ => BTreeSet::new(),
    };
    let toggle_option = |join: bool| {
        let options = options.clone();
        Callback::from(move |_: Event| {
            let mut next = *options;
            if join {
                next.join_lines = !next.join_lines;
            } else {
                next.full_width = !next.full_width;
            }
            options.set(next);
        })
    };
    let kept: Vec<Change> =
        result.changes.iter().enumerate().filter(|(i, _)| !excluded.contains(i)).map(|(_, c)| c.clone()).collect();
    let on_accept = {
        let (on_accept, draft) = (props.on_accept.clone(), props.draft.clone());
        let kept = kept.clone();
        Callback::from(move |_: MouseEvent| on_accept.emit(apply_changes(&draft, &kept)))
    };
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let around =
        use_memo((result.clone(), props.draft.clone()), |(result, draft)| contexts(draft, &result.changes, CONTEXT));
    let row = |(index, change): (usize, &Change)| {
        let (before, after) = around.get(index).cloned().unwrap_or_default();
        let on = !excluded.contains(&index);
        let onchange = {
            let (unticked, key, excluded) = (unticked.clone(), key.clone(), excluded.clone());
            Callback::from(move |_: Event| {
                let mut next = excluded.clone();
                if !next.remove(&index) {
                    next.insert(index);
                }
                unticked.set(Some((key.clone(), next.clone())));
            })
        };
        html! {
            <li class={classes!("cleanup-change", (!on).then_some("off"))} data-testid="cleanup-change">
                <label>
                    <input type="checkbox" checked={on} {onchange} />
                    <span class="cleanup-context">{format!("…{}", visible(&before))}</span>
                    <del>{visible(&change.old)}</del>
                    <ins>{visible(&change.new)}</ins>
                    <span class="cleanup-context">{format!("{}…", visible(&after))}</span>
                </label>
            </li>
        }
    };
    let section = |kind: ChangeKind, title: &'static str| {
        let rows: Vec<Html> = result.changes.iter().enumerate().filter(|(_, c)| c.kind == kind).map(row).collect();
        if rows.is_empty() {
            return html! {};
        }
        html! {
            <details class="cleanup-section" open=true>
                <summary>{format!("{title} ({})", rows.len())}</summary>
                <ol class="cleanup-changes">{ for rows }</ol>
            </details>
        }
    };
    let joins = result.count(ChangeKind::JoinLines);
    let widths = result.count(ChangeKind::FullWidth);
    html! {
        <section class="cleanup-preview" aria-label={tr(lang, "清理粘贴文本", "Clean up pasted text")}
            data-testid="cleanup-preview">
            <h2>{tr(lang, "清理粘贴文本", "Clean up pasted text")}</h2>
            <div class="cleanup-options">
                <label>
                    <input type="checkbox" checked={options.join_lines} onchange={toggle_option(true)}
                        data-testid="cleanup-join" />
                    {" "}{tr(lang, "合并句中断行", "Re-join lines broken mid-sentence")}
                </label>
                <label>
                    <input type="checkbox" checked={options.full_width} onchange={toggle_option(false)}
                        data-testid="cleanup-full-width" />
                    {" "}{tr(lang, "中文间的半角标点改为全角", "Full-width punctuation between Chinese characters")}
                </label>
            </div>
            <p class="cleanup-summary" data-testid="cleanup-summary">
                {match lang {
                    Lang::Zh => format!("合并 {joins} 处断行，改 {widths} 个标点；已选 {} 处。", kept.len()),
                    Lang::En => format!("{joins} line joins, {widths} punctuation marks; {} selected.", kept.len()),
                }}
            </p>
            if result.changes.is_empty() {
                <p class="muted">{tr(lang, "无需清理。", "Nothing to clean up.")}</p>
            }
            {section(ChangeKind::JoinLines, tr(lang, "合并断行", "Line joins"))}
            {section(ChangeKind::FullWidth, tr(lang, "全角标点", "Full-width punctuation"))}
            <div class="cleanup-actions">
                <button class="primary" data-testid="cleanup-accept" onclick={on_accept} disabled={kept.is_empty()}>
                    {tr(lang, "应用", "Apply")}</button>
                <button data-testid="cleanup-cancel" onclick={on_cancel}>{tr(lang, "取消", "Cancel")}</button>
            </div>
        </section>
    }
}
