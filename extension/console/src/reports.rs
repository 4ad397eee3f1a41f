//! The reports dashboard: `GET /v1/reports/team` as figures beside the
//! customers' benchmarks, charts, and a table to download as CSV; filtered
//! by period, platform and agent.

use super::charts::bar_chart::{BarChart, Benchmark};
use super::charts::daily_chart::DailyChart;
use super::charts::Datum;
use super::download::save_text;
use super::fetch::{use_store_call, Fetched};
use super::figure_card::FigureCard;
use super::format::{duration, percent};
use super::report::{figures_for, table, table_csv, Scope, TableRow};
use super::unavailable::FetchNotice;
use socialcare::report::{Day, Figures, Report, Share};
use socialcare_pages::clock::use_clock;
use socialcare_pages::format::number;
use socialcare_pages::i18n::{t, t_count, t_with};
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
                { t_count("console_period_last_days", f64::from(*option), &[&number(f64::from(*option))]) }
            </option>
        }
    });
    let filters = html! {
        <div class="filters">
            <label for="report-period">{ t("console_period") }</label>
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
                        { t_with("console_report_period", &[&report.from, &report.to, &report.tz]) }
                    </p>
                    { dashboard(report, &scope) }
                    <button type="button" onclick={on_download}>{ t("console_download_csv") }</button>
                    if let Some(why) = (*download_error).clone() {
                        <p class="notice notice-error" role="alert">{ why }</p>
                    }
                </>
            }
        }
        other => html! {
            <FetchNotice what={t("console_team_report")} loading={t("console_team_report_loading")} state={other.status()} />
        },
    };
    html! {
        <section class="reports" aria-labelledby="reports-heading">
            <h2 id="reports-heading">{ t("console_team_report") }</h2>
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
            <label for="report-platform">{ t("console_platform") }</label>
            <select id="report-platform" onchange={on_platform}>
                <option value="" selected={!matches!(**scope, Scope::Platform(_))}>{ t("console_all_platforms") }</option>
                { for platforms }
            </select>
            <label for="report-agent">{ t("console_agent") }</label>
            <select id="report-agent" onchange={on_agent}>
                <option value="" selected={!matches!(**scope, Scope::Agent(_))}>{ t("console_all_agents") }</option>
                { for agents }
            </select>
        </>
    }
}

/// The figures, charts and table for the chosen scope.
fn dashboard(report: &Report, scope: &Scope) -> Html {
    let Some(figures) = figures_for(report, scope) else {
        return html! { <p class="notice">{ t("console_no_figures") }</p> };
    };
    let rows = table(report);
    let per_day = |count: fn(&Day) -> usize| -> Vec<Datum> {
        report
            .series
            .iter()
            .map(|day| Datum {
                label: day.date.clone(),
                value: count(day) as f64,
                shown: number(count(day) as f64),
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
                    <FigureCard label={t("console_backlog_now")} value={number((report.backlog.new + report.backlog.open + report.backlog.pending) as f64)}
                        detail={AttrValue::from(t_with("console_backlog_detail", &[&number(report.backlog.new as f64),
                            &number(report.backlog.unassigned_new as f64), &number(report.backlog.open as f64), &number(report.backlog.pending as f64)]))} />
                </dl>
            }
            <div class="charts">
                <DailyChart id="inbound-per-day" title={t("console_chart_inbound")} value_heading={t("console_chart_tickets")}
                    description={t_with("console_chart_inbound_description", &[&report.from, &report.to, &number(report.figures.inbound as f64)])}
                    days={inbound} />
                <DailyChart id="backlog-per-day" title={t("console_chart_backlog")} value_heading={t("console_chart_open_tickets")}
                    description={t("console_chart_backlog_description")} days={backlog} />
                <BarChart id="within-1h-by-row" title={t("console_chart_within_1h")}
                    label_heading={t("console_chart_platform_or_agent")} value_heading={t("console_figure_within_1h")}
                    description={t("console_chart_within_1h_description")}
                    bars={within_1h} max={Some(1.0)}
                    benchmark={Some(Benchmark { value: EXPECTED_WITHIN_1H, label: t("console_chart_within_1h_benchmark") })} />
            </div>
            { report_table(&rows) }
        </>
    }
}

/// The headline figures with the customers' benchmarks beside them.
fn figure_cards(figures: &Figures) -> Html {
    let share = |share: &Share| {
        let (met, eligible) = (share.met as f64, share.eligible as f64);
        t_count(
            "console_share_detail",
            eligible,
            &[&number(met), &number(eligible)],
        )
    };
    let expect = |ratio: f64| t_with("console_customers_expect", &[&percent(Some(ratio))]);
    html! {
        <>
            <FigureCard label={t("console_inbound")} value={number(figures.inbound as f64)} />
            <FigureCard label={t("console_figure_first_response")} value={duration(figures.first_response.calendar.median_s)}
                detail={AttrValue::from(t_with("console_figure_first_response_detail",
                    &[&duration(figures.first_response.calendar.p90_s), &duration(figures.first_response.business.median_s)]))} />
            <FigureCard label={t("console_figure_within_1h")} value={percent(figures.answered_within_1h.ratio)}
                detail={AttrValue::from(share(&figures.answered_within_1h))}
                benchmark={AttrValue::from(t_with("console_customers_expect_within_1h", &[&percent(Some(EXPECTED_WITHIN_1H))]))} />
            <FigureCard label={t("console_figure_within_24h")} value={percent(figures.answered_within_24h.ratio)}
                detail={AttrValue::from(share(&figures.answered_within_24h))}
                benchmark={AttrValue::from(expect(EXPECTED_WITHIN_24H))} />
            <FigureCard label={t("console_sla_attainment")} value={percent(figures.sla.attainment)}
                detail={AttrValue::from(t_with("console_figure_sla_detail",
                    &[&number(figures.sla.met as f64), &number(figures.sla.breached as f64), &number(figures.sla.due as f64)]))} />
            <FigureCard label={t("console_response_rate")} value={percent(figures.response_rate.ratio)} />
        </>
    }
}

/// A table row's scope (`team`, `platform` or `agent`), in words.
fn scope_name(scope: &str) -> String {
    match scope {
        "team" => t("console_scope_team"),
        "platform" => t("console_platform"),
        _ => t("console_agent"),
    }
}

/// The table the CSV download holds, in the browser's UI language (the
/// team's row named in it; platforms and agents by their names).
fn report_table(rows: &[TableRow]) -> Html {
    let rows = rows.iter().map(|row| {
        let name = if row.scope == "team" {
            t("console_scope_team")
        } else {
            row.name.clone()
        };
        html! {
            <tr>
                <td>{ scope_name(&row.scope) }</td>
                <th scope="row" dir="auto">{ name }</th>
                <td>{ number(row.inbound as f64) }</td>
                <td>{ duration(row.first_response_median_s) }</td>
                <td>{ percent(row.answered_within_1h) }</td>
                <td>{ percent(row.answered_within_24h) }</td>
                <td>{ percent(row.sla_attainment) }</td>
                <td>{ number(row.sla_breached as f64) }</td>
                <td>{ percent(row.response_rate) }</td>
            </tr>
        }
    });
    html! {
        <table class="report-table">
            <caption>{ t("console_report_table") }</caption>
            <thead>
                <tr>
                    <th scope="col">{ t("console_column_scope") }</th>
                    <th scope="col">{ t("console_name") }</th>
                    <th scope="col">{ t("console_inbound") }</th>
                    <th scope="col">{ t("console_column_first_response") }</th>
                    <th scope="col">{ t("console_column_within_1h") }</th>
                    <th scope="col">{ t("console_column_within_24h") }</th>
                    <th scope="col">{ t("console_sla_attainment") }</th>
                    <th scope="col">{ t("console_column_sla_breaches") }</th>
                    <th scope="col">{ t("console_response_rate") }</th>
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
