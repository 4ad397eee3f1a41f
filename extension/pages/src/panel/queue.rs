//! My queue: the agent's due reminders, open and pending tickets, new ones
//! nobody has, and breached SLAs, each one click from its native page.

use super::priority_select::priority_name;
use super::recent::excerpt;
use super::status_select::status_label;
use super::when::local_time_ms;
use crate::format::number;
use crate::i18n::{t, t_count, t_with};
use socialcare::model::ItemKey;
use socialcare_views::{QueueItemView, QueueView};
use yew::prelude::*;

/// Properties of [`QueueSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct QueueSectionProps {
    /// The queue.
    pub queue: QueueView,
    /// Called with an entry's item key when the agent opens it.
    pub on_open: Callback<ItemKey>,
}

/// Which detail an entry of a list shows after its excerpt.
#[derive(Clone, Copy)]
enum Detail {
    /// When the reminder fell due.
    Reminder,
    /// The status and priority.
    Status,
    /// When the first response was due.
    Overdue,
}

/// A "My queue" landmark with four lists — **Reminders due** (pending
/// tickets first), **My open and pending**, **Unassigned**, **SLA
/// breached** — each entry a button (the start of the customer's text, as
/// text, and one detail) that opens the ticket's native page. Empty lists
/// are left out; "Nothing waiting." when all are empty.
#[function_component(QueueSection)]
pub fn queue_section(props: &QueueSectionProps) -> Html {
    let queue = &props.queue;
    let lists = [
        (
            "panel_queue_reminders",
            "queue-reminders",
            &queue.reminders,
            Detail::Reminder,
        ),
        (
            "panel_queue_mine",
            "queue-mine",
            &queue.mine,
            Detail::Status,
        ),
        (
            "panel_queue_unassigned",
            "queue-unassigned",
            &queue.unassigned,
            Detail::Status,
        ),
        (
            "panel_queue_breached",
            "queue-breached",
            &queue.breached,
            Detail::Overdue,
        ),
    ];
    let empty = lists.iter().all(|(_, _, entries, _)| entries.is_empty());
    let lists = lists
        .into_iter()
        .filter(|(_, _, entries, _)| !entries.is_empty())
        .map(|(heading, id, entries, detail)| {
            let heading = t_with(heading, &[&number(entries.len() as f64)]);
            let entries = entries.iter().map(|entry| {
                let (on_open, key) = (props.on_open.clone(), entry.item.clone());
                html! {
                    <li key={entry.item.to_string()}>
                        <button type="button" class="queue-item" onclick={move |_| on_open.emit(key.clone())}>
                            <span class="queue-excerpt" dir="auto">
                                { entry.excerpt.as_deref().map_or_else(|| entry.item.to_string(), excerpt) }
                            </span>
                            <span class="queue-detail">{ detail_text(entry, detail) }</span>
                        </button>
                    </li>
                }
            });
            html! {
                <section class={classes!("queue-list", id)} aria-labelledby={id}>
                    <h3 {id}>{ heading }</h3>
                    <ul>{ for entries }</ul>
                </section>
            }
        });
    html! {
        <nav class="queue" aria-labelledby="queue-heading">
            <h2 id="queue-heading">{ t("panel_queue") }</h2>
            if empty {
                <p class="queue-empty">{ t("panel_queue_empty") }</p>
            }
            { for lists }
            if queue.more > 0 {
                <p class="queue-more">{ t_count("panel_queue_more", f64::from(queue.more), &[&number(f64::from(queue.more))]) }</p>
            }
        </nav>
    }
}

/// The detail an entry shows.
fn detail_text(entry: &QueueItemView, detail: Detail) -> String {
    match (detail, entry.remind_at, entry.first_response_due) {
        (Detail::Reminder, Some(at), _) => t_with(
            "panel_queue_reminder_detail",
            &[&status_label(entry.status), &local_time_ms(at)],
        ),
        (Detail::Overdue, _, Some(due)) => {
            t_with("panel_queue_overdue_detail", &[&local_time_ms(due)])
        }
        _ => t_with(
            &format!("panel_queue_priority_{}", priority_name(entry.priority)),
            &[&status_label(entry.status)],
        ),
    }
}
