//! The item's permalink: a link only when it is safe to follow.

use crate::i18n::t;
use yew::prelude::*;

/// The hosts whose `https://` permalinks the panel turns into links: X,
/// Facebook and Instagram, as the browser's URL parser normalises them.
pub const LINKABLE_HOSTS: &[&str] = &[
    "x.com",
    "www.x.com",
    "mobile.x.com",
    "twitter.com",
    "www.twitter.com",
    "mobile.twitter.com",
    "facebook.com",
    "www.facebook.com",
    "m.facebook.com",
    "web.facebook.com",
    "instagram.com",
    "www.instagram.com",
];

/// The normalised href of `raw` when it is an `https://` URL on one of
/// [`LINKABLE_HOSTS`], without credentials or an explicit port; `None` for
/// anything else (other schemes, other hosts, `https://x.com@evil.example`…).
pub fn safe_href(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let scheme = trimmed.get(..8)?;
    if !scheme.eq_ignore_ascii_case("https://") {
        return None;
    }
    let url = web_sys::Url::new(trimmed).ok()?;
    let plain = url.protocol() == "https:"
        && url.username().is_empty()
        && url.password().is_empty()
        && url.port().is_empty();
    let host = url.hostname();
    (plain && LINKABLE_HOSTS.contains(&host.as_str())).then(|| url.href())
}

/// Properties of [`Permalink`].
#[derive(Properties, PartialEq, Clone)]
pub struct PermalinkProps {
    /// The permalink as the page gave it, if any.
    pub url: Option<AttrValue>,
}

/// The permalink: an anchor opening a new tab (`rel="noopener noreferrer"`)
/// when [`safe_href`] accepts it, otherwise the raw value shown as text.
#[function_component(Permalink)]
pub fn permalink(props: &PermalinkProps) -> Html {
    let Some(raw) = props.url.as_ref() else {
        return html! {
            <p class="permalink permalink-none">{ t("panel_permalink_none") }</p>
        };
    };
    match safe_href(raw) {
        Some(href) => html! {
            <p class="permalink">
                <span class="field-label">{ t("panel_permalink") }</span>
                { " " }
                <a href={href.clone()} target="_blank" rel="noopener noreferrer">{ href }</a>
            </p>
        },
        None => html! {
            <p class="permalink permalink-unsafe">
                <span class="field-label">{ t("panel_permalink_unsafe") }</span>
                { " " }
                <code>{ raw.clone() }</code>
            </p>
        },
    }
}
