//! The actions that were refused, each with its reason: the store's
//! rejections (kept until dismissed) and this page's actions the worker
//! refused before they reached the store.

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
/// then the store's. Nothing when none.
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
            <h2 id="rejections-heading">{ "Refused actions" }</h2>
            <ul>{ for local.chain(stored) }</ul>
        </section>
    }
}

/// One refused action with its **Dismiss** button.
fn entry(key: String, refusal: &RefusedAction, on_dismiss: Callback<MouseEvent>) -> Html {
    let what = action_name(&refusal.action);
    html! {
        <li {key} class="rejection">
            <p class="rejection-what">
                { format!("{what} was refused") }
                if let Some(item) = refusal.item.as_ref() {
                    <span class="rejection-item">{ format!(" (item {item})") }</span>
                }
            </p>
            <p class="rejection-reason">
                <span class="rejection-message" dir="auto">{ refusal.message.clone() }</span>
                { " " }
                <code class="rejection-code">{ refusal.code.clone() }</code>
            </p>
            <button type="button" class="dismiss" onclick={on_dismiss}>
                { "Dismiss" }
                <span class="visually-hidden">{ format!(": {what}") }</span>
            </button>
        </li>
    }
}

/// An action's wire name in words: `ticket.set_status` → `Status change`.
pub fn action_name(action: &str) -> String {
    match action {
        "ticket.create" => "Ticket creation".to_owned(),
        "ticket.assign" => "Assignment".to_owned(),
        "ticket.set_status" => "Status change".to_owned(),
        "ticket.reopen" => "Reopen".to_owned(),
        other => crate::humanize(&other.replace('.', " ")),
    }
}
