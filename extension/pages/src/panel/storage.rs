//! The side panel's glue to `chrome.storage`: reading the focused item,
//! following its changes, and keeping the panel's recently focused items.
//!
//! The service worker stores the [`FocusedItem`] under
//! [`FOCUS_STORAGE_KEY`] in the `session` area, either as a JSON string or as
//! the equivalent plain object; both are accepted. Firefox's `browser`
//! namespace is used when present, Chrome's `chrome` otherwise.

use super::webext;
use js_sys::{Reflect, JSON};
use socialcare_views::focus::{FocusedItem, FOCUS_STORAGE_KEY};
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

/// Why the panel could not get the focused item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// The page has no usable `storage` extension API (not an extension page).
    Unavailable(String),
    /// The stored value is not a focused item this version understands.
    Unreadable(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::Unavailable(why) => write!(f, "extension storage is unavailable: {why}"),
            StorageError::Unreadable(why) => write!(f, "the focused item could not be read: {why}"),
        }
    }
}

/// What a read or a change yields: the focused item, `None` when nothing is
/// focused, or why it could not be had.
pub type FocusRead = Result<Option<FocusedItem>, StorageError>;

/// Turns a stored value into a focused item: `undefined`/`null` mean no
/// focus; a string is parsed as JSON; an object is read as the same JSON.
pub fn decode_focus(value: &JsValue) -> FocusRead {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let json = match value.as_string() {
        Some(json) => json,
        None => JSON::stringify(value)
            .ok()
            .and_then(|json| json.as_string())
            .ok_or_else(|| StorageError::Unreadable("not JSON".to_owned()))?,
    };
    serde_json::from_str(&json)
        .map(Some)
        .map_err(|error| StorageError::Unreadable(error.to_string()))
}

/// Reads the focused item from `storage.session`.
pub async fn read_focus() -> FocusRead {
    let session = session_area()?;
    let items = webext::call_async(&session, "get", &[&JsValue::from_str(FOCUS_STORAGE_KEY)])
        .await
        .map_err(StorageError::Unavailable)?;
    let stored =
        Reflect::get(&items, &JsValue::from_str(FOCUS_STORAGE_KEY)).unwrap_or(JsValue::UNDEFINED);
    decode_focus(&stored)
}

/// A listener on `storage.onChanged` that reports changes of the focus key in
/// the `session` area; it is removed when this is dropped.
pub struct FocusSubscription {
    event: JsValue,
    listener: Closure<dyn FnMut(JsValue, JsValue)>,
}

/// Calls `on_change` with the new focus whenever the focus key changes in
/// the `session` area (removal means no focus), until the returned
/// subscription is dropped.
pub fn subscribe(
    on_change: impl Fn(FocusRead) + 'static,
) -> Result<FocusSubscription, StorageError> {
    let event =
        webext::property(&storage_api()?, "onChanged").map_err(StorageError::Unavailable)?;
    let listener =
        Closure::<dyn FnMut(JsValue, JsValue)>::new(move |changes: JsValue, area: JsValue| {
            if area.as_string().as_deref() != Some("session") {
                return;
            }
            let change = Reflect::get(&changes, &JsValue::from_str(FOCUS_STORAGE_KEY))
                .unwrap_or(JsValue::UNDEFINED);
            if change.is_undefined() || change.is_null() {
                return;
            }
            let new_value =
                Reflect::get(&change, &JsValue::from_str("newValue")).unwrap_or(JsValue::UNDEFINED);
            on_change(decode_focus(&new_value));
        });
    webext::call(&event, "addListener", &[listener.as_ref()]).map_err(StorageError::Unavailable)?;
    Ok(FocusSubscription { event, listener })
}

impl Drop for FocusSubscription {
    fn drop(&mut self) {
        // Nothing useful can be done if the browser refuses; the closure is
        // freed either way.
        let _ = webext::call(&self.event, "removeListener", &[self.listener.as_ref()]);
    }
}

/// The `storage.session` key under which the panel keeps the items it has
/// shown (most recent first), so that closing and reopening it loses none.
pub const RECENT_STORAGE_KEY: &str = "socialcare.panel.recent";

/// Reads the items an earlier panel saved; none when there are none or they
/// cannot be read (an older format, no storage).
pub async fn read_recent() -> Vec<FocusedItem> {
    let Ok(session) = session_area() else {
        return Vec::new();
    };
    let Ok(items) =
        webext::call_async(&session, "get", &[&JsValue::from_str(RECENT_STORAGE_KEY)]).await
    else {
        return Vec::new();
    };
    Reflect::get(&items, &JsValue::from_str(RECENT_STORAGE_KEY))
        .ok()
        .and_then(|stored| stored.as_string())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

/// Saves the items the panel has shown (as a JSON string) for [`read_recent`].
/// Best effort: a failure only means the list is not kept across reopening.
pub async fn save_recent(items: &[Rc<FocusedItem>]) {
    let items: Vec<&FocusedItem> = items.iter().map(Rc::as_ref).collect();
    let (Ok(session), Ok(json)) = (session_area(), serde_json::to_string(&items)) else {
        return;
    };
    let entry = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = Reflect::set(
        &entry,
        &JsValue::from_str(RECENT_STORAGE_KEY),
        &JsValue::from_str(&json),
    );
    let _ = webext::call_async(&session, "set", &[&entry]).await;
}

/// The `storage.session` area.
fn session_area() -> Result<JsValue, StorageError> {
    webext::property(&storage_api()?, "session").map_err(StorageError::Unavailable)
}

/// The `storage` API namespace.
fn storage_api() -> Result<JsValue, StorageError> {
    webext::namespace("storage").map_err(StorageError::Unavailable)
}
