//! What a console section shows when the store cannot give its data.

use super::fetch::Fetched;
use yew::prelude::*;

/// Properties of [`FetchNotice`].
#[derive(Properties, PartialEq, Clone)]
pub struct FetchNoticeProps {
    /// What the section shows, e.g. `Product ideas`.
    pub what: AttrValue,
    /// Where the call stands (only `Loading`, `NotAvailable` and `Failed` show anything).
    pub state: Fetched<()>,
}

/// "Loading…", "not available on this store" (a 404 from an older store) or
/// the store's refusal, as text in a live region.
#[function_component(FetchNotice)]
pub fn fetch_notice(props: &FetchNoticeProps) -> Html {
    let what = &props.what;
    let (class, text) = match &props.state {
        Fetched::Loading => ("notice", format!("Loading {}…", what.to_lowercase())),
        Fetched::Ready(_) => return Html::default(),
        Fetched::NotAvailable(message) => (
            "notice notice-unavailable",
            format!("{what}: not available on this store (it answered “{message}”). Update the store to use it."),
        ),
        Fetched::Failed(why) => ("notice notice-error", format!("{what}: {why}")),
    };
    html! { <p {class} role="status" dir="auto">{ text }</p> }
}
