//! Tokens, for admins: the team's tokens, **Issue** (the secret shown once,
//! with **Copy**) and **Revoke**.

use super::fetch::{refusal_text, use_store_call, Fetched};
use super::link::ConsoleLink;
use super::unavailable::FetchNotice;
use serde::Deserialize;
use socialcare::model::Role;
use socialcare_pages::i18n::{t, t_with};
use socialcare_pages::names::role_name;
use socialcare_pages::panel::when::local_time_ms;
use socialcare_views::console::{StoreAnswer, StoreCall};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// One token as `GET /v1/tokens` lists it (never its secret).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct TokenRow {
    /// The token's public id.
    pub token_id: String,
    /// Its member's name.
    pub name: String,
    /// Their role.
    pub role: Role,
    /// When it was issued (Unix milliseconds).
    pub created_at: i64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
}

/// The endpoint's answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Tokens {
    /// Every token of the team.
    pub tokens: Vec<TokenRow>,
}

/// A token just issued.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Issued {
    /// Its public id.
    pub token_id: String,
    /// The secret, shown once.
    pub token: String,
}

/// The tokens panel.
#[function_component(TokensPanel)]
pub fn tokens_panel() -> Html {
    let link = use_context::<ConsoleLink>().unwrap_or_default();
    let refresh = use_state(|| 0_u32);
    let fetched = use_store_call::<Tokens>(Some(StoreCall::Tokens), *refresh);
    let issued = use_state(|| None::<Issued>);
    let outcome = use_state(|| None::<String>);
    let name = use_node_ref();
    let initials = use_node_ref();
    let role = use_state(|| Role::Agent);

    let answered = {
        let refresh = refresh.clone();
        let outcome = outcome.setter();
        let issued = issued.setter();
        move |answer: StoreAnswer| {
            match answer {
                StoreAnswer::Ok { body } => match serde_json::from_value::<Issued>(body) {
                    Ok(token) => issued.set(Some(token)),
                    Err(_) => outcome.set(Some(t("console_token_revoked"))),
                },
                StoreAnswer::Failed { code, message, .. } => outcome.set(Some(t_with(
                    "console_token_refused",
                    &[&refusal_text(&message, &code)],
                ))),
            }
            refresh.set(*refresh + 1);
        }
    };
    let on_issue = {
        let link = link.clone();
        let answered = answered.clone();
        let (name, initials, role) = (name.clone(), initials.clone(), *role);
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let value = |node: &NodeRef| {
                node.cast::<HtmlInputElement>()
                    .map(|input| input.value())
                    .unwrap_or_default()
            };
            let call = StoreCall::IssueToken {
                name: value(&name),
                initials: value(&initials),
                role,
            };
            link.call(call, Callback::from(answered.clone()));
        })
    };
    let on_role = {
        let role = role.setter();
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            role.set(value.parse().unwrap_or(Role::Agent));
        })
    };
    let list = match &fetched {
        Fetched::Ready(tokens) => {
            let rows = tokens.tokens.iter().map(|token| {
                let revoke = token.revoked_at.is_none().then(|| {
                    let link = link.clone();
                    let answered = answered.clone();
                    let id = token.token_id.clone();
                    let onclick = Callback::from(move |_| link.call(StoreCall::RevokeToken { id: id.clone() }, Callback::from(answered.clone())));
                    html! { <button type="button" {onclick} aria-label={t_with("console_token_revoke_named", &[&token.name])}>{ t("console_token_revoke") }</button> }
                });
                html! {
                    <tr key={token.token_id.clone()}>
                        <th scope="row" dir="auto">{ token.name.clone() }</th>
                        <td>{ role_name(token.role) }</td>
                        <td><code>{ token.token_id.clone() }</code></td>
                        <td>{ local_time_ms(token.created_at) }</td>
                        <td>{ token.revoked_at.map_or_else(|| t("console_token_active"), |at| t_with("console_token_revoked_at", &[&local_time_ms(at)])) }</td>
                        <td>{ for revoke }</td>
                    </tr>
                }
            });
            html! {
                <table class="tokens">
                    <caption>{ t("console_tokens") }</caption>
                    <thead><tr><th scope="col">{ t("console_token_member") }</th><th scope="col">{ t("console_role") }</th><th scope="col">{ t("console_token_id") }</th>
                        <th scope="col">{ t("console_token_issued") }</th><th scope="col">{ t("console_token_state") }</th><th scope="col">{ t("console_token_action") }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        }
        other => html! {
            <FetchNotice what={t("console_tokens")} loading={t("console_tokens_loading")} state={other.status()} />
        },
    };
    let shown_once = (*issued).clone().map(|token| {
        let secret = token.token.clone();
        let copy = Callback::from(move |_| {
            if let Some(window) = web_sys::window() {
                // The promise's outcome is the browser's to show; the token stays on screen either way.
                let _ = window.navigator().clipboard().write_text(&secret);
            }
        });
        html! {
            <div class="issued" role="status">
                <p>{ t("console_token_shown_once") }</p>
                <code class="secret">{ token.token.clone() }</code>
                <button type="button" onclick={copy}>{ t("console_token_copy") }</button>
            </div>
        }
    });
    html! {
        <div class="tokens-panel">
            <h3>{ t("console_tokens") }</h3>
            { list }
            <form class="issue-token" onsubmit={on_issue}>
                <label for="token-name">{ t("console_name") }</label>
                <input id="token-name" ref={name} required=true />
                <label for="token-initials">{ t("console_token_initials") }</label>
                <input id="token-initials" ref={initials} required=true />
                <label for="token-role">{ t("console_role") }</label>
                <select id="token-role" onchange={on_role}>
                    { for [Role::Agent, Role::Lead, Role::Admin].into_iter().map(|choice| html! {
                        <option value={choice.as_str()} selected={choice == *role}>{ role_name(choice) }</option>
                    }) }
                </select>
                <button type="submit">{ t("console_token_issue") }</button>
            </form>
            { for shown_once }
            if let Some(text) = (*outcome).clone() {
                <p class="notice" role="status" dir="auto">{ text }</p>
            }
        </div>
    }
}
