//! The focused item: who wrote it, what they wrote, how they feel, where it is.

use super::author::Author;
use super::care_signals::CareSignals;
use super::permalink::Permalink;
use super::sentiment_meter::SentimentMeter;
use super::when::local_time;
use crate::i18n::t_with;
use crate::names::is_language_code;
use socialcare::model::ItemKind;
use socialcare_views::focus::FocusedItem;
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ItemCard`].
#[derive(Properties, PartialEq, Clone)]
pub struct ItemCardProps {
    /// The focused item and its assessment.
    pub focus: Rc<FocusedItem>,
}

/// The focused item as a card: author and origin as the heading, the text
/// (as text, in its own language and direction), then sentiment, care
/// signals and the permalink.
#[function_component(ItemCard)]
pub fn item_card(props: &ItemCardProps) -> Html {
    let FocusedItem { item, assessment } = props.focus.as_ref();
    let origin = t_with(
        &format!("panel_origin_{}", kind_key(item.kind)),
        &[item.key.platform.name()],
    );
    let language = assessment.language.as_deref().map(AttrValue::from);
    let text_lang = language.clone().filter(|code| is_language_code(code));
    html! {
        <article class="item-card" aria-labelledby="item-heading">
            <header class="item-header">
                <h2 id="item-heading">
                    <Author
                        name={item.author_name.as_deref().map(AttrValue::from)}
                        handle={item.author_handle.as_deref().map(AttrValue::from)}
                    />
                </h2>
                <p class="item-meta">
                    <span class="item-origin">{ origin }</span>
                    if let Some(timestamp) = item.timestamp.as_deref() {
                        { " · " }
                        <time datetime={timestamp.to_owned()}>{ local_time(timestamp) }</time>
                    }
                </p>
                if let Some(reposter) = item.reposted_by.as_deref() {
                    <p class="item-repost">{ t_with("panel_reposted_by", &[reposter]) }</p>
                }
            </header>
            <blockquote class="item-text" dir="auto" lang={text_lang}>{ item.text.clone() }</blockquote>
            <SentimentMeter
                scores={assessment.sentiment}
                label={assessment.label}
                care_compound={assessment.care_compound}
                care_label={assessment.care_label}
            />
            <CareSignals
                urgency={assessment.urgency}
                level={assessment.urgency_level}
                reasons={assessment.reasons.clone()}
                anger={assessment.anger}
                intent={assessment.intent}
                {language}
            />
            <Permalink url={item.permalink.as_deref().map(AttrValue::from)} />
        </article>
    }
}

/// The item kind as its messages' keys end (`panel_origin_dm`).
pub fn kind_key(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Post => "post",
        ItemKind::Reply => "reply",
        ItemKind::Comment => "comment",
        ItemKind::Dm => "dm",
    }
}
