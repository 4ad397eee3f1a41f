//! The care engine's signals: urgency and its reasons, anger, intent, language.

use super::sentiment_meter::clamped;
use crate::humanize;
use socialcare::care::{Intent, UrgencyLevel};
use yew::prelude::*;

/// Properties of [`CareSignals`].
#[derive(Properties, PartialEq, Clone)]
pub struct CareSignalsProps {
    /// How soon an agent should answer, 0..1.
    pub urgency: f64,
    /// `urgency` in the care engine's bands.
    pub level: UrgencyLevel,
    /// Why the engine rated the item as it did.
    #[prop_or_default]
    pub reasons: Vec<AttrValue>,
    /// Whether the customer is angry.
    pub anger: bool,
    /// What the customer wants.
    pub intent: Intent,
    /// The ISO 639-1 code of the text's language, when detected.
    #[prop_or_default]
    pub language: Option<AttrValue>,
}

/// The urgency in words and on a `<meter>`, the reasons as a list, the anger
/// flag, the intent and the language; absent reasons and language are left out.
#[function_component(CareSignals)]
pub fn care_signals(props: &CareSignalsProps) -> Html {
    let urgency = clamped(props.urgency, 0.0, 1.0);
    let percent = (urgency * 100.0).round();
    let level = match props.level {
        UrgencyLevel::Low => "low",
        UrgencyLevel::Medium => "medium",
        UrgencyLevel::High => "high",
    };
    let language = props.language.as_ref().filter(|code| !code.is_empty());
    html! {
        <section class="care" aria-labelledby="care-heading">
            <h3 id="care-heading">{ "Care signals" }</h3>
            if props.anger {
                <p class="anger-flag">{ "Angry customer" }</p>
            }
            <dl class="care-signals">
                <dt>{ "Urgency" }</dt>
                <dd class={classes!("urgency", format!("urgency-{level}"))}>
                    <span class="urgency-text">{ format!("{} ({percent}%)", humanize(level)) }</span>
                    // The bands of `UrgencyLevel::from_urgency`.
                    <meter
                        class="urgency-bar"
                        min="0" max="1" low="0.3" high="0.6" optimum="0"
                        value={urgency.to_string()}
                        aria-label={format!("Urgency {percent}%")}
                    />
                </dd>
                if !props.reasons.is_empty() {
                    <dt>{ "Reasons" }</dt>
                    <dd>
                        <ul class="reasons">
                            { for props.reasons.iter().map(|reason| html! { <li>{ reason.clone() }</li> }) }
                        </ul>
                    </dd>
                }
                <dt>{ "Anger" }</dt>
                <dd class="anger">{ if props.anger { "Yes" } else { "Not detected" } }</dd>
                <dt>{ "Intent" }</dt>
                <dd class="intent">{ humanize(props.intent.as_str()) }</dd>
                if let Some(code) = language {
                    <dt>{ "Language" }</dt>
                    <dd class="language">{ language_label(code) }</dd>
                }
            </dl>
        </section>
    }
}

/// Whether `code` is a bare primary language subtag (`en`, `spa`): safe for
/// a `lang` attribute and for `Intl.DisplayNames`, which throws on others.
pub fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_lowercase())
}

/// The language's English name with its code (`Spanish (es)`), or just the
/// code when the browser has no name for it.
fn language_label(code: &str) -> String {
    if !is_language_code(code) {
        return code.to_owned();
    }
    let options = js_sys::Object::new();
    // Setting a property on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&options, &"type".into(), &"language".into());
    let _ = js_sys::Reflect::set(&options, &"fallback".into(), &"none".into());
    let locales = js_sys::Array::of1(&"en".into());
    let names = js_sys::Intl::DisplayNames::new(&locales, &options);
    match names.of(code).map(String::from) {
        Some(name) if name != code => format!("{name} ({code})"),
        _ => code.to_owned(),
    }
}
