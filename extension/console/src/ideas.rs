//! Product ideas from `GET /v1/reports/ideas`: feature requests grouped by
//! similar wording, with counts, platforms, first and last seen and links
//! to the posts; exported as CSV and JSON for the product team.

use super::download::save_text;
use super::fetch::{use_store_call, Fetched};
use super::reports::{utc_date, DAY_MS};
use super::unavailable::FetchNotice;
use socialcare::ideas::{to_csv, IdeaGroup, IdeasReport};
use socialcare_pages::clock::use_clock;
use socialcare_pages::format::{list, number};
use socialcare_pages::i18n::{t, t_count};
use socialcare_pages::panel::permalink::safe_href;
use socialcare_pages::panel::when::local_time_ms;
use socialcare_views::console::StoreCall;
use yew::prelude::*;

/// How far back the ideas go.
pub const IDEAS_DAYS: i64 = 90;

/// The section.
#[function_component(IdeasSection)]
pub fn ideas_section() -> Html {
    let clock = use_clock();
    let now = clock.now();
    let call = use_memo((), move |()| StoreCall::Ideas {
        from: utc_date(now - (IDEAS_DAYS - 1) * DAY_MS),
        to: utc_date(now),
    });
    let fetched = use_store_call::<IdeasReport>(Some((*call).clone()), 0);
    let error = use_state(|| None::<String>);
    let body = match &fetched {
        Fetched::Ready(ideas) => {
            let export = |kind: &'static str| {
                let ideas = ideas.clone();
                let error = error.setter();
                Callback::from(move |_| {
                    let saved = if kind == "csv" {
                        save_text("socialcare-ideas.csv", "text/csv", &to_csv(&ideas))
                    } else {
                        let json = serde_json::to_string_pretty(&*ideas).expect("ideas serialise");
                        save_text("socialcare-ideas.json", "application/json", &json)
                    };
                    error.set(saved.err());
                })
            };
            let groups = ideas.groups.iter().map(group_view);
            html! {
                <>
                    <div class="exports">
                        <button type="button" onclick={export("csv")}>{ t("console_export_csv") }</button>
                        <button type="button" onclick={export("json")}>{ t("console_export_json") }</button>
                    </div>
                    if ideas.groups.is_empty() {
                        <p class="notice">{ t("console_ideas_none") }</p>
                    }
                    <ul class="idea-groups">{ for groups }</ul>
                </>
            }
        }
        other => html! {
            <FetchNotice what={t("console_product_ideas")} loading={t("console_ideas_loading")} state={other.status()} />
        },
    };
    html! {
        <section class="ideas" aria-labelledby="ideas-heading">
            <h2 id="ideas-heading">{ t_count("console_ideas_heading", IDEAS_DAYS as f64, &[&number(IDEAS_DAYS as f64)]) }</h2>
            { body }
            if let Some(why) = (*error).clone() {
                <p class="notice notice-error" role="alert">{ why }</p>
            }
        </section>
    }
}

/// One group with its posts; links only when [`safe_href`] accepts them.
fn group_view(group: &IdeaGroup) -> Html {
    let platforms = list(
        &group
            .platforms
            .iter()
            .map(|platform| socialcare_pages::humanize(platform.as_str()))
            .collect::<Vec<_>>(),
    );
    let items = group.items.iter().map(|item| {
        let link = item.permalink.as_deref().and_then(safe_href).map(|href| {
            html! { <a href={href} target="_blank" rel="noopener noreferrer">{ t("console_idea_open_post") }</a> }
        });
        html! {
            <li>
                <q dir="auto">{ item.excerpt.clone() }</q>
                { format!(" · {}", socialcare_pages::humanize(item.platform.as_str())) }
                { " " }
                { for link }
            </li>
        }
    });
    html! {
        <li class="idea-group">
            <h3 dir="auto">{ group.label.clone() }</h3>
            <p class="idea-meta">
                { t_count("console_idea_meta", group.count as f64, &[&number(group.count as f64), &platforms,
                    &local_time_ms(group.first_seen), &local_time_ms(group.last_seen)]) }
            </p>
            <ul>{ for items }</ul>
        </li>
    }
}
