//! The social platforms Socialcare works on.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A social platform whose native pages Socialcare overlays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    /// X, formerly Twitter (`x.com`, `twitter.com`).
    X,
    /// Facebook (`www.facebook.com`).
    Facebook,
    /// Instagram (`www.instagram.com`).
    Instagram,
}

impl Platform {
    /// Every platform, in a stable order.
    pub const ALL: [Platform; 3] = [Platform::X, Platform::Facebook, Platform::Instagram];

    /// The short lowercase name used in item keys and attributes (`x`, `facebook`, `instagram`).
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
        }
    }

    /// The platform's own name, the same in every language (`X`, `Facebook`, `Instagram`).
    pub fn name(self) -> &'static str {
        match self {
            Platform::X => "X",
            Platform::Facebook => "Facebook",
            Platform::Instagram => "Instagram",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a platform name that is none of `x`, `facebook`, `instagram`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown platform {0:?}: expected x, facebook or instagram")]
pub struct ParsePlatformError(pub String);

impl FromStr for Platform {
    type Err = ParsePlatformError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Platform::ALL
            .into_iter()
            .find(|platform| platform.as_str() == name)
            .ok_or_else(|| ParsePlatformError(name.to_owned()))
    }
}
