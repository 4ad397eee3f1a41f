//! The focused item's ticket: create it, or its status, assignee and SLA.

use super::assign_select::AssignSelect;
use super::assignee::Assignee;
use super::note_list::NoteList;
use super::priority_select::PrioritySelect;
use super::reminder_control::ReminderControl;
use super::sla_countdown::SlaCountdown;
use super::status_select::StatusSelect;
use super::tag_editor::TagEditor;
use super::when::local_time_ms;
use crate::i18n::{t, t_with};
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
/// select, the assignee with **Claim** (and **Assign to** for leads),
/// **Priority**, the tags, the follow-up reminder with **Set reminder**,
/// when the customer posted, the SLA countdown, the notes with **Add
/// note**, and a "Waiting to sync" marker while changes are unsynced.
#[function_component(TicketSection)]
pub fn ticket_section(props: &TicketSectionProps) -> Html {
    let Some(ticket) = props.ticket.as_ref() else {
        return html! {
            <section class="ticket ticket-none" aria-labelledby="ticket-heading">
                <h2 id="ticket-heading">{ t("panel_ticket_heading") }</h2>
                <p>{ t("panel_ticket_none") }</p>
                <button type="button" class="create-ticket" onclick={intent(props, |item| FromPage::CreateTicket { item })}>
                    { t("common_create_ticket") }
                </button>
            </section>
        };
    };
    let item = &props.item;
    let on_status = props.on_intent.reform({
        let item = item.clone();
        move |status| FromPage::SetStatus {
            item: item.clone(),
            status,
        }
    });
    let on_priority = props.on_intent.reform({
        let item = item.clone();
        move |priority| FromPage::SetPriority {
            item: item.clone(),
            priority,
        }
    });
    let on_assign = props.on_intent.reform({
        let item = item.clone();
        move |assignee| FromPage::Assign {
            item: item.clone(),
            assignee,
        }
    });
    let on_add_tag = props.on_intent.reform({
        let item = item.clone();
        move |tag| FromPage::AddTag {
            item: item.clone(),
            tag,
        }
    });
    let on_remove_tag = props.on_intent.reform({
        let item = item.clone();
        move |tag| FromPage::RemoveTag {
            item: item.clone(),
            tag,
        }
    });
    let on_reminder = props.on_intent.reform({
        let item = item.clone();
        move |when| FromPage::SetReminder {
            item: item.clone(),
            when,
        }
    });
    let on_add_note = props.on_intent.reform({
        let item = item.clone();
        move |body| FromPage::AddNote {
            item: item.clone(),
            body,
        }
    });
    let on_edit_note = props
        .on_intent
        .reform(|(note, body)| FromPage::EditNote { note, body });
    html! {
        <section class="ticket" aria-labelledby="ticket-heading">
            <h2 id="ticket-heading">
                { t("panel_ticket_heading") }
                if ticket.unsynced {
                    { " " }
                    <span class="unsynced">{ t("panel_waiting_to_sync") }</span>
                }
            </h2>
            <StatusSelect status={ticket.status} on_change={on_status} />
            <Assignee
                assignee={ticket.assignee.clone()}
                mine={ticket.mine}
                on_claim={intent(props, |item| FromPage::Claim { item })}
            />
            <AssignSelect assignee={ticket.assignee.clone()} teammates={ticket.assignable.clone()} {on_assign} />
            <PrioritySelect priority={ticket.priority} on_change={on_priority} />
            <TagEditor
                tags={ticket.tags.clone()}
                suggestions={ticket.tag_suggestions.clone()}
                on_add={on_add_tag}
                on_remove={on_remove_tag}
            />
            <ReminderControl reminder={ticket.reminder.clone()} on_set={on_reminder} />
            if let Some(posted) = ticket.posted_at {
                <p class="posted">{ t_with("panel_posted", &[&local_time_ms(posted)]) }</p>
            }
            <SlaCountdown
                posted_at={ticket.posted_at}
                due={ticket.first_response_due}
                responded_at={ticket.first_response_at}
            />
            <NoteList notes={ticket.notes.clone()} on_add={on_add_note} on_edit={on_edit_note} />
        </section>
    }
}

/// A callback posting the intent `make` builds for the section's item.
fn intent<E>(props: &TicketSectionProps, make: fn(ItemKey) -> FromPage) -> Callback<E> {
    let (on_intent, item) = (props.on_intent.clone(), props.item.clone());
    Callback::from(move |_| on_intent.emit(make(item.clone())))
}
