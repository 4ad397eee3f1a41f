//! The options page application: the sign-in and sign-out flows.

use super::account::{connected_as, Account};
use super::connect_form::{ConnectForm, Outcome, Stage};
use super::PERMISSION_PROMPT_TIMEOUT_MS;
use crate::clock::{use_clock, Clock, Timer};
use crate::i18n::t;
use crate::port::{use_worker_link, ExtensionHandle, LinkEvent, WorkerLink};
use js_sys::Promise;
use socialcare_views::{
    ConnectError, ConnectResult, FromPage, PanelView, SessionView, ToPage, OPTIONS_PORT,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen_futures::JsFuture;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Properties of [`OptionsApp`]; the defaults are the real browser's.
#[derive(Properties, PartialEq, Clone, Default)]
pub struct OptionsAppProps {
    /// Where the port to the worker and the permission prompt come from.
    #[prop_or_default]
    pub extension: ExtensionHandle,
    /// The clock (the permission prompt's time limit, reconnection waits).
    #[prop_or_default]
    pub clock: Clock,
}

/// The options page: who is signed in (with **Sign out**) and the sign-in
/// form, over the [`OPTIONS_PORT`] port.
#[function_component(OptionsApp)]
pub fn options_app(props: &OptionsAppProps) -> Html {
    html! {
        <ContextProvider<Clock> context={props.clock.clone()}>
            <OptionsPage extension={props.extension.clone()} />
        </ContextProvider<Clock>>
    }
}

/// Everything the page shows.
#[derive(Debug, Clone, Default, PartialEq)]
struct PageState {
    /// The worker's latest view (session, unsynced count).
    view: Option<Rc<PanelView>>,
    /// The session a `Connected` answer named, until the next view.
    answered: Option<SessionView>,
    store_url: AttrValue,
    token: AttrValue,
    stage: Stage,
    outcome: Option<Outcome>,
    /// Whether the agent is asked to confirm losing unsynced actions.
    confirming: bool,
}

/// What changes the page.
enum Action {
    View(Rc<PanelView>),
    StoreUrl(String),
    Token(String),
    Submitted,
    Answer(ConnectResult),
    AskingPermission(String),
    PermissionGranted,
    PermissionRefused { origin: String, detail: String },
    SignOutPressed,
    SignedOut { done: bool },
    CancelSignOut,
    Unavailable(String),
}

impl Reducible for PageState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::View(view) => {
                // Offer the signed-in store's URL until the agent types one.
                if let (Some(session), true) = (&view.session, next.store_url.is_empty()) {
                    next.store_url = session.store_url.clone().into();
                }
                next.view = Some(view);
                next.answered = None;
            }
            Action::StoreUrl(url) => next.store_url = url.into(),
            Action::Token(token) => next.token = token.into(),
            Action::Submitted => {
                next.stage = Stage::Connecting;
                next.outcome = None;
            }
            Action::Answer(ConnectResult::Connected { session }) => {
                next.stage = Stage::Idle;
                // The token is never shown again.
                next.token = AttrValue::default();
                next.outcome = Some(Outcome::Connected(connected_as(&session).into()));
                next.answered = Some(session);
                next.confirming = false;
            }
            Action::Answer(ConnectResult::Failed { code, message, .. }) => {
                next.stage = Stage::Idle;
                next.outcome = Some(Outcome::Failed {
                    code,
                    detail: message.into(),
                });
            }
            Action::AskingPermission(origin) => {
                next.stage = Stage::AskingPermission(origin.into());
                next.outcome = None;
            }
            Action::PermissionGranted => next.stage = Stage::Connecting,
            Action::PermissionRefused { origin, detail } => {
                next.stage = Stage::Idle;
                next.outcome = Some(Outcome::PermissionRefused {
                    origin: origin.into(),
                    detail: detail.into(),
                });
            }
            Action::SignOutPressed => next.confirming = true,
            Action::SignedOut { done: true } => {
                next.confirming = false;
                next.answered = None;
                next.outcome = Some(Outcome::SignedOut);
            }
            Action::SignedOut { done: false } => next.confirming = true,
            Action::CancelSignOut => next.confirming = false,
            Action::Unavailable(why) => {
                next.stage = Stage::Idle;
                next.outcome = Some(Outcome::Unavailable(why.into()));
            }
        }
        Rc::new(next)
    }
}

impl PageState {
    /// Who is signed in: the view's session, or the one just answered.
    fn session(&self) -> Option<&SessionView> {
        self.view
            .as_ref()
            .and_then(|view| view.session.as_ref())
            .or(self.answered.as_ref())
    }

    /// Actions that have not reached the store.
    fn pending(&self) -> u32 {
        self.view.as_ref().map_or(0, |view| view.sync.pending)
    }
}

/// A sign-in under way: what was submitted, kept until the worker answers
/// (a granted permission sends it again).
struct Attempt {
    store_url: String,
    token: String,
    /// Whether the permission has been asked for already in this attempt.
    asked: bool,
    /// The permission prompt's time limit while it is open.
    prompt: Option<Timer>,
    /// The permission prompt opened by the click itself, where the browser
    /// allows it nowhere else (see [`crate::port::Extension::asks_in_the_click`]).
    early: Option<Promise>,
}

/// What the flows share across renders.
#[derive(Default)]
struct Flows {
    /// The sign-in under way, if any.
    attempt: RefCell<Option<Attempt>>,
    /// The port, once the link exists (the answers' handler posts on it).
    link: RefCell<Option<WorkerLink>>,
}

/// Properties of [`OptionsPage`].
#[derive(Properties, PartialEq, Clone)]
struct OptionsPageProps {
    extension: ExtensionHandle,
}

/// [`OptionsApp`] inside its clock's context.
#[function_component(OptionsPage)]
fn options_page(props: &OptionsPageProps) -> Html {
    let state = use_reducer(PageState::default);
    let flows = use_memo((), |_| Flows::default());
    let clock = use_clock();
    let on_event = {
        let (dispatcher, flows) = (state.dispatcher(), flows.clone());
        let (extension, clock) = (props.extension.clone(), clock.clone());
        Callback::from(move |event| match event {
            LinkEvent::Message(message) => match *message {
                ToPage::View { view } => dispatcher.dispatch(Action::View(Rc::new(view))),
                ToPage::Connected { result } => {
                    answered(result, &flows, &extension, &clock, &dispatcher)
                }
                ToPage::SignedOut { done } => dispatcher.dispatch(Action::SignedOut { done }),
                // Search answers and refused panel actions are the panel's.
                ToPage::SearchResults { .. } | ToPage::Refused { .. } => {}
            },
            LinkEvent::Unreadable(why) | LinkEvent::Unavailable(why) => {
                flows.attempt.replace(None);
                dispatcher.dispatch(Action::Unavailable(why))
            }
        })
    };
    let link = use_worker_link(&props.extension, OPTIONS_PORT, on_event);
    flows.link.replace(Some(link.clone()));

    let on_connect = {
        let (state, flows, link) = (state.clone(), flows.clone(), link.clone());
        let extension = props.extension.clone();
        Callback::from(move |()| {
            let store_url = state.store_url.trim().to_owned();
            let early = extension
                .0
                .asks_in_the_click()
                .then(|| origin_pattern(&store_url))
                .flatten()
                .and_then(|pattern| extension.0.request_host_permission(&pattern).ok());
            let attempt = Attempt {
                store_url,
                token: state.token.trim().to_owned(),
                asked: false,
                prompt: None,
                early,
            };
            link.post(&FromPage::Connect {
                store_url: attempt.store_url.clone(),
                token: attempt.token.clone(),
            });
            flows.attempt.replace(Some(attempt));
            state.dispatch(Action::Submitted);
        })
    };
    let dispatch = |make: fn(String) -> Action| {
        let dispatcher = state.dispatcher();
        Callback::from(move |value| dispatcher.dispatch(make(value)))
    };
    let sign_out = |discard_unsynced: bool| {
        let (link, dispatcher) = (link.clone(), state.dispatcher());
        Callback::from(move |()| {
            link.post(&FromPage::SignOut { discard_unsynced });
            if !discard_unsynced {
                // The worker answers `done: false` if actions still wait.
                return;
            }
            dispatcher.dispatch(Action::CancelSignOut);
        })
    };
    let on_sign_out = {
        let (pending, dispatcher, plain) = (state.pending(), state.dispatcher(), sign_out(false));
        Callback::from(move |()| match pending {
            0 => plain.emit(()),
            _ => dispatcher.dispatch(Action::SignOutPressed),
        })
    };
    let on_cancel = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::CancelSignOut))
    };
    html! {
        <main class="options">
            // The product's name, the same in every language.
            <h1>{ "Socialcare" }</h1>
            if let Some(session) = state.session() {
                <Account
                    session={session.clone()}
                    pending={state.pending()}
                    confirming={state.confirming}
                    {on_sign_out}
                    on_confirm={sign_out(true)}
                    {on_cancel}
                />
            }
            <ConnectForm
                store_url={state.store_url.clone()}
                token={state.token.clone()}
                stage={state.stage.clone()}
                outcome={state.outcome.clone()}
                on_store_url={dispatch(Action::StoreUrl)}
                on_token={dispatch(Action::Token)}
                {on_connect}
            />
        </main>
    }
}

/// The optional host permission pattern of a store URL (`https://host/*`),
/// as the worker asks for it; `None` for what is not an http(s) URL.
fn origin_pattern(store_url: &str) -> Option<String> {
    let url = web_sys::Url::new(store_url).ok()?;
    let protocol = url.protocol();
    (protocol == "https:" || protocol == "http:")
        .then(|| format!("{protocol}//{}/*", url.hostname()))
}

/// Handles the worker's answer to a sign-in, in the task it arrived in:
/// a `PermissionNeeded` answer asks for the origin right here, while the
/// click's user activation lasts.
fn answered(
    result: ConnectResult,
    flows: &Rc<Flows>,
    extension: &ExtensionHandle,
    clock: &Clock,
    dispatcher: &UseReducerDispatcher<PageState>,
) {
    let origin = match &result {
        ConnectResult::Failed {
            code: ConnectError::PermissionNeeded,
            origin_pattern: Some(origin),
            ..
        } => origin.clone(),
        _ => {
            flows.attempt.replace(None);
            dispatcher.dispatch(Action::Answer(result));
            return;
        }
    };
    let mut attempt = flows.attempt.borrow_mut();
    let Some(current) = attempt.as_mut().filter(|attempt| !attempt.asked) else {
        // Asked already (or no attempt of ours): granting did not help.
        drop(attempt);
        flows.attempt.replace(None);
        dispatcher.dispatch(Action::Answer(result));
        return;
    };
    current.asked = true;
    let asked = match current.early.take() {
        Some(prompt) => Ok(prompt),
        None => extension.0.request_host_permission(&origin),
    };
    let prompt = match asked {
        Ok(prompt) => prompt,
        Err(why) => {
            *attempt = None;
            dispatcher.dispatch(Action::PermissionRefused {
                origin,
                detail: why,
            });
            return;
        }
    };
    current.prompt = Some(clock.after(PERMISSION_PROMPT_TIMEOUT_MS, {
        let (flows, dispatcher, origin) = (flows.clone(), dispatcher.clone(), origin.clone());
        move || {
            // The attempt (and this timer) end here.
            let timed_out = flows.attempt.take();
            drop(timed_out);
            dispatcher.dispatch(Action::PermissionRefused {
                origin,
                detail: t("options_prompt_no_answer"),
            });
        }
    }));
    drop(attempt);
    dispatcher.dispatch(Action::AskingPermission(origin.clone()));
    let (flows, dispatcher) = (flows.clone(), dispatcher.clone());
    spawn_local(async move {
        let granted = JsFuture::from(prompt).await;
        let mut attempt = flows.attempt.borrow_mut();
        // Gone when the time limit passed first, or a new attempt began.
        let Some(current) = attempt.as_mut().filter(|attempt| attempt.prompt.is_some()) else {
            return;
        };
        current.prompt = None;
        match granted.map(|answer| answer.as_bool()) {
            Ok(Some(true)) => {
                let again = FromPage::Connect {
                    store_url: current.store_url.clone(),
                    token: current.token.clone(),
                };
                drop(attempt);
                dispatcher.dispatch(Action::PermissionGranted);
                if let Some(link) = flows.link.borrow().as_ref() {
                    link.post(&again);
                }
            }
            answer => {
                *attempt = None;
                let detail = match answer {
                    Err(error) => crate::webext::describe(&error),
                    Ok(_) => t("options_prompt_refused"),
                };
                drop(attempt);
                dispatcher.dispatch(Action::PermissionRefused { origin, detail });
            }
        }
    });
}
