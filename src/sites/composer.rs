//! The sites' own reply boxes, as data: where a composer is, which editor it
//! runs, which controls and keys send it, and which item it answers.
//!
//! The content script has one module per [`EditorKind`] and no site
//! knowledge: it finds composers with [`Composer::editor`], holds sends with
//! [`Composer::send_controls`] and [`Composer::send_keys`], and asks the
//! worker about the item [`Composer::answers`] names. No selector depends on
//! UI text (labels are translated).

use super::strings;
use serde::{Deserialize, Serialize};

/// One reply box of a site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Composer {
    /// A stable name, `<platform>.<composer>`.
    pub name: String,
    /// What a reply written here is.
    pub place: ComposerPlace,
    /// Regular expressions (JavaScript syntax, matched against
    /// `location.pathname`) of the routes the composer appears on. Empty: every route.
    pub routes: Vec<String>,
    /// The editor the site runs in it.
    pub editor_kind: EditorKind,
    /// Selector chain of the editable element itself (the element that
    /// takes focus: the `contenteditable` root or the `textarea`).
    pub editor: Vec<String>,
    /// Selector of the composer's closest ancestor that also holds its send
    /// controls (a form, the reply box).
    pub region: String,
    /// Selectors of the controls that send, looked up inside the region
    /// (buttons and `div[role=button]` alike).
    pub send_controls: Vec<String>,
    /// The keys that send from inside the editor.
    pub send_keys: Vec<SendKey>,
    /// The item a reply written here answers.
    pub answers: ComposerTarget,
}

/// What a reply written in a composer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComposerPlace {
    /// A public reply to a post.
    PostReply,
    /// A public comment (or a reply to a comment).
    Comment,
    /// A private message.
    Dm,
}

impl ComposerPlace {
    /// Whether replies written here are public (the public-reply guard applies).
    pub fn is_public(self) -> bool {
        !matches!(self, ComposerPlace::Dm)
    }
}

/// The editor a composer runs; the content script has one module per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EditorKind {
    /// Draft.js (X): text goes in by a synthetic paste.
    Draftjs,
    /// Lexical (Facebook, Messenger, Instagram DMs): text goes in by `beforeinput`.
    Lexical,
    /// A plain `<textarea>`: `execCommand('insertText')`, the native setter as fallback.
    Textarea,
}

/// A key that sends from inside the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SendKey {
    /// `KeyboardEvent.key`, e.g. `Enter`.
    pub key: String,
    /// Whether Ctrl (Cmd on macOS) must be held; when false, Shift must not be
    /// (Shift+Enter is a new line).
    pub ctrl_or_meta: bool,
}

impl SendKey {
    /// Enter alone sends (Messenger, Instagram DMs, Facebook comments).
    pub fn enter() -> SendKey {
        SendKey {
            key: "Enter".into(),
            ctrl_or_meta: false,
        }
    }

    /// Ctrl/Cmd+Enter sends (X).
    pub fn ctrl_enter() -> SendKey {
        SendKey {
            key: "Enter".into(),
            ctrl_or_meta: true,
        }
    }
}

/// How a composer maps to the item it answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ComposerTarget {
    /// The innermost container of these surfaces around the composer (a
    /// comment box inside the comment it replies to, or inside its post).
    Within {
        /// The surfaces' names.
        surfaces: Vec<String>,
    },
    /// The last container of this surface on the page (the newest message of
    /// the open conversation).
    Last {
        /// The surface's name.
        surface: String,
    },
    /// The item the side panel shows (a composer with no item around it, e.g.
    /// X's reply box under a post).
    Focused,
}

impl Composer {
    /// A composer with every field spelled out; `answers` names the item.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn new(
        name: &str,
        place: ComposerPlace,
        routes: &[&str],
        editor_kind: EditorKind,
        editor: &[&str],
        region: &str,
        send_controls: &[&str],
        send_keys: Vec<SendKey>,
        answers: ComposerTarget,
    ) -> Composer {
        Composer {
            name: name.into(),
            place,
            routes: strings(routes),
            editor_kind,
            editor: strings(editor),
            region: region.into(),
            send_controls: strings(send_controls),
            send_keys,
            answers,
        }
    }
}

/// The send control of Meta's Lexical DM boxes (Messenger, Instagram
/// Direct): the last `div[role=button]` after the editor or after the box
/// that wraps it (the emoji and attachment controls come before it). Its
/// label ("Send", "Press Enter to send") is translated, so only the
/// structure is matched (docs/extension.md, composers; the reference pages'
/// DM captures).
pub(crate) const LEXICAL_DM_SEND: [&str; 2] = [
    r#"div[data-lexical-editor="true"] ~ div[role="button"]:last-child"#,
    r#"div:has(> div[data-lexical-editor="true"]) ~ div[role="button"]:last-child"#,
];

/// The target for the innermost container of `surfaces` around the composer.
pub(crate) fn within(surfaces: &[&str]) -> ComposerTarget {
    ComposerTarget::Within {
        surfaces: strings(surfaces),
    }
}

/// The target for the last container of `surface`.
pub(crate) fn last(surface: &str) -> ComposerTarget {
    ComposerTarget::Last {
        surface: surface.into(),
    }
}
