//! Site profiles: how to read X, Facebook and Instagram pages.
//!
//! A [`SiteProfile`] is plain data the extension's content script interprets:
//! which hosts it covers, and for each [`Surface`] (tweets, comments, DMs…)
//! the routes it appears on, the CSS selector chains that find its container
//! and its fields, and where the badge goes. The content script only gathers
//! raw strings as the profile tells it ([`RawItem`]); every decision — the
//! item's id, kind, parent, author, whether it is an ad — is made here, in
//! [`read_item`], by the site's own module. A site change is a one-file fix in
//! `src/sites/<site>.rs`.

pub mod composer;
pub mod facebook;
pub mod instagram;
pub mod x;

use crate::model::{ItemKey, ItemKind, ObservedItem, Platform};
pub use composer::{Composer, ComposerPlace, ComposerTarget, EditorKind, SendKey};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the content script needs to read one site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SiteProfile {
    /// The platform this profile reads.
    pub platform: Platform,
    /// Host names the profile applies to (exact match).
    pub hosts: Vec<String>,
    /// The surfaces (kinds of containers) the profile recognises.
    pub surfaces: Vec<Surface>,
    /// The site's reply boxes, most specific first (the content script takes
    /// the first whose route and editor selector match).
    #[serde(default)]
    pub composers: Vec<Composer>,
}

/// One kind of container on a site (e.g. X's tweet `article`, a Facebook
/// comment, an Instagram DM row) and how to read its fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Surface {
    /// A stable name, `<platform>.<surface>`, echoed back in [`RawItem`].
    pub name: String,
    /// Regular expressions (JavaScript syntax, matched against
    /// `location.pathname`) of the routes the surface appears on. Empty: every route.
    pub routes: Vec<String>,
    /// Routes on which the surface never applies (checked after `routes`).
    pub skip_routes: Vec<String>,
    /// Selector chain for the container; every tier is used and the matches
    /// are merged (each element once), so markup variants that coexist on one
    /// page are all found.
    pub container: Vec<String>,
    /// Selectors of nested regions whose content belongs to another item
    /// (e.g. comments inside a post): field selectors ignore matches there.
    pub exclude_within: Vec<String>,
    /// The raw fields to gather, by name.
    pub fields: BTreeMap<String, FieldRule>,
    /// Where the badge host goes, relative to the container.
    pub badge: BadgePlacement,
    /// Selector chain (inside the container, nested items excluded) of the
    /// element the badge goes right after, e.g. the post's text; when none
    /// matches, [`Surface::badge`] applies.
    pub badge_after: Vec<String>,
}

/// How to read one raw field: the first selector of the chain that matches
/// gives the value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldRule {
    /// Selector chain, tried in order. `:scope` means the element the scope
    /// starts from itself (the container, or the page root for [`Scope::Page`]).
    pub selectors: Vec<String>,
    /// What to read from the matched element.
    pub read: Read,
    /// Where to look for the selectors.
    pub scope: Scope,
    /// When set, the selectors are looked up (as for [`Scope::Within`]) inside
    /// the container's closest *ancestor* matching this selector instead of
    /// the container: e.g. a comment reading the post it sits in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ancestor: Option<String>,
    /// When set, the value is read from the matched element's closest
    /// ancestor (itself included, inside the scope) matching this selector:
    /// e.g. the link around a timestamp, found by the cheap `a > time`
    /// instead of `a:has(> time)`, which tests every link of the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// Read only when the agent acts on the item (the side panel, a ticket,
    /// a reply), not for its badge: the badge's verdict (the item's key,
    /// kind, text, author handle and parent) never depends on it, which the
    /// site's tests check. A badge then costs fewer DOM reads.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub on_demand: bool,
}

/// What a [`FieldRule`] reads from the element it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum Read {
    /// The element's visible text (emoji images read as their `alt`, buttons skipped).
    Text,
    /// An attribute's value (`href` is read resolved to an absolute URL).
    Attr(String),
    /// `"1"` when the selector matches at all.
    Present,
}

/// Where a [`FieldRule`]'s selectors are looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Inside the container (the default).
    Within,
    /// The container's ancestors, itself included (`Element.closest`).
    Closest,
    /// The whole page (e.g. a DM conversation header).
    Page,
}

/// Where the badge host is inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BadgePlacement {
    /// As the container's last child.
    Append,
    /// As the container's next sibling (when the container is a text node's
    /// parent the site owns, e.g. a chat bubble).
    After,
}

/// What the content script read from one container: the surface's name and
/// each field's raw value (absent when no selector matched).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawItem {
    /// The [`Surface::name`] the container matched.
    pub surface: String,
    /// Raw field values by name.
    #[serde(default)]
    pub fields: BTreeMap<String, String>,
}

impl RawItem {
    /// A field's value, trimmed, when present and not empty.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// A field's value as owned text, when present and not empty.
    pub fn owned(&self, name: &str) -> Option<String> {
        self.field(name).map(str::to_owned)
    }
}

/// The outcome of reading one container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "status")]
pub enum Reading {
    /// A customer item, ready to badge.
    Item {
        /// The extracted item.
        item: Box<ObservedItem>,
    },
    /// A promoted post: recognised, but not a customer item.
    Ad,
    /// The container holds nothing to read yet: a loading placeholder, or a
    /// card whose content all belongs to nested items. No badge and no
    /// notice; the content script asks again when the container changes.
    Pending,
    /// The container matched but the profile could not read it: the site's
    /// markup probably changed. The content script shows one notice.
    Unreadable {
        /// What was missing, for the notice and the logs.
        reason: String,
    },
}

/// The page the container was read on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUrl<'a> {
    /// The URL's path (`/alice/status/1`).
    pub path: &'a str,
    /// The URL's origin (`https://x.com`).
    pub origin: &'a str,
}

impl<'a> PageUrl<'a> {
    /// Splits an absolute URL into origin and path (query and fragment dropped).
    pub fn parse(url: &'a str) -> PageUrl<'a> {
        let after_scheme = url.find("://").map(|i| i + 3).unwrap_or(0);
        let path_start = url[after_scheme..]
            .find('/')
            .map(|i| i + after_scheme)
            .unwrap_or(url.len());
        let rest = &url[path_start..];
        let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
        let path = if rest.is_empty() {
            "/"
        } else {
            &rest[..path_end]
        };
        PageUrl {
            path,
            origin: &url[..path_start],
        }
    }
}

/// Every site's profile, in [`Platform::ALL`] order.
pub fn profiles() -> Vec<SiteProfile> {
    vec![x::profile(), facebook::profile(), instagram::profile()]
}

/// The profile for a host name (`x.com`, `www.facebook.com`…), if any.
pub fn profile_for_host(host: &str) -> Option<SiteProfile> {
    profiles()
        .into_iter()
        .find(|p| p.hosts.iter().any(|h| h == host))
}

/// Reads one raw container on a page into a [`Reading`], with the rules of
/// the site the surface belongs to.
///
/// Each site's reader stays a function of its own (`#[inline(never)]`, and
/// `wasm-opt --no-inline` in `mk/extension.mk`): in the worker's wasm a
/// function is compiled on its first call, so a cold start's first X item
/// compiles X's rules only, not all three sites'.
pub fn read_item(url: &str, raw: &RawItem) -> Reading {
    let page = PageUrl::parse(url);
    let platform = raw.surface.split('.').next().unwrap_or_default();
    match platform.parse::<Platform>() {
        Ok(Platform::X) => x::read(&page, raw),
        Ok(Platform::Facebook) => facebook::read(&page, raw),
        Ok(Platform::Instagram) => instagram::read(&page, raw),
        Err(_) => Reading::Unreadable {
            reason: format!("unknown surface {:?}", raw.surface),
        },
    }
}

// --- Helpers the site modules share -------------------------------------

/// A field rule reading the first matching selector's text inside the container.
pub(crate) fn text(selectors: &[&str]) -> FieldRule {
    rule(selectors, Read::Text, Scope::Within)
}

/// A field rule reading an attribute of the first matching selector inside the container.
pub(crate) fn attr(name: &str, selectors: &[&str]) -> FieldRule {
    rule(selectors, Read::Attr(name.to_owned()), Scope::Within)
}

/// A field rule with every option spelled out.
pub(crate) fn rule(selectors: &[&str], read: Read, scope: Scope) -> FieldRule {
    FieldRule {
        selectors: strings(selectors),
        read,
        scope,
        ancestor: None,
        holder: None,
        on_demand: false,
    }
}

/// The same rule, looked up inside the container's closest ancestor matching `ancestor`.
pub(crate) fn in_ancestor(ancestor: &str, rule: FieldRule) -> FieldRule {
    FieldRule {
        ancestor: Some(ancestor.to_owned()),
        ..rule
    }
}

/// The same rule, reading from the matched element's closest ancestor matching `holder`.
pub(crate) fn from_holder(holder: &str, rule: FieldRule) -> FieldRule {
    FieldRule {
        holder: Some(holder.to_owned()),
        ..rule
    }
}

/// The same rule, read only when the agent acts on the item (see [`FieldRule::on_demand`]).
pub(crate) fn on_demand(rule: FieldRule) -> FieldRule {
    FieldRule {
        on_demand: true,
        ..rule
    }
}

/// Owned copies of selector strings.
pub(crate) fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

/// Builds an [`ItemKey`]-carrying item with only the always-present fields set.
pub(crate) fn item(platform: Platform, id: &str, kind: ItemKind, text: String) -> ObservedItem {
    ObservedItem {
        key: ItemKey::new(platform, id),
        kind,
        parent_id: None,
        thread_id: None,
        author_handle: None,
        author_name: None,
        text,
        permalink: None,
        timestamp: None,
        reposted_by: None,
    }
}

/// Collapses runs of whitespace into one space and trims.
pub(crate) fn clean_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether an id is safe to use in an [`ItemKey`] (non-empty, ≤ 200 chars,
/// no whitespace or control characters).
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 200 && !id.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// A URL with its query and fragment removed (tracking parameters go with them).
pub(crate) fn strip_query(url: &str) -> String {
    url.split(['?', '#']).next().unwrap_or(url).to_owned()
}

/// The value of one query parameter of a URL, if present and non-empty.
pub(crate) fn query_param(url: &str, name: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// A short, stable content hash (FNV-1a, 64 bits, hex) for items that have no
/// permalink (DM bubbles), so their id depends on what they say, not where
/// they sit on the page.
pub(crate) fn content_id(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Helpers the site modules' unit tests share.
#[cfg(test)]
pub(crate) mod test_support {
    use super::{profiles, read_item, RawItem, Reading};
    use crate::model::{ItemKey, ItemKind, ObservedItem};

    /// A raw container of `surface` with the given fields, as the content script sends it.
    pub(crate) fn raw(surface: &str, fields: &[(&str, &str)]) -> RawItem {
        RawItem {
            surface: surface.into(),
            fields: fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        }
    }

    /// The item of a reading; panics with the reading when it is not an item.
    pub(crate) fn item_of(reading: Reading) -> ObservedItem {
        match reading {
            Reading::Item { item } => *item,
            other => panic!("expected an item, got {other:?}"),
        }
    }

    /// What a badge's verdict depends on in a reading: the item's key, kind,
    /// text, author handle (as the brand check compares it) and parent; the
    /// reading itself when it is no item.
    fn badge_facts(reading: Reading) -> Result<BadgeFacts, Reading> {
        let item = match reading {
            Reading::Item { item } => *item,
            other => return Err(other),
        };
        let handle = item
            .author_handle
            .map(|handle| handle.trim_start_matches('@').to_ascii_lowercase());
        Ok((item.key, item.kind, item.text, handle, item.parent_id))
    }

    /// An item's key, kind, text, lowercased author handle and parent.
    type BadgeFacts = (ItemKey, ItemKind, String, Option<String>, Option<String>);

    /// Checks that `raw`, read at `url`, gives its badge the same verdict
    /// without the fields its surface reads on demand ([`super::FieldRule::on_demand`]).
    pub(crate) fn assert_badge_needs_no_on_demand_field(url: &str, raw: &RawItem) {
        let surface = profiles()
            .into_iter()
            .flat_map(|profile| profile.surfaces)
            .find(|surface| surface.name == raw.surface)
            .expect("the raw item's surface");
        let mut badge_only = raw.clone();
        badge_only
            .fields
            .retain(|name, _| !surface.fields.get(name).is_some_and(|rule| rule.on_demand));
        assert_eq!(
            badge_facts(read_item(url, &badge_only)),
            badge_facts(read_item(url, raw)),
            "{url}: {raw:?} read without its on-demand fields"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn page_urls_split_into_origin_and_path() {
        let page = PageUrl::parse("https://x.com/alice/status/1?s=20#top");
        assert_eq!(
            page,
            PageUrl {
                origin: "https://x.com",
                path: "/alice/status/1"
            }
        );
        assert_eq!(PageUrl::parse("https://x.com").path, "/");
    }

    #[test]
    fn every_profile_round_trips_through_json() {
        for profile in profiles() {
            let json = serde_json::to_string(&profile).unwrap();
            let back: SiteProfile = serde_json::from_str(&json).unwrap();
            assert_eq!(back, profile);
            assert!(!profile.surfaces.is_empty());
            for surface in &profile.surfaces {
                assert!(
                    surface.name.starts_with(profile.platform.as_str()),
                    "{}",
                    surface.name
                );
                assert!(!surface.container.is_empty());
                for rule in surface.fields.values() {
                    assert!(!rule.selectors.is_empty(), "{}", surface.name);
                }
            }
        }
    }

    #[test]
    fn no_selector_depends_on_ui_text() {
        // Labels, titles, alt text and placeholders are translated: a selector
        // may test that such an attribute exists, never what it says.
        let text_attr = Regex::new(r"\[(aria-label|title|alt|placeholder)\s*[~|^$*]?=").unwrap();
        for profile in profiles() {
            for surface in &profile.surfaces {
                let selectors = surface
                    .container
                    .iter()
                    .chain(&surface.exclude_within)
                    .chain(&surface.badge_after)
                    .chain(
                        surface
                            .fields
                            .values()
                            .flat_map(|r| r.selectors.iter().chain(&r.ancestor).chain(&r.holder)),
                    );
                for selector in selectors {
                    assert!(
                        !text_attr.is_match(selector),
                        "{}: {selector}",
                        surface.name
                    );
                    assert!(
                        !selector.contains(":contains") && !selector.contains(":has-text"),
                        "{selector}"
                    );
                }
            }
        }
    }

    #[test]
    fn composers_name_real_surfaces_and_no_ui_text() {
        let text_attr = Regex::new(r"\[(aria-label|title|alt|placeholder)\s*[~|^$*]?=").unwrap();
        for profile in profiles() {
            assert!(!profile.composers.is_empty(), "{:?}", profile.platform);
            let surfaces: Vec<&str> = profile.surfaces.iter().map(|s| s.name.as_str()).collect();
            for composer in &profile.composers {
                assert!(composer.name.starts_with(profile.platform.as_str()));
                assert!(!composer.editor.is_empty() && !composer.send_keys.is_empty());
                let named = match &composer.answers {
                    ComposerTarget::Within { surfaces } => surfaces.clone(),
                    ComposerTarget::Last { surface } => vec![surface.clone()],
                    ComposerTarget::Focused => vec![],
                };
                for name in named {
                    assert!(
                        surfaces.contains(&name.as_str()),
                        "{}: {name}",
                        composer.name
                    );
                }
                let selectors = composer
                    .editor
                    .iter()
                    .chain(&composer.send_controls)
                    .chain(std::iter::once(&composer.region));
                for selector in selectors {
                    assert!(
                        !text_attr.is_match(selector),
                        "{}: {selector}",
                        composer.name
                    );
                }
            }
        }
        // X sends on Ctrl/Cmd+Enter in the post composer, Enter in DMs; only DMs are private.
        let x = x::profile();
        let reply = x.composers.iter().find(|c| c.name == "x.reply").unwrap();
        assert_eq!(reply.send_keys, [SendKey::ctrl_enter()]);
        assert!(reply.place.is_public());
        assert!(!x.composers[0].place.is_public());
        // Messenger and Instagram DMs send on Enter and by their send control.
        for (profile, name) in [
            (facebook::profile(), "facebook.chat"),
            (instagram::profile(), "instagram.dm"),
        ] {
            let dm = profile.composers.iter().find(|c| c.name == name).unwrap();
            assert_eq!(dm.send_keys, [SendKey::enter()]);
            assert!(
                dm.send_controls
                    .iter()
                    .all(|s| s.contains(r#"div[role="button"]"#)),
                "{name}"
            );
        }
    }

    #[test]
    fn hosts_pick_their_profile() {
        assert_eq!(profile_for_host("x.com").unwrap().platform, Platform::X);
        assert_eq!(
            profile_for_host("twitter.com").unwrap().platform,
            Platform::X
        );
        assert_eq!(
            profile_for_host("www.facebook.com").unwrap().platform,
            Platform::Facebook
        );
        assert_eq!(
            profile_for_host("www.instagram.com").unwrap().platform,
            Platform::Instagram
        );
        assert!(profile_for_host("example.com").is_none());
    }

    #[test]
    fn query_params_and_content_ids() {
        let url = "https://www.facebook.com/a?comment_id=Y29&reply_comment_id=333&__cft__[0]=x";
        assert_eq!(query_param(url, "comment_id").as_deref(), Some("Y29"));
        assert_eq!(query_param(url, "reply_comment_id").as_deref(), Some("333"));
        assert_eq!(query_param(url, "missing"), None);
        assert_eq!(strip_query(url), "https://www.facebook.com/a");
        assert_eq!(content_id(&["a", "b"]), content_id(&["a", "b"]));
        assert_ne!(content_id(&["ab", ""]), content_id(&["a", "b"]));
    }

    #[test]
    fn unknown_surfaces_are_unreadable() {
        let raw = RawItem {
            surface: "myspace.post".into(),
            ..RawItem::default()
        };
        assert!(matches!(
            read_item("https://x.com/", &raw),
            Reading::Unreadable { .. }
        ));
    }
}
