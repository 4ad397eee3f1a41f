//! What a console section shows when the store cannot give its data.

use super::fetch::Fetched;
use socialcare_pages::i18n::t_with;
use yew::prelude::*;

/// Properties of [`FetchNotice`].
#[derive(Properties, PartialEq, Clone)]
pub struct FetchNoticeProps {
    /// What the section shows, e.g. `Product ideas`.
    pub what: AttrValue,
    /// What shows while the store has not answered, e.g. `Loading product ideas…`.
    pub loading: AttrValue,
    /// Where the call stands (only `Loading`, `NotAvailable` and `Failed` show anything).
    pub state: Fetched<()>,
}

/// "Loading…", "not available on this store" (a 404 from an older store) or
/// the store's refusal, as text in a live region.
#[function_component(FetchNotice)]
pub fn fetch_notice(props: &FetchNoticeProps) -> Html {
    let what = props.what.as_str();
    let (class, text) = match &props.state {
        Fetched::Loading => ("notice", props.loading.to_string()),
        Fetched::Ready(_) => return Html::default(),
        Fetched::NotAvailable(message) => (
            "notice notice-unavailable",
            t_with("console_fetch_not_available", &[what, message]),
        ),
        Fetched::Failed(why) => (
            "notice notice-error",
            t_with("console_fetch_failed", &[what, why]),
        ),
    };
    html! { <p {class} role="status" dir="auto">{ text }</p> }
}
