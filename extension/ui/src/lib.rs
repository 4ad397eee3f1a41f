//! The extension's one UI module: every page's entry point in one
//! WebAssembly module, so Yew, serde and the view models are shipped once
//! (docs/extension.md, "One UI module"). `make extension` builds this crate
//! as a `cdylib`; the pages and the console stay libraries of their own.

pub use socialcare_console::start_console_page;
pub use socialcare_pages::{options::start_options_page, panel::start_side_panel};
