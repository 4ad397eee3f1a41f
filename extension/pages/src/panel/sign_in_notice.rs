//! What the panel says when nobody is signed in to the team's store.

use crate::i18n::t;
use yew::prelude::*;

/// Properties of [`SignInNotice`].
#[derive(Properties, PartialEq, Clone)]
pub struct SignInNoticeProps {
    /// Called when the agent asks to sign in (the worker opens the options page).
    pub on_sign_in: Callback<()>,
}

/// A short notice that tickets need the store, with a **Sign in** button.
#[function_component(SignInNotice)]
pub fn sign_in_notice(props: &SignInNoticeProps) -> Html {
    let on_sign_in = props.on_sign_in.clone();
    html! {
        <section class="sign-in" aria-label={t("panel_signed_out")}>
            <p>{ t("panel_sign_in_notice") }</p>
            <button type="button" onclick={move |_| on_sign_in.emit(())}>{ t("common_sign_in") }</button>
        </section>
    }
}
