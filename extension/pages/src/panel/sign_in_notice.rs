//! What the panel says when nobody is signed in to the team's store.

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
        <section class="sign-in" aria-label="Not signed in">
            <p>{ "Not signed in: tickets, claims and who else is on an item need your team's store." }</p>
            <button type="button" onclick={move |_| on_sign_in.emit(())}>{ "Sign in" }</button>
        </section>
    }
}
