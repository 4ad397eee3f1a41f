//! Team reports: a team seeded through the HTTP API with realistic times; the report's
//! figures equal those computed here, independently, from the team's export.

use crate::harness::*;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;
/// The team's business hours: Monday–Friday 09:00–17:00 at UTC+1.
const OFFSET_MINUTES: i32 = 60;
const OPENS: i64 = 9 * 60;
const CLOSES: i64 = 17 * 60;

/// A deterministic pseudo-random sequence (xorshift), so every run seeds the same shape.
struct Dice(u64);

impl Dice {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

/// A mutation to push at an action time, by one agent.
struct Action {
    at: i64,
    agent: usize,
    name: &'static str,
    args: Value,
}

/// A seeded team: its database, server and tokens (`agents[0]` is the lead).
pub struct Seeded {
    /// The database.
    pub db: TestDb,
    /// The store.
    pub server: Server,
    /// The team's name.
    pub team: String,
    /// The lead's token.
    pub lead: String,
    /// An agent's token.
    pub agent: String,
}

/// Seeds a team through the API: business hours, a lead and three agents answering
/// `tickets` tickets over the last six days across the platforms, with resolves, reopens,
/// tone overrides and a backlog. Every action carries its own (whole-minute) time as its HLC.
pub async fn seed(db: TestDb, tickets: usize) -> Seeded {
    let team = unique("rep");
    let tokens = db.team(&team);
    let agent3 = db.issue(&team, "Ana Ruiz", "agent");
    let server = Server::start(&db, &["--rate-limit", "100000", "--rate-burst", "100000"]);
    let api = Api::new(&server);
    let settings = json!({ "settings": { "first_response_minutes": 60, "brand_accounts": {},
        "business_hours": { "utc_offset_minutes": OFFSET_MINUTES, "days": [1, 2, 3, 4, 5], "start_minute": OPENS, "end_minute": CLOSES } } });
    let reply = api
        .push(&tokens.admin, "admin", &[(1, "settings.update", settings)])
        .await;
    assert_eq!(
        reply.body["results"][0]["outcome"], "applied",
        "{:?}",
        reply.body
    );

    let people = [
        tokens.lead.clone(),
        tokens.agent.clone(),
        tokens.agent2.clone(),
        agent3,
    ];
    let mut agent_ids = Vec::new();
    for token in &people {
        agent_ids.push(
            api.get("/v1/me", token).await.body["agent_id"]
                .as_str()
                .expect("agent id")
                .to_owned(),
        );
    }
    let now = Timestamp::now().as_millisecond() / MINUTE * MINUTE;
    let mut dice = Dice(0x5eed_cafe);
    let mut actions = Vec::new();
    let platforms = ["x", "facebook", "instagram"];
    let labels = [
        json!("negative"),
        json!("neutral"),
        json!("positive"),
        Value::Null,
    ];
    for number in 0..tickets {
        let item = format!("{}:t{number}", platforms[number % 3]);
        let posted = now - 6 * DAY + dice.below(6 * 24 * 60 - 30) as i64 * MINUTE;
        let mut at = posted + (1 + dice.below(20) as i64) * MINUTE;
        let creator = dice.below(4) as usize;
        actions.push(Action {
            at,
            agent: creator,
            name: "ticket.create",
            args: json!({
            "item": item, "conversation": format!("conv-{number}"), "posted_at": posted,
            "sentiment": labels[dice.below(4) as usize], "excerpt": "Where is my order?" }),
        });
        let roll = dice.below(100);
        if roll < 10 {
            continue; // Never touched: stays new and unanswered.
        }
        let responder = dice.below(4) as usize;
        if roll < 20 {
            // Claimed, not yet answered: new but assigned.
            at += MINUTE;
            actions.push(Action {
                at,
                agent: responder,
                name: "ticket.assign",
                args: json!({ "item": item, "assignee": agent_ids[responder] }),
            });
            continue;
        }
        // First response after minutes to a day and a half: some within 1 h, some beyond 24 h;
        // some written from a template.
        at += (1 + dice.below(if roll < 60 { 60 } else { 36 * 60 }) as i64) * MINUTE;
        let args = match dice.below(4) {
            0 => json!({ "item": item, "template_id": "shipping-delay" }),
            1 => json!({ "item": item, "template_id": "move-to-dm" }),
            _ => json!({ "item": item }),
        };
        actions.push(Action {
            at,
            agent: responder,
            name: "ticket.responded",
            args,
        });
        if dice.below(5) == 0 {
            let rule = ["no-blame", "greeting", "length"][dice.below(3) as usize];
            actions.push(Action {
                at: at + 1,
                agent: responder,
                name: "tone.override",
                args: json!({ "item": item, "rule": rule, "reason": "the customer asked for it" }),
            });
        }
        if roll < 35 {
            at += (1 + dice.below(120) as i64) * MINUTE;
            actions.push(Action {
                at,
                agent: responder,
                name: "ticket.set_status",
                args: json!({ "item": item, "status": "pending" }),
            });
            continue;
        }
        if roll < 45 {
            continue; // Answered, still open.
        }
        at += (1 + dice.below(600) as i64) * MINUTE;
        actions.push(Action {
            at,
            agent: responder,
            name: "ticket.set_status",
            args: json!({ "item": item, "status": "resolved" }),
        });
        if roll >= 85 {
            at += (1 + dice.below(600) as i64) * MINUTE;
            let reopener = dice.below(4) as usize;
            actions.push(Action {
                at,
                agent: reopener,
                name: "ticket.reopen",
                args: json!({ "item": item }),
            });
            if roll >= 92 {
                at += (1 + dice.below(600) as i64) * MINUTE;
                actions.push(Action {
                    at,
                    agent: reopener,
                    name: "ticket.responded",
                    args: json!({ "item": item }),
                });
                actions.push(Action {
                    at: at + MINUTE,
                    agent: reopener,
                    name: "ticket.set_status",
                    args: json!({ "item": item, "status": "resolved" }),
                });
            }
        }
    }
    actions.retain(|action| action.at < now - MINUTE);
    actions.sort_by_key(|action| action.at);
    // Push in time order, each run of one agent's consecutive actions as one batch.
    let mut next_id = [1u64; 4];
    let mut start = 0;
    while start < actions.len() {
        let agent = actions[start].agent;
        let end = actions[start..]
            .iter()
            .position(|action| action.agent != agent)
            .map_or(actions.len(), |offset| start + offset)
            .min(start + 100);
        let mutations: Vec<Value> = actions[start..end]
            .iter()
            .map(|action| {
                let id = next_id[agent];
                next_id[agent] += 1;
                json!({ "id": id, "name": action.name, "args": action.args, "hlc": (action.at as u64) << 16 })
            })
            .collect();
        let reply = api
            .post(
                "/v1/push",
                &people[agent],
                json!({ "client_id": format!("seed{agent}"), "mutations": mutations }),
            )
            .await;
        assert_eq!(reply.status, 200, "{:?}", reply.body);
        for result in reply.body["results"].as_array().expect("results") {
            assert_eq!(result["outcome"], "applied", "{result:?}");
        }
        start = end;
    }
    Seeded {
        db,
        server,
        team,
        lead: tokens.lead,
        agent: tokens.agent,
    }
}

/// The team's export: ticket records and applied log entries.
fn export(db: &TestDb, team: &str) -> (Vec<Value>, Vec<Value>) {
    let (ok, stdout, stderr) = db.cli(&["export", "--team", team]);
    assert!(ok, "export failed: {stderr}");
    let lines: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("JSON line"))
        .collect();
    let tickets = lines
        .iter()
        .filter(|line| line["type"] == "record" && line["kind"] == "ticket")
        .map(|line| line["body"].clone())
        .collect();
    let entries = lines
        .iter()
        .filter(|line| line["type"] == "audit" && line["entry"]["outcome"] == "applied")
        .map(|line| line["entry"].clone())
        .collect();
    (tickets, entries)
}

/// `{n, median_s, p90_s}` by nearest rank, from milliseconds.
fn distribution(mut millis: Vec<i64>) -> Value {
    millis.sort();
    let rank = |q: f64| {
        if millis.is_empty() {
            return Value::Null;
        }
        let index = ((q * millis.len() as f64).ceil() as usize).max(1) - 1;
        json!(millis[index] / 1_000)
    };
    json!({ "n": millis.len(), "median_s": rank(0.5), "p90_s": rank(0.9) })
}

/// Business minutes between two whole-minute times, counted minute by minute.
fn business_millis(from: i64, to: i64) -> i64 {
    let zone = jiff::tz::offset(1).to_time_zone();
    let mut minutes = 0;
    let mut at = from;
    while at < to {
        let local = Timestamp::from_millisecond(at)
            .expect("time")
            .to_zoned_datetime(zone.clone());
        let minute_of_day = i64::from(local.hour()) * 60 + i64::from(local.minute());
        let weekday = local.weekday().to_monday_one_offset();
        if weekday <= 5 && (OPENS..CLOSES).contains(&minute_of_day) {
            minutes += 1;
        }
        at += MINUTE;
    }
    minutes * MINUTE
}

fn ratio(met: usize, eligible: usize) -> Value {
    if eligible == 0 {
        Value::Null
    } else {
        json!(met as f64 / eligible as f64)
    }
}

#[tokio::test]
async fn the_report_equals_figures_computed_from_the_export() {
    let seeded = seed(TestDb::new(), 300).await;
    let api = Api::new(&seeded.server);
    let zone_name = "Europe/Paris";
    let zone = TimeZone::get(zone_name).expect("zone");
    let today = Timestamp::now().to_zoned_datetime(zone.clone()).date();
    let from = today.checked_sub(jiff::Span::new().days(4)).expect("date");
    let path = format!("/v1/reports/team?from={from}&to={today}&tz={zone_name}");
    let reply = api.get(&path, &seeded.lead).await;
    assert_eq!(reply.status, 200, "{:?}", reply.body);
    let report = reply.body;
    let now = report["generated_at_ms"].as_i64().expect("generated_at_ms");
    let start = from
        .to_zoned_datetime(zone.clone())
        .expect("start")
        .timestamp()
        .as_millisecond();
    let end = today
        .tomorrow()
        .expect("tomorrow")
        .to_zoned_datetime(zone.clone())
        .expect("end")
        .timestamp()
        .as_millisecond();
    assert_eq!(
        (
            report["period_start_ms"].as_i64(),
            report["period_end_ms"].as_i64()
        ),
        (Some(start), Some(end))
    );
    let in_period = |at: i64| (start..end).contains(&at);

    let (tickets, entries) = export(&seeded.db, &seeded.team);
    assert_eq!(tickets.len(), 300);
    let time = |value: &Value| value.as_i64();
    let posted = |ticket: &Value| time(&ticket["posted_at"]).expect("posted_at");
    let first_response = |ticket: &Value| time(&ticket["first_response_at"]);
    let inbound: Vec<&Value> = tickets
        .iter()
        .filter(|ticket| in_period(posted(ticket)))
        .collect();
    assert!(
        inbound.len() > 100 && inbound.len() < 300,
        "the period holds some tickets: {}",
        inbound.len()
    );
    assert_eq!(report["inbound"], inbound.len());

    let answered: Vec<(&Value, i64)> = inbound
        .iter()
        .filter_map(|ticket| Some((*ticket, first_response(ticket)?)))
        .collect();
    assert_eq!(
        report["first_response"]["calendar"],
        distribution(
            answered
                .iter()
                .map(|(ticket, at)| at - posted(ticket))
                .collect()
        )
    );
    assert_eq!(
        report["first_response"]["business"],
        distribution(
            answered
                .iter()
                .map(|(ticket, at)| business_millis(posted(ticket), *at))
                .collect()
        )
    );

    let day_old: Vec<&&Value> = inbound
        .iter()
        .filter(|ticket| posted(ticket) <= now - DAY)
        .collect();
    for (field, limit) in [("answered_within_1h", HOUR), ("answered_within_24h", DAY)] {
        let met = day_old
            .iter()
            .filter(|ticket| first_response(ticket).is_some_and(|at| at - posted(ticket) <= limit))
            .count();
        assert_eq!(
            report[field],
            json!({ "eligible": day_old.len(), "met": met, "ratio": ratio(met, day_old.len()) }),
            "{field}"
        );
    }

    let due: Vec<(&Value, i64)> = tickets
        .iter()
        .filter_map(|ticket| Some((ticket, time(&ticket["first_response_due"])?)))
        .filter(|(_, due)| in_period(*due))
        .collect();
    let met = due
        .iter()
        .filter(|(ticket, due)| first_response(ticket).is_some_and(|at| at <= *due))
        .count();
    let pending = due
        .iter()
        .filter(|(ticket, due)| first_response(ticket).is_none() && *due >= now)
        .count();
    let breached = due.len() - met - pending;
    assert!(
        met > 0 && breached > 0,
        "the seed meets and breaches the SLA"
    );
    assert_eq!(
        report["sla"],
        json!({ "due": due.len(), "met": met, "breached": breached, "pending": pending, "attainment": ratio(met, met + breached) })
    );

    // Resolves and reopens, in log order, per ticket.
    let mut transitions: BTreeMap<String, Vec<(i64, bool, String)>> = BTreeMap::new();
    for entry in &entries {
        let resolve = match (entry["name"].as_str(), entry["args"]["status"].as_str()) {
            (Some("ticket.set_status"), Some("resolved")) => true,
            (Some("ticket.reopen"), _) => false,
            _ => continue,
        };
        transitions
            .entry(entry["args"]["item"].as_str().unwrap().to_owned())
            .or_default()
            .push((
                entry["action_at"].as_i64().unwrap(),
                resolve,
                entry["agent_id"].as_str().unwrap().to_owned(),
            ));
    }
    let of = |ticket: &Value| {
        transitions
            .get(ticket["item"].as_str().unwrap())
            .cloned()
            .unwrap_or_default()
    };
    let three_days_old: Vec<&&Value> = inbound
        .iter()
        .filter(|ticket| posted(ticket) <= now - 3 * DAY)
        .collect();
    let responded = three_days_old
        .iter()
        .filter(|ticket| first_response(ticket).is_some())
        .count();
    let without_reply = three_days_old
        .iter()
        .filter(|ticket| first_response(ticket).is_none() && !of(ticket).is_empty())
        .count();
    assert_eq!(
        report["response_rate"],
        json!({ "eligible": three_days_old.len(), "responded": responded, "resolved_without_reply": without_reply, "ratio": ratio(responded, three_days_old.len()) })
    );

    let first_resolves = inbound
        .iter()
        .filter_map(|ticket| Some(of(ticket).first()?.0 - posted(ticket)))
        .collect();
    let full = inbound
        .iter()
        .filter(|ticket| ticket["status"] == "resolved")
        .map(|ticket| time(&ticket["resolved_at"]).unwrap() - posted(ticket))
        .collect();
    let all_transitions: Vec<(i64, bool, String)> = transitions
        .values()
        .flatten()
        .filter(|(at, _, _)| in_period(*at))
        .cloned()
        .collect();
    let resolutions = all_transitions
        .iter()
        .filter(|(_, resolve, _)| *resolve)
        .count();
    let reopens = all_transitions.len() - resolutions;
    assert!(reopens > 0);
    assert_eq!(
        report["resolution"],
        json!({ "first": distribution(first_resolves), "full": distribution(full), "resolutions": resolutions, "reopens": reopens })
    );
    assert_eq!(report["reopen_rate"], ratio(reopens, resolutions));

    let status = |wanted: &str| {
        tickets
            .iter()
            .filter(|ticket| ticket["status"] == wanted)
            .count()
    };
    let unassigned_new = tickets
        .iter()
        .filter(|ticket| ticket["status"] == "new" && ticket["assignee"].is_null())
        .count();
    let oldest = tickets
        .iter()
        .filter(|ticket| ticket["status"] != "resolved" && first_response(ticket).is_none())
        .map(|ticket| (now - posted(ticket)) / 1_000)
        .max();
    assert_eq!(
        report["backlog"],
        json!({ "new": status("new"), "open": status("open"), "pending": status("pending"), "unassigned_new": unassigned_new, "oldest_unanswered_s": oldest })
    );

    for platform in ["x", "facebook", "instagram"] {
        let row = report["by_platform"]
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["platform"] == platform)
            .expect("platform row");
        let mine: Vec<&&Value> = inbound
            .iter()
            .filter(|ticket| {
                ticket["item"]
                    .as_str()
                    .unwrap()
                    .starts_with(&format!("{platform}:"))
            })
            .collect();
        assert_eq!(row["inbound"], mine.len(), "{platform}");
        let durations = mine
            .iter()
            .filter_map(|ticket| Some(first_response(ticket)? - posted(ticket)))
            .collect();
        assert_eq!(
            row["first_response"]["calendar"],
            distribution(durations),
            "{platform}"
        );
    }

    // Per agent: responses in the period, and the first response credited to the responder.
    let responses: Vec<&Value> = entries
        .iter()
        .filter(|entry| entry["name"] == "ticket.responded")
        .collect();
    let mut first_responder: BTreeMap<&str, &str> = BTreeMap::new();
    for entry in &responses {
        first_responder
            .entry(entry["args"]["item"].as_str().unwrap())
            .or_insert(entry["agent_id"].as_str().unwrap());
    }
    let rows = report["by_agent"].as_array().expect("by_agent");
    assert!(rows.len() >= 4, "every member who answered has a row");
    for row in rows {
        let agent = row["agent_id"].as_str().unwrap();
        let sent = responses
            .iter()
            .filter(|entry| {
                entry["agent_id"] == agent && in_period(entry["action_at"].as_i64().unwrap())
            })
            .count();
        assert_eq!(row["responses"], sent, "{agent}");
        let resolved = all_transitions
            .iter()
            .filter(|(_, resolve, by)| *resolve && by == agent)
            .count();
        assert_eq!(row["resolutions"], resolved, "{agent}");
        let credited = inbound
            .iter()
            .filter(|ticket| first_responder.get(ticket["item"].as_str().unwrap()) == Some(&agent))
            .count();
        assert_eq!(row["inbound"], credited, "{agent}");
        assert!(row["name"].is_string());
    }

    let mut rules: BTreeMap<String, usize> = BTreeMap::new();
    for entry in entries.iter().filter(|entry| {
        entry["name"] == "tone.override" && in_period(entry["action_at"].as_i64().unwrap())
    }) {
        *rules
            .entry(entry["args"]["rule"].as_str().unwrap().to_owned())
            .or_default() += 1;
    }
    let reported: BTreeMap<String, usize> = report["tone"]["by_rule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|count| {
            (
                count["key"].as_str().unwrap().to_owned(),
                count["n"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert!(!rules.is_empty());
    assert_eq!(reported, rules);
    assert_eq!(report["tone"]["overrides"], rules.values().sum::<usize>());
    let mut uses: BTreeMap<&str, (usize, i64)> = BTreeMap::new();
    for entry in &responses {
        let at = entry["action_at"].as_i64().unwrap();
        if let (Some(template), true) = (entry["args"]["template_id"].as_str(), in_period(at)) {
            let (n, last) = uses.entry(template).or_insert((0, at));
            *n += 1;
            *last = (*last).max(at);
        }
    }
    let reported: BTreeMap<&str, (usize, i64)> = report["templates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["template_id"].as_str().unwrap(),
                (
                    row["uses"].as_u64().unwrap() as usize,
                    row["last_used_at"].as_i64().unwrap(),
                ),
            )
        })
        .collect();
    assert_eq!(uses.len(), 2, "both templates were used in the period");
    assert_eq!(reported, uses);

    for label in ["negative", "neutral", "positive"] {
        let count = inbound
            .iter()
            .filter(|ticket| ticket["sentiment"] == label)
            .count();
        assert_eq!(
            report["sentiment"]["inbound_by_label"][label], count,
            "{label}"
        );
    }
    let negative: Vec<&&&Value> = day_old
        .iter()
        .filter(|ticket| ticket["sentiment"] == "negative")
        .collect();
    let fast = negative
        .iter()
        .filter(|ticket| first_response(ticket).is_some_and(|at| at - posted(ticket) <= HOUR))
        .count();
    assert_eq!(
        report["sentiment"]["negative_answered_within_1h"]["met"],
        fast
    );

    // The series: each day in the team's zone, with the backlog at its end.
    let series = report["series"].as_array().expect("series");
    assert_eq!(series.len(), 5);
    let mut day = from;
    for point in series {
        let day_start = day
            .to_zoned_datetime(zone.clone())
            .unwrap()
            .timestamp()
            .as_millisecond();
        day = day.tomorrow().unwrap();
        let day_end = day
            .to_zoned_datetime(zone.clone())
            .unwrap()
            .timestamp()
            .as_millisecond();
        let posted_that_day: Vec<&Value> = tickets
            .iter()
            .filter(|ticket| (day_start..day_end).contains(&posted(ticket)))
            .collect();
        assert_eq!(point["inbound"], posted_that_day.len());
        let median = distribution(
            posted_that_day
                .iter()
                .filter_map(|ticket| Some(first_response(ticket)? - posted(ticket)))
                .collect(),
        )["median_s"]
            .clone();
        assert_eq!(point["first_response_median_s"], median);
        let open_at_end = tickets
            .iter()
            .filter(|ticket| posted(ticket) < day_end)
            .filter(|ticket| {
                of(ticket)
                    .iter()
                    .filter(|(at, _, _)| *at < day_end)
                    .next_back()
                    .is_none_or(|(_, resolve, _)| !resolve)
            })
            .count();
        assert_eq!(point["backlog"], open_at_end, "{}", point["date"]);
    }
}

#[tokio::test]
async fn agents_are_refused_and_bad_periods_get_stable_codes() {
    let seeded = seed(TestDb::new(), 12).await;
    let api = Api::new(&seeded.server);
    let refused = api
        .get(
            "/v1/reports/team?from=2026-11-01&to=2026-11-02",
            &seeded.agent,
        )
        .await;
    assert_eq!((refused.status, refused.code()), (403, "forbidden"));
    for (query, code) in [
        ("to=2026-11-02", "missing_parameter"),
        ("from=11/01/2026&to=2026-11-02", "invalid_date"),
        ("from=2026-11-03&to=2026-11-02", "invalid_period"),
        ("from=2025-01-01&to=2026-11-02", "invalid_period"),
        (
            "from=2026-11-01&to=2026-11-02&tz=Mars/Olympus",
            "invalid_time_zone",
        ),
    ] {
        let reply = api
            .get(&format!("/v1/reports/team?{query}"), &seeded.lead)
            .await;
        assert_eq!((reply.status, reply.code()), (400, code), "{query}");
    }
    let unauthenticated = api
        .raw(
            "GET",
            "/v1/reports/team?from=2026-11-01&to=2026-11-02",
            None,
            None,
        )
        .await;
    assert_eq!(unauthenticated.status, 401);
}

/// The week the seed spreads its tickets over, as a report's `from` and `to` (UTC dates).
fn seeded_week() -> (String, String) {
    let today = Timestamp::now().to_zoned_datetime(TimeZone::UTC).date();
    let from = today.checked_sub(jiff::Span::new().days(6)).expect("date");
    (from.to_string(), today.to_string())
}

/// The figures of a report that do not age with the moment of computing it (SLA and
/// backlog do).
pub const LASTING_FIGURES: [&str; 6] = [
    "inbound",
    "first_response",
    "resolution",
    "series",
    "tone",
    "templates",
];

/// The command line's report of the seeded week in `format` (`json` or `csv`).
pub fn week_report(db: &TestDb, team: &str, format: &str) -> String {
    let (from, to) = seeded_week();
    let (ok, stdout, stderr) = db.cli(&[
        "report", "--team", team, "--from", &from, "--to", &to, "--format", format,
    ]);
    assert!(ok, "{format} report failed: {stderr}");
    stdout
}

#[tokio::test]
async fn the_command_line_report_matches_the_endpoint_and_its_csv_parses_back() {
    let seeded = seed(TestDb::new(), 60).await;
    let (from, to) = seeded_week();
    let stdout = week_report(&seeded.db, &seeded.team, "json");
    let cli: Value = serde_json::from_str(&stdout).expect("JSON report");
    let api = Api::new(&seeded.server);
    let http = api
        .get(
            &format!("/v1/reports/team?from={from}&to={to}"),
            &seeded.lead,
        )
        .await
        .body;
    for field in LASTING_FIGURES {
        assert_eq!(cli[field], http[field], "{field}");
    }
    assert_eq!(cli["inbound"], 60);

    let stdout = week_report(&seeded.db, &seeded.team, "csv");
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    let header = reader.headers().expect("header").clone();
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|row| {
            header
                .iter()
                .map(str::to_owned)
                .zip(row.expect("row").iter().map(str::to_owned))
                .collect()
        })
        .collect();
    assert_eq!(
        rows.len(),
        1 + http["by_platform"].as_array().unwrap().len()
            + http["by_agent"].as_array().unwrap().len()
    );
    assert_eq!(rows[0]["scope"], "team");
    assert_eq!(rows[0]["inbound"], "60");
    assert_eq!(
        rows[0]["first_response_median_s"],
        http["first_response"]["calendar"]["median_s"].to_string()
    );
    assert_eq!(rows[0]["sla_due"], http["sla"]["due"].to_string());
    let platform_total: u64 = rows
        .iter()
        .filter(|row| row["scope"].starts_with("platform:"))
        .map(|row| row["inbound"].parse::<u64>().unwrap())
        .sum();
    assert_eq!(platform_total, 60);

    let (ok, _, stderr) = seeded.db.cli(&[
        "report",
        "--team",
        &seeded.team,
        "--from",
        "soon",
        "--to",
        &to,
    ]);
    assert!(!ok && stderr.contains("is not a date"), "{stderr}");
}
