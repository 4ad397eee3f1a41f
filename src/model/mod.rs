//! The domain model shared by the extension, the store and the command line.

mod audit;
mod conversation;
mod customer;
mod document;
mod item;
mod member;
mod note;
mod observed;
mod platform;
mod settings;
mod ticket;

pub use audit::{AuditEntry, AuditOutcome};
pub use conversation::Conversation;
pub use customer::{Customer, Identity, PageAuthor, RejectedIdentity};
pub use document::{Guideline, Prompt, PromptKind, Template, TemplateState, TemplateVariant};
pub use item::{ItemKey, ItemKind, ParseItemKeyError};
pub use member::{Member, ParseRoleError, Role};
pub use note::Note;
pub use observed::ObservedItem;
pub use platform::{ParsePlatformError, Platform};
pub use settings::{BusinessHours, TeamSettings};
pub use ticket::{
    FieldClock, ParseTicketStatusError, Priority, Reminder, Ticket, TicketClocks, TicketStatus,
};
