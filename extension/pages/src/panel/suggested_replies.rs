//! The team's approved templates suggested for the item, each ready to fill in.

use super::reply_card::ReplyCard;
use socialcare::model::ItemKey;
use socialcare_views::{FromPage, SuggestedReplyView};
use yew::prelude::*;

/// Properties of [`SuggestedReplies`].
#[derive(Properties, PartialEq, Clone)]
pub struct SuggestedRepliesProps {
    /// The item the replies answer.
    pub item: ItemKey,
    /// The suggested templates, best first.
    pub replies: Vec<SuggestedReplyView>,
    /// Called with what the agent asks for (Insert).
    pub on_intent: Callback<FromPage>,
}

/// One [`ReplyCard`] per suggested template; nothing when none fits.
#[function_component(SuggestedReplies)]
pub fn suggested_replies(props: &SuggestedRepliesProps) -> Html {
    if props.replies.is_empty() {
        return Html::default();
    }
    let cards = props.replies.iter().map(|reply| {
        let item = props.item.clone();
        let on_insert = props
            .on_intent
            .reform(move |(template_id, text)| FromPage::Insert {
                item: item.clone(),
                template_id,
                text,
            });
        html! { <li key={reply.template_id.clone()}><ReplyCard reply={reply.clone()} {on_insert} /></li> }
    });
    html! {
        <section class="replies" aria-labelledby="replies-heading">
            <h2 id="replies-heading">{ "Suggested replies" }</h2>
            <ol>{ for cards }</ol>
        </section>
    }
}
