//! The customer's identities on each platform, with links to their profiles.

use super::permalink::safe_href;
use crate::i18n::{t, t_with};
use socialcare_views::{IdentityLink, IdentityView};
use yew::prelude::*;

/// Properties of [`IdentityList`].
#[derive(Properties, PartialEq, Clone)]
pub struct IdentityListProps {
    /// The identities, by platform then handle.
    pub identities: Vec<IdentityView>,
    /// Called with a linked identity the agent unlinks.
    pub on_unlink: Callback<IdentityLink>,
}

/// The accessible name of an identity: `Instagram @ana.r`.
pub fn identity_name(link: &IdentityLink) -> String {
    format!("{} @{}", link.platform.name(), link.handle)
}

/// Each identity as `Platform @handle`: a link to the profile when the
/// worker gave one and it is an `https://` URL on the three sites, else
/// text. Identities an agent linked carry **Unlink PLATFORM @handle**.
#[function_component(IdentityList)]
pub fn identity_list(props: &IdentityListProps) -> Html {
    let entries = props.identities.iter().map(|identity| {
        let name = identity_name(&identity.link);
        let href = identity.profile_url.as_deref().and_then(safe_href);
        let shown = match href {
            Some(href) => html! {
                <a href={href} target="_blank" rel="noopener noreferrer" dir="auto">{ name.clone() }</a>
            },
            None => html! { <span class="identity-handle" dir="auto">{ name.clone() }</span> },
        };
        let unlink = identity.linked.then(|| {
            let (on_unlink, link) = (props.on_unlink.clone(), identity.link.clone());
            html! {
                <button type="button" class="unlink" aria-label={t_with("panel_unlink_identity", &[&name])}
                    onclick={move |_| on_unlink.emit(link.clone())}>{ t("panel_unlink") }</button>
            }
        });
        let key = format!("{}:{}", identity.link.platform, identity.link.handle);
        html! { <li {key}>{ shown }{ for unlink }</li> }
    });
    html! {
        <div class="identities">
            <h3>{ t("panel_identities") }</h3>
            <ul>{ for entries }</ul>
        </div>
    }
}
