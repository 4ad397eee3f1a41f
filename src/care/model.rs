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
use super::text::Words;
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
pub const BUCKETS: usize = 2048;

/// Length of a feature vector.
pub const FEATURES: usize = DENSE + BUCKETS;

/// One post's features: the dense values and the hash buckets its words and
/// word pairs fall in (a bucket's value is 1).
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    /// Topics (0 or 1), [`SIGNALS`], then the rules' intent (0 or 1).
    pub dense: [f64; DENSE],
    /// The buckets the words and word pairs fall in.
    pub buckets: Buckets,
}

impl Features {
    /// No feature set.
    const NONE: Features = Features {
        dense: [0.0; DENSE],
        buckets: Buckets([0; BUCKETS / 64]),
    };

    /// The features of a post's reading.
    fn of(reading: &Reading) -> Features {
        let mut features = Features::NONE;
        features.fill(reading);
        features
    }

    /// Sets the features of a post's reading (on [`Features::NONE`]).
    fn fill(&mut self, reading: &Reading) {
        let dense = &mut self.dense;
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
        self.buckets.add_words(&reading.words);
    }

    /// The whole vector, hashed words spelled out (for training).
    pub fn to_vector(&self) -> Vec<f64> {
        let mut vector = vec![0.0; FEATURES];
        vector[..DENSE].copy_from_slice(&self.dense);
        for bucket in self.buckets.iter() {
            vector[DENSE + bucket] = 1.0;
        }
        vector
    }
}

/// The set of hash buckets a post's lowercased words and pairs of
/// neighbouring words fall in (FNV-1a, the pair hashed as "first second"),
/// one bit per bucket.
#[derive(Clone, Debug, PartialEq)]
pub struct Buckets([u64; BUCKETS / 64]);

impl Buckets {
    /// Adds the buckets of the words and of each pair of neighbours, from
    /// the hashes computed as the words were cut.
    fn add_words(&mut self, words: &Words) {
        for (index, hash) in words.hashes().iter().enumerate() {
            self.insert(hash.word);
            if index > 0 {
                self.insert(hash.pair);
            }
        }
    }

    fn insert(&mut self, hash: u32) {
        let bucket = hash as usize % BUCKETS;
        self.0[bucket / 64] |= 1 << (bucket % 64);
    }

    /// The buckets, in increasing order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(word, bits)| {
            let mut bits = *bits;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let bit = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    word * 64 + bit
                })
            })
        })
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

/// Every model: anger, high urgency, then the intents in [`Intent::ALL`]
/// order.
const MODELS: [LinearModel; 2 + Intent::ALL.len()] = {
    let mut models = [ANGER; 2 + Intent::ALL.len()];
    models[1] = HIGH_URGENCY;
    let mut i = 0;
    while i < INTENT.len() {
        models[2 + i] = INTENT[i];
        i += 1;
    }
    models
};

/// Each model's quantisation step: its largest weight in magnitude over
/// [`i8::MAX`], so its weights are stored as whole steps (one byte a weight
/// instead of four: the extension's verdict module carries only these; the
/// error is at most half a step, 0.4% of the largest weight). The held-out
/// evaluation keeps its floors (`tests/care_eval.rs`; figures in docs/care.md).
static STEPS: [f64; MODELS.len()] = {
    let mut steps = [0.0; MODELS.len()];
    let mut model = 0;
    while model < MODELS.len() {
        let mut largest = 0.0f32;
        let mut feature = 0;
        while feature < FEATURES {
            let w = MODELS[model].weights[feature];
            let magnitude = if w < 0.0 { -w } else { w };
            if magnitude > largest {
                largest = magnitude;
            }
            feature += 1;
        }
        steps[model] = largest as f64 / i8::MAX as f64;
        model += 1;
    }
    steps
};

/// Lanes the word sums add at once: a feature's row of
/// [`WEIGHTS_BY_FEATURE`] (one weight per model) and the first bytes of the
/// next row, whose sums are not read.
const LANES: usize = 16;

/// Word buckets whose weights (each at most [`i8::MAX`] in magnitude) an
/// `i16` lane sums without overflow: 4 × 64 = 256 of them, less than
/// `i16::MAX / i8::MAX` = 258.
const BUCKETS_PER_PARTIAL_SUM: usize = 256;
const _: () = assert!(BUCKETS_PER_PARTIAL_SUM * i8::MAX as usize <= i16::MAX as usize);

/// The weights of every model side by side, feature by feature, so the
/// models read one post's features together: each a whole number of its
/// model's [`STEPS`] (rounded to the nearest). The rows follow each other
/// (no padding: the table stays small in the caches and the wasm), with
/// zeros after the last one so every row can be read as [`LANES`] bytes.
static WEIGHTS_BY_FEATURE: [i8; FEATURES * MODELS.len() + LANES - MODELS.len()] = {
    let mut table = [0; FEATURES * MODELS.len() + LANES - MODELS.len()];
    let mut feature = 0;
    while feature < FEATURES {
        let mut model = 0;
        while model < MODELS.len() {
            let steps = MODELS[model].weights[feature] as f64 / STEPS[model];
            let half = if steps < 0.0 { -0.5 } else { 0.5 };
            table[feature * MODELS.len() + model] = (steps + half) as i8;
            model += 1;
        }
        feature += 1;
    }
    table
};

/// Every model's intercept, in [`MODELS`] order. Read at run time instead of
/// [`MODELS`], whose weight references would link every weight a second time
/// beside [`WEIGHTS_BY_FEATURE`].
static BIASES: [f32; MODELS.len()] = {
    let mut biases = [0.0; MODELS.len()];
    let mut model = 0;
    while model < MODELS.len() {
        biases[model] = MODELS[model].bias;
        model += 1;
    }
    biases
};

/// What the models decide for a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    /// Whether the customer is angry.
    pub anger: bool,
    /// Whether the post belongs in the high urgency band.
    pub high_urgency: bool,
    /// The intent whose model scores the post highest (the first on a tie).
    pub intent: Intent,
}

impl Decision {
    /// Runs every model over a post's features, filled where they are read
    /// (not built and moved: a copy of their 660 bytes per post).
    pub(super) fn of_reading(reading: &Reading) -> Decision {
        let mut features = Features::NONE;
        features.fill(reading);
        Decision::of(&features)
    }

    /// Runs every model over the features.
    pub fn of(features: &Features) -> Decision {
        // Each model's log-odds: its weighted dense features, then its word
        // buckets' weights, each summed in feature order, then the intercept.
        // Both in the models' steps (the words' sum is exact).
        let mut dense = [0.0f64; MODELS.len()];
        // A zero feature adds nothing (at most the sign of a zero sum), so
        // only the others are read.
        let present = features
            .dense
            .iter()
            .zip(WEIGHTS_BY_FEATURE.chunks(MODELS.len()));
        for (x, weights) in present.filter(|(x, _)| **x != 0.0) {
            for (sum, w) in dense.iter_mut().zip(weights) {
                *sum += x * f64::from(*w);
            }
        }
        // The buckets' rows summed lane by lane as one vector: into `i16`
        // lanes over at most 256 buckets, which cannot overflow, then
        // widened into the `i32` sums (exact). The lanes past the models
        // sum bytes of the next rows: they may wrap, and are not read.
        let mut words = [0i32; LANES];
        let words_per_partial = BUCKETS_PER_PARTIAL_SUM / 64;
        for (chunk, bits) in features.buckets.0.chunks(words_per_partial).enumerate() {
            let mut partial = [0i16; LANES];
            for (word, bits) in bits.iter().enumerate() {
                let first = (chunk * words_per_partial + word) * 64;
                let mut bits = *bits;
                while bits != 0 {
                    // Below `BUCKETS` already; said so, the row's bounds
                    // need no check.
                    let bucket = (first + bits.trailing_zeros() as usize) % BUCKETS;
                    bits &= bits - 1;
                    let weights = &WEIGHTS_BY_FEATURE[(DENSE + bucket) * MODELS.len()..][..LANES];
                    for (sum, w) in partial.iter_mut().zip(weights) {
                        *sum = sum.wrapping_add(i16::from(*w));
                    }
                }
            }
            for (sum, part) in words.iter_mut().zip(partial) {
                *sum = sum.wrapping_add(i32::from(part));
            }
        }
        let logit = |model: usize| {
            f64::from(BIASES[model]) + (dense[model] + f64::from(words[model])) * STEPS[model]
        };
        let probability = |model: usize| 1.0 / (1.0 + (-logit(model)).exp());
        let (best, _) = (0..Intent::ALL.len()).fold((0, f64::NEG_INFINITY), |best, i| {
            let score = logit(2 + i);
            if score > best.1 {
                (i, score)
            } else {
                best
            }
        });
        Decision {
            anger: probability(0) >= 0.5,
            high_urgency: probability(1) >= 0.5,
            intent: Intent::ALL[best],
        }
    }
}

/// The features of a post in its context, as [`super::assess`] computes them.
pub fn features(text: &str, context: &super::CareContext) -> Features {
    Features::of(&Reading::new(text, context))
}

// Generated by the training command, eight weights to a line. Constants,
// not statics: they are read only at compile time, where the models' whole
// steps are worked out from them, so none of them is in the binary.
#[rustfmt::skip]
#[allow(clippy::large_const_arrays)]
#[path = "model_weights.rs"]
mod weights;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_pairs_fall_in_buckets() {
        let mut buckets = Buckets([0; BUCKETS / 64]);
        buckets.add_words(&Words::new("my flight my"));
        let buckets: Vec<usize> = buckets.iter().collect();
        assert_eq!(buckets.len(), 4, "my, flight, my flight, flight my");
        assert!(buckets.windows(2).all(|w| w[0] < w[1]));
        assert!(buckets.iter().all(|b| *b < BUCKETS));
    }

    #[test]
    fn the_vector_spells_out_the_buckets() {
        let features = features("@Shop where is my order?", &Default::default());
        let vector = features.to_vector();
        assert_eq!(vector.len(), FEATURES);
        let ones = vector[DENSE..].iter().filter(|v| **v == 1.0).count();
        assert_eq!(ones, features.buckets.iter().count());
        assert_eq!(vector[TOPICS + 13], 1.0, "question mark");
        assert_eq!(vector[RULE_INTENT + 5], 1.0, "the rules read a question");
    }
}
