//! The care engine's signals: urgency and its reasons, anger, intent, language.

use super::sentiment_meter::clamped;
use crate::format::{decimal, number, percent};
use crate::i18n::{t, t_count, t_ordinal, t_with};
use crate::names::{intent_name, language_label};
use socialcare::care::{Day, Intent, Reason, Span, UrgencyLevel};
use yew::prelude::*;

/// Properties of [`CareSignals`].
#[derive(Properties, PartialEq, Clone)]
pub struct CareSignalsProps {
    /// How soon an agent should answer, 0..1.
    pub urgency: f64,
    /// `urgency` in the care engine's bands.
    pub level: UrgencyLevel,
    /// Why the engine rated the item as it did, as data: each is worded
    /// here from the catalogue (`extension/locales/<locale>/care.json`).
    #[prop_or_default]
    pub reasons: Vec<Reason>,
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
    let share = percent(urgency);
    let level = props.level.as_str();
    let level_name = t(&format!("panel_urgency_{level}"));
    let language = props.language.as_ref().filter(|code| !code.is_empty());
    html! {
        <section class="care" aria-labelledby="care-heading">
            <h3 id="care-heading">{ t("panel_care_heading") }</h3>
            if props.anger {
                <p class="anger-flag">{ t("panel_angry_customer") }</p>
            }
            <dl class="care-signals">
                <dt>{ t("panel_urgency") }</dt>
                <dd class={classes!("urgency", format!("urgency-{level}"))}>
                    <span class="urgency-text">{ t_with("panel_urgency_text", &[&level_name, &share]) }</span>
                    // The bands of `UrgencyLevel::from_urgency`.
                    <meter
                        class="urgency-bar"
                        min="0" max="1" low="0.3" high="0.6" optimum="0"
                        value={urgency.to_string()}
                        aria-label={t_with("panel_urgency_meter", &[&share])}
                    />
                </dd>
                if !props.reasons.is_empty() {
                    <dt>{ t("panel_reasons") }</dt>
                    <dd>
                        <ul class="reasons">
                            { for props.reasons.iter().map(|reason| match reason {
                                // English kept from before reasons were
                                // data, as given.
                                Reason::Legacy { .. } => {
                                    html! { <li dir="auto">{ reason_words(reason) }</li> }
                                }
                                _ => html! { <li>{ reason_words(reason) }</li> },
                            }) }
                        </ul>
                    </dd>
                }
                <dt>{ t("panel_anger") }</dt>
                <dd class="anger">{ t(if props.anger { "panel_anger_yes" } else { "panel_anger_no" }) }</dd>
                <dt>{ t("panel_intent") }</dt>
                <dd class="intent">{ intent_name(props.intent) }</dd>
                if let Some(code) = language {
                    <dt>{ t("panel_language") }</dt>
                    <dd class="language">{ language_label(code) }</dd>
                }
            </dl>
        </section>
    }
}

/// One of the care engine's reasons in the agent's language (the English
/// messages say what the CLI says).
pub fn reason_words(reason: &Reason) -> String {
    match reason {
        Reason::Topic { topic } => t(&format!("care_topic_{}", topic.as_str())),
        Reason::ContactNumber { contacts } => t_with(
            "care_reason_contact_number",
            &[&number(f64::from(*contacts))],
        ),
        Reason::Shouting => t("care_reason_shouting"),
        Reason::Exclamations { count } => {
            let marks = &"!!!!!"[..(*count).clamp(1, 5) as usize];
            t_with("care_reason_exclamations", &[marks])
        }
        Reason::AngryEmoji { emoji } => t_with("care_reason_angry_emoji", &[emoji]),
        Reason::Waiting { minutes } => t_with("care_reason_waiting", &[&span_words(*minutes)]),
        Reason::NthMessage { nth, minutes } => {
            let nth = f64::from(*nth);
            let ordinal = t_ordinal("care_ordinal", nth, &[&number(nth)]);
            match minutes {
                Some(minutes) => t_with(
                    "care_reason_nth_message_within",
                    &[&ordinal, &span_words(*minutes)],
                ),
                None => t_with("care_reason_nth_message", &[&ordinal]),
            }
        }
        Reason::SaysWaited { minutes } => {
            t_with("care_reason_says_waited", &[&span_words(*minutes)])
        }
        Reason::Deadline { within_hours } if *within_hours <= 1 => {
            t("care_reason_deadline_within_the_hour")
        }
        Reason::Deadline { within_hours } => t_with(
            "care_reason_deadline_within",
            &[&span_words(within_hours.saturating_mul(60))],
        ),
        Reason::NeededBy { day: Day::Today } => t("care_reason_needed_today"),
        Reason::NeededBy { day: Day::Tomorrow } => t("care_reason_needed_tomorrow"),
        Reason::StronglyNegative { compound } => {
            t_with("care_reason_strongly_negative", &[&decimal(*compound, 2)])
        }
        Reason::AngryTone => t("care_reason_angry_tone"),
        Reason::TimeCriticalTone => t("care_reason_time_critical_tone"),
        Reason::Legacy { text } => text.clone(),
    }
}

/// A length of time as the reasons say it (`45 minutes`, `2 hours`, `3
/// days`: whole days from a day, whole hours from an hour).
fn span_words(minutes: u32) -> String {
    let Span { count, unit } = Span::of_minutes(minutes);
    let count = f64::from(count);
    t_count(
        &format!("care_duration_{}", unit.as_str()),
        count,
        &[&number(count)],
    )
}
