//! The supervised layer of the care signals: logistic regressions for the
//! anger flag, for high urgency and (one per intent, the highest score
//! wins) for the intent, over the cue topics, the rule-based signals and
//! intent, the VADER scores and hashed word unigrams and bigrams.
//!
//! The weights are trained on the team's development set
//! (`tests/care_eval/posts.tsv`) by `make train-care-model` and compiled in
//! (`model_weights.rs`); nothing is downloaded or trained at run time. A test
//! retrains and checks that the committed weights are the ones the data gives.

use super::cues::Topic;
use super::{Intent, Reading};

/// Number of cue topics, one feature each.
pub const TOPICS: usize = Topic::Spam as usize + 1;

/// The rule-based signals after the topics, in feature order.
pub const SIGNALS: [&str; 18] = [
    "VADER compound",
    "VADER negative share",
    "VADER positive share",
    "care compound",
    "care compound <= -0.5",
    "care compound >= 0.5",
    "rule anger",
    "rule urgency",
    "rule urgency high",
    "shouting",
    "word in capitals",
    "!! or more",
    "angry emoji",
    "question mark",
    "stated wait",
    "stated deadline",
    "stated or measured repeat contact",
    "addressed to the team",
];

/// Where the rules' intent (one feature per intent, in [`Intent::ALL`]
/// order) starts.
const RULE_INTENT: usize = TOPICS + SIGNALS.len();

/// Features before the hashed words.
pub const DENSE: usize = RULE_INTENT + Intent::ALL.len();

/// Hash buckets of the word unigrams and bigrams.
pub const BUCKETS: usize = 1024;

/// Length of a feature vector.
pub const FEATURES: usize = DENSE + BUCKETS;

/// One post's features: the dense values and the hash buckets its words and
/// word pairs fall in (each bucket once, sorted; a bucket's value is 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    /// Topics (0 or 1), [`SIGNALS`], then the rules' intent (0 or 1).
    pub dense: [f64; DENSE],
    /// Sorted, distinct buckets below [`BUCKETS`].
    pub buckets: Vec<u16>,
}

impl Features {
    /// The features of a post's reading.
    pub(super) fn of(reading: &Reading) -> Features {
        let mut dense = [0.0; DENSE];
        for topic in &reading.topics {
            dense[*topic as usize] = 1.0;
        }
        let signals = &reading.signals;
        let seen = &signals.seen;
        let flag = |on: bool| if on { 1.0 } else { 0.0 };
        let values: [f64; SIGNALS.len()] = [
            reading.sentiment.compound,
            reading.sentiment.neg,
            reading.sentiment.pos,
            reading.care_compound,
            flag(reading.care_compound <= -0.5),
            flag(reading.care_compound >= 0.5),
            flag(signals.anger),
            signals.urgency,
            flag(signals.urgency >= 0.6),
            flag(seen.shouted),
            flag(seen.emphasised),
            flag(seen.exclamations >= 2),
            flag(seen.angry_emoji),
            flag(reading.asks),
            flag(seen.stated_wait),
            flag(seen.deadline),
            flag(seen.repeat_contact || reading.prior_messages),
            flag(reading.addressed),
        ];
        dense[TOPICS..RULE_INTENT].copy_from_slice(&values);
        let rule_intent = Intent::ALL.iter().position(|i| *i == reading.intent);
        dense[RULE_INTENT + rule_intent.unwrap_or(0)] = 1.0;
        Features {
            dense,
            buckets: word_buckets(reading.words.lowercase()),
        }
    }

    /// The whole vector, hashed words spelled out (for training).
    pub fn to_vector(&self) -> Vec<f64> {
        let mut vector = vec![0.0; FEATURES];
        vector[..DENSE].copy_from_slice(&self.dense);
        for bucket in &self.buckets {
            vector[DENSE + usize::from(*bucket)] = 1.0;
        }
        vector
    }
}

/// A logistic regression over [`Features`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinearModel {
    /// The intercept.
    pub bias: f32,
    /// One weight per feature, [`FEATURES`] of them.
    pub weights: &'static [f32; FEATURES],
}

impl LinearModel {
    /// The probability the model gives the class.
    pub fn probability(&self, features: &Features) -> f64 {
        1.0 / (1.0 + (-self.logit(features)).exp())
    }

    /// The model's log-odds of the class.
    pub fn logit(&self, features: &Features) -> f64 {
        let dense: f64 = features
            .dense
            .iter()
            .zip(self.weights.iter())
            .map(|(x, w)| x * f64::from(*w))
            .sum();
        let words: f64 = features
            .buckets
            .iter()
            .map(|b| f64::from(self.weights[DENSE + usize::from(*b)]))
            .sum();
        f64::from(self.bias) + dense + words
    }
}

/// The anger model.
pub const ANGER: LinearModel = LinearModel {
    bias: weights::ANGER_BIAS,
    weights: &weights::ANGER,
};

/// The high-urgency model.
pub const HIGH_URGENCY: LinearModel = LinearModel {
    bias: weights::HIGH_URGENCY_BIAS,
    weights: &weights::HIGH_URGENCY,
};

/// The intent models, one per intent in [`Intent::ALL`] order.
pub const INTENT: [LinearModel; Intent::ALL.len()] = {
    let mut models = [ANGER; Intent::ALL.len()];
    let mut i = 0;
    while i < models.len() {
        models[i] = LinearModel {
            bias: weights::INTENT_BIAS[i],
            weights: &weights::INTENT[i],
        };
        i += 1;
    }
    models
};

/// The intent whose model scores the post highest (the first on a tie).
pub fn choose_intent(features: &Features) -> Intent {
    let scores = INTENT.iter().map(|model| model.logit(features));
    let (best, _) = scores
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |best, (i, score)| {
            if score > best.1 {
                (i, score)
            } else {
                best
            }
        });
    Intent::ALL[best]
}

/// The features of a post in its context, as [`super::assess`] computes them.
pub fn features(text: &str, context: &super::CareContext) -> Features {
    Features::of(&Reading::new(text, context))
}

/// The buckets of the lowercased words and of each pair of neighbours
/// (FNV-1a, the pair hashed as "first second").
fn word_buckets<'a>(words: impl Iterator<Item = &'a str>) -> Vec<u16> {
    let mut buckets = Vec::new();
    let mut previous: Option<u32> = None;
    for word in words {
        let unigram = fnv1a(FNV_OFFSET, word.as_bytes());
        buckets.push(bucket(unigram));
        if let Some(first) = previous {
            buckets.push(bucket(fnv1a(fnv1a(first, b" "), word.as_bytes())));
        }
        previous = Some(unigram);
    }
    buckets.sort_unstable();
    buckets.dedup();
    buckets
}

const FNV_OFFSET: u32 = 0x811c_9dc5;

/// 32-bit FNV-1a, continued from `state`.
fn fnv1a(state: u32, bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(state, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193))
}

fn bucket(hash: u32) -> u16 {
    (hash % BUCKETS as u32) as u16
}

// Generated by the training command, eight weights to a line.
#[rustfmt::skip]
#[path = "model_weights.rs"]
mod weights;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_pairs_fall_in_buckets() {
        let buckets = word_buckets(["my", "flight", "my"].into_iter());
        assert_eq!(buckets.len(), 4, "my, flight, my flight, flight my");
        assert!(buckets.windows(2).all(|w| w[0] < w[1]));
        assert!(buckets.iter().all(|b| usize::from(*b) < BUCKETS));
        assert_eq!(
            fnv1a(FNV_OFFSET, b"a"),
            0xe40c_292c,
            "the published FNV-1a value"
        );
    }

    #[test]
    fn the_vector_spells_out_the_buckets() {
        let features = features("@Shop where is my order?", &Default::default());
        let vector = features.to_vector();
        assert_eq!(vector.len(), FEATURES);
        let ones = vector[DENSE..].iter().filter(|v| **v == 1.0).count();
        assert_eq!(ones, features.buckets.len());
        assert_eq!(vector[TOPICS + 13], 1.0, "question mark");
        assert_eq!(vector[RULE_INTENT + 5], 1.0, "the rules read a question");
    }
}
