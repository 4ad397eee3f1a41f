//! The care lexicon: phrases that reveal what a customer wants and how
//! pressing it is, grouped into [`Topic`]s. Each topic carries the intent it
//! points to, its urgency weight and the reason shown to the agent.
//!
//! Phrases are matched on whole lowercased words; a trailing `*` matches any
//! word with that prefix (`refund*` matches "refunds", "refunded"). All of
//! them are found in one pass of an Aho-Corasick automaton over the words.
//! English first, with the common care vocabulary of Spanish, French,
//! German, Portuguese and Italian.

use super::text::Words;
use super::Intent;

include!("cue_list.rs");

/// What a topic means for the assessment.
pub struct TopicMeaning {
    /// The intent the topic points to, with its weight.
    pub intent: Option<(Intent, f64)>,
    /// Urgency contributed (combined as independent evidence).
    pub urgency: f64,
    /// Whether the topic alone shows anger.
    pub anger: bool,
    /// The reason shown to the agent.
    pub reason: &'static str,
}

impl Topic {
    /// Every topic, in the cue list's order.
    pub const ALL: [Topic; 25] = [
        Topic::Hacked,
        Topic::Fraud,
        Topic::Access,
        Topic::Chargeback,
        Topic::Refund,
        Topic::Billing,
        Topic::Churn,
        Topic::Outage,
        Topic::Bug,
        Topic::Legal,
        Topic::Public,
        Topic::Safety,
        Topic::Urgent,
        Topic::Waiting,
        Topic::Repeat,
        Topic::Recurring,
        Topic::Ultimatum,
        Topic::Anger,
        Topic::Sarcasm,
        Topic::Profanity,
        Topic::Complaint,
        Topic::Praise,
        Topic::Idea,
        Topic::Question,
        Topic::Spam,
    ];

    /// The topic as serialised (`"hacked"`, `"chargeback"`, …): the side
    /// panel's message of it is `care_topic_<name>`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Topic::Hacked => "hacked",
            Topic::Fraud => "fraud",
            Topic::Access => "access",
            Topic::Chargeback => "chargeback",
            Topic::Refund => "refund",
            Topic::Billing => "billing",
            Topic::Churn => "churn",
            Topic::Outage => "outage",
            Topic::Bug => "bug",
            Topic::Legal => "legal",
            Topic::Public => "public",
            Topic::Safety => "safety",
            Topic::Urgent => "urgent",
            Topic::Waiting => "waiting",
            Topic::Repeat => "repeat",
            Topic::Recurring => "recurring",
            Topic::Ultimatum => "ultimatum",
            Topic::Anger => "anger",
            Topic::Sarcasm => "sarcasm",
            Topic::Profanity => "profanity",
            Topic::Complaint => "complaint",
            Topic::Praise => "praise",
            Topic::Idea => "idea",
            Topic::Question => "question",
            Topic::Spam => "spam",
        }
    }

    /// Whether the topic reports a problem (anything but praise, ideas,
    /// questions and spam).
    pub fn is_problem(self) -> bool {
        !matches!(
            self,
            Topic::Praise | Topic::Idea | Topic::Question | Topic::Spam
        )
    }

    /// The meaning of the topic.
    pub fn meaning(self) -> TopicMeaning {
        use Intent::*;
        let (intent, urgency, anger, reason) = match self {
            Topic::Hacked => (
                Some((AccountSecurity, 3.0)),
                0.65,
                false,
                "mentions a hacked or compromised account",
            ),
            Topic::Fraud => (
                Some((AccountSecurity, 2.5)),
                0.6,
                false,
                "mentions fraud, phishing or unauthorised use",
            ),
            Topic::Access => (
                Some((AccountSecurity, 2.0)),
                0.3,
                false,
                "cannot access the account",
            ),
            Topic::Chargeback => (Some((Billing, 3.0)), 0.6, false, "mentions chargeback"),
            Topic::Refund => (Some((Billing, 2.5)), 0.3, false, "asks for a refund"),
            Topic::Billing => (
                Some((Billing, 2.0)),
                0.15,
                false,
                "billing or payment issue",
            ),
            Topic::Churn => (
                Some((Complaint, 1.0)),
                0.35,
                false,
                "threatens to cancel or leave",
            ),
            Topic::Outage => (Some((Outage, 2.5)), 0.6, false, "reports an outage"),
            Topic::Bug => (Some((Outage, 2.0)), 0.3, false, "reports a bug or error"),
            Topic::Legal => (
                Some((Complaint, 1.0)),
                0.55,
                false,
                "threatens legal action",
            ),
            Topic::Public => (
                Some((Complaint, 1.0)),
                0.4,
                false,
                "threatens public escalation",
            ),
            Topic::Safety => (None, 0.5, false, "mentions danger or a vulnerable person"),
            Topic::Urgent => (None, 0.35, false, "asks for urgent help"),
            Topic::Waiting => (
                Some((Complaint, 1.0)),
                0.3,
                false,
                "has been waiting without an answer",
            ),
            Topic::Repeat => (
                Some((Complaint, 0.5)),
                0.3,
                false,
                "has contacted you before",
            ),
            Topic::Recurring => (
                Some((Complaint, 0.5)),
                0.15,
                false,
                "the problem happened again",
            ),
            Topic::Ultimatum => (Some((Complaint, 0.5)), 0.3, true, "gives an ultimatum"),
            Topic::Anger => (Some((Complaint, 0.5)), 0.15, true, "angry wording"),
            Topic::Sarcasm => (Some((Complaint, 2.0)), 0.15, true, "sarcastic complaint"),
            Topic::Profanity => (Some((Complaint, 0.5)), 0.1, false, "swearing"),
            Topic::Complaint => (
                Some((Complaint, 1.5)),
                0.1,
                false,
                "complains about the service",
            ),
            Topic::Praise => (Some((Praise, 1.0)), 0.0, false, "praises or thanks"),
            Topic::Idea => (
                Some((FeatureRequest, 2.5)),
                0.0,
                false,
                "suggests a product idea",
            ),
            Topic::Question => (Some((Question, 1.0)), 0.0, false, "asks a question"),
            Topic::Spam => (
                Some((Spam, 3.0)),
                0.0,
                false,
                "looks like spam or promotion",
            ),
        };
        TopicMeaning {
            intent,
            urgency,
            anger,
            reason,
        }
    }
}

/// The topics and marker words a search has met: the [`Pattern::hit`]
/// bits of the patterns found.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Hits(u32);

impl Hits {
    fn found(self) -> Found {
        let topics = CUE_TOPICS
            .iter()
            .enumerate()
            .filter(|(slot, _)| self.0 & (1 << slot) != 0)
            .map(|(_, topic)| *topic)
            .collect();
        Found {
            topics,
            addressed: self.0 & ADDRESS_HIT != 0,
            pointing: self.0 & POINTING_HIT != 0,
        }
    }
}

// The cue DFA's tables, built from the cue list by `build/cue_dfa.rs` with
// aho-corasick: `CUE_CLASSES`, `CUE_CLASS_COUNT`, `CUE_HITS`,
// `CUE_LONGEST_NEEDLE`, `CUE_TOPICS`; natively `CUE_TRANSITIONS`, in wasm its compact form
// (`CUE_FALLBACKS`, `CUE_CHILD_COUNTS`, `CUE_CHILD_CLASSES`). The start
// state is 0.
include!(concat!(env!("OUT_DIR"), "/cue_dfa.rs"));

/// The DFA's transitions unfolded from their compact form (see
/// `build/cue_dfa.rs`): each state's row is its fallback's, with the classes
/// leading to its children set to the next states met. The same bytes as
/// `CUE_TRANSITIONS`, in a fraction of a millisecond and without the 600 KB
/// in the extension's wasm.
#[cfg(any(target_family = "wasm", test))]
fn unfold() -> Vec<u8> {
    let row = CUE_CLASS_COUNT * 2;
    let mut table = vec![0u8; CUE_FALLBACKS.len() * row];
    let mut classes = CUE_CHILD_CLASSES.iter();
    let mut met_next: u16 = 1;
    for (state, (&fallback, &children)) in CUE_FALLBACKS.iter().zip(&CUE_CHILD_COUNTS).enumerate() {
        let fallback = usize::from(fallback);
        if state > 0 {
            table.copy_within(fallback * row..(fallback + 1) * row, state * row);
        }
        for _ in 0..children {
            let class = usize::from(*classes.next().expect("a class per child"));
            table[state * row + class * 2..][..2].copy_from_slice(&met_next.to_le_bytes());
            met_next += 1;
        }
    }
    table
}

/// The wasm's transitions, unfolded on the first search.
#[cfg(target_family = "wasm")]
static UNFOLDED: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(unfold);

/// Each state's next state per class, `u16` little-endian, state by state.
#[inline(always)]
fn transitions() -> &'static [u8] {
    #[cfg(not(target_family = "wasm"))]
    return CUE_TRANSITIONS;
    #[cfg(target_family = "wasm")]
    return &UNFOLDED;
}

/// Every pattern occurring in `haystack`, overlapping ones included, read
/// off the DFA compiled at build time: one transition per byte, and the
/// hits of every state the walk enters. No process pays an automaton's
/// build (the DFA's ~35 M instructions, ~10 ms, when each process built it).
///
/// Each step waits for the previous one's table load, so a longer text is
/// cut into pieces walked side by side: piece `i` of `k` covers the bytes
/// up to `(i + 1) n / k` from `CUE_LONGEST_NEEDLE - 1` bytes before `i n / k`,
/// so every occurrence lies wholly in the piece where it ends, and a walk
/// from the start state finds every occurrence that starts in its piece.
fn search_compiled(haystack: &[u8]) -> Hits {
    let length = haystack.len();
    Hits(if length < 2 * CUE_LONGEST_NEEDLE {
        walk_pieces::<1>(haystack)
    } else if length < 4 * CUE_LONGEST_NEEDLE {
        walk_pieces::<2>(haystack)
    } else {
        walk_pieces::<4>(haystack)
    })
}

/// The hits of `K` overlapping pieces of `haystack` (see
/// [`search_compiled`]), walked side by side.
fn walk_pieces<const K: usize>(haystack: &[u8]) -> u32 {
    let transitions = transitions();
    let length = haystack.len();
    let pieces: [&[u8]; K] = std::array::from_fn(|i| {
        let start = (i * length / K).saturating_sub(CUE_LONGEST_NEEDLE - 1);
        &haystack[start..(i + 1) * length / K]
    });
    let longest = pieces.iter().map(|piece| piece.len()).max().unwrap_or(0);
    let (mut states, mut hits) = ([0; K], 0);
    for at in 0..longest {
        for (state, piece) in states.iter_mut().zip(&pieces) {
            if let Some(&byte) = piece.get(at) {
                let class = usize::from(CUE_CLASSES[usize::from(byte)]);
                let next = (*state * CUE_CLASS_COUNT + class) * 2;
                *state = usize::from(u16::from_le_bytes([
                    transitions[next],
                    transitions[next + 1],
                ]));
                hits |= CUE_HITS[*state];
            }
        }
    }
    hits
}

/// What the cue lexicon finds in a post.
pub struct Found {
    /// The topics whose cues occur (each once, in [`CUES`] order).
    pub topics: Vec<Topic>,
    /// Whether a word addresses the team or its service ("you", "order").
    pub addressed: bool,
    /// Whether a word points at the post commented on ("this", "it").
    pub pointing: bool,
}

/// Finds every cue in the words, in one pass of the DFA compiled at build
/// time over [`Words::spaced`].
pub fn find(words: &Words) -> Found {
    search_compiled(words.spaced.as_bytes()).found()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics(text: &str) -> Vec<Topic> {
        find(&Words::new(text)).topics
    }

    #[test]
    fn phrases_match_whole_words_and_prefixes() {
        assert_eq!(topics("Where are my REFUNDS?"), [Topic::Refund]);
        assert!(topics("the app is down").contains(&Topic::Outage));
        assert!(topics("this downright sucks").is_empty());
        assert!(topics("I can’t log in").contains(&Topic::Access));
    }

    #[test]
    fn topics_are_found() {
        let found = topics("I'm filing a chargeback, my account was hacked");
        assert!(found.contains(&Topic::Chargeback) && found.contains(&Topic::Hacked));
    }

    #[test]
    fn the_compact_table_unfolds_to_the_compiled_one() {
        assert!(unfold() == CUE_TRANSITIONS.as_slice());
    }

    #[test]
    fn the_dfa_finds_what_a_fresh_automaton_finds() {
        let (needles, patterns): (Vec<String>, Vec<Pattern>) = needles().into_iter().unzip();
        let automaton = aho_corasick::AhoCorasick::new(&needles).unwrap();
        let files = [
            "tests/parity/tweets_GroundTruth.txt",
            "tests/parity/amazonReviewSnippets_GroundTruth.txt",
            "tests/care_eval/posts.tsv",
            "tests/care_eval/holdout.tsv",
            "tests/care_eval/holdout2.tsv",
        ];
        let mut found_some = 0;
        for file in files {
            let text = std::fs::read_to_string(file).unwrap();
            for line in text.lines() {
                let words = Words::new(line.rsplit('\t').next().unwrap());
                let expected = automaton
                    .find_overlapping_iter(words.spaced.as_str())
                    .fold(0, |hits, found| {
                        hits | patterns[found.pattern().as_usize()].hit()
                    });
                let compiled = search_compiled(words.spaced.as_bytes());
                assert_eq!(compiled, Hits(expected), "{line}");
                found_some += usize::from(compiled.0 != 0);
            }
        }
        assert!(found_some > 1000, "{found_some} texts with cues");
    }

    #[test]
    fn a_phrase_is_found_wherever_the_pieces_are_cut() {
        let filler = "lorem ipsum dolor sit amet ".repeat(12);
        for at in 0..filler.len() {
            let text = format!("{} account was stolen {}", &filler[..at], &filler[at..]);
            let found = find(&Words::new(&text));
            assert!(found.topics.contains(&Topic::Hacked), "{text}");
        }
    }

    #[test]
    fn markers_are_found() {
        let found = find(&Words::new("love it"));
        assert!(found.pointing && !found.addressed);
        let found = find(&Words::new("@Shop where is my order"));
        assert!(found.addressed && !found.pointing);
    }
}
