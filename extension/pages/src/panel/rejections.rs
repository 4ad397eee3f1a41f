//! The actions the store refused, each with the store's reason.

use socialcare_views::RejectionView;
use yew::prelude::*;

/// Properties of [`Rejections`].
#[derive(Properties, PartialEq, Clone)]
pub struct RejectionsProps {
    /// The refused actions, newest first.
    pub rejections: Vec<RejectionView>,
    /// Called with a rejection's mutation id when the agent dismisses it.
    pub on_dismiss: Callback<u64>,
}

/// A list of refused actions (what, about which item, the store's code and
/// reason, all as text), each with a **Dismiss** button. Nothing when none.
#[function_component(Rejections)]
pub fn rejections(props: &RejectionsProps) -> Html {
    if props.rejections.is_empty() {
        return Html::default();
    }
    let entries = props.rejections.iter().map(|rejection| {
        let on_dismiss = props.on_dismiss.clone();
        let id = rejection.mutation_id;
        let what = action_name(&rejection.action);
        html! {
            <li key={id.to_string()} class="rejection">
                <p class="rejection-what">
                    { format!("{what} was refused") }
                    if let Some(item) = rejection.item.as_ref() {
                        <span class="rejection-item">{ format!(" (item {item})") }</span>
                    }
                </p>
                <p class="rejection-reason">
                    <span class="rejection-message" dir="auto">{ rejection.message.clone() }</span>
                    { " " }
                    <code class="rejection-code">{ rejection.code.clone() }</code>
                </p>
                <button type="button" class="dismiss" onclick={move |_| on_dismiss.emit(id)}>
                    { "Dismiss" }
                    <span class="visually-hidden">{ format!(": {what}") }</span>
                </button>
            </li>
        }
    });
    html! {
        <section class="rejections" aria-labelledby="rejections-heading">
            <h2 id="rejections-heading">{ "Refused by the store" }</h2>
            <ul>{ for entries }</ul>
        </section>
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
