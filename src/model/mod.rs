//! The domain model shared by the extension, the store and the command line.

mod item;
mod platform;

pub use item::{ItemKey, ItemKind, ParseItemKeyError};
pub use platform::{ParsePlatformError, Platform};
