//! The reports dashboard: `GET /v1/reports/team` as figures beside the
//! customers' benchmarks, charts, and a table to download as CSV; filtered
//! by period, platform and agent.

use super::charts::bar_chart::{BarChart, Benchmark};
use super::charts::daily_chart::DailyChart;
use super::charts::Datum;
use super::download::save_text;
use super::fetch::{use_store_call, Fetched};
use super::figure_card::FigureCard;
use super::report::{duration, figures_for, percent, table, table_csv, Scope, TableRow};
use super::unavailable::FetchNotice;
use socialcare::report::{Day, Figures, Report, Share};
use socialcare_pages::clock::use_clock;
use socialcare_views::console::StoreCall;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The periods a lead picks from, in days ending today.
pub const PERIODS: [u32; 3] = [7, 30, 90];
/// What customers expect (docs/console.md cites the studies): about half
/// want a reply within 1 hour, about 80% within 24 hours.
pub const EXPECTED_WITHIN_1H: f64 = 0.5;
/// See [`EXPECTED_WITHIN_1H`].
pub const EXPECTED_WITHIN_24H: f64 = 0.8;

pub(crate) const DAY_MS: i64 = 86_400_000;

/// Properties of [`ReportsDashboard`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReportsDashboardProps {
    /// The IANA time zone the days are counted in.
    pub tz: AttrValue,
}

/// The dashboard.
#[function_component(ReportsDashboard)]
pub fn reports_dashboard(props: &ReportsDashboardProps) -> Html {
    let clock = use_clock();
    let days = use_state(|| 30_u32);
    let scope = use_state(Scope::default);
    let download_error = use_state(|| None::<String>);
    let now = clock.now();
    let call = StoreCall::TeamReport {
        from: utc_date(now - i64::from(*days - 1) * DAY_MS),
        to: utc_date(now),
        tz: props.tz.to_string(),
    };
    let fetched = use_store_call::<Report>(Some(call), 0);

    let on_period = {
        let days = days.setter();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            if let Ok(value) = select.value().parse() {
                days.set(value);
            }
        })
    };
    let period_options = PERIODS.iter().map(|option| {
        html! {
            <option value={option.to_string()} selected={*option == *days}>
                { format!("Last {option} days") }
            </option>
        }
    });
    let filters = html! {
        <div class="filters">
            <label for="report-period">{ "Period" }</label>
            <select id="report-period" onchange={on_period}>{ for period_options }</select>
            if let Fetched::Ready(report) = &fetched {
                { scope_filters(report, &scope) }
            }
        </div>
    };
    let body = match &fetched {
        Fetched::Ready(report) => {
            let on_download = {
                let report = report.clone();
                let download_error = download_error.setter();
                Callback::from(move |_| {
                    let name = format!("socialcare-report-{}-{}.csv", report.from, report.to);
                    download_error
                        .set(save_text(&name, "text/csv", &table_csv(&table(&report))).err());
                })
            };
            html! {
                <>
                    <p class="report-period">
                        { format!("{} to {} ({})", report.from, report.to, report.tz) }
                    </p>
                    { dashboard(report, &scope) }
                    <button type="button" onclick={on_download}>{ "Download CSV" }</button>
                    if let Some(why) = (*download_error).clone() {
                        <p class="notice notice-error" role="alert">{ why }</p>
                    }
                </>
            }
        }
        other => html! { <FetchNotice what="Team report" state={other.status()} /> },
    };
    html! {
        <section class="reports" aria-labelledby="reports-heading">
            <h2 id="reports-heading">{ "Team report" }</h2>
            { filters }
            { body }
        </section>
    }
}

/// The platform and agent filters (one scope at a time: the report has no
/// agent-by-platform figures).
fn scope_filters(report: &Report, scope: &UseStateHandle<Scope>) -> Html {
    // A chosen option narrows the scope; the empty one is the whole team.
    let narrow_to = |narrowed: fn(String) -> Scope| {
        let scope = scope.setter();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            scope.set(if value.is_empty() {
                Scope::Team
            } else {
                narrowed(value)
            });
        })
    };
    let on_platform = narrow_to(Scope::Platform);
    let on_agent = narrow_to(Scope::Agent);
    let platforms = report.by_platform.iter().map(|row| {
        let platform = row.platform.as_str();
        let selected = **scope == Scope::Platform(platform.to_owned());
        html! { <option value={platform} {selected}>{ socialcare_pages::humanize(platform) }</option> }
    });
    let agents = report.by_agent.iter().map(|row| {
        let selected = **scope == Scope::Agent(row.agent_id.clone());
        let name = row.name.clone().unwrap_or_else(|| row.agent_id.clone());
        html! { <option value={row.agent_id.clone()} {selected}>{ name }</option> }
    });
    html! {
        <>
            <label for="report-platform">{ "Platform" }</label>
            <select id="report-platform" onchange={on_platform}>
                <option value="" selected={!matches!(**scope, Scope::Platform(_))}>{ "All platforms" }</option>
                { for platforms }
            </select>
            <label for="report-agent">{ "Agent" }</label>
            <select id="report-agent" onchange={on_agent}>
                <option value="" selected={!matches!(**scope, Scope::Agent(_))}>{ "All agents" }</option>
                { for agents }
            </select>
        </>
    }
}

/// The figures, charts and table for the chosen scope.
fn dashboard(report: &Report, scope: &Scope) -> Html {
    let Some(figures) = figures_for(report, scope) else {
        return html! { <p class="notice">{ "No figures for this filter in the period." }</p> };
    };
    let rows = table(report);
    let per_day = |count: fn(&Day) -> usize| -> Vec<Datum> {
        report
            .series
            .iter()
            .map(|day| Datum {
                label: day.date.clone(),
                value: count(day) as f64,
                shown: count(day).to_string(),
            })
            .collect()
    };
    let inbound = per_day(|day| day.inbound);
    let backlog = per_day(|day| day.backlog);
    let within_1h: Vec<Datum> = rows
        .iter()
        .filter(|row| row.scope != "team")
        .map(|row| Datum {
            label: row.name.clone(),
            value: row.answered_within_1h.unwrap_or(0.0),
            shown: percent(row.answered_within_1h),
        })
        .collect();
    html! {
        <>
            <dl class="figures">{ figure_cards(figures) }</dl>
            if *scope == Scope::Team {
                <dl class="figures backlog">
                    <FigureCard label="Backlog now" value={(report.backlog.new + report.backlog.open + report.backlog.pending).to_string()}
                        detail={AttrValue::from(format!("{} new ({} unassigned), {} open, {} pending",
                            report.backlog.new, report.backlog.unassigned_new, report.backlog.open, report.backlog.pending))} />
                </dl>
            }
            <div class="charts">
                <DailyChart id="inbound-per-day" title="Inbound per day (team)" value_heading="Tickets"
                    description={format!("New tickets per day from {} to {}; {} in all.", report.from, report.to, report.figures.inbound)}
                    days={inbound} />
                <DailyChart id="backlog-per-day" title="Backlog per day (team)" value_heading="Open tickets"
                    description="Tickets not yet resolved at the end of each day." days={backlog} />
                <BarChart id="within-1h-by-row" title="Answered within 1 h, by platform and agent"
                    label_heading="Platform or agent" value_heading="Answered within 1 h"
                    description="The share of tickets at least 24 hours old that got a first reply within an hour."
                    bars={within_1h} max={Some(1.0)}
                    benchmark={Some(Benchmark { value: EXPECTED_WITHIN_1H, label: "about half of customers expect a reply within 1 h".to_owned() })} />
            </div>
            { report_table(&rows) }
        </>
    }
}

/// The headline figures with the customers' benchmarks beside them.
fn figure_cards(figures: &Figures) -> Html {
    let share = |share: &Share| {
        format!(
            "{} of {} tickets at least 24 h old",
            share.met, share.eligible
        )
    };
    html! {
        <>
            <FigureCard label="Inbound" value={figures.inbound.to_string()} />
            <FigureCard label="First response, median" value={duration(figures.first_response.calendar.median_s)}
                detail={AttrValue::from(format!("90th percentile {}; in business hours {}",
                    duration(figures.first_response.calendar.p90_s), duration(figures.first_response.business.median_s)))} />
            <FigureCard label="Answered within 1 h" value={percent(figures.answered_within_1h.ratio)}
                detail={AttrValue::from(share(&figures.answered_within_1h))}
                benchmark={AttrValue::from(format!("Customers expect: about {} (72% for complaints on X)", percent(Some(EXPECTED_WITHIN_1H))))} />
            <FigureCard label="Answered within 24 h" value={percent(figures.answered_within_24h.ratio)}
                detail={AttrValue::from(share(&figures.answered_within_24h))}
                benchmark={AttrValue::from(format!("Customers expect: about {}", percent(Some(EXPECTED_WITHIN_24H))))} />
            <FigureCard label="SLA attainment" value={percent(figures.sla.attainment)}
                detail={AttrValue::from(format!("{} met, {} breached of {} due", figures.sla.met, figures.sla.breached, figures.sla.due))} />
            <FigureCard label="Response rate" value={percent(figures.response_rate.ratio)} />
        </>
    }
}

/// The table the CSV download holds.
fn report_table(rows: &[TableRow]) -> Html {
    let rows = rows.iter().map(|row| {
        html! {
            <tr>
                <td>{ socialcare_pages::humanize(&row.scope) }</td>
                <th scope="row" dir="auto">{ row.name.clone() }</th>
                <td>{ row.inbound }</td>
                <td>{ duration(row.first_response_median_s) }</td>
                <td>{ percent(row.answered_within_1h) }</td>
                <td>{ percent(row.answered_within_24h) }</td>
                <td>{ percent(row.sla_attainment) }</td>
                <td>{ row.sla_breached }</td>
                <td>{ percent(row.response_rate) }</td>
            </tr>
        }
    });
    html! {
        <table class="report-table">
            <caption>{ "Figures by team, platform and agent" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Scope" }</th>
                    <th scope="col">{ "Name" }</th>
                    <th scope="col">{ "Inbound" }</th>
                    <th scope="col">{ "First response (median)" }</th>
                    <th scope="col">{ "Within 1 h" }</th>
                    <th scope="col">{ "Within 24 h" }</th>
                    <th scope="col">{ "SLA attainment" }</th>
                    <th scope="col">{ "SLA breaches" }</th>
                    <th scope="col">{ "Response rate" }</th>
                </tr>
            </thead>
            <tbody>{ for rows }</tbody>
        </table>
    }
}

/// `YYYY-MM-DD` of a Unix-millisecond time, in UTC.
pub(crate) fn utc_date(unix_ms: i64) -> String {
    let iso: String = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(unix_ms as f64))
        .to_iso_string()
        .into();
    iso.chars().take(10).collect()
}
