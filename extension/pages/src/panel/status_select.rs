//! The ticket's status, as a select the agent changes it with.

use crate::humanize;
use socialcare::model::TicketStatus;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The statuses, in their order of life.
pub const STATUSES: [TicketStatus; 4] = [
    TicketStatus::New,
    TicketStatus::Open,
    TicketStatus::Pending,
    TicketStatus::Resolved,
];

/// A status's wire name (`pending`).
pub fn status_name(status: TicketStatus) -> &'static str {
    match status {
        TicketStatus::New => "new",
        TicketStatus::Open => "open",
        TicketStatus::Pending => "pending",
        TicketStatus::Resolved => "resolved",
    }
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
    let select = use_node_ref();
    {
        // Runs after every render, so the select follows the view.
        let select = select.clone();
        let status = props.status;
        use_effect(move || {
            if let Some(select) = select.cast::<HtmlSelectElement>() {
                select.set_value(status_name(status));
            }
        });
    }
    let onchange = {
        let on_change = props.on_change.clone();
        let current = props.status;
        Callback::from(move |event: Event| {
            let Some(select) = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlSelectElement>().ok())
            else {
                return;
            };
            let picked = STATUSES
                .into_iter()
                .find(|status| status_name(*status) == select.value());
            if let Some(picked) = picked.filter(|picked| *picked != current) {
                on_change.emit(picked);
            }
        })
    };
    let options = STATUSES.into_iter().map(|status| {
        let name = status_name(status);
        html! {
            <option
                value={name}
                selected={status == props.status}
                disabled={!offered(props.status, status)}
            >
                { humanize(name) }
            </option>
        }
    });
    html! {
        <div class="status">
            <label for="ticket-status" class="field-label">{ "Status" }</label>
            { " " }
            <select id="ticket-status" ref={select} {onchange}>{ for options }</select>
        </div>
    }
}
