//! Members (`GET /v1/members`: names, roles, last activity), and for admins
//! the tokens and the team settings.

use super::fetch::{use_store_call, Fetched};
use super::link::ConsoleLink;
use super::tokens::TokensPanel;
use super::unavailable::FetchNotice;
use serde::Deserialize;
use socialcare::model::{Role, TeamSettings};
use socialcare::sync::ops::SettingsUpdate;
use socialcare::sync::Op;
use socialcare_pages::panel::when::local_time_ms;
use socialcare_views::console::StoreCall;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// One member as the endpoint gives them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct MemberRow {
    /// Agent id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: Role,
    /// Their last action (Unix milliseconds), if any.
    pub last_active_at: Option<i64>,
}

/// The endpoint's answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Members {
    /// The team's members.
    pub members: Vec<MemberRow>,
}

/// Properties of [`MembersSection`].
#[derive(Properties, PartialEq, Clone)]
pub struct MembersSectionProps {
    /// The signed-in member's role.
    pub role: Role,
    /// The team's settings, as synced.
    pub settings: TeamSettings,
}

/// Members for leads and admins; tokens and settings for admins.
#[function_component(MembersSection)]
pub fn members_section(props: &MembersSectionProps) -> Html {
    let fetched =
        use_store_call::<Members>((props.role >= Role::Lead).then_some(StoreCall::Members), 0);
    let members = match &fetched {
        _ if props.role < Role::Lead => {
            html! { <p class="notice">{ "Leads and admins see the team’s members." }</p> }
        }
        Fetched::Ready(members) => {
            let rows = members.members.iter().map(|member| {
                html! {
                    <tr key={member.id.clone()}>
                        <th scope="row" dir="auto">{ member.name.clone() }</th>
                        <td>{ member.role.as_str() }</td>
                        <td>{ member.last_active_at.map_or_else(|| "never".to_owned(), local_time_ms) }</td>
                    </tr>
                }
            });
            html! {
                <table class="members">
                    <caption>{ "Members" }</caption>
                    <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Role" }</th><th scope="col">{ "Last active" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        }
        other => html! { <FetchNotice what="Members" state={other.status()} /> },
    };
    html! {
        <section class="members-section" aria-labelledby="members-heading">
            <h2 id="members-heading">{ "Members" }</h2>
            { members }
            if props.role == Role::Admin {
                <TokensPanel />
                <SettingsForm settings={props.settings.clone()} />
            }
        </section>
    }
}

/// Properties of [`SettingsForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct SettingsFormProps {
    /// The settings as synced.
    pub settings: TeamSettings,
}

/// The first-response SLA (the rest of the settings are kept as they are).
#[function_component(SettingsForm)]
pub fn settings_form(props: &SettingsFormProps) -> Html {
    let link = use_context::<ConsoleLink>().unwrap_or_default();
    let minutes = use_state(|| props.settings.first_response_minutes.to_string());
    let outcome = use_state(|| None::<String>);
    let on_input = {
        let minutes = minutes.setter();
        Callback::from(move |event: InputEvent| {
            minutes.set(event.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_submit = {
        let settings = props.settings.clone();
        let minutes = minutes.clone();
        let outcome = outcome.setter();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Ok(first_response_minutes) = minutes.trim().parse::<u32>() else {
                outcome.set(Some(
                    "Enter the SLA as a whole number of minutes.".to_owned(),
                ));
                return;
            };
            let settings = TeamSettings {
                first_response_minutes,
                ..settings.clone()
            };
            let refused = outcome.clone();
            outcome.set(Some("Saved: waiting for the store.".to_owned()));
            link.act(
                Op::SettingsUpdate(SettingsUpdate { settings }),
                Callback::from(move |why| refused.set(Some(format!("Not saved: {why}")))),
            );
        })
    };
    let hours = props.settings.business_hours.as_ref().map_or_else(
        || "around the clock".to_owned(),
        |hours| {
            format!(
                "days {:?}, {:02}:{:02}–{:02}:{:02} at UTC{:+} min",
                hours.days,
                hours.start_minute / 60,
                hours.start_minute % 60,
                hours.end_minute / 60,
                hours.end_minute % 60,
                hours.utc_offset_minutes
            )
        },
    );
    let brands = props.settings.brand_accounts.iter().map(|(platform, accounts)| {
        html! { <li dir="auto">{ format!("{}: {}", socialcare_pages::humanize(&platform.to_string()), accounts.join(", ")) }</li> }
    });
    html! {
        <form class="settings" onsubmit={on_submit}>
            <h3>{ "Team settings" }</h3>
            <label for="sla-minutes">{ "First-response SLA (minutes)" }</label>
            <input id="sla-minutes" type="number" min="1" max="10080" value={(*minutes).clone()} oninput={on_input} />
            <button type="submit">{ "Save settings" }</button>
            if let Some(text) = (*outcome).clone() {
                <p class="notice" role="status">{ text }</p>
            }
            <p>{ format!("Business hours: {hours}") }</p>
            <ul class="brand-accounts">{ for brands }</ul>
        </form>
    }
}
