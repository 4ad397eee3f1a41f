//! The side panel application: the worker's views in, the agent's intents out.

use super::commands;
use super::screen::{Screen, ScreenState};
use crate::clock::Clock;
use crate::port::{use_worker_link, ExtensionHandle, LinkEvent};
use socialcare_views::{FromPage, RefusedAction, SearchView, ToPage, PANEL_PORT};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Properties of [`App`]; the defaults are the real browser's.
#[derive(Properties, PartialEq, Clone, Default)]
pub struct AppProps {
    /// Where the port to the worker comes from.
    #[prop_or_default]
    pub extension: ExtensionHandle,
    /// The clock (SLA countdowns, reconnection waits).
    #[prop_or_default]
    pub clock: Clock,
}

/// The side panel: connects the [`PANEL_PORT`] port (reconnecting when the
/// worker stops), shows each view the worker sends with [`Screen`], posts
/// the agent's intents on the port, and reads the focus shortcut.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    html! {
        <ContextProvider<Clock> context={props.clock.clone()}>
            <Panel extension={props.extension.clone()} />
        </ContextProvider<Clock>>
    }
}

/// Properties of [`Panel`].
#[derive(Properties, PartialEq, Clone)]
struct PanelProps {
    extension: ExtensionHandle,
}

/// [`App`] inside its clock's context.
#[function_component(Panel)]
fn panel(props: &PanelProps) -> Html {
    let state = use_state(ScreenState::default);
    let search = use_state(|| None::<Rc<SearchView>>);
    let refused = use_reducer(RefusedHere::default);
    let on_event = {
        let (state, search, refused) = (state.setter(), search.setter(), refused.dispatcher());
        Callback::from(move |event| match event {
            LinkEvent::Message(message) => match *message {
                ToPage::View { view } => state.set(ScreenState::Ready(Rc::new(view))),
                ToPage::SearchResults { search: found } => search.set(Some(Rc::new(found))),
                ToPage::Refused { refusal } => refused.dispatch(RefusedEdit::Add(refusal)),
                // Answers to the options page's requests are not the panel's.
                ToPage::Connected { .. } | ToPage::SignedOut { .. } => {}
            },
            LinkEvent::Unreadable(why) | LinkEvent::Unavailable(why) => {
                state.set(ScreenState::Failed(why.into()))
            }
        })
    };
    let link = use_worker_link(&props.extension, PANEL_PORT, on_event);
    let shortcut = use_state(|| None::<AttrValue>);
    {
        let shortcut = shortcut.setter();
        use_effect_with((), move |_| {
            spawn_local(async move {
                shortcut.set(commands::focus_shortcut().await.map(AttrValue::from));
            });
        });
    }
    // The same callback for as long as the link lives, so a new view or a
    // search answer re-renders only the components whose data changed.
    let on_intent = use_callback(link, |intent: FromPage, link| link.post(&intent));
    let on_dismiss_refused = {
        let refused = refused.dispatcher();
        Callback::from(move |index| refused.dispatch(RefusedEdit::Dismiss(index)))
    };
    html! {
        <Screen
            state={(*state).clone()}
            {on_intent}
            shortcut={(*shortcut).clone()}
            search={(*search).clone()}
            refused={refused.0.clone()}
            {on_dismiss_refused}
        />
    }
}

/// The most refusals of this panel's own actions kept on screen.
const REFUSED_KEPT: usize = 5;

/// This panel's actions the worker refused, newest first, until dismissed.
#[derive(Default, PartialEq)]
struct RefusedHere(Vec<RefusedAction>);

/// A change to [`RefusedHere`].
enum RefusedEdit {
    /// The worker refused an action of this panel.
    Add(RefusedAction),
    /// The agent dismissed the refusal at this index.
    Dismiss(usize),
}

impl Reducible for RefusedHere {
    type Action = RefusedEdit;

    fn reduce(self: Rc<Self>, action: RefusedEdit) -> Rc<Self> {
        let mut refused = self.0.clone();
        match action {
            RefusedEdit::Add(refusal) => {
                refused.insert(0, refusal);
                refused.truncate(REFUSED_KEPT);
            }
            RefusedEdit::Dismiss(index) if index < refused.len() => {
                refused.remove(index);
            }
            RefusedEdit::Dismiss(_) => return self,
        }
        Rc::new(Self(refused))
    }
}
