//! Team reports: the lead's figures over a period, computed from the team's ticket
//! records and its audit log (the definitions are in docs/store.md, "Team reports";
//! the report's types are the core's `socialcare::report`, which the console reads).
//!
//! Durations are medians and 90th percentiles (nearest rank) with their count; "business"
//! durations count only the team's business hours, by the same calendar as the SLA.

use crate::error::StoreError;
use crate::storage::{ReportEventRow, ReportTicketRow, Tx};
use axum::http::StatusCode;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::de::{DeserializeOwned, IntoDeserializer};
use serde::Deserialize;
use socialcare::model::{BusinessHours, ItemKey, Member, Platform, TeamSettings, TicketStatus};
use socialcare::report::{
    AgentFigures, Backlog, Count, Day, Durations, Figures, FirstResponse, PlatformFigures, Report,
    Resolution, ResponseRate, Sentiment, Share, Sla, TemplateUse, Tone,
};
use socialcare::sentiment::Label;
use socialcare::sync::{EntityKind, SETTINGS_ID};
use std::collections::{BTreeMap, HashMap};

const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;
const MINUTE_MS: i64 = 60_000;
/// The longest period a report covers, in days.
pub const MAX_PERIOD_DAYS: i32 = 366;

/// The reporting period: whole days `from..=to` in a time zone.
#[derive(Debug, Clone)]
pub struct Period {
    /// First day.
    pub from: Date,
    /// Last day (included).
    pub to: Date,
    /// The time zone's IANA name.
    pub tz_name: String,
    /// Each day's start and end (Unix milliseconds, end excluded), in order.
    days: Vec<(Date, i64, i64)>,
}

impl Period {
    /// Reads the period from the `from`, `to` (YYYY-MM-DD, `to` included) and `tz`
    /// (an IANA name, UTC when absent) parameters; refuses bad ones with a stable code.
    pub fn parse(
        from: Option<&str>,
        to: Option<&str>,
        tz: Option<&str>,
    ) -> Result<Period, StoreError> {
        let date = |name: &str, value: Option<&str>| -> Result<Date, StoreError> {
            let value = value.ok_or_else(|| {
                bad_request(
                    "missing_parameter",
                    format!("{name} is required (YYYY-MM-DD)"),
                )
            })?;
            value.parse::<Date>().map_err(|_| {
                bad_request(
                    "invalid_date",
                    format!("{name}={value:?} is not a date like 2026-11-01"),
                )
            })
        };
        let (from, to) = (date("from", from)?, date("to", to)?);
        let tz_name = tz.unwrap_or("UTC").to_owned();
        let zone = TimeZone::get(&tz_name).map_err(|_| {
            bad_request(
                "invalid_time_zone",
                format!("tz={tz_name:?} is not an IANA time zone such as Europe/Paris"),
            )
        })?;
        let span_days = (to - from).get_days() + 1;
        if to < from || span_days > MAX_PERIOD_DAYS {
            return Err(bad_request(
                "invalid_period",
                format!("the period must run forward, from ≤ to, and cover at most {MAX_PERIOD_DAYS} days"),
            ));
        }
        let start_of = |day: Date| -> Result<i64, StoreError> {
            day.to_zoned_datetime(zone.clone())
                .map(|zoned| zoned.timestamp().as_millisecond())
                .map_err(|error| bad_request("invalid_period", error.to_string()))
        };
        let mut days = Vec::with_capacity(span_days as usize);
        let mut day = from;
        while day <= to {
            let next = day
                .tomorrow()
                .map_err(|error| bad_request("invalid_period", error.to_string()))?;
            days.push((day, start_of(day)?, start_of(next)?));
            day = next;
        }
        Ok(Period {
            from,
            to,
            tz_name,
            days,
        })
    }

    /// The period's start (Unix milliseconds).
    pub fn start_ms(&self) -> i64 {
        self.days[0].1
    }

    /// The period's end (Unix milliseconds, excluded).
    pub fn end_ms(&self) -> i64 {
        self.days[self.days.len() - 1].2
    }

    fn contains(&self, at: i64) -> bool {
        (self.start_ms()..self.end_ms()).contains(&at)
    }
}

fn bad_request(code: &'static str, message: impl Into<String>) -> StoreError {
    StoreError::refused(StatusCode::BAD_REQUEST, code, message)
}

/// What a report reads: the settings, members and tickets, and the audit log's ticket events.
#[derive(Debug)]
pub struct TeamData {
    settings: TeamSettings,
    members: BTreeMap<String, Member>,
    tickets: Vec<Ticket>,
    events: Vec<Event>,
}

/// The fields of a ticket record a report reads (the store keeps them in their own table).
#[derive(Debug)]
struct Ticket {
    /// The item key, as stored.
    item: String,
    platform: Platform,
    status: TicketStatus,
    assignee: Option<String>,
    created_at: i64,
    posted_at: Option<i64>,
    sentiment: Option<Label>,
    first_response_due: Option<i64>,
    first_response_at: Option<i64>,
    resolved_at: Option<i64>,
}

impl TryFrom<ReportTicketRow> for Ticket {
    type Error = StoreError;

    fn try_from(row: ReportTicketRow) -> Result<Ticket, StoreError> {
        let item_key: ItemKey = row
            .item
            .parse()
            .map_err(|error| StoreError::Storage(format!("stored ticket: {error}")))?;
        Ok(Ticket {
            platform: item_key.platform,
            item: row.item,
            status: wire_name(&row.status)?,
            assignee: row.assignee,
            created_at: row.created_at,
            posted_at: row.posted_at,
            sentiment: row.sentiment.as_deref().map(wire_name).transpose()?,
            first_response_due: row.first_response_due,
            first_response_at: row.first_response_at,
            resolved_at: row.resolved_at,
        })
    }
}

/// Reads a stored wire name (`resolved`, `negative`, …) into its enum.
fn wire_name<T: DeserializeOwned>(name: &str) -> Result<T, StoreError> {
    <T as Deserialize>::deserialize(name.into_deserializer()).map_err(
        |error: serde::de::value::Error| StoreError::Storage(format!("stored ticket: {error}")),
    )
}

/// An applied mutation a report counts, at its action time.
#[derive(Debug)]
struct Event {
    item: String,
    agent: String,
    at: i64,
    kind: EventKind,
}

#[derive(Debug, PartialEq)]
enum EventKind {
    Responded { template: Option<String> },
    Resolved,
    Reopened,
    ToneOverride { rule: String },
}

impl Event {
    /// The event an applied log entry stands for, if a report counts it.
    fn of(row: ReportEventRow) -> Option<Event> {
        let kind = match row.name.as_str() {
            "ticket.responded" => EventKind::Responded {
                template: row.template_id,
            },
            "ticket.set_status" if row.status.as_deref() == Some("resolved") => EventKind::Resolved,
            "ticket.reopen" => EventKind::Reopened,
            "tone.override" => EventKind::ToneOverride { rule: row.rule? },
            _ => return None,
        };
        Some(Event {
            item: row.item?,
            agent: row.agent_id,
            at: row.at,
            kind,
        })
    }
}

/// Reads what a report needs, in one snapshot: the team's tickets, members and
/// settings, and the applied log entries of the counted mutations (the storage's
/// report tables hold exactly those: `ticket.responded`, `ticket.set_status`,
/// `ticket.reopen`, `tone.override`).
pub fn load(tx: &mut dyn Tx, team_id: i64) -> Result<TeamData, StoreError> {
    let tickets = tx
        .report_tickets(team_id)?
        .into_iter()
        .map(Ticket::try_from)
        .collect::<Result<_, _>>()?;
    let mut members = BTreeMap::new();
    for row in tx.entities_of(team_id, EntityKind::Member)? {
        let member: Member = serde_json::from_str(&row.body)?;
        members.insert(member.agent_id.clone(), member);
    }
    let settings = match tx.entity(team_id, EntityKind::Settings, SETTINGS_ID)? {
        Some((body, _)) => serde_json::from_str(&body)?,
        None => TeamSettings::default(),
    };
    let events = tx
        .report_events(team_id)?
        .into_iter()
        .filter_map(Event::of)
        .collect();
    Ok(TeamData {
        settings,
        members,
        tickets,
        events,
    })
}

/// A ticket with what the log adds: who answered first, and its resolves and reopens.
struct Facts<'a> {
    ticket: &'a Ticket,
    posted: i64,
    first_responder: Option<&'a str>,
    first_resolve: Option<i64>,
    /// Resolves (true) and reopens (false) with their agent, in log order.
    transitions: Vec<(i64, bool, &'a str)>,
}

impl Facts<'_> {
    /// Whether the log so far left the ticket resolved.
    fn is_resolved(&self) -> bool {
        self.transitions
            .last()
            .is_some_and(|(_, resolve, _)| *resolve)
    }

    fn first_response_ms(&self) -> Option<i64> {
        self.ticket.first_response_at.map(|at| at - self.posted)
    }
}

/// Computes the report of `data` for `period`, as of `now` (Unix milliseconds).
pub fn compute(team: &str, data: &TeamData, period: &Period, now: i64) -> Report {
    let mut facts: Vec<Facts> = data
        .tickets
        .iter()
        .map(|ticket| Facts {
            ticket,
            posted: ticket.posted_at.unwrap_or(ticket.created_at),
            first_responder: None,
            first_resolve: None,
            transitions: Vec::new(),
        })
        .collect();
    let index: HashMap<&str, usize> = data
        .tickets
        .iter()
        .enumerate()
        .map(|(at, ticket)| (ticket.item.as_str(), at))
        .collect();
    for event in &data.events {
        let Some(fact) = index.get(event.item.as_str()).map(|&at| &mut facts[at]) else {
            continue;
        };
        match &event.kind {
            EventKind::Responded { .. } => {
                fact.first_responder.get_or_insert(event.agent.as_str());
            }
            // A resolve of a resolved ticket is applied but changes nothing: not a resolution.
            EventKind::Resolved if !fact.is_resolved() => {
                fact.first_resolve.get_or_insert(event.at);
                fact.transitions.push((event.at, true, &event.agent));
            }
            EventKind::Reopened => fact.transitions.push((event.at, false, &event.agent)),
            EventKind::Resolved => {}
            EventKind::ToneOverride { .. } => {}
        }
    }
    let hours = data.settings.business_hours.as_ref();
    let all: Vec<&Facts> = facts.iter().collect();
    let figures_of = |subset: &[&Facts]| figures(subset, period, now, hours);

    let platforms: BTreeMap<Platform, Vec<&Facts>> =
        all.iter().fold(BTreeMap::new(), |mut map, fact| {
            map.entry(fact.ticket.platform)
                .or_insert_with(Vec::new)
                .push(*fact);
            map
        });
    let by_platform = platforms
        .iter()
        .map(|(platform, subset)| PlatformFigures {
            platform: *platform,
            figures: figures_of(subset),
        })
        .collect();

    let in_period = |event: &&Event| period.contains(event.at);
    let mut agents: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for event in data.events.iter().filter(in_period) {
        if matches!(event.kind, EventKind::Responded { .. }) {
            agents.entry(event.agent.as_str()).or_default()[0] += 1;
        }
    }
    for (at, resolve, agent) in all.iter().flat_map(|fact| fact.transitions.iter()) {
        if period.contains(*at) {
            agents.entry(agent).or_default()[if *resolve { 1 } else { 2 }] += 1;
        }
    }
    for fact in &all {
        if let Some(agent) = fact
            .first_responder
            .filter(|_| period.contains(fact.posted))
        {
            agents.entry(agent).or_default();
        }
    }
    let by_agent = agents
        .into_iter()
        .map(|(agent, [responses, resolutions, reopens])| {
            let answered: Vec<&Facts> = all
                .iter()
                .copied()
                .filter(|fact| fact.first_responder == Some(agent))
                .collect();
            AgentFigures {
                agent_id: agent.to_owned(),
                name: data.members.get(agent).map(|member| member.name.clone()),
                responses,
                resolutions,
                reopens,
                figures: figures_of(&answered),
            }
        })
        .collect();

    let responses = data
        .events
        .iter()
        .filter(in_period)
        .filter(|event| matches!(event.kind, EventKind::Responded { .. }))
        .count();
    let rules = counts(data.events.iter().filter(in_period).filter_map(
        |event| match &event.kind {
            EventKind::ToneOverride { rule } => Some(rule.as_str()),
            _ => None,
        },
    ));
    let override_agents = counts(
        data.events
            .iter()
            .filter(in_period)
            .filter(|event| matches!(event.kind, EventKind::ToneOverride { .. }))
            .map(|event| event.agent.as_str()),
    );
    let overrides = rules.iter().map(|count| count.n).sum::<usize>();
    let tone = Tone {
        overrides,
        overrides_per_100_responses: (responses > 0)
            .then(|| overrides as f64 * 100.0 / responses as f64),
        by_rule: rules,
        by_agent: override_agents,
    };
    let templates = template_uses(data.events.iter().filter(in_period));

    let inbound: Vec<&Facts> = all
        .iter()
        .copied()
        .filter(|fact| period.contains(fact.posted))
        .collect();
    let mut inbound_by_label: BTreeMap<String, usize> =
        ["negative", "neutral", "positive", "unlabelled"]
            .into_iter()
            .map(|label| (label.to_owned(), 0))
            .collect();
    for fact in &inbound {
        let label = match fact.ticket.sentiment {
            Some(Label::Negative) => "negative",
            Some(Label::Neutral) => "neutral",
            Some(Label::Positive) => "positive",
            None => "unlabelled",
        };
        *inbound_by_label.entry(label.to_owned()).or_default() += 1;
    }
    let negative: Vec<&Facts> = inbound
        .iter()
        .copied()
        .filter(|fact| fact.ticket.sentiment == Some(Label::Negative))
        .collect();
    let sentiment = Sentiment {
        inbound_by_label,
        negative_answered_within_1h: answered_within(&negative, now, HOUR_MS),
    };

    Report {
        team: team.to_owned(),
        from: period.from.to_string(),
        to: period.to.to_string(),
        tz: period.tz_name.clone(),
        period_start_ms: period.start_ms(),
        period_end_ms: period.end_ms(),
        generated_at_ms: now,
        figures: figures_of(&all),
        backlog: backlog(&all, now),
        by_agent,
        by_platform,
        tone,
        templates,
        sentiment,
        series: series(&all, period),
    }
}

fn figures(subset: &[&Facts], period: &Period, now: i64, hours: Option<&BusinessHours>) -> Figures {
    let inbound: Vec<&Facts> = subset
        .iter()
        .copied()
        .filter(|fact| period.contains(fact.posted))
        .collect();
    let answered: Vec<&Facts> = inbound
        .iter()
        .copied()
        .filter(|fact| fact.ticket.first_response_at.is_some())
        .collect();
    let calendar = Durations::of(
        answered
            .iter()
            .filter_map(|fact| fact.first_response_ms())
            .collect(),
    );
    let business = Durations::of(
        answered
            .iter()
            .filter_map(|fact| {
                let responded = fact.ticket.first_response_at?;
                Some(match hours {
                    Some(hours) => business_ms(fact.posted, responded, hours),
                    None => responded - fact.posted,
                })
            })
            .collect(),
    );

    let mut sla = Sla {
        due: 0,
        met: 0,
        breached: 0,
        pending: 0,
        attainment: None,
    };
    for fact in subset {
        let Some(due) = fact
            .ticket
            .first_response_due
            .filter(|due| period.contains(*due))
        else {
            continue;
        };
        sla.due += 1;
        match fact.ticket.first_response_at {
            Some(at) if at <= due => sla.met += 1,
            Some(_) => sla.breached += 1,
            None if due < now => sla.breached += 1,
            None => sla.pending += 1,
        }
    }
    sla.attainment =
        (sla.met + sla.breached > 0).then(|| sla.met as f64 / (sla.met + sla.breached) as f64);

    let old: Vec<&Facts> = inbound
        .iter()
        .copied()
        .filter(|fact| fact.posted <= now - 72 * HOUR_MS)
        .collect();
    let responded = old
        .iter()
        .filter(|fact| fact.ticket.first_response_at.is_some())
        .count();
    let response_rate = ResponseRate {
        eligible: old.len(),
        responded,
        resolved_without_reply: old
            .iter()
            .filter(|fact| fact.ticket.first_response_at.is_none() && fact.first_resolve.is_some())
            .count(),
        ratio: Share::of(old.len(), responded).ratio,
    };

    let transitions_in_period = |resolve: bool| {
        subset
            .iter()
            .flat_map(|fact| fact.transitions.iter())
            .filter(|(at, is_resolve, _)| *is_resolve == resolve && period.contains(*at))
            .count()
    };
    let resolution = Resolution {
        first: Durations::of(
            inbound
                .iter()
                .filter_map(|fact| Some(fact.first_resolve? - fact.posted))
                .collect(),
        ),
        full: Durations::of(
            inbound
                .iter()
                .filter(|fact| fact.ticket.status == TicketStatus::Resolved)
                .filter_map(|fact| Some(fact.ticket.resolved_at? - fact.posted))
                .collect(),
        ),
        resolutions: transitions_in_period(true),
        reopens: transitions_in_period(false),
    };
    Figures {
        inbound: inbound.len(),
        first_response: FirstResponse { calendar, business },
        answered_within_1h: answered_within(&inbound, now, HOUR_MS),
        answered_within_24h: answered_within(&inbound, now, DAY_MS),
        sla,
        response_rate,
        reopen_rate: Share::of(resolution.resolutions, resolution.reopens).ratio,
        resolution,
    }
}

/// Of the tickets posted at least 24 h before `now`, those first answered within `limit_ms`.
fn answered_within(tickets: &[&Facts], now: i64, limit_ms: i64) -> Share {
    let old: Vec<&&Facts> = tickets
        .iter()
        .filter(|fact| fact.posted <= now - DAY_MS)
        .collect();
    let met = old
        .iter()
        .filter(|fact| fact.first_response_ms().is_some_and(|ms| ms <= limit_ms))
        .count();
    Share::of(old.len(), met)
}

fn backlog(tickets: &[&Facts], now: i64) -> Backlog {
    let status = |wanted: TicketStatus| {
        tickets
            .iter()
            .filter(|fact| fact.ticket.status == wanted)
            .count()
    };
    Backlog {
        new: status(TicketStatus::New),
        open: status(TicketStatus::Open),
        pending: status(TicketStatus::Pending),
        unassigned_new: tickets
            .iter()
            .filter(|fact| {
                fact.ticket.status == TicketStatus::New && fact.ticket.assignee.is_none()
            })
            .count(),
        oldest_unanswered_s: tickets
            .iter()
            .filter(|fact| {
                fact.ticket.status != TicketStatus::Resolved
                    && fact.ticket.first_response_at.is_none()
            })
            .map(|fact| (now - fact.posted).max(0) / 1_000)
            .max(),
    }
}

/// Day by day: inbound, backlog at the day's end, and the median first response of the day's inbound.
fn series(tickets: &[&Facts], period: &Period) -> Vec<Day> {
    let ends: Vec<i64> = period.days.iter().map(|(_, _, end)| *end).collect();
    // The first day whose end is after `at`: a ticket unresolved over [from, to) counts at the
    // ends of days `day_after(from)..day_after(to)`.
    let day_after = |at: i64| ends.partition_point(|end| *end <= at);
    let mut backlog_change = vec![0i64; ends.len() + 1];
    let mut inbound = vec![0usize; ends.len()];
    let mut first_responses = vec![Vec::new(); ends.len()];
    for fact in tickets {
        let mut open_since = Some(fact.posted);
        let mut transitions = fact.transitions.clone();
        transitions.sort_by_key(|(at, _, _)| *at);
        for (at, resolve, _) in transitions {
            match (open_since, resolve) {
                (Some(since), true) => {
                    backlog_change[day_after(since)] += 1;
                    backlog_change[day_after(at.max(since))] -= 1;
                    open_since = None;
                }
                (None, false) => open_since = Some(at),
                _ => {}
            }
        }
        if let Some(since) = open_since {
            backlog_change[day_after(since)] += 1;
        }
        if period.contains(fact.posted) {
            let day = day_after(fact.posted);
            inbound[day] += 1;
            if let Some(ms) = fact.first_response_ms() {
                first_responses[day].push(ms);
            }
        }
    }
    let mut open = 0;
    period
        .days
        .iter()
        .enumerate()
        .map(|(day, (date, _, _))| {
            open += backlog_change[day];
            Day {
                date: date.to_string(),
                inbound: inbound[day],
                backlog: open as usize,
                first_response_median_s: Durations::of(std::mem::take(&mut first_responses[day]))
                    .median_s,
            }
        })
        .collect()
}

/// Uses and last use of each template named by a response, most used first (ties by id).
fn template_uses<'a>(events: impl Iterator<Item = &'a Event>) -> Vec<TemplateUse> {
    let mut tally: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    for event in events {
        if let EventKind::Responded {
            template: Some(template),
        } = &event.kind
        {
            let (uses, last) = tally.entry(template).or_insert((0, event.at));
            *uses += 1;
            *last = (*last).max(event.at);
        }
    }
    let mut uses: Vec<TemplateUse> = tally
        .into_iter()
        .map(|(template_id, (uses, last_used_at))| TemplateUse {
            template_id: template_id.to_owned(),
            uses,
            last_used_at,
        })
        .collect();
    uses.sort_by(|a, b| {
        b.uses
            .cmp(&a.uses)
            .then_with(|| a.template_id.cmp(&b.template_id))
    });
    uses
}

/// How often each key occurs, most first (ties by key).
fn counts<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<Count> {
    let mut tally: BTreeMap<&str, usize> = BTreeMap::new();
    for key in keys {
        *tally.entry(key).or_default() += 1;
    }
    let mut counts: Vec<Count> = tally
        .into_iter()
        .map(|(key, n)| Count {
            key: key.to_owned(),
            n,
        })
        .collect();
    counts.sort_by(|a, b| b.n.cmp(&a.n).then_with(|| a.key.cmp(&b.key)));
    counts
}

/// Milliseconds of `start..end` that fall in business hours (the team's fixed UTC offset,
/// working days and hours: the calendar the SLA due time is counted on).
pub fn business_ms(start: i64, end: i64, hours: &BusinessHours) -> i64 {
    if end <= start {
        return 0;
    }
    let offset = i64::from(hours.utc_offset_minutes) * MINUTE_MS;
    let (local_start, local_end) = (start + offset, end + offset);
    (local_start.div_euclid(DAY_MS)..=local_end.div_euclid(DAY_MS))
        .filter(|day| {
            // 1970-01-01 was a Thursday (4).
            let weekday = ((day + 3).rem_euclid(7) + 1) as u8;
            hours.days.contains(&weekday)
        })
        .map(|day| {
            let open = day * DAY_MS + i64::from(hours.start_minute) * MINUTE_MS;
            let close = day * DAY_MS + i64::from(hours.end_minute) * MINUTE_MS;
            (close.min(local_end) - open.max(local_start)).max(0)
        })
        .sum()
}

/// The report's summary table as CSV: one row for the team, each platform and each agent.
pub fn to_csv(report: &Report) -> Result<String, StoreError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let csv_error = |error: csv::Error| StoreError::Storage(format!("CSV: {error}"));
    out.write_record([
        "scope",
        "inbound",
        "first_response_n",
        "first_response_median_s",
        "first_response_p90_s",
        "first_response_business_median_s",
        "first_response_business_p90_s",
        "answered_within_1h",
        "answered_within_24h",
        "sla_due",
        "sla_met",
        "sla_breached",
        "sla_attainment",
        "response_rate",
        "resolution_first_median_s",
        "resolution_full_median_s",
        "reopen_rate",
    ])
    .map_err(csv_error)?;
    let rows = std::iter::once(("team".to_owned(), &report.figures))
        .chain(
            report
                .by_platform
                .iter()
                .map(|row| (format!("platform:{}", row.platform), &row.figures)),
        )
        .chain(
            report
                .by_agent
                .iter()
                .map(|row| (format!("agent:{}", row.agent_id), &row.figures)),
        );
    for (scope, figures) in rows {
        let number = |value: Option<i64>| value.map(|value| value.to_string()).unwrap_or_default();
        let ratio =
            |value: Option<f64>| value.map(|value| format!("{value:.4}")).unwrap_or_default();
        out.write_record([
            scope,
            figures.inbound.to_string(),
            figures.first_response.calendar.n.to_string(),
            number(figures.first_response.calendar.median_s),
            number(figures.first_response.calendar.p90_s),
            number(figures.first_response.business.median_s),
            number(figures.first_response.business.p90_s),
            ratio(figures.answered_within_1h.ratio),
            ratio(figures.answered_within_24h.ratio),
            figures.sla.due.to_string(),
            figures.sla.met.to_string(),
            figures.sla.breached.to_string(),
            ratio(figures.sla.attainment),
            ratio(figures.response_rate.ratio),
            number(figures.resolution.first.median_s),
            number(figures.resolution.full.median_s),
            ratio(figures.reopen_rate),
        ])
        .map_err(csv_error)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|error| StoreError::Storage(format!("CSV: {error}")))?;
    String::from_utf8(bytes).map_err(|error| StoreError::Storage(format!("CSV: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn business_time_counts_only_working_hours() {
        // Monday 2026-11-02 09:00 to Tuesday 10:00 UTC, hours 09:00–17:00 Mon–Fri: 8 h + 1 h.
        let hours = BusinessHours {
            utc_offset_minutes: 0,
            days: vec![1, 2, 3, 4, 5],
            start_minute: 9 * 60,
            end_minute: 17 * 60,
        };
        let monday_nine = 1_793_610_000_000;
        assert_eq!(
            business_ms(monday_nine, monday_nine + 25 * HOUR_MS, &hours),
            9 * HOUR_MS
        );
        // Saturday counts nothing.
        assert_eq!(
            business_ms(
                monday_nine + 5 * DAY_MS,
                monday_nine + 5 * DAY_MS + 3 * HOUR_MS,
                &hours
            ),
            0
        );
    }

    #[test]
    fn quantiles_are_nearest_rank() {
        let durations = Durations::of((1..=10).map(|s| s * 1_000).collect());
        assert_eq!(
            (durations.n, durations.median_s, durations.p90_s),
            (10, Some(5), Some(9))
        );
        assert_eq!(Durations::of(Vec::new()).median_s, None);
    }

    #[test]
    fn periods_are_validated_with_stable_codes() {
        let code = |from, to, tz| match Period::parse(from, to, tz) {
            Err(StoreError::Refused { code, .. }) => code,
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert_eq!(code(None, Some("2026-11-01"), None), "missing_parameter");
        assert_eq!(
            code(Some("yesterday"), Some("2026-11-01"), None),
            "invalid_date"
        );
        assert_eq!(
            code(Some("2026-11-02"), Some("2026-11-01"), None),
            "invalid_period"
        );
        assert_eq!(
            code(Some("2026-11-01"), Some("2026-11-02"), Some("Mars/Base")),
            "invalid_time_zone"
        );
        let period = Period::parse(Some("2026-10-25"), Some("2026-10-25"), Some("Europe/Paris"))
            .expect("period");
        assert_eq!(
            period.end_ms() - period.start_ms(),
            25 * HOUR_MS,
            "the day summer time ends has 25 hours"
        );
    }
}
