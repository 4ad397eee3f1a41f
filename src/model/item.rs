//! Items on a platform: posts, replies, comments and direct messages.

use super::Platform;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// What kind of item a customer wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// A top-level post.
    Post,
    /// A reply to a post (X conversations).
    Reply,
    /// A comment or a reply to a comment (Facebook, Instagram).
    Comment,
    /// A direct message.
    Dm,
}

/// The stable key of an item across the whole product: `<platform>:<id>`,
/// e.g. `x:1800000000000000001`. The id comes from the item's permalink,
/// never from its position on the page.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ItemKey {
    /// The platform the item lives on.
    pub platform: Platform,
    /// The platform's own id for the item.
    pub id: String,
}

impl ItemKey {
    /// Builds a key from a platform and the platform's id for the item.
    pub fn new(platform: Platform, id: impl Into<String>) -> Self {
        ItemKey {
            platform,
            id: id.into(),
        }
    }
}

impl fmt::Display for ItemKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.platform, self.id)
    }
}

/// The error for a string that is not `<platform>:<id>`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid item key {0:?}: expected <platform>:<id>, e.g. x:1800000000000000001")]
pub struct ParseItemKeyError(pub String);

impl FromStr for ItemKey {
    type Err = ParseItemKeyError;

    fn from_str(key: &str) -> Result<Self, Self::Err> {
        let invalid = || ParseItemKeyError(key.to_owned());
        let (platform, id) = key.split_once(':').ok_or_else(invalid)?;
        let platform = platform.parse().map_err(|_| invalid())?;
        if id.is_empty()
            || id.len() > 200
            || id.chars().any(|c| c.is_control() || c.is_whitespace())
        {
            return Err(invalid());
        }
        Ok(ItemKey::new(platform, id))
    }
}

impl TryFrom<String> for ItemKey {
    type Error = ParseItemKeyError;

    fn try_from(key: String) -> Result<Self, Self::Error> {
        key.parse()
    }
}

impl From<ItemKey> for String {
    fn from(key: ItemKey) -> String {
        key.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_keys_round_trip() {
        let key: ItemKey = "facebook:123_456".parse().unwrap();
        assert_eq!(key, ItemKey::new(Platform::Facebook, "123_456"));
        assert_eq!(key.to_string(), "facebook:123_456");
        assert_eq!(serde_json::to_string(&key).unwrap(), "\"facebook:123_456\"");
    }

    #[test]
    fn malformed_item_keys_are_refused() {
        for bad in ["", "x", "x:", "myspace:1", "x:1 2", "x:a\nb"] {
            assert!(bad.parse::<ItemKey>().is_err(), "{bad:?} was accepted");
        }
    }
}
