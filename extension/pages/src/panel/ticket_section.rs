//! The focused item's ticket: create it, or its status, assignee and SLA.

use super::assignee::Assignee;
use super::sla_countdown::SlaCountdown;
use super::status_select::StatusSelect;
use super::when::local_time_ms;
use socialcare::model::ItemKey;
use socialcare_views::{FromPage, TicketView};
use yew::prelude::*;

/// Properties of [`TicketSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct TicketSectionProps {
    /// The focused item.
    pub item: ItemKey,
    /// Its ticket, if it has one.
    pub ticket: Option<TicketView>,
    /// Called with what the agent asks for.
    pub on_intent: Callback<FromPage>,
}

/// Without a ticket, a **Create ticket** button. With one: the **Status**
/// select, the assignee with **Claim**, when the customer posted, the SLA
/// countdown and a "Waiting to sync" marker while changes are unsynced.
#[function_component(TicketSection)]
pub fn ticket_section(props: &TicketSectionProps) -> Html {
    let Some(ticket) = props.ticket.as_ref() else {
        return html! {
            <section class="ticket ticket-none" aria-labelledby="ticket-heading">
                <h2 id="ticket-heading">{ "Ticket" }</h2>
                <p>{ "No ticket for this item yet." }</p>
                <button type="button" class="create-ticket" onclick={intent(props, |item| FromPage::CreateTicket { item })}>
                    { "Create ticket" }
                </button>
            </section>
        };
    };
    let on_status = {
        let (on_intent, item) = (props.on_intent.clone(), props.item.clone());
        Callback::from(move |status| {
            on_intent.emit(FromPage::SetStatus {
                item: item.clone(),
                status,
            })
        })
    };
    html! {
        <section class="ticket" aria-labelledby="ticket-heading">
            <h2 id="ticket-heading">
                { "Ticket" }
                if ticket.unsynced {
                    { " " }
                    <span class="unsynced">{ "Waiting to sync" }</span>
                }
            </h2>
            <StatusSelect status={ticket.status} on_change={on_status} />
            <Assignee
                assignee={ticket.assignee.clone()}
                mine={ticket.mine}
                on_claim={intent(props, |item| FromPage::Claim { item })}
            />
            if let Some(posted) = ticket.posted_at {
                <p class="posted">{ format!("Posted {}", local_time_ms(posted)) }</p>
            }
            <SlaCountdown
                posted_at={ticket.posted_at}
                due={ticket.first_response_due}
                responded_at={ticket.first_response_at}
            />
        </section>
    }
}

/// A callback posting the intent `make` builds for the section's item.
fn intent<E>(props: &TicketSectionProps, make: fn(ItemKey) -> FromPage) -> Callback<E> {
    let (on_intent, item) = (props.on_intent.clone(), props.item.clone());
    Callback::from(move |_| on_intent.emit(make(item.clone())))
}
