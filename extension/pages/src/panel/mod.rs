//! The side panel (Chrome `side_panel`, Firefox `sidebar_action`), in Yew.
//!
//! It shows what the service worker sends on the [`PANEL_PORT`] port (a
//! `socialcare_views::PanelView`): the item under the agent's focus —
//! author, text, sentiment, care signals, permalink — with its ticket
//! (status, assignee, SLA), who else is on it, the sync state, the actions
//! the store refused, and the items focused before. The panel's buttons post
//! intents (`FromPage`) back; it keeps no state of its own beyond the last
//! view. Store and customer text is only ever rendered as text nodes; only
//! `https://` permalinks on the three sites' hosts become links.
//!
//! One module per component: [`app::App`] links the port (and the shortcut
//! from [`commands`]) to [`screen::Screen`], which shows the
//! [`sign_in_notice::SignInNotice`] or the [`sync_status::SyncStatus`] and
//! [`rejections::Rejections`], then the focused item —
//! [`presence::PresenceList`], [`ticket_section::TicketSection`] (with
//! [`status_select::StatusSelect`], [`assignee::Assignee`],
//! [`assign_select::AssignSelect`], [`priority_select::PrioritySelect`]
//! (both on [`select_field::SelectField`]), [`tag_editor::TagEditor`],
//! [`reminder_control::ReminderControl`], [`sla_countdown::SlaCountdown`]
//! and [`note_list::NoteList`] of [`note_entry::NoteEntry`] with its
//! [`note_form::NoteForm`]) and an [`item_card::ItemCard`] built from
//! [`author::Author`], [`sentiment_meter::SentimentMeter`],
//! [`care_signals::CareSignals`] and [`permalink::Permalink`] — or the
//! [`empty_state::EmptyState`], then the agent's [`queue::QueueSection`]
//! and the [`recent::RecentList`]. The
//! customer behind the item is a [`customer_section::CustomerSection`]
//! ([`identities::IdentityList`], [`link_suggestions::LinkSuggestions`],
//! [`history::HistoryList`]); [`search_box::SearchBox`] and
//! [`search_results::SearchResults`] search the replica's tickets; the
//! team's approved templates for the item are
//! [`suggested_replies::SuggestedReplies`], one [`reply_card::ReplyCard`] each,
//! previewed by the tone module ([`template_renderer`]) the page loads lazily.
//! The first view paints the item first: [`first_paint`] holds the parts an
//! agent reads after it (replies, customer, queue, recent items) for a frame.
//!
//! [`PANEL_PORT`]: socialcare_views::PANEL_PORT

pub mod app;
pub mod assign_select;
pub mod assignee;
pub mod author;
pub mod care_signals;
pub mod commands;
pub mod customer_section;
pub mod empty_state;
pub mod first_paint;
pub mod focus_section;
pub mod history;
pub mod identities;
pub mod item_card;
pub mod link_suggestions;
pub mod note_entry;
pub mod note_form;
pub mod note_list;
pub mod permalink;
pub mod presence;
pub mod priority_select;
pub mod queue;
pub mod recent;
pub mod rejections;
pub mod reminder_control;
pub mod reply_card;
pub mod screen;
pub mod search_box;
pub mod search_results;
pub mod select_field;
pub mod sentiment_meter;
pub mod sign_in_notice;
pub mod sla_countdown;
pub mod status_select;
pub mod suggested_replies;
pub mod sync_status;
pub mod tag_editor;
pub mod template_renderer;
pub mod ticket_section;
pub mod tone_findings;
pub mod when;

use wasm_bindgen::prelude::*;

/// Mounts the side panel into the element with id [`crate::ROOT_ID`] (else
/// `<body>`). Called by `sidepanel.js` once the wasm module is initialised.
#[wasm_bindgen]
pub fn start_side_panel() {
    crate::mount::<app::App>();
}
