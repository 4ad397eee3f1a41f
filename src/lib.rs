//! Socialcare core: everything the extension, the store and the command line
//! share. Pure Rust with no DOM and no I/O, so it compiles natively and to
//! WebAssembly alike.
//!
//! Modules:
//! - [`model`]: the domain model (platforms, items, tickets, customers…).
//! - [`sites`]: site profiles for X, Facebook and Instagram (data the content
//!   script interprets).
//! - [`sentiment`]: VADER-faithful sentiment.
//! - [`care`]: care signals on top of sentiment (urgency, anger, intent, language).
//! - [`tone`]: the lead's tone policy and its rules.
//! - [`templates`]: approved reply templates: rendering, approval, suggestions.
//! - [`sync`]: the sync protocol shared by the extension and the store.
//! - [`customers`]: customers across platforms: linked profiles, history, link suggestions, search.
//! - [`ideas`]: customers' product ideas grouped by similar wording, for the product team.
//! - [`spreadsheet`]: CSV exports that spreadsheets open as text, never as formulas.

pub mod care;
pub mod customers;
pub mod ideas;
pub mod model;
pub mod report;
pub mod sentiment;
pub mod sites;
pub mod spreadsheet;
pub mod sync;
pub mod templates;
pub mod tone;
