//! Who is signed in, and signing out (with a warning about unsynced actions).

use crate::format::number;
use crate::i18n::{t, t_count, t_with};
use crate::names::role_name;
use socialcare_views::SessionView;
use yew::prelude::*;

/// Properties of [`Account`].
#[derive(Properties, PartialEq, Clone)]
pub struct AccountProps {
    /// The session.
    pub session: SessionView,
    /// Actions that have not reached the store yet.
    pub pending: u32,
    /// Whether the agent is being asked to confirm losing them.
    pub confirming: bool,
    /// Called when the agent presses **Sign out**.
    pub on_sign_out: Callback<()>,
    /// Called when the agent confirms signing out despite unsynced actions.
    pub on_confirm: Callback<()>,
    /// Called when the agent keeps the session after all.
    pub on_cancel: Callback<()>,
}

/// "Connected as NAME (ROLE)", the store, the token's last characters, and
/// **Sign out**; while confirming, the warning "N actions have not reached
/// the store and will be lost" with **Sign out anyway** and **Cancel**.
#[function_component(Account)]
pub fn account(props: &AccountProps) -> Html {
    let session = &props.session;
    let emit = |callback: &Callback<()>| {
        let callback = callback.clone();
        Callback::from(move |_: MouseEvent| callback.emit(()))
    };
    html! {
        <section class="account" aria-labelledby="account-heading">
            <h2 id="account-heading">{ t("options_signed_in") }</h2>
            <p class="connected-as" dir="auto">
                { connected_as(session) }
            </p>
            <dl class="session">
                <dt>{ t("options_store") }</dt>
                <dd class="session-store">{ session.store_url.clone() }</dd>
                <dt>{ t("options_token") }</dt>
                <dd class="session-token">{ t_with("options_token_ending", &[&session.token_hint]) }</dd>
            </dl>
            <p><a class="console-link" href="console.html" target="_blank">{ t("options_open_console") }</a></p>
            if props.confirming {
                <div class="sign-out-warning" role="alert">
                    <p>{ unsynced_warning(props.pending) }</p>
                    <button type="button" class="danger" onclick={emit(&props.on_confirm)}>{ t("options_sign_out_anyway") }</button>
                    { " " }
                    <button type="button" onclick={emit(&props.on_cancel)}>{ t("common_cancel") }</button>
                </div>
            } else {
                <button type="button" onclick={emit(&props.on_sign_out)}>{ t("options_sign_out") }</button>
            }
        </section>
    }
}

/// The warning before unsynced actions are thrown away.
pub fn unsynced_warning(pending: u32) -> String {
    let pending = f64::from(pending);
    t_count("options_unsynced", pending, &[&number(pending)])
}

/// "Connected as NAME (ROLE)".
pub fn connected_as(session: &SessionView) -> String {
    let role = role_name(session.role);
    t_with("options_connected_as", &[&session.agent.name, &role])
}
