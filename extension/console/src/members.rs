//! Members (`GET /v1/members`: names, roles, last activity), and for admins
//! the tokens and the team settings.

use super::fetch::{use_store_call, Fetched};
use super::settings_form::SettingsForm;
use super::tokens::TokensPanel;
use super::unavailable::FetchNotice;
use serde::Deserialize;
use socialcare::model::{Role, TeamSettings};
use socialcare_pages::i18n::t;
use socialcare_pages::names::role_name;
use socialcare_pages::panel::when::local_time_ms;
use socialcare_views::console::StoreCall;
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
            html! { <p class="notice">{ t("console_members_leads_only") }</p> }
        }
        Fetched::Ready(members) => {
            let rows = members.members.iter().map(|member| {
                html! {
                    <tr key={member.id.clone()}>
                        <th scope="row" dir="auto">{ member.name.clone() }</th>
                        <td>{ role_name(member.role) }</td>
                        <td>{ member.last_active_at.map_or_else(|| t("console_member_never_active"), local_time_ms) }</td>
                    </tr>
                }
            });
            html! {
                <table class="members">
                    <caption>{ t("console_members") }</caption>
                    <thead><tr><th scope="col">{ t("console_name") }</th><th scope="col">{ t("console_role") }</th><th scope="col">{ t("console_member_last_active") }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        }
        other => html! {
            <FetchNotice what={t("console_members")} loading={t("console_members_loading")} state={other.status()} />
        },
    };
    html! {
        <section class="members-section" aria-labelledby="members-heading">
            <h2 id="members-heading">{ t("console_members") }</h2>
            { members }
            if props.role == Role::Admin {
                <TokensPanel />
                <SettingsForm settings={props.settings.clone()} />
            }
        </section>
    }
}
