//! The ticket's status, as a select the agent changes it with.

use super::select_field::{Choice, SelectField};
use crate::i18n::t;
use socialcare::model::TicketStatus;
use yew::prelude::*;

/// A status in words (`Pending`), in the agent's language.
pub fn status_label(status: TicketStatus) -> String {
    t(&format!("common_status_{}", status.as_str()))
}

/// Whether the panel offers moving a ticket from `from` to `to`: the plain
/// status changes, plus `resolved → open`, which is a reopen.
pub fn offered(from: TicketStatus, to: TicketStatus) -> bool {
    from.can_move_to(to) || (from == TicketStatus::Resolved && to == TicketStatus::Open)
}

/// Properties of [`StatusSelect`].
#[derive(Properties, PartialEq, Clone)]
pub struct StatusSelectProps {
    /// The ticket's status as the worker has it.
    pub status: TicketStatus,
    /// Called with the status the agent picked.
    pub on_change: Callback<TicketStatus>,
}

/// A `<select>` labelled **Status** with New, Open, Pending and Resolved;
/// the moves a ticket cannot make are disabled. It always shows the
/// worker's status: a pick the worker has not (yet) applied is undone on
/// the next render.
#[function_component(StatusSelect)]
pub fn status_select(props: &StatusSelectProps) -> Html {
    let current = props.status;
    let choices: Vec<Choice> = TicketStatus::ALL
        .into_iter()
        .map(|status| {
            Choice::new(status.as_str(), status_label(status))
                .disabled_if(!offered(current, status))
        })
        .collect();
    let on_change = {
        let on_change = props.on_change.clone();
        Callback::from(move |value: AttrValue| {
            if let Ok(status) = value.parse() {
                on_change.emit(status);
            }
        })
    };
    html! {
        <SelectField id="ticket-status" label={t("panel_status")} {choices} value={current.as_str()} {on_change} />
    }
}
