//! The team's approved templates suggested for the item, each ready to fill in.

use super::reply_card::ReplyCard;
use super::template_renderer::TemplateRenderer;
use crate::i18n::{t, t_with};
use socialcare::model::ItemKey;
use socialcare_views::{FromPage, SuggestedReplyView};
use yew::platform::spawn_local;
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

/// One [`ReplyCard`] per suggested template; nothing when none fits. The
/// template engine that renders their previews is loaded once there are
/// some ([`TemplateRenderer::load`]); if it cannot be, an alert says why.
#[function_component(SuggestedReplies)]
pub fn suggested_replies(props: &SuggestedRepliesProps) -> Html {
    let engine = use_state(|| None::<Result<TemplateRenderer, String>>);
    {
        let engine = engine.clone();
        let wanted = !props.replies.is_empty();
        use_effect_with(wanted, move |wanted| {
            if *wanted && engine.is_none() {
                spawn_local(async move { engine.set(Some(TemplateRenderer::load().await)) });
            }
        });
    }
    if props.replies.is_empty() {
        return Html::default();
    }
    let (renderer, failure) = match &*engine {
        None => (None, Html::default()),
        Some(Ok(renderer)) => (Some(renderer.clone()), Html::default()),
        Some(Err(why)) => (
            None,
            html! { <p class="replies-error" role="alert">{ t_with("panel_replies_unavailable", &[why]) }</p> },
        ),
    };
    let cards = props.replies.iter().map(|reply| {
        let item = props.item.clone();
        let on_insert = props
            .on_intent
            .reform(move |(template_id, text)| FromPage::Insert {
                item: item.clone(),
                template_id,
                text,
            });
        html! {
            <li key={reply.template_id.clone()}>
                <ReplyCard reply={reply.clone()} renderer={renderer.clone()} {on_insert} />
            </li>
        }
    });
    html! {
        <section class="replies" aria-labelledby="replies-heading">
            <h2 id="replies-heading">{ t("panel_replies") }</h2>
            { failure }
            <ol>{ for cards }</ol>
        </section>
    }
}
