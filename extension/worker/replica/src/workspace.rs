//! What the side panel's ticket workspace needs from the replica beyond the
//! focused ticket: reminder times, the team's tags, the agent's queue (kept
//! in order as tickets change) and the reminders that have fallen due. Pure
//! functions and structures over records, so they are tested natively.

use socialcare::model::{Reminder, TeamSettings, Ticket, TicketStatus};
use socialcare_views::{QueueItemView, QueueView, ReminderChoice};
use std::cmp::Reverse;
use std::collections::{BTreeSet, HashMap};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;
/// The hour "tomorrow morning" means, in the team's time zone.
const MORNING_HOUR: i64 = 9;
/// The most tickets each queue list shows.
pub const QUEUE_PAGE: usize = 20;

/// The time a reminder choice means at `now` (Unix milliseconds), or none to clear.
/// "Tomorrow morning" is 9:00 on the next calendar day at the team's UTC
/// offset (its business hours'; UTC when it has none).
pub fn reminder_time(choice: ReminderChoice, now: i64, settings: &TeamSettings) -> Option<i64> {
    match choice {
        ReminderChoice::InOneHour => Some(now + HOUR_MS),
        ReminderChoice::TomorrowMorning => {
            let offset = settings
                .business_hours
                .as_ref()
                .map_or(0, |hours| i64::from(hours.utc_offset_minutes) * 60_000);
            let tomorrow = (now + offset).div_euclid(DAY_MS) + 1;
            Some(tomorrow * DAY_MS + MORNING_HOUR * HOUR_MS - offset)
        }
        ReminderChoice::At { at } => Some(at),
        ReminderChoice::Clear => None,
    }
}

/// Whether a ticket's reminder has fallen due at `now` (a resolved ticket's never does).
pub fn reminder_due(ticket: &Ticket, now: i64) -> bool {
    ticket.status != TicketStatus::Resolved
        && ticket
            .reminder
            .as_ref()
            .is_some_and(|reminder| reminder.at <= now)
}

/// The reminder `agent` set on a ticket, if any.
fn reminder_of<'t>(ticket: &'t Ticket, agent: &str) -> Option<&'t Reminder> {
    ticket
        .reminder
        .as_ref()
        .filter(|reminder| reminder.by == agent)
}

/// The tags in use on the team's tickets (sorted), without `except`'s.
pub fn team_tags<'t>(in_use: impl Iterator<Item = &'t str>, except: &Ticket) -> Vec<String> {
    in_use
        .filter(|tag| !except.tags.contains_key(*tag))
        .map(str::to_owned)
        .collect()
}

/// One ticket as a queue entry.
fn queue_item(ticket: &Ticket) -> QueueItemView {
    QueueItemView {
        item: ticket.item.clone(),
        status: ticket.status,
        priority: ticket.priority,
        excerpt: ticket.excerpt.clone(),
        remind_at: ticket.reminder.as_ref().map(|reminder| reminder.at),
        first_response_due: ticket
            .first_response_due
            .filter(|_| ticket.first_response_at.is_none()),
    }
}

/// The tickets the agent's queue draws from, kept in order as tickets
/// change, so a view reads the first page of each list instead of scanning
/// every ticket of the replica.
#[derive(Debug, Default)]
pub struct QueueIndex {
    /// Where each indexed ticket is, by item key (to move it when it changes).
    entries: HashMap<String, Entry>,
    /// New tickets nobody has, by post time, then item key.
    unassigned: BTreeSet<(i64, String)>,
    /// Unanswered tickets not resolved, by first-response due time, then item key.
    unanswered: BTreeSet<(i64, String)>,
    /// Tickets not resolved with an assignee or a reminder: the agent's own
    /// and their due reminders are among these.
    followed: BTreeSet<String>,
}

/// Where one ticket is in a [`QueueIndex`].
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    unassigned: Option<i64>,
    unanswered: Option<i64>,
    followed: bool,
}

impl Entry {
    /// Where `ticket` belongs.
    fn of(ticket: &Ticket) -> Entry {
        let resolved = ticket.status == TicketStatus::Resolved;
        Entry {
            unassigned: (ticket.status == TicketStatus::New && ticket.assignee.is_none())
                .then(|| posted(ticket)),
            unanswered: ticket
                .first_response_due
                .filter(|_| !resolved && ticket.first_response_at.is_none()),
            followed: !resolved && (ticket.assignee.is_some() || ticket.reminder.is_some()),
        }
    }
}

/// When a ticket's customer posted (its creation when unknown).
fn posted(ticket: &Ticket) -> i64 {
    ticket.posted_at.unwrap_or(ticket.created_at)
}

impl QueueIndex {
    /// The index of every ticket.
    pub fn build<'t>(tickets: impl Iterator<Item = &'t Ticket>) -> QueueIndex {
        let mut index = QueueIndex::default();
        for ticket in tickets {
            index.upsert(ticket);
        }
        index
    }

    /// Puts a new or changed ticket where it now belongs.
    pub fn upsert(&mut self, ticket: &Ticket) {
        let id = ticket.item.to_string();
        self.remove(&id);
        let entry = Entry::of(ticket);
        if let Some(at) = entry.unassigned {
            self.unassigned.insert((at, id.clone()));
        }
        if let Some(due) = entry.unanswered {
            self.unanswered.insert((due, id.clone()));
        }
        if entry.followed {
            self.followed.insert(id.clone());
        }
        self.entries.insert(id, entry);
    }

    /// Forgets a ticket (by its item key) that is gone.
    pub fn remove(&mut self, id: &str) {
        let Some((id, entry)) = self.entries.remove_entry(id) else {
            return;
        };
        if let Some(at) = entry.unassigned {
            self.unassigned.remove(&(at, id.clone()));
        }
        if let Some(due) = entry.unanswered {
            self.unanswered.remove(&(due, id.clone()));
        }
        self.followed.remove(&id);
    }

    /// The agent's queue at `now`, reading tickets by item key with
    /// `ticket`: their due reminders (pending tickets first), their open and
    /// pending tickets (highest priority, then oldest, first), new tickets
    /// nobody has (oldest first) and breached SLAs (longest overdue first),
    /// each at most [`QUEUE_PAGE`] long.
    pub fn queue<'t>(
        &self,
        ticket: impl Fn(&str) -> Option<&'t Ticket>,
        agent: &str,
        now: i64,
    ) -> QueueView {
        let (mut reminders, mut mine) = (vec![], vec![]);
        for followed in self.followed.iter().filter_map(|id| ticket(id)) {
            if reminder_due(followed, now) && reminder_of(followed, agent).is_some() {
                reminders.push(followed);
            }
            let active = matches!(followed.status, TicketStatus::Open | TicketStatus::Pending);
            if active && followed.assignee.as_deref() == Some(agent) {
                mine.push(followed);
            }
        }
        let overdue = self.unanswered.range(..(now, String::new()));
        let first = |ordered: &mut dyn Iterator<Item = &(i64, String)>| -> Vec<QueueItemView> {
            ordered
                .filter_map(|(_, id)| ticket(id))
                .take(QUEUE_PAGE)
                .map(queue_item)
                .collect()
        };
        let beyond_page = |count: usize| count.saturating_sub(QUEUE_PAGE) as u32;
        QueueView {
            more: beyond_page(reminders.len())
                + beyond_page(mine.len())
                + beyond_page(self.unassigned.len())
                + beyond_page(overdue.clone().count()),
            reminders: first_page(reminders, |ticket| {
                (
                    ticket.status != TicketStatus::Pending,
                    ticket.reminder.as_ref().map(|reminder| reminder.at),
                )
            }),
            mine: first_page(mine, |ticket| (Reverse(ticket.priority), posted(ticket))),
            unassigned: first(&mut self.unassigned.iter()),
            breached: first(&mut overdue.clone()),
        }
    }
}

/// The first [`QUEUE_PAGE`] tickets of a list by `key` (ties in the list's
/// order) as queue entries, without sorting the rest of the list.
fn first_page<K: Ord>(list: Vec<&Ticket>, key: impl Fn(&Ticket) -> K) -> Vec<QueueItemView> {
    let mut keyed: Vec<(K, usize)> = list
        .iter()
        .enumerate()
        .map(|(at, ticket)| (key(ticket), at))
        .collect();
    if keyed.len() > QUEUE_PAGE {
        keyed.select_nth_unstable(QUEUE_PAGE);
        keyed.truncate(QUEUE_PAGE);
    }
    keyed.sort_unstable();
    keyed
        .into_iter()
        .map(|(_, at)| queue_item(list[at]))
        .collect()
}

/// The reminders that fell due after `since` and by `now` (so each is
/// acted on once), and the next one to come.
#[derive(Debug, Clone, PartialEq)]
pub struct DueReminders<'t> {
    /// The agent's own, oldest first: each gets a notification.
    pub mine: Vec<&'t Ticket>,
    /// Everyone's (the agent's and teammates'): each item's badge repaints.
    pub fell_due: Vec<&'t Ticket>,
    /// When the next reminder of anyone's falls due, if one is set.
    pub next: Option<i64>,
}

/// The reminders that fell due between `since` and `now` on tickets not
/// resolved, `agent`'s own apart (see [`DueReminders`]).
pub fn reminders_between<'t>(
    tickets: impl Iterator<Item = &'t Ticket>,
    agent: &str,
    since: i64,
    now: i64,
) -> DueReminders<'t> {
    let mut fell_due = Vec::new();
    let mut next: Option<i64> = None;
    for ticket in tickets {
        if ticket.status == TicketStatus::Resolved {
            continue;
        }
        let Some(reminder) = &ticket.reminder else {
            continue;
        };
        if reminder.at > now {
            next = Some(next.map_or(reminder.at, |next| next.min(reminder.at)));
        } else if reminder.at > since {
            fell_due.push(ticket);
        }
    }
    fell_due.sort_by_key(|ticket| ticket.reminder.as_ref().map(|reminder| reminder.at));
    let mine = fell_due
        .iter()
        .copied()
        .filter(|ticket| reminder_of(ticket, agent).is_some())
        .collect();
    DueReminders {
        mine,
        fell_due,
        next,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use socialcare::model::{BusinessHours, ItemKey, Priority, TicketClocks};
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    /// 2026-11-30 20:00 UTC.
    const NOW: i64 = 1_796_068_800_000;

    fn ticket(id: &str, status: TicketStatus) -> Ticket {
        Ticket {
            item: ItemKey::new(socialcare::model::Platform::X, id),
            conversation: format!("x:{id}"),
            customer: None,
            status,
            assignee: None,
            priority: Priority::Normal,
            tags: Default::default(),
            created_at: NOW - HOUR_MS,
            posted_at: None,
            excerpt: Some(format!("text {id}")),
            sentiment: None,
            urgency: None,
            intent: None,
            language: None,
            permalink: None,
            reminder: None,
            first_response_due: Some(NOW + HOUR_MS),
            first_response_at: None,
            resolved_at: None,
            clocks: TicketClocks::default(),
        }
    }

    /// The queue over `tickets`, through an index of them.
    fn queue_of(tickets: &[Ticket], agent: &str, now: i64) -> QueueView {
        let index = QueueIndex::build(tickets.iter());
        index.queue(
            |id| tickets.iter().find(|ticket| ticket.item.to_string() == id),
            agent,
            now,
        )
    }

    fn reminded(mut ticket: Ticket, at: i64, by: &str) -> Ticket {
        ticket.reminder = Some(Reminder {
            at,
            by: by.to_owned(),
        });
        ticket
    }

    #[test]
    fn tomorrow_morning_is_nine_in_the_teams_time_zone() {
        let utc = TeamSettings::default();
        // 2026-12-01 09:00 UTC.
        let nine_utc = 1_796_115_600_000;
        assert_eq!(
            reminder_time(ReminderChoice::TomorrowMorning, NOW, &utc),
            Some(nine_utc)
        );
        let mut tokyo = TeamSettings::default();
        tokyo.business_hours = Some(BusinessHours {
            utc_offset_minutes: 9 * 60,
            days: vec![1, 2, 3, 4, 5],
            start_minute: 540,
            end_minute: 1_080,
        });
        // 20:00 UTC is already 05:00 on 1 December in Tokyo: tomorrow is 2 December, 09:00 JST = 00:00 UTC.
        assert_eq!(
            reminder_time(ReminderChoice::TomorrowMorning, NOW, &tokyo),
            Some(nine_utc + 15 * HOUR_MS)
        );
        assert_eq!(
            reminder_time(ReminderChoice::InOneHour, NOW, &utc),
            Some(NOW + HOUR_MS)
        );
        assert_eq!(reminder_time(ReminderChoice::Clear, NOW, &utc), None);
    }

    #[test]
    fn the_queue_lists_due_reminders_pending_first_then_mine_unassigned_and_breached() {
        let mut open_mine = reminded(ticket("1", TicketStatus::Open), NOW - 10, "kim");
        open_mine.assignee = Some("kim".to_owned());
        let mut pending_mine = reminded(ticket("2", TicketStatus::Pending), NOW - 5, "kim");
        pending_mine.assignee = Some("kim".to_owned());
        let theirs = reminded(ticket("3", TicketStatus::Pending), NOW - 5, "ana");
        let later = reminded(ticket("4", TicketStatus::Pending), NOW + 5, "kim");
        let resolved = reminded(ticket("5", TicketStatus::Resolved), NOW - 5, "kim");
        let mut late = ticket("6", TicketStatus::New);
        late.first_response_due = Some(NOW - 1);
        let tickets = [open_mine, pending_mine, theirs, later, resolved, late];
        let queue = queue_of(&tickets, "kim", NOW);
        let keys = |list: &[QueueItemView]| -> Vec<String> {
            list.iter().map(|entry| entry.item.to_string()).collect()
        };
        assert_eq!(keys(&queue.reminders), ["x:2", "x:1"]);
        assert_eq!(keys(&queue.mine), ["x:1", "x:2"]);
        assert_eq!(keys(&queue.unassigned), ["x:6"]);
        assert_eq!(keys(&queue.breached), ["x:6"]);
        assert_eq!(queue.more, 0);

        let due = reminders_between(tickets.iter(), "kim", NOW - 7, NOW);
        let items =
            |list: &[&Ticket]| -> Vec<String> { list.iter().map(|t| t.item.to_string()).collect() };
        assert_eq!(items(&due.mine), ["x:2"], "each reminder is notified once");
        assert_eq!(
            items(&due.fell_due),
            ["x:2", "x:3"],
            "a teammate's reminder repaints the badge too"
        );
        assert_eq!(due.next, Some(NOW + 5));
        let teammate_next = reminders_between(tickets.iter(), "ana", NOW, NOW);
        assert!(teammate_next.mine.is_empty());
        assert_eq!(teammate_next.next, Some(NOW + 5), "anyone's next reminder");
    }

    #[test]
    fn a_long_list_shows_its_first_page_in_order_and_counts_the_rest() {
        let tickets: Vec<Ticket> = (0..45)
            .map(|n| {
                let mut new = ticket(&n.to_string(), TicketStatus::New);
                new.posted_at = Some(NOW - (n * 7 % 45) * 1_000);
                new.first_response_due = None;
                new
            })
            .collect();
        let queue = queue_of(&tickets, "kim", NOW);
        let posted: Vec<i64> = queue
            .unassigned
            .iter()
            .map(|entry| {
                tickets[entry.item.id.parse::<usize>().unwrap()]
                    .posted_at
                    .unwrap()
            })
            .collect();
        let oldest: Vec<i64> = (0..QUEUE_PAGE as i64)
            .map(|n| NOW - (44 - n) * 1_000)
            .collect();
        assert_eq!(posted, oldest, "the oldest twenty, oldest first");
        assert_eq!(queue.more, 25);
    }

    #[test]
    fn the_queue_index_follows_each_change_of_a_ticket() {
        let mut late = ticket("1", TicketStatus::New);
        late.first_response_due = Some(NOW - 1);
        let mut tickets = vec![late, ticket("2", TicketStatus::New)];
        let mut index = QueueIndex::build(tickets.iter());
        let lists = |index: &QueueIndex, tickets: &[Ticket]| {
            let queue = index.queue(
                |id| tickets.iter().find(|ticket| ticket.item.to_string() == id),
                "kim",
                NOW,
            );
            [queue.mine, queue.unassigned, queue.breached].map(|list| {
                list.iter()
                    .map(|entry| entry.item.id.as_str())
                    .collect::<Vec<_>>()
                    .join(",")
            })
        };
        assert_eq!(lists(&index, &tickets), ["", "1,2", "1"]);

        tickets[0].status = TicketStatus::Open;
        tickets[0].assignee = Some("kim".to_owned());
        index.upsert(&tickets[0]);
        assert_eq!(lists(&index, &tickets), ["1", "2", "1"]);

        tickets[0].first_response_at = Some(NOW - 1);
        index.upsert(&tickets[0]);
        assert_eq!(lists(&index, &tickets), ["1", "2", ""]);

        tickets[0].status = TicketStatus::Resolved;
        index.upsert(&tickets[0]);
        index.remove("x:2");
        tickets.truncate(1);
        assert_eq!(lists(&index, &tickets), ["", "", ""]);
    }

    #[test]
    fn team_tags_are_the_tags_in_use_but_the_tickets_own() {
        let mut b = ticket("2", TicketStatus::Open);
        b.tags.insert("vip".to_owned(), 2);
        b.tags.insert("delivery".to_owned(), 2);
        let in_use = ["delivery", "refund", "vip"];
        assert_eq!(team_tags(in_use.into_iter(), &b), ["refund"]);
    }
}
