//! A horizontal bar chart, with an optional benchmark line.

use super::data_table::DataTable;
use super::Datum;
use socialcare_pages::i18n::t_with;
use yew::prelude::*;

/// The drawing's width in SVG units, and each bar's height and gap.
const WIDTH: f64 = 320.0;
const LABEL: f64 = 110.0;
const BAR: f64 = 16.0;
const GAP: f64 = 6.0;

/// A reference value drawn across the bars, e.g. what customers expect.
#[derive(Debug, Clone, PartialEq)]
pub struct Benchmark {
    /// The value, on the bars' scale.
    pub value: f64,
    /// What it is, e.g. `Customers expect 50% within 1 h`.
    pub label: String,
}

/// Properties of [`BarChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct BarChartProps {
    /// The chart's id, unique in the page.
    pub id: AttrValue,
    /// The title.
    pub title: AttrValue,
    /// What the chart shows, in a sentence.
    pub description: AttrValue,
    /// The label column's heading in the table, e.g. `Platform`.
    pub label_heading: AttrValue,
    /// The value column's heading in the table.
    pub value_heading: AttrValue,
    /// The bars.
    pub bars: Vec<Datum>,
    /// The scale's top (e.g. 1.0 for ratios); the largest bar when `None`.
    #[prop_or_default]
    pub max: Option<f64>,
    /// A benchmark line, if any.
    #[prop_or_default]
    pub benchmark: Option<Benchmark>,
}

/// One bar per datum with its label and value as SVG text (text, never
/// markup); the numbers as a table for screen readers.
#[function_component(BarChart)]
pub fn bar_chart(props: &BarChartProps) -> Html {
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    let largest = props
        .bars
        .iter()
        .map(|bar| bar.value)
        .fold(0.0_f64, f64::max);
    let max = props.max.unwrap_or(largest).max(f64::MIN_POSITIVE);
    let span = WIDTH - LABEL - 50.0;
    let height = (props.bars.len().max(1) as f64) * (BAR + GAP) + GAP;
    let bars = props.bars.iter().enumerate().map(|(index, bar)| {
        let y = GAP + index as f64 * (BAR + GAP);
        let width = (bar.value / max).clamp(0.0, 1.0) * span;
        html! {
            <g class="chart-bar">
                <text class="chart-label" x={(LABEL - 4.0).to_string()} y={(y + BAR - 4.0).to_string()}
                      text-anchor="end">{ bar.label.clone() }</text>
                <rect class="chart-fill" x={LABEL.to_string()} y={y.to_string()}
                      width={format!("{width:.1}")} height={BAR.to_string()} />
                <text class="chart-value" x={format!("{:.1}", LABEL + width + 4.0)}
                      y={(y + BAR - 4.0).to_string()}>{ bar.shown.clone() }</text>
            </g>
        }
    });
    let benchmark = props.benchmark.as_ref().map(|benchmark| {
        let x = LABEL + (benchmark.value / max).clamp(0.0, 1.0) * span;
        html! {
            <line class="chart-benchmark" x1={format!("{x:.1}")} y1="0" x2={format!("{x:.1}")}
                  y2={height.to_string()}>
                <title>{ benchmark.label.clone() }</title>
            </line>
        }
    });
    html! {
        <figure class="chart" data-chart={props.id.clone()}>
            <svg class="chart-svg" role="img" viewBox={format!("0 0 {WIDTH} {height}")}
                 aria-labelledby={format!("{title_id} {desc_id}")}>
                <title id={title_id}>{ props.title.clone() }</title>
                <desc id={desc_id}>{ props.description.clone() }</desc>
                { for bars }
                { for benchmark }
            </svg>
            <figcaption>
                { props.title.clone() }
                if let Some(benchmark) = props.benchmark.as_ref() {
                    { " " }<span class="chart-benchmark-note">{ t_with("console_chart_benchmark_note", &[&benchmark.label]) }</span>
                }
            </figcaption>
            <DataTable caption={props.title.clone()} label_heading={props.label_heading.clone()}
                       value_heading={props.value_heading.clone()} data={props.bars.clone()} />
        </figure>
    }
}
