//! The side panel application: storage in, [`PanelView`] out.

use super::commands;
use super::panel_view::{FocusState, PanelView};
use super::recent::RECENT_LIMIT;
use super::storage::{self, FocusRead};
use socialcare::model::ItemKey;
use socialcare_views::focus::FocusedItem;
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;

/// What the panel shows and what it showed before.
#[derive(Default)]
struct PanelState {
    /// The item (or state) on screen.
    shown: FocusState,
    /// Earlier items, most recent first, at most [`RECENT_LIMIT`].
    recent: Rc<Vec<Rc<FocusedItem>>>,
    /// Whether a storage change has arrived (it is newer than the first read).
    heard_change: bool,
    /// Whether the recent items saved by an earlier panel have been read
    /// (until then, saving would overwrite them).
    restored: bool,
}

/// What changes the panel state.
enum Action {
    /// The first read of the stored focus finished.
    Read(FocusRead),
    /// The stored focus changed.
    Changed(FocusRead),
    /// The agent picked the recent entry of this item.
    Reopen(ItemKey),
    /// The recent items an earlier panel saved were read.
    Restored(Vec<FocusedItem>),
}

impl Reducible for PanelState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let (shown, heard_change) = match action {
            Action::Restored(saved) => return Rc::new(self.restore(saved)),
            // A change that arrived while the first read was in flight wins.
            Action::Read(_) if self.heard_change => return self,
            Action::Read(read) => (FocusState::from(read), false),
            Action::Changed(read) => (FocusState::from(read), true),
            Action::Reopen(key) => match self.recent.iter().find(|f| f.item.key == key) {
                Some(focus) => (FocusState::Focused(focus.clone()), self.heard_change),
                None => return self,
            },
        };
        let mut recent: Vec<Rc<FocusedItem>> = self.recent.as_ref().clone();
        // Whatever was on screen is kept, and an item is listed at most once.
        if let FocusState::Focused(previous) = &self.shown {
            recent.insert(0, previous.clone());
        }
        if let FocusState::Focused(now) = &shown {
            recent.retain(|earlier| earlier.item.key != now.item.key);
        }
        recent.truncate(RECENT_LIMIT);
        Rc::new(PanelState {
            shown,
            recent: Rc::new(recent),
            heard_change,
            restored: self.restored,
        })
    }
}

impl PanelState {
    /// This state with `saved` items listed after the current recent ones,
    /// each item once and never the one on screen.
    fn restore(&self, saved: Vec<FocusedItem>) -> PanelState {
        let mut recent: Vec<Rc<FocusedItem>> = self.recent.as_ref().clone();
        for item in saved {
            let on_screen =
                matches!(&self.shown, FocusState::Focused(now) if now.item.key == item.item.key);
            if !on_screen
                && recent
                    .iter()
                    .all(|earlier| earlier.item.key != item.item.key)
            {
                recent.push(Rc::new(item));
            }
        }
        recent.truncate(RECENT_LIMIT);
        PanelState {
            shown: self.shown.clone(),
            recent: Rc::new(recent),
            heard_change: self.heard_change,
            restored: true,
        }
    }
}

/// The side panel: subscribes to focus changes, reads the current focus, the
/// saved recent items and the focus shortcut, and shows the newest focus
/// with the earlier ones listed below it (saved as they change).
#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(PanelState::default);
    let shortcut = use_state(|| None::<AttrValue>);
    {
        let dispatcher = state.dispatcher();
        let shortcut = shortcut.setter();
        use_effect_with((), move |_| {
            let subscription = {
                let dispatcher = dispatcher.clone();
                storage::subscribe(move |change| dispatcher.dispatch(Action::Changed(change)))
            };
            match &subscription {
                Ok(_) => spawn_local(async move {
                    dispatcher.dispatch(Action::Read(storage::read_focus().await));
                    dispatcher.dispatch(Action::Restored(storage::read_recent().await));
                }),
                Err(error) => dispatcher.dispatch(Action::Read(Err(error.clone()))),
            }
            spawn_local(async move {
                shortcut.set(commands::focus_shortcut().await.map(AttrValue::from));
            });
            move || drop(subscription)
        });
    }
    {
        // Keep what the panel has shown across closing and reopening it: the
        // item on screen (which may be a reopened one, not the stored focus)
        // and the recent ones.
        let shown: Vec<Rc<FocusedItem>> = match &state.shown {
            FocusState::Focused(now) => std::iter::once(now.clone())
                .chain(state.recent.iter().cloned())
                .collect(),
            _ => state.recent.as_ref().clone(),
        };
        use_effect_with((shown, state.restored), |(shown, restored)| {
            if *restored {
                let shown = shown.clone();
                spawn_local(async move { storage::save_recent(&shown).await });
            }
        });
    }
    let on_reopen = {
        let dispatcher = state.dispatcher();
        Callback::from(move |key| dispatcher.dispatch(Action::Reopen(key)))
    };
    html! {
        <PanelView
            focus={state.shown.clone()}
            recent={state.recent.clone()}
            shortcut={(*shortcut).clone()}
            {on_reopen}
        />
    }
}
