//! Small SVG charts, one component per file, no chart library: each draws
//! an `<svg role="img">` with a `<title>` and a `<desc>`, and carries its
//! numbers as a table for screen readers ([`data_table::DataTable`]).

pub mod bar_chart;
pub mod daily_chart;
pub mod data_table;

/// One labelled value of a chart, with the value as the table shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Datum {
    /// The label, e.g. a day or an agent's name (text, never markup).
    pub label: String,
    /// The value drawn.
    pub value: f64,
    /// The value as written in the table, e.g. `42.0%`.
    pub shown: String,
}
