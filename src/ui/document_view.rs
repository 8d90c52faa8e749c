//! The analysed text with entity highlights.

use crate::core::entity::Entity;
use std::sync::Arc;
use yew::prelude::*;

/// A run of the text: plain, or one entity's span.
#[derive(Debug, PartialEq)]
pub enum Piece<'a> {
    Plain(&'a str),
    Entity(&'a Entity, &'a str),
}

/// Cuts `text` into plain runs and entity spans. Entities must be sorted by start;
/// one that overlaps an earlier one (nesting) is shown inside nothing and skipped here,
/// so the outermost span is what the reader sees. Out-of-range entities are skipped.
pub fn pieces<'a>(text: &'a str, entities: &'a [Entity]) -> Vec<Piece<'a>> {
    let byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let mut out = Vec::with_capacity(entities.len() * 2 + 1);
    let mut at = 0; // code points
    for entity in entities {
        if entity.start < at || entity.end >= byte_at.len() || entity.start >= entity.end {
            continue;
        }
        if entity.start > at {
            out.push(Piece::Plain(&text[byte_at[at]..byte_at[entity.start]]));
        }
        out.push(Piece::Entity(entity, &text[byte_at[entity.start]..byte_at[entity.end]]));
        at = entity.end;
    }
    if at + 1 < byte_at.len() {
        out.push(Piece::Plain(&text[byte_at[at]..]));
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct DocumentViewProps {
    pub text: Arc<str>,
    pub entities: Vec<Entity>,
    #[prop_or_default]
    pub selected: Option<u64>,
    pub on_select: Callback<Option<u64>>,
}

#[function_component(DocumentView)]
pub fn document_view(props: &DocumentViewProps) -> Html {
    let spans = pieces(&props.text, &props.entities).into_iter().map(|piece| match piece {
        Piece::Plain(text) => html! { {text} },
        Piece::Entity(entity, text) => {
            let id = entity.id;
            let onclick = props.on_select.reform(move |_| Some(id));
            let class = classes!(
                "entity",
                format!("label-{}", entity.label),
                format!("origin-{}", entity.origin.as_str()),
                (props.selected == Some(id)).then_some("selected")
            );
            let title = format!("{} · {}", entity.label, entity.origin.as_str());
            html! {
                <mark data-testid="entity" data-label={entity.label.clone()} data-start={entity.start.to_string()}
                    data-end={entity.end.to_string()} data-origin={entity.origin.as_str()} data-id={id.to_string()}
                    {class} {title} tabindex="0" {onclick}>{text}</mark>
            }
        }
    });
    html! {
        <div class="doc-text" lang="zh-CN" data-testid="document-text">{ for spans }</div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::Origin;

    fn entity(id: u64, start: usize, end: usize) -> Entity {
        Entity { id, start, end, label: "PER".into(), origin: Origin::Auto, confidence: None, note: None }
    }

    #[test]
    fn pieces_cover_the_text_and_use_code_points() {
        let text = "𠮷记者刘伟平👨🏻‍🚒摄";
        let entities = [entity(1, 3, 6), entity(2, 4, 5), entity(3, 10, 11), entity(4, 11, 12)];
        let got = pieces(text, &entities);
        let rendered: Vec<&str> = got
            .iter()
            .map(|p| match p {
                Piece::Plain(s) => *s,
                Piece::Entity(_, s) => *s,
            })
            .collect();
        assert_eq!(rendered, ["𠮷记者", "刘伟平", "👨🏻‍🚒", "摄"]);
        assert_eq!(rendered.concat(), text);
    }

    #[test]
    fn out_of_range_entities_are_skipped_not_panicking() {
        let entities = [entity(1, 1, 9), entity(2, 0, 1)];
        assert_eq!(pieces("ab", &entities), [Piece::Entity(&entities[1], "a"), Piece::Plain("b")]);
        assert_eq!(pieces("", &entities), []);
    }
}
