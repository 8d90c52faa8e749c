//! The article outline: one entry per article with headline, byline and date; each jumps
//! to its article in the text.

use crate::core::outline::{Article, ArticleKind};
use crate::ui::i18n::{use_lang, Key};
use yew::prelude::*;

/// The id of the (empty) anchor element where article `i` starts in the document view.
pub fn anchor_id(i: usize) -> String {
    format!("article-{i}")
}

#[derive(Properties, PartialEq)]
pub struct OutlineViewProps {
    pub articles: Vec<Article>,
}

/// Articles listed before a "show all" button. A bulletin page has a dozen or two; a long
/// paste can hold thousands, and a list that long is no outline (and is slow to draw).
pub const FIRST_ARTICLES: usize = 40;

#[function_component(OutlineView)]
pub fn outline_view(props: &OutlineViewProps) -> Html {
    let lang = use_lang();
    let show_all = use_state(|| false);
    let shown = if *show_all { props.articles.len() } else { FIRST_ARTICLES };
    let entries = props.articles.iter().take(shown).enumerate().map(|(i, article)| {
        let id = anchor_id(i);
        let onclick = {
            let id = id.clone();
            // A plain link works too; this keeps the address bar clean and moves focus.
            Callback::from(move |e: MouseEvent| {
                e.prevent_default();
                crate::browser::reader::jump_to(&id);
            })
        };
        let (headline, rest): (String, &[String]) = match (article.kind, article.headlines.split_first()) {
            (_, Some((first, rest))) => (first.clone(), rest),
            (ArticleKind::Photo, None) => {
                (format!("{}：{}", lang.t(Key::PhotoItem), article.caption.clone().unwrap_or_default()), &[])
            }
            (ArticleKind::Report, None) => (String::new(), &[]),
        };
        let people = |key: Key, names: &[String], testid: &'static str| {
            (!names.is_empty()).then(|| {
                html! {
                    <span class="credit" data-testid={testid}>
                        <span class="credit-role">{lang.t(key)}</span>{" "}<span lang="zh-CN">{names.join("、")}</span>
                    </span>
                }
            })
        };
        html! {
            <li class="outline-entry" data-testid="outline-entry">
                <a href={format!("#{id}")} class="outline-link" {onclick} lang="zh-CN">
                    <span class="outline-headline" data-testid="outline-headline">{headline}</span>
                    { for rest.iter().map(|sub| html! { <span class="outline-subtitle">{sub}</span> }) }
                </a>
                <p class="byline">
                    { for people(Key::Reporters, &article.reporters, "outline-reporters") }
                    { for people(Key::Correspondents, &article.correspondents, "outline-correspondents") }
                    { for people(Key::Photos, &article.photographers, "outline-photos") }
                    { for article.text_and_photos.then(|| html! { <span class="credit">{lang.t(Key::TextAndPhotos)}</span> }) }
                    { for article.date.as_ref().map(|d| html! {
                        <span class="credit" data-testid="outline-date">
                            <span class="credit-role">{lang.t(Key::DateMentioned)}</span>{" "}<span lang="zh-CN">{d}</span>
                        </span>
                    }) }
                </p>
            </li>
        }
    });
    html! {
        <nav class="outline panel" aria-labelledby="outline-heading" data-testid="outline">
            <h2 id="outline-heading">{lang.t(Key::Outline)}</h2>
            if props.articles.is_empty() {
                <p class="muted">{lang.t(Key::NoArticles)}</p>
            } else {
                <ol>{ for entries }</ol>
                if props.articles.len() > shown {
                    <button type="button" data-testid="outline-show-all" onclick={
                        let show_all = show_all.clone();
                        Callback::from(move |_| show_all.set(true))
                    }>{format!("{} ({})", lang.t(Key::ShowAllArticles), props.articles.len())}</button>
                }
            }
        </nav>
    }
}
