//! Why the care engine read a post as it did, as data: each reader words a
//! [`Reason`] itself. The CLI writes today's English through `Display`; the
//! side panel words it in the agent's language from the extension's message
//! catalogue (`extension/locales/<locale>/care.json`).

use super::cues::Topic;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One reason for the care engine's hints, for the side panel.
///
/// Serialised with its kind in `reason` (`{"reason":"waiting","minutes":150}`,
/// `{"reason":"topic","topic":"hacked"}`); an older stored reason, a plain
/// string, reads back as [`Reason::Legacy`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// A cue topic found in the post ("mentions chargeback").
    Topic {
        /// The topic, serialised by its snake_case name (`hacked`).
        topic: Topic,
    },
    /// The customer says how often they have contacted the team ("says this
    /// is contact #3").
    ContactNumber {
        /// The contact's number (2 or more).
        contacts: u32,
    },
    /// Mostly capitals in a complaint ("shouting (ALL CAPS)").
    Shouting,
    /// A run of "!" in a complaint ("!!! in a row").
    Exclamations {
        /// The run's length (3 or more; up to 5 are shown).
        count: u32,
    },
    /// Angry emoji ("angry emoji 😡").
    AngryEmoji {
        /// The angry emoji, in the order the post has them.
        emoji: String,
    },
    /// The wait the extension measured ("waiting 2 hours").
    Waiting {
        /// Minutes waited.
        minutes: u32,
    },
    /// An earlier message in the conversation ("3rd message in 2 hours",
    /// "4th message").
    NthMessage {
        /// This message's number in the conversation (2 or more).
        nth: u32,
        /// Minutes since the customer's first message, when known (above 0).
        minutes: Option<u32>,
    },
    /// The wait the customer states ("says they waited 3 days").
    SaysWaited {
        /// Minutes waited (whole hours).
        minutes: u32,
    },
    /// A deadline in hours ("a deadline within the hour", "a deadline
    /// within 2 hours").
    Deadline {
        /// Hours left (1 reads "within the hour").
        within_hours: u32,
    },
    /// A deadline on a day ("needs it today").
    NeededBy {
        /// The day.
        day: Day,
    },
    /// A strongly negative care compound ("strongly negative (-0.72)").
    StronglyNegative {
        /// The care compound (≤ -0.5).
        compound: f64,
    },
    /// The model reads anger the rules missed ("angry tone").
    AngryTone,
    /// The model reads high urgency the rules missed ("time-critical tone").
    TimeCriticalTone,
    /// A reason as versions before structured reasons stored it: English
    /// words, shown as they are.
    Legacy {
        /// The words.
        text: String,
    },
}

/// The day of a deadline the customer states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Day {
    /// "today", "tonight", "hoy", …
    Today,
    /// "tomorrow", "mañana", …
    Tomorrow,
}

impl Day {
    /// The day as serialised: `"today"` or `"tomorrow"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Day::Today => "today",
            Day::Tomorrow => "tomorrow",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Topic { topic } => out.write_str(topic.meaning().reason),
            Reason::ContactNumber { contacts } => write!(out, "says this is contact #{contacts}"),
            Reason::Shouting => out.write_str("shouting (ALL CAPS)"),
            Reason::Exclamations { count } => {
                write!(out, "{} in a row", &"!!!!!"[..(*count).min(5) as usize])
            }
            Reason::AngryEmoji { emoji } => write!(out, "angry emoji {emoji}"),
            Reason::Waiting { minutes } => write!(out, "waiting {}", Span::of_minutes(*minutes)),
            Reason::NthMessage { nth, minutes } => match minutes {
                Some(minutes) => write!(
                    out,
                    "{} message in {}",
                    Ordinal(*nth),
                    Span::of_minutes(*minutes)
                ),
                None => write!(out, "{} message", Ordinal(*nth)),
            },
            Reason::SaysWaited { minutes } => {
                write!(out, "says they waited {}", Span::of_minutes(*minutes))
            }
            Reason::Deadline { within_hours } if *within_hours <= 1 => {
                out.write_str("a deadline within the hour")
            }
            Reason::Deadline { within_hours } => {
                write!(out, "a deadline within {within_hours} hours")
            }
            Reason::NeededBy { day } => write!(out, "needs it {}", day.as_str()),
            Reason::StronglyNegative { compound } => {
                write!(out, "strongly negative ({compound:+.2})")
            }
            Reason::AngryTone => out.write_str("angry tone"),
            Reason::TimeCriticalTone => out.write_str("time-critical tone"),
            Reason::Legacy { text } => out.write_str(text),
        }
    }
}

/// A length of time as the reasons say it: whole days from 1 day, whole
/// hours from 1 hour, else minutes ("45 minutes", "2 hours", "3 days").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// How many `unit`s.
    pub count: u32,
    /// The unit.
    pub unit: SpanUnit,
}

/// The unit of a [`Span`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpanUnit {
    /// Minutes (below an hour).
    Minutes,
    /// Hours (below a day).
    Hours,
    /// Days.
    Days,
}

impl SpanUnit {
    /// The unit's name: `"minutes"`, `"hours"` or `"days"`.
    pub fn as_str(self) -> &'static str {
        match self {
            SpanUnit::Minutes => "minutes",
            SpanUnit::Hours => "hours",
            SpanUnit::Days => "days",
        }
    }
}

impl Span {
    /// The span of `minutes`, rounded down to its unit.
    pub fn of_minutes(minutes: u32) -> Span {
        let (count, unit) = match minutes {
            m if m >= 24 * 60 => (m / (24 * 60), SpanUnit::Days),
            m if m >= 60 => (m / 60, SpanUnit::Hours),
            m => (m, SpanUnit::Minutes),
        };
        Span { count, unit }
    }
}

impl fmt::Display for Span {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = match (self.unit, self.count) {
            (SpanUnit::Minutes, 1) => "minute",
            (SpanUnit::Hours, 1) => "hour",
            (SpanUnit::Days, 1) => "day",
            (unit, _) => unit.as_str(),
        };
        write!(out, "{} {unit}", self.count)
    }
}

/// An English ordinal: "2nd", "3rd", "11th".
struct Ordinal(u32);

impl fmt::Display for Ordinal {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        let suffix = match (n % 10, n % 100) {
            (_, 11..=13) => "th",
            (1, _) => "st",
            (2, _) => "nd",
            (3, _) => "rd",
            _ => "th",
        };
        write!(out, "{n}{suffix}")
    }
}

impl Serialize for Topic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Topic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Topic::ALL
            .iter()
            .copied()
            .find(|topic| topic.as_str() == name)
            .ok_or_else(|| serde::de::Error::unknown_variant(&name, &TOPIC_NAMES))
    }
}

/// Every topic's name, for the error of an unknown one.
const TOPIC_NAMES: [&str; Topic::ALL.len()] = {
    let mut names = [""; Topic::ALL.len()];
    let mut at = 0;
    while at < names.len() {
        names[at] = Topic::ALL[at].as_str();
        at += 1;
    }
    names
};

/// The reasons of a stored [`Assessment`](super::Assessment): each a
/// [`Reason`] or, as versions before structured reasons stored them, a
/// plain string (read as [`Reason::Legacy`]).
pub(super) fn stored_reasons<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Reason>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Stored {
        Words(String),
        Data(Reason),
    }
    Ok(Vec::<Stored>::deserialize(deserializer)?
        .into_iter()
        .map(|stored| match stored {
            Stored::Words(text) => Reason::Legacy { text },
            Stored::Data(reason) => reason,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words each reason had when reasons were strings.
    #[test]
    fn each_reason_says_what_it_said_as_a_string() {
        let cases: Vec<(Reason, &str)> = vec![
            (
                Reason::Topic {
                    topic: Topic::Hacked,
                },
                "mentions a hacked or compromised account",
            ),
            (
                Reason::Topic {
                    topic: Topic::Chargeback,
                },
                "mentions chargeback",
            ),
            (
                Reason::ContactNumber { contacts: 3 },
                "says this is contact #3",
            ),
            (Reason::Shouting, "shouting (ALL CAPS)"),
            (Reason::Exclamations { count: 3 }, "!!! in a row"),
            (Reason::Exclamations { count: 9 }, "!!!!! in a row"),
            (
                Reason::AngryEmoji {
                    emoji: "😡🤬".into(),
                },
                "angry emoji 😡🤬",
            ),
            (Reason::Waiting { minutes: 45 }, "waiting 45 minutes"),
            (Reason::Waiting { minutes: 1 }, "waiting 1 minute"),
            (Reason::Waiting { minutes: 60 }, "waiting 1 hour"),
            (Reason::Waiting { minutes: 150 }, "waiting 2 hours"),
            (
                Reason::Waiting {
                    minutes: 24 * 60 + 5,
                },
                "waiting 1 day",
            ),
            (Reason::Waiting { minutes: 3000 }, "waiting 2 days"),
            (
                Reason::NthMessage {
                    nth: 3,
                    minutes: Some(120),
                },
                "3rd message in 2 hours",
            ),
            (
                Reason::NthMessage {
                    nth: 4,
                    minutes: None,
                },
                "4th message",
            ),
            (
                Reason::NthMessage {
                    nth: 2,
                    minutes: Some(30),
                },
                "2nd message in 30 minutes",
            ),
            (
                Reason::NthMessage {
                    nth: 21,
                    minutes: None,
                },
                "21st message",
            ),
            (
                Reason::NthMessage {
                    nth: 12,
                    minutes: None,
                },
                "12th message",
            ),
            (
                Reason::SaysWaited { minutes: 72 * 60 },
                "says they waited 3 days",
            ),
            (
                Reason::SaysWaited { minutes: 2 * 60 },
                "says they waited 2 hours",
            ),
            (
                Reason::Deadline { within_hours: 1 },
                "a deadline within the hour",
            ),
            (
                Reason::Deadline { within_hours: 2 },
                "a deadline within 2 hours",
            ),
            (Reason::NeededBy { day: Day::Today }, "needs it today"),
            (Reason::NeededBy { day: Day::Tomorrow }, "needs it tomorrow"),
            (
                Reason::StronglyNegative { compound: -0.7234 },
                "strongly negative (-0.72)",
            ),
            (Reason::AngryTone, "angry tone"),
            (Reason::TimeCriticalTone, "time-critical tone"),
            (
                Reason::Legacy {
                    text: "waited 3 days".into(),
                },
                "waited 3 days",
            ),
        ];
        for (reason, words) in cases {
            assert_eq!(reason.to_string(), words, "{reason:?}");
        }
    }

    #[test]
    fn every_topic_of_the_cue_list_is_named() {
        for (topic, _) in super::super::cues::CUES {
            assert!(Topic::ALL.contains(topic), "{topic:?}");
        }
    }

    #[test]
    fn every_topic_says_its_reason_and_has_a_unique_name() {
        for (at, topic) in Topic::ALL.iter().enumerate() {
            let reason = Reason::Topic { topic: *topic };
            assert_eq!(reason.to_string(), topic.meaning().reason);
            assert!(Topic::ALL[..at]
                .iter()
                .all(|t| t.as_str() != topic.as_str()));
        }
    }

    #[test]
    fn serialises_as_tagged_data_and_reads_back() {
        let cases = [
            (
                Reason::Topic {
                    topic: Topic::Hacked,
                },
                r#"{"reason":"topic","topic":"hacked"}"#,
            ),
            (
                Reason::NthMessage {
                    nth: 3,
                    minutes: Some(120),
                },
                r#"{"reason":"nth_message","nth":3,"minutes":120}"#,
            ),
            (
                Reason::NeededBy { day: Day::Today },
                r#"{"reason":"needed_by","day":"today"}"#,
            ),
            (Reason::AngryTone, r#"{"reason":"angry_tone"}"#),
            (
                Reason::StronglyNegative { compound: -0.5 },
                r#"{"reason":"strongly_negative","compound":-0.5}"#,
            ),
        ];
        for (reason, json) in cases {
            assert_eq!(serde_json::to_string(&reason).unwrap(), json);
            assert_eq!(serde_json::from_str::<Reason>(json).unwrap(), reason);
        }
        assert!(serde_json::from_str::<Reason>(r#"{"reason":"topic","topic":"nope"}"#).is_err());
    }
}
