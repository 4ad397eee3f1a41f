//! One suggested reply: its fill-in prompts, a live preview rendered for the
//! item's platform with its length as the platform counts it, Copy and Insert.

use super::template_renderer::TemplateRenderer;
use crate::format::{list, number};
use crate::i18n::{t, t_with};
use crate::names::intent_name;
use crate::names::language_label;
use socialcare::templates::Why;
use socialcare::tone::ReplyContext;
use socialcare_views::{ReplyContextView, SuggestedReplyView};
use std::collections::BTreeMap;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use yew::prelude::*;

/// Properties of [`ReplyCard`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReplyCardProps {
    /// The suggested template.
    pub reply: SuggestedReplyView,
    /// The template engine, once the page has loaded it (until then the
    /// card says the preview is being prepared).
    pub renderer: Option<TemplateRenderer>,
    /// Called with `(template id, rendered text)` when the agent inserts it.
    pub on_insert: Callback<(String, String)>,
}

/// The conversation a reply is rendered with: the worker's context and the
/// agent's answers.
pub fn reply_context(view: &ReplyContextView, answers: &BTreeMap<String, String>) -> ReplyContext {
    let mut context = ReplyContext::default();
    context.customer.name = view.customer_name.clone();
    context.customer.handle = view.customer_handle.clone();
    context.agent.name = view.agent_name.clone();
    context.agent.initials = view.agent_initials.clone();
    context.ticket.id = view.ticket_id.clone();
    context.prompts = answers
        .iter()
        .filter(|(_, answer)| !answer.trim().is_empty())
        .map(|(id, answer)| (id.clone(), answer.clone()))
        .collect();
    context
}

/// What the clipboard said.
#[derive(Clone, PartialEq)]
enum Copied {
    Not,
    Done,
    Failed(String),
}

/// The template's name and why it is suggested, a text box per prompt, the
/// preview (as text, `dir="auto"`) with `N / LIMIT characters on PLATFORM`
/// (over the limit in words and colour), then **Copy NAME** (the clipboard)
/// and **Insert NAME** (into the composer on the item's tab). Both wait
/// until the engine is loaded, every prompt is answered and the reply fits.
#[function_component(ReplyCard)]
pub fn reply_card(props: &ReplyCardProps) -> Html {
    let reply = &props.reply;
    let answers = use_state(BTreeMap::<String, String>::new);
    let copied = use_state(|| Copied::Not);
    let rendered = props.renderer.as_ref().map(|renderer| {
        renderer.render(
            &reply.body,
            reply.platform,
            &reply_context(&reply.context, &answers),
        )
    });
    let answered = reply.prompts.iter().all(|prompt| {
        answers
            .get(&prompt.id)
            .is_some_and(|answer| !answer.trim().is_empty())
    });
    let prompts = reply.prompts.iter().map(|prompt| {
        let id = format!("prompt-{}-{}", reply.template_id, prompt.id);
        let (answers, prompt_id) = (answers.clone(), prompt.id.clone());
        let oninput = Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let mut next = (*answers).clone();
            next.insert(prompt_id.clone(), input.value());
            answers.set(next);
        });
        html! {
            <p class="reply-prompt" key={prompt.id.clone()}>
                <label for={id.clone()}>{ prompt.label.clone() }</label>
                <input id={id} type="text" {oninput} />
            </p>
        }
    });
    let (shown, ready) = match &rendered {
        None => (
            html! { <p class="reply-pending" role="status">{ t("panel_reply_preparing") }</p> },
            false,
        ),
        Some(Ok(done)) => {
            let fits = done.length <= done.limit;
            let count = t_with(
                if fits {
                    "panel_reply_length"
                } else {
                    "panel_reply_too_long"
                },
                &[
                    &number(done.length as f64),
                    &number(done.limit as f64),
                    reply.platform.name(),
                ],
            );
            let html = html! {
                <>
                    <p class="reply-preview" dir="auto">{ done.text.clone() }</p>
                    <p class={classes!("reply-length", (!fits).then_some("reply-too-long"))}>{ count }</p>
                </>
            };
            (html, fits && answered)
        }
        Some(Err(error)) => (
            html! { <p class="reply-error" role="alert">{ error.clone() }</p> },
            false,
        ),
    };
    let text = rendered
        .and_then(Result::ok)
        .map(|done| done.text)
        .unwrap_or_default();
    let on_copy = {
        let (text, copied) = (text.clone(), copied.clone());
        Callback::from(move |_| {
            let (text, copied) = (text.clone(), copied.clone());
            spawn_local(async move {
                let clipboard = gloo::utils::window().navigator().clipboard();
                copied.set(match JsFuture::from(clipboard.write_text(&text)).await {
                    Ok(_) => Copied::Done,
                    Err(error) => Copied::Failed(
                        error
                            .as_string()
                            .unwrap_or_else(|| t("panel_clipboard_refused")),
                    ),
                });
            });
        })
    };
    let on_insert = {
        let (on_insert, id, text) = (props.on_insert.clone(), reply.template_id.clone(), text);
        Callback::from(move |_| on_insert.emit((id.clone(), text.clone())))
    };
    let status = match &*copied {
        Copied::Not => Html::default(),
        Copied::Done => {
            html! { <p class="reply-copied" role="status">{ t("panel_reply_copied") }</p> }
        }
        Copied::Failed(why) => {
            html! { <p class="reply-copy-failed" role="alert">{ t_with("panel_reply_copy_failed", &[why]) }</p> }
        }
    };
    html! {
        <article class="reply">
            <h3 class="reply-name" dir="auto">{ reply.name.clone() }</h3>
            if !reply.why.is_empty() {
                <p class="reply-why">{ why_words(&reply.why) }</p>
            }
            { for prompts }
            { shown }
            <button type="button" class="reply-copy" disabled={!ready} onclick={on_copy}>
                { t_with("panel_reply_copy", &[&reply.name]) }
            </button>
            <button type="button" class="reply-insert" disabled={!ready} onclick={on_insert}>
                { t_with("common_insert_named", &[&reply.name]) }
            </button>
            { status }
        </article>
    }
}

/// Why a reply is suggested, in the agent's language: its reasons as a list.
fn why_words(why: &[Why]) -> String {
    let reasons: Vec<String> = why
        .iter()
        .map(|reason| match reason {
            Why::WordsInCommon { words } => t_with("panel_why_words", &[&list(words)]),
            Why::AnswersIntent { intent } => t_with("panel_why_intent", &[&intent_name(*intent)]),
            Why::SameLanguage { language } => {
                t_with("panel_why_language", &[&language_label(language)])
            }
        })
        .collect();
    reasons.join(&t("panel_reply_why_separator"))
}
