//! The part of `GET /v1/reports/team` the dashboard shows (docs/store.md:
//! the store's `report.rs` defines every figure), the scope a lead filters
//! it to, and the table the dashboard downloads as CSV.

use serde::Deserialize;
use socialcare::spreadsheet::text_cell;

/// A duration distribution, in seconds.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Durations {
    /// How many durations.
    pub n: usize,
    /// Median, when any.
    pub median_s: Option<i64>,
    /// 90th percentile, when any.
    pub p90_s: Option<i64>,
}

/// First response times on the calendar clock and in business hours.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct FirstResponse {
    /// Calendar time.
    pub calendar: Durations,
    /// Business time.
    pub business: Durations,
}

/// A share: `met` of `eligible`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Share {
    /// How many count.
    pub eligible: usize,
    /// How many met it.
    pub met: usize,
    /// `met / eligible`, when any are eligible.
    pub ratio: Option<f64>,
}

/// First-response SLA.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Sla {
    /// Tickets whose SLA fell due in the period.
    pub due: usize,
    /// Met.
    pub met: usize,
    /// Breached.
    pub breached: usize,
    /// `met / due`.
    pub attainment: Option<f64>,
}

/// Share of tickets that got a reply.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ResponseRate {
    /// `responded / eligible`.
    pub ratio: Option<f64>,
}

/// The figures the report gives for the team, each platform and each agent.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Figures {
    /// Tickets created in the period.
    pub inbound: usize,
    /// First response times.
    pub first_response: FirstResponse,
    /// Answered within 1 hour.
    pub answered_within_1h: Share,
    /// Answered within 24 hours.
    pub answered_within_24h: Share,
    /// First-response SLA.
    pub sla: Sla,
    /// Share answered at all.
    pub response_rate: ResponseRate,
}

/// One agent's figures.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AgentFigures {
    /// Agent id.
    pub agent_id: String,
    /// Their name, when known.
    pub name: Option<String>,
    /// Their first responses in the period.
    pub responses: usize,
    /// Their figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// One platform's figures.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PlatformFigures {
    /// `x`, `facebook` or `instagram`.
    pub platform: String,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// The open work now.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Backlog {
    /// New tickets.
    pub new: usize,
    /// Open tickets.
    pub open: usize,
    /// Pending tickets.
    pub pending: usize,
    /// New and unassigned.
    pub unassigned_new: usize,
}

/// One day of the series.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Day {
    /// `YYYY-MM-DD` in the report's time zone.
    pub date: String,
    /// Tickets created that day.
    pub inbound: usize,
    /// Open work at the day's end.
    pub backlog: usize,
    /// That day's first-response median, in seconds.
    pub first_response_median_s: Option<i64>,
}

/// The team report.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TeamReport {
    /// First day.
    pub from: String,
    /// Last day.
    pub to: String,
    /// Time zone.
    pub tz: String,
    /// The team's figures.
    #[serde(flatten)]
    pub figures: Figures,
    /// The open work now.
    pub backlog: Backlog,
    /// Per agent.
    pub by_agent: Vec<AgentFigures>,
    /// Per platform.
    pub by_platform: Vec<PlatformFigures>,
    /// By day.
    pub series: Vec<Day>,
}

/// What the dashboard's figures are about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Scope {
    /// The whole team.
    #[default]
    Team,
    /// One platform.
    Platform(String),
    /// One agent, by id.
    Agent(String),
}

impl TeamReport {
    /// The figures for `scope`; `None` when the report has none for it.
    pub fn figures_for(&self, scope: &Scope) -> Option<&Figures> {
        match scope {
            Scope::Team => Some(&self.figures),
            Scope::Platform(platform) => self
                .by_platform
                .iter()
                .find(|row| &row.platform == platform)
                .map(|row| &row.figures),
            Scope::Agent(id) => self
                .by_agent
                .iter()
                .find(|row| &row.agent_id == id)
                .map(|row| &row.figures),
        }
    }

    /// The table the dashboard shows and downloads: one row for the team,
    /// one per platform, one per agent.
    pub fn table(&self) -> Vec<TableRow> {
        let team = std::iter::once(TableRow::new("team", "Team", &self.figures));
        let platforms = self.by_platform.iter().map(|row| {
            TableRow::new(
                "platform",
                &socialcare_pages::humanize(&row.platform),
                &row.figures,
            )
        });
        let agents = self.by_agent.iter().map(|row| {
            let name = row.name.clone().unwrap_or_else(|| row.agent_id.clone());
            TableRow::new("agent", &name, &row.figures)
        });
        team.chain(platforms).chain(agents).collect()
    }
}

/// One row of the dashboard's table.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TableRow {
    /// `team`, `platform` or `agent`.
    pub scope: String,
    /// The team, platform or agent name.
    pub name: String,
    /// Tickets created.
    pub inbound: usize,
    /// Median first response, seconds (calendar).
    pub first_response_median_s: Option<i64>,
    /// 90th percentile first response, seconds (calendar).
    pub first_response_p90_s: Option<i64>,
    /// Answered within 1 h, ratio.
    pub answered_within_1h: Option<f64>,
    /// Answered within 24 h, ratio.
    pub answered_within_24h: Option<f64>,
    /// SLA attainment, ratio.
    pub sla_attainment: Option<f64>,
    /// SLA breaches.
    pub sla_breached: usize,
    /// Response rate, ratio.
    pub response_rate: Option<f64>,
}

impl TableRow {
    fn new(scope: &str, name: &str, figures: &Figures) -> TableRow {
        TableRow {
            scope: scope.to_owned(),
            name: name.to_owned(),
            inbound: figures.inbound,
            first_response_median_s: figures.first_response.calendar.median_s,
            first_response_p90_s: figures.first_response.calendar.p90_s,
            answered_within_1h: figures.answered_within_1h.ratio,
            answered_within_24h: figures.answered_within_24h.ratio,
            sla_attainment: figures.sla.attainment,
            sla_breached: figures.sla.breached,
            response_rate: figures.response_rate.ratio,
        }
    }
}

/// The table as CSV with a header row (RFC 4180 quoting, by the `csv` crate);
/// names are spreadsheet text, never formulas ([`text_cell`]).
pub fn table_csv(rows: &[TableRow]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        let row = TableRow {
            name: text_cell(&row.name),
            ..row.clone()
        };
        // Writing to memory cannot fail; a row that could not be written would be a bug.
        writer.serialize(row).expect("a table row serialises");
    }
    let bytes = writer.into_inner().expect("an in-memory writer flushes");
    String::from_utf8(bytes).expect("the csv crate writes UTF-8 from UTF-8")
}

/// A ratio as a percentage with one decimal, or an en dash when there is none.
pub fn percent(ratio: Option<f64>) -> String {
    ratio.map_or_else(|| "–".to_owned(), |ratio| format!("{:.1}%", ratio * 100.0))
}

/// A duration in seconds, readably (`42 s`, `12 min`, `3.5 h`, `2.1 d`), or an en dash.
pub fn duration(seconds: Option<i64>) -> String {
    match seconds {
        None => "–".to_owned(),
        Some(s) if s < 60 => format!("{s} s"),
        Some(s) if s < 3_600 => format!("{} min", s / 60),
        Some(s) if s < 86_400 => format!("{:.1} h", s as f64 / 3_600.0),
        Some(s) => format!("{:.1} d", s as f64 / 86_400.0),
    }
}
