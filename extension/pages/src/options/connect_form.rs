//! The sign-in form: store URL, token, Connect, and how it went.

use crate::i18n::{t, t_with};
use socialcare_views::ConnectError;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// How the last sign-in went, as the form reports it.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Signed in as this agent and role.
    Connected(AttrValue),
    /// The worker said no.
    Failed {
        /// Why, as a stable code.
        code: ConnectError,
        /// The worker's words.
        detail: AttrValue,
    },
    /// The browser's permission for the store's origin was not granted.
    PermissionRefused {
        /// The origin asked for.
        origin: AttrValue,
        /// Why (refused, no answer, or the browser's error).
        detail: AttrValue,
    },
    /// Signed out.
    SignedOut,
    /// The worker cannot be reached from this page.
    Unavailable(AttrValue),
}

/// Where the form is.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum Stage {
    /// Waiting for the agent.
    #[default]
    Idle,
    /// Waiting for the worker's answer.
    Connecting,
    /// Waiting for the browser's permission prompt for this origin.
    AskingPermission(AttrValue),
}

/// Properties of [`ConnectForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct ConnectFormProps {
    /// The store URL typed so far.
    pub store_url: AttrValue,
    /// The token typed so far (cleared once connected).
    pub token: AttrValue,
    /// Where the form is.
    pub stage: Stage,
    /// How the last attempt went, if there was one.
    #[prop_or_default]
    pub outcome: Option<Outcome>,
    /// Called with the store URL as it is typed.
    pub on_store_url: Callback<String>,
    /// Called with the token as it is typed.
    pub on_token: Callback<String>,
    /// Called when the agent submits the form.
    pub on_connect: Callback<()>,
}

/// **Store URL** and **Token** (a password field) and **Connect** (disabled
/// while an attempt is under way), then what happened, in words.
#[function_component(ConnectForm)]
pub fn connect_form(props: &ConnectFormProps) -> Html {
    let onsubmit = {
        let on_connect = props.on_connect.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            on_connect.emit(());
        })
    };
    let busy = props.stage != Stage::Idle;
    let progress = match &props.stage {
        Stage::Idle => None,
        Stage::Connecting => Some(t("options_connecting")),
        Stage::AskingPermission(origin) => Some(t_with("options_asking_permission", &[origin])),
    };
    html! {
        <form class="connect" {onsubmit}>
            <h2>{ t("options_connect_heading") }</h2>
            <p>
                <label for="store-url">{ t("options_store_url") }</label>
                <input id="store-url" type="url" required=true placeholder={t("options_store_url_placeholder")}
                    autocomplete="url" spellcheck="false"
                    value={props.store_url.clone()} oninput={typed(&props.on_store_url)} />
            </p>
            <p>
                <label for="token">{ t("options_token") }</label>
                <input id="token" type="password" required=true autocomplete="off" spellcheck="false"
                    value={props.token.clone()} oninput={typed(&props.on_token)} />
            </p>
            <button type="submit" disabled={busy}>{ t("options_connect") }</button>
            <p class="progress" role="status">{ progress.unwrap_or_default() }</p>
            { outcome(props.outcome.as_ref()) }
        </form>
    }
}

/// An `input` handler passing the field's value on.
fn typed(on_value: &Callback<String>) -> Callback<InputEvent> {
    let on_value = on_value.clone();
    Callback::from(move |event: InputEvent| {
        if let Some(input) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
        {
            on_value.emit(input.value());
        }
    })
}

/// The outcome as a paragraph: a status when it went well, an alert when not.
fn outcome(outcome: Option<&Outcome>) -> Html {
    let Some(outcome) = outcome else {
        return Html::default();
    };
    let (class, role, text) = match outcome {
        Outcome::Connected(who) => ("outcome-ok", "status", who.to_string()),
        Outcome::SignedOut => ("outcome-ok", "status", t("options_signed_out")),
        Outcome::Failed { code, detail } => (
            "outcome-error",
            "alert",
            t_with("options_failed", &[&failure_message(*code), detail]),
        ),
        Outcome::PermissionRefused { origin, detail } => (
            "outcome-error",
            "alert",
            t_with("options_permission_refused", &[origin, detail]),
        ),
        Outcome::Unavailable(why) => (
            "outcome-error",
            "alert",
            t_with("options_unavailable", &[why]),
        ),
    };
    html! { <p class={classes!("outcome", class)} {role} dir="auto">{ text }</p> }
}

/// What a failed sign-in means, per code.
pub fn failure_message(code: ConnectError) -> String {
    t(match code {
        ConnectError::InvalidUrl => "options_invalid_url",
        ConnectError::Unreachable => "options_unreachable",
        ConnectError::PermissionNeeded => "options_permission_needed",
        ConnectError::PermissionDenied => "options_permission_denied",
        ConnectError::TokenRefused => "options_token_refused",
        ConnectError::NotAStore => "options_not_a_store",
    })
}
