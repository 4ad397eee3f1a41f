//! Urgency and anger: independent pieces of evidence (care topics, waiting
//! time, repeated contact, shouting, "!!!", angry emoji, strong negativity)
//! combined as a noisy-or, each with the reason the agent sees.

use super::cues::Topic;
use super::text::{self, Words};
use super::{CareContext, Day, Reason};

/// Emoji that alone show anger.
const ANGRY_EMOJI: [char; 6] = ['😡', '😠', '🤬', '👿', '😤', '🖕'];

/// The urgency, the anger flag and the reasons found outside the cue topics.
pub struct Signals {
    /// Combined urgency in [0, 1], rounded to 2 decimals.
    pub urgency: f64,
    /// Whether the customer is angry.
    pub anger: bool,
    /// Reasons beyond the topics' own (context, shouting, waiting time…).
    pub reasons: Vec<Reason>,
    /// The evidence seen outside the cue topics, for the model's features.
    pub seen: Seen,
}

/// The evidence a post shows outside the cue topics.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Seen {
    /// Mostly capitals.
    pub shouted: bool,
    /// A word of four or more capitals.
    pub emphasised: bool,
    /// The longest run of "!".
    pub exclamations: usize,
    /// An angry emoji.
    pub angry_emoji: bool,
    /// A stated wait ("for 3 days") in a complaint.
    pub stated_wait: bool,
    /// A stated deadline ("leaves in 2 hours", "tomorrow") in a complaint.
    pub deadline: bool,
    /// A stated repeat contact ("my 3rd message").
    pub repeat_contact: bool,
}

/// Accumulates independent evidence: urgency = 1 − Π(1 − wᵢ).
struct Evidence {
    calm: f64,
    reasons: Vec<Reason>,
}

impl Evidence {
    fn add(&mut self, weight: f64) {
        self.calm *= 1.0 - weight.clamp(0.0, 1.0);
    }

    fn add_with_reason(&mut self, weight: f64, reason: Reason) {
        self.add(weight);
        self.reasons.push(reason);
    }
}

impl Signals {
    /// Reads the signals of a post from its text and words, care compound,
    /// topics, the emoji read by the care layer and the conversation context.
    pub fn read(
        raw_text: &str,
        words: &Words,
        care_compound: f64,
        topics: &[Topic],
        read_emoji: &[char],
        context: &CareContext,
    ) -> Signals {
        let mut evidence = Evidence {
            calm: 1.0,
            reasons: Vec::new(),
        };
        for topic in topics {
            evidence.add(topic.meaning().urgency);
        }
        if let Some(minutes) = context.waiting_minutes {
            add_waiting(&mut evidence, minutes);
        }
        if let Some(prior) = context.prior_messages.filter(|p| *p > 0) {
            add_repeat_contact(&mut evidence, prior, context.minutes_since_first_message);
        }
        let lowercase: Vec<&str> = words.lowercase().collect();
        let complaining = care_compound <= -0.05 || topics.iter().any(|t| t.is_problem());
        let mut seen = Seen::default();
        if complaining {
            let stated = StatedTimes::read(&lowercase);
            if let Some(hours) = stated.wait_hours {
                seen.stated_wait = true;
                add_stated_wait(&mut evidence, hours);
            }
            if let Some(deadline) = stated.deadline {
                seen.deadline = true;
                add_deadline(&mut evidence, deadline);
            }
        }
        if let Some(contacts) = stated_contacts(&lowercase).filter(|n| *n >= 2) {
            seen.repeat_contact = true;
            let weight = if contacts >= 3 { 0.3 } else { 0.15 };
            evidence.add_with_reason(weight, Reason::ContactNumber { contacts });
        }

        let text::Capitals {
            shouted,
            emphasis: emphasised,
        } = words.capitals();
        let exclamations = text::longest_exclamation_run(raw_text);
        let angry_emoji: Vec<char> = read_emoji
            .iter()
            .copied()
            .filter(|c| ANGRY_EMOJI.contains(c))
            .collect();
        let angry_words = topics.iter().any(|t| t.meaning().anger);
        let threatening = care_compound <= -0.05
            && topics
                .iter()
                .any(|t| matches!(t, Topic::Legal | Topic::Public));
        let swearing = topics.contains(&Topic::Profanity) && care_compound < 0.0;
        let emphatic =
            (shouted.is_some() || emphasised || exclamations >= 2) && care_compound <= -0.3;
        let anger = angry_words || !angry_emoji.is_empty() || swearing || emphatic || threatening;

        if shouted.is_some() && complaining {
            evidence.add_with_reason(0.2, Reason::Shouting);
        }
        if exclamations >= 3 && complaining {
            evidence.add_with_reason(
                0.15,
                Reason::Exclamations {
                    count: u32::try_from(exclamations).unwrap_or(u32::MAX),
                },
            );
        }
        if !angry_emoji.is_empty() {
            let emoji: String = angry_emoji.iter().collect();
            evidence.add_with_reason(0.2, Reason::AngryEmoji { emoji });
        }
        if care_compound <= -0.75 {
            evidence.add(0.3);
        } else if care_compound <= -0.5 {
            evidence.add(0.2);
        }
        if anger {
            evidence.add(0.2);
        }
        let urgency = ((1.0 - evidence.calm) * 100.0).round() / 100.0;
        Signals {
            urgency,
            anger,
            reasons: evidence.reasons,
            seen: Seen {
                shouted: shouted.is_some(),
                emphasised,
                exclamations,
                angry_emoji: !angry_emoji.is_empty(),
                ..seen
            },
        }
    }
}

/// Waiting time the extension measured.
fn add_waiting(evidence: &mut Evidence, minutes: u32) {
    let weight = match minutes {
        m if m >= 24 * 60 => 0.45,
        m if m >= 4 * 60 => 0.3,
        m if m >= 60 => 0.15,
        _ => return,
    };
    evidence.add_with_reason(weight, Reason::Waiting { minutes });
}

/// Earlier messages in the conversation: "3rd message in 2 hours".
fn add_repeat_contact(evidence: &mut Evidence, prior: u32, window: Option<u32>) {
    let nth = prior.saturating_add(1);
    let weight = match nth {
        2 => 0.15,
        3 => 0.3,
        _ => 0.45,
    };
    evidence.add_with_reason(
        weight,
        Reason::NthMessage {
            nth,
            minutes: window.filter(|minutes| *minutes > 0),
        },
    );
}

/// Waiting time the customer states ("for 3 days", "2 weeks now").
fn add_stated_wait(evidence: &mut Evidence, hours: u32) {
    let weight = match hours {
        h if h >= 7 * 24 => 0.3,
        h if h >= 24 => 0.2,
        h if h >= 2 => 0.1,
        _ => return,
    };
    evidence.add_with_reason(
        weight,
        Reason::SaysWaited {
            minutes: hours.saturating_mul(60),
        },
    );
}

/// The times a post states: how long the customer waited and how soon
/// something must happen.
struct StatedTimes {
    /// The longest "<number> <unit>" duration that is neither time left nor
    /// an age ("for 3 days", "2 weeks now"), in hours.
    wait_hours: Option<u32>,
    /// The nearest deadline.
    deadline: Option<Deadline>,
}

impl StatedTimes {
    /// Reads the durations of the lowercased words in one pass.
    fn read(words: &[&str]) -> StatedTimes {
        let (mut wait_hours, mut soonest) = (None, None);
        for duration in durations(words) {
            if duration.ahead {
                if duration.hours <= 12 {
                    soonest = Some(soonest.map_or(duration.hours, |s: u32| s.min(duration.hours)));
                }
            } else if !duration.age {
                wait_hours = wait_hours.max(Some(duration.hours));
            }
        }
        StatedTimes {
            wait_hours,
            deadline: soonest.map(Deadline::Hours).or_else(|| stated_day(words)),
        }
    }
}

/// A "<number> <unit>" duration in a post.
struct Duration {
    /// Its length in hours (at least 1).
    hours: u32,
    /// Preceded by "in" ("leaves in 2 hours"): time left, not time waited.
    ahead: bool,
    /// Followed by "old" ("a six month old"): an age.
    age: bool,
}

/// Every "<number> <unit>" duration in the words (minutes count as an hour).
fn durations<'a>(words: &'a [&'a str]) -> impl Iterator<Item = Duration> + 'a {
    (0..words.len().saturating_sub(1)).filter_map(move |i| {
        let count = quantity(words[i])?;
        let hours = match words[i + 1] {
            "minute" | "minutes" | "mins" | "min" | "minutos" | "minuten" | "minuti" => 1,
            unit => count.saturating_mul(unit_hours(unit)?),
        };
        Some(Duration {
            hours,
            ahead: i > 0 && is_ahead(words[i - 1]),
            age: words.get(i + 2) == Some(&"old"),
        })
    })
}

/// "in" as in "in 2 hours", in the supported languages.
fn is_ahead(word: &str) -> bool {
    matches!(word, "in" | "en" | "dans" | "em" | "tra" | "fra" | "within")
}

/// How soon the post says something must happen: "leaves in 2 hours",
/// "closes in 45 minutes", "tomorrow".
#[derive(Clone, Copy, Debug, PartialEq)]
enum Deadline {
    /// Within this many hours.
    Hours(u32),
    /// Today, tonight or tomorrow.
    Day(Day),
}

/// The first "today" or "tomorrow" of the words.
fn stated_day(words: &[&str]) -> Option<Deadline> {
    words.iter().find_map(|word| {
        let day = match *word {
            "today" | "tonight" | "hoy" | "aujourd'hui" | "heute" | "hoje" | "oggi" => Day::Today,
            "tomorrow" | "mañana" | "demain" | "morgen" | "amanhã" | "domani" => Day::Tomorrow,
            _ => return None,
        };
        Some(Deadline::Day(day))
    })
}

/// A deadline the customer states makes the post more pressing.
fn add_deadline(evidence: &mut Evidence, deadline: Deadline) {
    match deadline {
        Deadline::Hours(within_hours) => {
            evidence.add_with_reason(0.6, Reason::Deadline { within_hours })
        }
        Deadline::Day(day) => evidence.add_with_reason(0.45, Reason::NeededBy { day }),
    }
}

/// Hours in one unit of a duration word ("day" → 24).
fn unit_hours(unit: &str) -> Option<u32> {
    Some(match unit {
        "hour" | "hours" | "hrs" | "hora" | "horas" | "heure" | "heures" | "stunde" | "stunden"
        | "ora" | "ore" => 1,
        "day" | "days" | "dia" | "dias" | "día" | "días" | "jour" | "jours" | "tag" | "tage"
        | "tagen" | "giorno" | "giorni" => 24,
        "week" | "weeks" | "wks" | "semana" | "semanas" | "semaine" | "semaines" | "woche"
        | "wochen" | "settimana" | "settimane" => 24 * 7,
        "month" | "months" | "mes" | "meses" | "mois" | "monat" | "monate" | "monaten" | "mese"
        | "mesi" => 24 * 30,
        _ => return None,
    })
}

/// How many times the customer says they have contacted the team: "called 4
/// times", "my 3rd message", "fifth email".
fn stated_contacts(words: &[&str]) -> Option<u32> {
    // One plain loop over the words (as iterator adapters, each window cost
    // a call to a closure).
    let mut most = None;
    for (i, &word) in words.iter().enumerate() {
        if i >= 2 && word == "times" && is_contact_verb(words[i - 2]) {
            most = most.max(quantity(words[i - 1]));
        }
        if i >= 1 && is_contact_noun(word) {
            most = most.max(ordinal_value(words[i - 1]));
        }
    }
    most
}

/// A verb of contacting the team ("called 4 times").
fn is_contact_verb(word: &str) -> bool {
    matches!(
        word,
        "called"
            | "messaged"
            | "emailed"
            | "written"
            | "wrote"
            | "asked"
            | "contacted"
            | "tried"
            | "phoned"
            | "rang"
            | "chatted"
    )
}

/// A noun of contacting the team ("my 3rd message").
fn is_contact_noun(word: &str) -> bool {
    matches!(
        word,
        "time"
            | "message"
            | "email"
            | "call"
            | "attempt"
            | "request"
            | "complaint"
            | "dm"
            | "chat"
            | "letter"
    )
}

/// The value of an ordinal written in digits or words ("3rd", "fifth").
fn ordinal_value(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.len() < word.len() && matches!(&word[digits.len()..], "st" | "nd" | "rd" | "th") {
        return digits.parse().ok();
    }
    let n = match word {
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        _ => return None,
    };
    Some(n)
}

/// A small count written in digits or words.
fn quantity(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse::<u32>() {
        return Some(n);
    }
    let n = match word {
        "a" | "an" | "one" => 1,
        "two" | "couple" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "several" | "few" => 3,
        "dos" | "deux" | "zwei" | "dois" | "due" => 2,
        "tres" | "trois" | "drei" | "três" | "tre" => 3,
        _ => return None,
    };
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stated_waits_are_read() {
        let hours =
            |t: &str| StatedTimes::read(&Words::new(t).lowercase().collect::<Vec<_>>()).wait_hours;
        assert_eq!(hours("waiting for 3 days now"), Some(72));
        assert_eq!(hours("two weeks and nothing"), Some(336));
        assert_eq!(hours("llevo tres semanas esperando"), Some(504));
        assert_eq!(hours("no numbers here"), None);
    }

    #[test]
    fn ages_and_time_left_are_no_wait() {
        let hours =
            |t: &str| StatedTimes::read(&Words::new(t).lowercase().collect::<Vec<_>>()).wait_hours;
        assert_eq!(hours("we have a six month old with us"), None);
        assert_eq!(hours("my flight leaves in 2 hours"), None);
    }

    #[test]
    fn deadlines_are_read() {
        let deadline =
            |t: &str| StatedTimes::read(&Words::new(t).lowercase().collect::<Vec<_>>()).deadline;
        assert_eq!(
            deadline("my flight leaves in 2 hours"),
            Some(Deadline::Hours(2))
        );
        assert_eq!(
            deadline("check-in closes in 45 minutes"),
            Some(Deadline::Hours(1))
        );
        assert_eq!(
            deadline("mi vuelo sale en dos horas"),
            Some(Deadline::Hours(2))
        );
        assert_eq!(
            deadline("the funeral is tomorrow"),
            Some(Deadline::Day(Day::Tomorrow))
        );
        assert_eq!(deadline("waited for 3 days"), None);
    }

    #[test]
    fn stated_contacts_are_read() {
        let contacts = |t: &str| stated_contacts(&Words::new(t).lowercase().collect::<Vec<_>>());
        assert_eq!(contacts("I have called 4 times"), Some(4));
        assert_eq!(contacts("this is my 3rd message"), Some(3));
        assert_eq!(contacts("Fifth email. Fifth."), Some(5));
        assert_eq!(contacts("I tried the 2nd size"), None);
    }

    #[test]
    fn context_raises_urgency() {
        let text = "where is my parcel";
        let words = Words::new(text);
        let calm = Signals::read(text, &words, -0.1, &[], &[], &CareContext::default());
        let context = CareContext {
            prior_messages: Some(3),
            waiting_minutes: Some(3000),
            ..CareContext::default()
        };
        let pressed = Signals::read(text, &words, -0.1, &[], &[], &context);
        assert!(pressed.urgency > calm.urgency + 0.5);
        assert_eq!(
            pressed.reasons,
            [
                Reason::Waiting { minutes: 3000 },
                Reason::NthMessage {
                    nth: 4,
                    minutes: None
                }
            ]
        );
        let words: Vec<String> = pressed.reasons.iter().map(Reason::to_string).collect();
        assert_eq!(words, ["waiting 2 days", "4th message"]);
    }
}
