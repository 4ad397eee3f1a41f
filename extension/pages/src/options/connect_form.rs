//! The sign-in form: store URL, token, Connect, and how it went.

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
        Stage::Connecting => Some("Connecting…".to_owned()),
        Stage::AskingPermission(origin) => Some(format!(
            "Your browser asks whether Socialcare may reach {origin}: allow it to connect."
        )),
    };
    html! {
        <form class="connect" {onsubmit}>
            <h2>{ "Connect to your team's store" }</h2>
            <p>
                <label for="store-url">{ "Store URL" }</label>
                <input id="store-url" type="url" required=true placeholder="https://care.example.com"
                    autocomplete="url" spellcheck="false"
                    value={props.store_url.clone()} oninput={typed(&props.on_store_url)} />
            </p>
            <p>
                <label for="token">{ "Token" }</label>
                <input id="token" type="password" required=true autocomplete="off" spellcheck="false"
                    value={props.token.clone()} oninput={typed(&props.on_token)} />
            </p>
            <button type="submit" disabled={busy}>{ "Connect" }</button>
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
        Outcome::SignedOut => ("outcome-ok", "status", "Signed out.".to_owned()),
        Outcome::Failed { code, detail } => (
            "outcome-error",
            "alert",
            format!("{} ({detail})", failure_message(*code)),
        ),
        Outcome::PermissionRefused { origin, detail } => (
            "outcome-error",
            "alert",
            format!(
                "Permission not granted: Socialcare may not reach {origin} ({detail}). Press Connect to ask again."
            ),
        ),
        Outcome::Unavailable(why) => (
            "outcome-error",
            "alert",
            format!("The extension's background is unavailable: {why}"),
        ),
    };
    html! { <p class={classes!("outcome", class)} {role} dir="auto">{ text }</p> }
}

/// What a failed sign-in means, per code.
pub fn failure_message(code: ConnectError) -> &'static str {
    match code {
        ConnectError::InvalidUrl => {
            "Not a store URL: enter an http:// or https:// address, e.g. https://care.example.com."
        }
        ConnectError::Unreachable => {
            "Store unreachable: nothing answered at that address. Check the URL and that the store is running."
        }
        ConnectError::PermissionNeeded => {
            "Your browser blocked the store and did not say which origin to allow."
        }
        ConnectError::PermissionDenied => {
            "Permission not granted: the browser did not allow Socialcare to reach the store."
        }
        ConnectError::TokenRefused => {
            "Token refused: the store did not accept this token. Ask your admin for a new one."
        }
        ConnectError::NotAStore => "That address answered, but not as a Socialcare store.",
    }
}
