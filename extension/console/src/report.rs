//! What the dashboard makes of `GET /v1/reports/team` (the core's
//! [`Report`]; docs/store.md defines every figure): the scope a lead filters
//! it to, and the table the dashboard downloads as CSV.
//!
//! The CSV is a data format, not a screen: its column headers (the
//! [`TableRow`] fields), scopes and the team's row name stay English in
//! every language, so spreadsheets and scripts read every team's export the
//! same way. The screen shows the same table in the browser's UI language.

use socialcare::report::{Figures, Report};
use socialcare::spreadsheet::text_cell;

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

/// The figures `report` has for `scope`; `None` when it has none for it.
pub fn figures_for<'a>(report: &'a Report, scope: &Scope) -> Option<&'a Figures> {
    match scope {
        Scope::Team => Some(&report.figures),
        Scope::Platform(platform) => report
            .by_platform
            .iter()
            .find(|row| row.platform.as_str() == platform)
            .map(|row| &row.figures),
        Scope::Agent(id) => report
            .by_agent
            .iter()
            .find(|row| &row.agent_id == id)
            .map(|row| &row.figures),
    }
}

/// The table the dashboard shows and downloads: one row for the team,
/// one per platform, one per agent.
pub fn table(report: &Report) -> Vec<TableRow> {
    let team = std::iter::once(TableRow::new("team", "Team", &report.figures));
    let platforms = report.by_platform.iter().map(|row| {
        TableRow::new(
            "platform",
            &socialcare_pages::humanize(row.platform.as_str()),
            &row.figures,
        )
    });
    let agents = report.by_agent.iter().map(|row| {
        let name = row.name.clone().unwrap_or_else(|| row.agent_id.clone());
        TableRow::new("agent", &name, &row.figures)
    });
    team.chain(platforms).chain(agents).collect()
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
/// names are spreadsheet text, never formulas ([`text_cell`]). Headers and
/// values are the same in every language (see the module's documentation).
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
