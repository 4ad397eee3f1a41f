//! Care signals on top of the faithful VADER scores: which posts need an
//! agent first and why. Everything runs on-device (native and wasm).
//!
//! [`assess`] returns the faithful VADER [`Scores`] untouched, and beside them
//! the care reading: an emoji-aware, sentence-level compound, urgency in
//! [0, 1], an anger flag, the intent, the language and short reasons the
//! side panel can show.
//!
//! ```
//! use socialcare::care::{assess, CareContext, Intent, Reason, Topic};
//! let context = CareContext { prior_messages: Some(2), minutes_since_first_message: Some(120), ..CareContext::default() };
//! let a = assess("I'm filing a chargeback if I don't get my refund TODAY!!!", &context);
//! assert_eq!(a.intent, Intent::Billing);
//! assert!(a.urgency >= 0.8);
//! assert!(a.reasons.contains(&Reason::Topic { topic: Topic::Chargeback }));
//! assert!(a.reasons.iter().any(|r| r.to_string() == "3rd message in 2 hours"));
//! ```

mod cues;
mod emoji;
pub mod evaluation;
mod language;
pub mod model;
mod mood;
mod reason;
mod text;
mod urgency;

pub use cues::Topic;
pub use reason::{Day, Reason, Span, SpanUnit};

use crate::sentiment::{Label, Scores};
use serde::{Deserialize, Serialize};

/// What the extension knows about the conversation around a post; every
/// field is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CareContext {
    /// Messages the customer sent before this one in the same conversation.
    pub prior_messages: Option<u32>,
    /// Minutes between the customer's first message and this one.
    pub minutes_since_first_message: Option<u32>,
    /// Minutes the customer has waited for an answer from the team.
    pub waiting_minutes: Option<u32>,
}

/// What the customer wants, as the side panel groups posts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    /// Unhappy with the product or service.
    Complaint,
    /// Asks something.
    Question,
    /// Thanks or praise.
    Praise,
    /// A product idea or feature request for the product team.
    FeatureRequest,
    /// Billing, payment or refund.
    Billing,
    /// Something is down or broken.
    Outage,
    /// Account access or security: hacked accounts, fraud, lock-outs.
    AccountSecurity,
    /// Spam, promotion or nothing for the care team.
    Spam,
}

impl Intent {
    /// Every intent, in tie-break priority order (most pressing first).
    pub const ALL: [Intent; 8] = [
        Intent::AccountSecurity,
        Intent::Outage,
        Intent::Billing,
        Intent::Complaint,
        Intent::FeatureRequest,
        Intent::Question,
        Intent::Praise,
        Intent::Spam,
    ];

    /// The intent as serialised (`"feature_request"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Intent::Complaint => "complaint",
            Intent::Question => "question",
            Intent::Praise => "praise",
            Intent::FeatureRequest => "feature_request",
            Intent::Billing => "billing",
            Intent::Outage => "outage",
            Intent::AccountSecurity => "account_security",
            Intent::Spam => "spam",
        }
    }
}

/// Urgency in three bands for badges: high at ≥ 0.6, medium at ≥ 0.3.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UrgencyLevel {
    /// Below 0.3.
    Low,
    /// From 0.3 to below 0.6.
    Medium,
    /// 0.6 and above.
    High,
}

impl UrgencyLevel {
    /// The band of an urgency score.
    pub fn from_urgency(urgency: f64) -> UrgencyLevel {
        if urgency >= HIGH_URGENCY {
            UrgencyLevel::High
        } else if urgency >= 0.3 {
            UrgencyLevel::Medium
        } else {
            UrgencyLevel::Low
        }
    }

    /// The band as serialised: `"low"`, `"medium"` or `"high"`.
    pub fn as_str(self) -> &'static str {
        match self {
            UrgencyLevel::Low => "low",
            UrgencyLevel::Medium => "medium",
            UrgencyLevel::High => "high",
        }
    }
}

/// The care reading of one post.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    /// The faithful VADER 3.3.2 scores of the text as written.
    pub sentiment: Scores,
    /// The label of the faithful compound (±0.05).
    pub label: Label,
    /// Emoji-aware compound averaged over the sentences that carry sentiment,
    /// so long messages do not saturate.
    pub care_compound: f64,
    /// The label of `care_compound`.
    pub care_label: Label,
    /// How soon an agent should answer, in [0, 1].
    pub urgency: f64,
    /// `urgency` in bands.
    pub urgency_level: UrgencyLevel,
    /// Whether the customer is angry.
    pub anger: bool,
    /// What the customer wants.
    pub intent: Intent,
    /// ISO 639-1 code of the language, when it can be told.
    pub language: Option<String>,
    /// Short reasons for the hints, for the side panel: data, which the CLI
    /// words in English (`Display`) and the panel in the agent's language.
    /// A stored reason from before (a plain string) reads as
    /// [`Reason::Legacy`].
    #[serde(deserialize_with = "reason::stored_reasons")]
    pub reasons: Vec<Reason>,
}

/// Reads one customer post in its conversation context. The language is
/// detected (`whatlang`) when the `language-detect` feature is on, and left
/// unknown otherwise; [`assess_with_language`] takes it from the caller.
pub fn assess(text: &str, context: &CareContext) -> Assessment {
    let mut assessment = assess_with_language(text, context, None);
    assessment.language = language::detect(text);
    assessment
}

/// Reads one customer post with a language the caller already knows (the
/// browser's `i18n.detectLanguage`, a CRM field): a BCP 47 tag or ISO 639-1
/// code, of which the primary subtag is kept (`"pt-BR"` → `"pt"`); `None`,
/// `"und"` or a malformed tag leave the language unknown. Nothing is
/// detected, so this is the cheap path.
pub fn assess_with_language(
    text: &str,
    context: &CareContext,
    language: Option<&str>,
) -> Assessment {
    let reading = Reading::new(text, context);
    let model::Decision {
        anger,
        high_urgency,
        intent,
    } = model::Decision::of_reading(&reading);
    let Reading {
        sentiment,
        care_compound,
        topics,
        signals,
        ..
    } = reading;

    let mut reasons: Vec<Reason> = topics
        .iter()
        .filter(|topic| {
            let meaning = topic.meaning();
            let for_intent = meaning.intent.is_some_and(|(i, _)| i == intent);
            meaning.urgency > 0.0 || meaning.anger || for_intent
        })
        .map(|&topic| Reason::Topic { topic })
        .collect();
    reasons.extend(signals.reasons);
    if care_compound <= -0.5 {
        reasons.push(Reason::StronglyNegative {
            compound: care_compound,
        });
    }
    if anger && !signals.anger {
        reasons.push(Reason::AngryTone);
    }
    // The model decides the high band; the rules' score places the post
    // within its band.
    let urgency = match (high_urgency, signals.urgency >= HIGH_URGENCY) {
        (true, false) => {
            reasons.push(Reason::TimeCriticalTone);
            HIGH_URGENCY
        }
        (false, true) => HIGH_URGENCY - 0.01,
        _ => signals.urgency,
    };

    Assessment {
        label: Label::from_compound(sentiment.compound),
        sentiment,
        care_compound,
        care_label: Label::from_compound(care_compound),
        urgency,
        urgency_level: UrgencyLevel::from_urgency(urgency),
        anger,
        intent,
        language: language.and_then(language::primary_subtag),
        reasons,
    }
}

/// Where the high urgency band starts.
const HIGH_URGENCY: f64 = 0.6;

/// What the rules read in a post, before the model decides anger and high
/// urgency.
struct Reading {
    /// The faithful VADER scores.
    sentiment: Scores,
    /// The emoji-aware, sentence-level compound.
    care_compound: f64,
    /// The post's words.
    words: text::Words,
    /// The cue topics found.
    topics: Vec<cues::Topic>,
    /// Whether the post is addressed to the team.
    addressed: bool,
    /// Whether the post has a question mark.
    asks: bool,
    /// Whether the context gives earlier messages.
    prior_messages: bool,
    /// The intent with the most cue weight.
    intent: Intent,
    /// The rule-based urgency, anger and their evidence.
    signals: urgency::Signals,
}

impl Reading {
    fn new(text: &str, context: &CareContext) -> Reading {
        let (normalised, read_emoji) = emoji::normalise(text);
        let (sentiment, care_compound) = mood::scores(text, normalised);
        let words = text::Words::new(text);
        let found = cues::find(&words);
        let mut topics = found.topics;
        if care_compound > -0.05
            && !topics
                .iter()
                .any(|t| t.is_problem() && *t != cues::Topic::Safety)
        {
            // A wheelchair or a baby mentioned in a happy post is no emergency.
            topics.retain(|t| *t != cues::Topic::Safety);
        }
        let signals =
            urgency::Signals::read(text, &words, care_compound, &topics, &read_emoji, context);
        let addressed = found.addressed || text.contains('@');
        let asks = text.contains('?') || (!text.is_ascii() && text.contains('¿'));
        let intent = choose_intent(asks, addressed, found.pointing, care_compound, &topics);
        Reading {
            sentiment,
            care_compound,
            words,
            topics,
            addressed,
            intent,
            asks,
            prior_messages: context.prior_messages.is_some_and(|p| p > 0),
            signals,
        }
    }
}

/// The intent with the most cue weight (`asks`: the post has a question
/// mark). A question form counts once; the
/// care compound leans towards complaint or praise, but a negative remark not
/// addressed to the team (no @handle, no "you", no care word) is irrelevant.
fn choose_intent(
    asks: bool,
    addressed: bool,
    about_the_post: bool,
    care_compound: f64,
    topics: &[cues::Topic],
) -> Intent {
    let mut weights = [0.0f64; Intent::ALL.len()];
    let mut add = |intent: Intent, weight: f64| {
        let slot = Intent::ALL.iter().position(|i| *i == intent).unwrap_or(0);
        weights[slot] += weight;
    };
    let mut asks = asks;
    for topic in topics {
        match topic.meaning().intent {
            Some((Intent::Question, _)) => asks = true,
            Some((intent, weight)) => add(intent, weight),
            None => {}
        }
    }
    if asks {
        add(Intent::Question, 1.0);
    }
    let problem = topics.iter().any(|t| t.is_problem());
    if care_compound <= -0.3 && addressed {
        add(Intent::Complaint, 1.0);
    } else if care_compound >= 0.5 && !problem && (addressed || about_the_post) {
        add(Intent::Praise, 1.0);
    }
    let (best, weight) =
        weights.iter().enumerate().fold(
            (0, 0.0),
            |best, (slot, &w)| if w > best.1 { (slot, w) } else { best },
        );
    if weight > 0.0 {
        Intent::ALL[best]
    } else if addressed && care_compound <= -0.05 {
        Intent::Complaint
    } else if addressed && care_compound >= 0.05 {
        Intent::Praise
    } else {
        Intent::Spam
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hacked_account_is_urgent_security() {
        let a = assess(
            "please help, my account was hacked",
            &CareContext::default(),
        );
        assert_eq!(a.intent, Intent::AccountSecurity);
        assert_eq!(a.urgency_level, UrgencyLevel::High);
        assert_eq!(
            a.sentiment.compound, 0.3182,
            "the faithful score stays VADER's"
        );
    }

    #[test]
    fn feature_idea_is_calm() {
        let a = assess(
            "It would be great if you could add a dark mode to the app",
            &CareContext::default(),
        );
        assert_eq!(a.intent, Intent::FeatureRequest);
        assert_eq!(a.reasons, [Reason::Topic { topic: Topic::Idea }]);
        assert_eq!(a.reasons[0].to_string(), "suggests a product idea");
        assert_eq!(a.urgency_level, UrgencyLevel::Low);
        assert!(!a.anger);
    }

    #[test]
    fn shouting_with_angry_emoji_is_anger() {
        let a = assess("WHERE IS MY ORDER 😡😡", &CareContext::default());
        assert!(a.anger);
        assert!(a.care_compound < -0.3);
    }

    #[test]
    fn praise() {
        let a = assess(
            "Thank you so much, the support team was amazing ❤️",
            &CareContext::default(),
        );
        assert_eq!(a.intent, Intent::Praise);
        assert_eq!(a.care_label, Label::Positive);
    }

    #[test]
    fn language_comes_from_the_caller_when_given() {
        let text = "Hola, llevo tres semanas esperando el reembolso";
        let given = assess_with_language(text, &CareContext::default(), Some("es-MX"));
        assert_eq!(given.language.as_deref(), Some("es"));
        let unknown = assess_with_language(text, &CareContext::default(), Some("und"));
        assert_eq!(unknown.language, None);
        let detected = assess(text, &CareContext::default());
        let expected = cfg!(feature = "language-detect").then(|| "es".to_owned());
        assert_eq!(detected.language, expected);
        assert_eq!(
            Assessment {
                language: None,
                ..detected
            },
            unknown,
            "the language changes no other signal"
        );
    }

    #[test]
    fn serialises_with_snake_case_names() {
        let a = assess(
            "How do I change my delivery address?",
            &CareContext::default(),
        );
        let json = serde_json::to_value(&a).unwrap();
        assert_eq!(json["intent"], "question");
        assert_eq!(json["label"], "neutral");
        let back: Assessment = serde_json::from_value(json).unwrap();
        assert_eq!(back, a);
    }

    #[test]
    fn reasons_serialise_as_data_and_stored_strings_read_back() {
        let context = CareContext {
            prior_messages: Some(2),
            minutes_since_first_message: Some(120),
            ..CareContext::default()
        };
        let a = assess("my account was hacked, this is URGENT!!!", &context);
        let mut json = serde_json::to_value(&a).unwrap();
        assert_eq!(
            json["reasons"][0],
            serde_json::json!({"reason": "topic", "topic": "hacked"})
        );
        assert!(json["reasons"]
            .as_array()
            .unwrap()
            .contains(&serde_json::json!({"reason": "nth_message", "nth": 3, "minutes": 120})));
        let back: Assessment = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(back, a);

        // An assessment kept before reasons were data (the worker's recent
        // items): its strings read as they were written.
        json["reasons"] = serde_json::json!(["waiting 2 hours", {"reason": "angry_tone"}]);
        let old: Assessment = serde_json::from_value(json).unwrap();
        assert_eq!(
            old.reasons,
            [
                Reason::Legacy {
                    text: "waiting 2 hours".into()
                },
                Reason::AngryTone
            ]
        );
    }
}
