//! The actions that were refused, each with its reason: the store's
//! rejections (kept until dismissed) and this page's actions the worker
//! refused before they reached the store.

use crate::i18n::{t, t_with};
use crate::names::refusal_words;
use socialcare_views::{RefusedAction, RejectionView};
use yew::prelude::*;

/// Properties of [`Rejections`].
#[derive(Properties, PartialEq, Clone)]
pub struct RejectionsProps {
    /// The actions the store refused, newest first.
    pub rejections: Vec<RejectionView>,
    /// Called with a rejection's mutation id when the agent dismisses it.
    pub on_dismiss: Callback<u64>,
    /// This page's actions the worker refused, newest first.
    #[prop_or_default]
    pub refused: Vec<RefusedAction>,
    /// Called with a refused action's index in `refused` when the agent dismisses it.
    #[prop_or_default]
    pub on_dismiss_refused: Callback<usize>,
}

/// A list of refused actions (what, about which item, the code and the
/// reason, all as text), each with a **Dismiss** button: this page's first,
/// then the store's. Nothing when none. A reason that came as data
/// ([`RefusedAction::refusal`]) is worded in the agent's language
/// ([`refusal_words`], a teammate it names by name and initials); one that
/// came as words only (a rejection kept from before reasons were data) is
/// shown as written.
#[function_component(Rejections)]
pub fn rejections(props: &RejectionsProps) -> Html {
    if props.rejections.is_empty() && props.refused.is_empty() {
        return Html::default();
    }
    let oldest_local = props.refused.len();
    let local = props.refused.iter().enumerate().map(|(index, refusal)| {
        // Keyed from the oldest, so a new refusal does not re-key the others.
        let key = format!("refused-{}", oldest_local - index);
        entry(
            key,
            refusal,
            props.on_dismiss_refused.reform(move |_| index),
        )
    });
    let stored = props.rejections.iter().map(|rejection| {
        let id = rejection.mutation_id;
        entry(
            id.to_string(),
            &rejection.refusal,
            props.on_dismiss.reform(move |_| id),
        )
    });
    html! {
        <section class="rejections" aria-labelledby="rejections-heading">
            <h2 id="rejections-heading">{ t("common_rejections_heading") }</h2>
            <ul>{ for local.chain(stored) }</ul>
        </section>
    }
}

/// One refused action with its **Dismiss** button.
fn entry(key: String, refusal: &RefusedAction, on_dismiss: Callback<MouseEvent>) -> Html {
    let what = action_name(&refusal.action);
    let what_refused = match refusal.item.as_ref() {
        Some(item) => t_with("common_rejection_item", &[&what, &item.to_string()]),
        None => t_with("common_rejection", &[&what]),
    };
    html! {
        <li {key} class="rejection">
            <p class="rejection-what">
                { what_refused }
            </p>
            <p class="rejection-reason">
                { reason(refusal) }
                { " " }
                <code class="rejection-code">{ refusal.code.clone() }</code>
            </p>
            <button type="button" class="dismiss" aria-label={t_with("common_dismiss_action", &[&what])} onclick={on_dismiss}>
                { t("common_dismiss") }
            </button>
        </li>
    }
}

/// Why the action was refused: the refusal worded in the agent's language,
/// or the message as the store (or the worker) wrote it, in its own
/// direction.
fn reason(refusal: &RefusedAction) -> Html {
    match &refusal.refusal {
        Some(data) => html! {
            <span class="rejection-message">{ refusal_words(data, refusal.assignee.as_ref()) }</span>
        },
        None => html! {
            <span class="rejection-message" dir="auto">{ refusal.message.clone() }</span>
        },
    }
}

/// The store's actions that have a name in words, by wire name.
const NAMED_ACTIONS: [&str; 13] = [
    "ticket.create",
    "ticket.assign",
    "ticket.set_status",
    "ticket.reopen",
    "ticket.set_priority",
    "ticket.tag",
    "ticket.remind",
    "ticket.responded",
    "note.add",
    "note.edit",
    "customer.link",
    "customer.unlink",
    "customer.reject_link",
];

/// An action's wire name in words: `ticket.set_status` → `Status change`
/// (`common_action_ticket_set_status`); an action without a message reads
/// as its wire name made readable.
pub fn action_name(action: &str) -> String {
    if NAMED_ACTIONS.contains(&action) {
        t(&format!("common_action_{}", action.replace('.', "_")))
    } else {
        crate::humanize(&action.replace('.', " "))
    }
}
