//! The team report: the lead's figures over a period, as `GET /v1/reports/team`
//! returns them. The store computes it (`store/src/report.rs`, definitions in
//! docs/store.md, "Team reports"); the lead's console reads the same types back.
//!
//! Durations are medians and 90th percentiles (nearest rank) with their count.

use crate::model::Platform;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A duration's distribution: count, median and 90th percentile in seconds (nearest rank).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Durations {
    /// How many durations.
    pub n: usize,
    /// The median (the lower one for an even count), in seconds.
    pub median_s: Option<i64>,
    /// The 90th percentile, in seconds.
    pub p90_s: Option<i64>,
}

impl Durations {
    /// The distribution of `millis` (milliseconds), in whole seconds; negative durations count as 0.
    pub fn of(mut millis: Vec<i64>) -> Durations {
        millis.sort_unstable();
        let rank = |quantile: f64| {
            let index = ((quantile * millis.len() as f64).ceil() as usize).max(1) - 1;
            millis.get(index).map(|ms| ms.max(&0) / 1_000)
        };
        Durations {
            n: millis.len(),
            median_s: rank(0.5),
            p90_s: rank(0.9),
        }
    }
}

/// First-response durations on the calendar and within business hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstResponse {
    /// Customer post → first response, wall-clock.
    pub calendar: Durations,
    /// The same, counting business hours only (equal to `calendar` without business hours).
    pub business: Durations,
}

/// A share: how many were eligible, how many met the mark, and the ratio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Share {
    /// Tickets counted.
    pub eligible: usize,
    /// Tickets that met the mark.
    pub met: usize,
    /// `met / eligible`; none when nothing was eligible.
    pub ratio: Option<f64>,
}

impl Share {
    /// `met` of `eligible`, with the ratio when any are eligible.
    pub fn of(eligible: usize, met: usize) -> Share {
        Share {
            eligible,
            met,
            ratio: (eligible > 0).then(|| met as f64 / eligible as f64),
        }
    }
}

/// First-response SLA of tickets due in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sla {
    /// Tickets whose first response fell due in the period.
    pub due: usize,
    /// Answered by their due time.
    pub met: usize,
    /// Answered late, or still unanswered after their due time.
    pub breached: usize,
    /// Not yet due and not answered (neither met nor breached).
    pub pending: usize,
    /// `met / (met + breached)`.
    pub attainment: Option<f64>,
}

/// Response rate of tickets at least 72 h old.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResponseRate {
    /// Inbound tickets posted at least 72 h before the report.
    pub eligible: usize,
    /// Those with any response.
    pub responded: usize,
    /// Those resolved without any response (shown apart).
    pub resolved_without_reply: usize,
    /// `responded / eligible`.
    pub ratio: Option<f64>,
}

/// Resolution times and reopens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolution {
    /// Post → first resolve, of inbound tickets resolved at least once.
    pub first: Durations,
    /// Post → last resolve, of inbound tickets resolved now.
    pub full: Durations,
    /// Resolve events in the period.
    pub resolutions: usize,
    /// Reopen events in the period.
    pub reopens: usize,
}

/// The figures computed for the team, a platform or an agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Tickets whose customer post time falls in the period.
    pub inbound: usize,
    /// Post → first response of inbound tickets.
    pub first_response: FirstResponse,
    /// Inbound tickets at least 24 h old answered within 1 h.
    pub answered_within_1h: Share,
    /// Inbound tickets at least 24 h old answered within 24 h.
    pub answered_within_24h: Share,
    /// First-response SLA.
    pub sla: Sla,
    /// Share of inbound tickets at least 72 h old with any response.
    pub response_rate: ResponseRate,
    /// Resolution times and counts.
    pub resolution: Resolution,
    /// `reopens / resolutions` in the period.
    pub reopen_rate: Option<f64>,
}

/// The backlog at the time of the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backlog {
    /// Tickets in `new`.
    pub new: usize,
    /// Tickets in `open`.
    pub open: usize,
    /// Tickets in `pending`.
    pub pending: usize,
    /// `new` tickets nobody is assigned to.
    pub unassigned_new: usize,
    /// Age of the oldest unresolved ticket without a response, in seconds.
    pub oldest_unanswered_s: Option<i64>,
}

/// One agent's figures: their own actions in the period and the tickets they answered first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentFigures {
    /// The agent id.
    pub agent_id: String,
    /// The member's name, when known.
    pub name: Option<String>,
    /// Responses the agent sent in the period.
    pub responses: usize,
    /// Resolves the agent made in the period.
    pub resolutions: usize,
    /// Reopens the agent made in the period.
    pub reopens: usize,
    /// The figures of the tickets the agent answered first (first response is credited to the responder).
    #[serde(flatten)]
    pub figures: Figures,
}

/// One platform's figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlatformFigures {
    /// The platform.
    pub platform: Platform,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// A count with its key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    /// What is counted (a rule, an agent id, a template id).
    pub key: String,
    /// How many.
    pub n: usize,
}

/// How often a template was used in the period, and when last.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TemplateUse {
    /// The template's id.
    pub template_id: String,
    /// Responses in the period written from it.
    pub uses: usize,
    /// The latest of those responses (Unix milliseconds, the agent's action time).
    pub last_used_at: i64,
}

/// Tone overrides in the period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tone {
    /// Overrides, all rules.
    pub overrides: usize,
    /// Overrides per 100 responses in the period.
    pub overrides_per_100_responses: Option<f64>,
    /// By rule, most first.
    pub by_rule: Vec<Count>,
    /// By agent, most first.
    pub by_agent: Vec<Count>,
}

/// Sentiment of inbound posts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentiment {
    /// Inbound tickets by label (`unlabelled` when none was recorded).
    pub inbound_by_label: BTreeMap<String, usize>,
    /// Negative inbound tickets at least 24 h old answered within 1 h.
    pub negative_answered_within_1h: Share,
}

/// One day of the period, in the report's time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Day {
    /// The date.
    pub date: String,
    /// Tickets posted that day.
    pub inbound: usize,
    /// Tickets posted and not resolved at the end of the day.
    pub backlog: usize,
    /// Median first response of the day's inbound tickets, in seconds.
    pub first_response_median_s: Option<i64>,
}

/// The team report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The team.
    pub team: String,
    /// First day.
    pub from: String,
    /// Last day (included).
    pub to: String,
    /// The time zone of days and buckets.
    pub tz: String,
    /// The period's start (Unix milliseconds).
    pub period_start_ms: i64,
    /// The period's end (Unix milliseconds, excluded).
    pub period_end_ms: i64,
    /// When the report was computed (Unix milliseconds): ages count to it.
    pub generated_at_ms: i64,
    /// The team's figures.
    #[serde(flatten)]
    pub figures: Figures,
    /// The backlog now.
    pub backlog: Backlog,
    /// Per agent who responded, resolved or reopened.
    pub by_agent: Vec<AgentFigures>,
    /// Per platform with tickets.
    pub by_platform: Vec<PlatformFigures>,
    /// Tone overrides.
    pub tone: Tone,
    /// Uses per template, from responses that name their template.
    pub templates: Vec<TemplateUse>,
    /// Sentiment of inbound posts.
    pub sentiment: Sentiment,
    /// Day by day.
    pub series: Vec<Day>,
}
