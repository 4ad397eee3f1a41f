//! A line chart of one value per day.

use super::data_table::DataTable;
use super::Datum;
use socialcare_pages::i18n::t;
use yew::prelude::*;

/// The drawing's size in SVG units (it scales to its box).
const WIDTH: f64 = 320.0;
const HEIGHT: f64 = 120.0;
const PAD: f64 = 8.0;

/// Properties of [`DailyChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct DailyChartProps {
    /// The chart's id, unique in the page (for its title and description).
    pub id: AttrValue,
    /// The title, e.g. `Inbound per day`.
    pub title: AttrValue,
    /// What the chart shows, in a sentence.
    pub description: AttrValue,
    /// The value column's heading in the table, e.g. `Tickets`.
    pub value_heading: AttrValue,
    /// One datum per day, oldest first.
    pub days: Vec<Datum>,
}

/// A polyline over the days, scaled to the largest value, with a dot per
/// day; the numbers as a table for screen readers.
#[function_component(DailyChart)]
pub fn daily_chart(props: &DailyChartProps) -> Html {
    let title_id = format!("{}-title", props.id);
    let desc_id = format!("{}-desc", props.id);
    let points = plot(&props.days);
    let line = points
        .iter()
        .map(|(x, y)| format!("{x:.1},{y:.1}"))
        .collect::<Vec<_>>()
        .join(" ");
    let dots = points.iter().map(|(x, y)| {
        html! { <circle class="chart-dot" cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="2" /> }
    });
    html! {
        <figure class="chart" data-chart={props.id.clone()}>
            <svg class="chart-svg" role="img" viewBox={format!("0 0 {WIDTH} {HEIGHT}")}
                 aria-labelledby={format!("{title_id} {desc_id}")}>
                <title id={title_id}>{ props.title.clone() }</title>
                <desc id={desc_id}>{ props.description.clone() }</desc>
                <line class="chart-axis" x1={PAD.to_string()} y1={(HEIGHT - PAD).to_string()}
                      x2={(WIDTH - PAD).to_string()} y2={(HEIGHT - PAD).to_string()} />
                <polyline class="chart-line" points={line} />
                { for dots }
            </svg>
            <figcaption>{ props.title.clone() }</figcaption>
            <DataTable caption={props.title.clone()} label_heading={t("console_chart_day")}
                       value_heading={props.value_heading.clone()} data={props.days.clone()} />
        </figure>
    }
}

/// The days' positions in the drawing: evenly spaced, scaled to the maximum.
pub fn plot(days: &[Datum]) -> Vec<(f64, f64)> {
    let max = days.iter().map(|day| day.value).fold(0.0_f64, f64::max);
    let step = if days.len() > 1 {
        (WIDTH - 2.0 * PAD) / (days.len() - 1) as f64
    } else {
        0.0
    };
    days.iter()
        .enumerate()
        .map(|(index, day)| {
            let share = if max > 0.0 { day.value / max } else { 0.0 };
            (
                PAD + step * index as f64,
                HEIGHT - PAD - share * (HEIGHT - 2.0 * PAD),
            )
        })
        .collect()
}
