//! The domain model shared by the extension, the store and the command line.

mod item;
mod observed;
mod platform;

pub use item::{ItemKey, ItemKind, ParseItemKeyError};
pub use observed::ObservedItem;
pub use platform::{ParsePlatformError, Platform};
