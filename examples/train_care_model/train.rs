//! Training the care models (`src/care/model.rs`) on the development set,
//! shared by the training command and the test that checks the committed
//! weights. Deterministic: L-BFGS from zero weights over the posts in file
//! order, with the regularisation and decision threshold chosen by 5-fold
//! cross-validation on the same set (never on the held-out sets).

use linfa::prelude::*;
use linfa_logistic::{LogisticRegression, MultiLogisticRegression};
use ndarray::{Array1, Array2, Axis};
use socialcare::care::evaluation::{parse_labelled_posts, LabelledPost};
use socialcare::care::model::{self, FEATURES};
use socialcare::care::{Intent, UrgencyLevel};

/// The set the models learn from.
pub const TRAINING_SET: &str = "tests/care_eval/posts.tsv";

/// L2 weights tried by cross-validation.
const ALPHAS: [f64; 6] = [0.1, 0.3, 1.0, 3.0, 10.0, 30.0];
/// Decision thresholds tried by cross-validation.
const THRESHOLDS: [f64; 7] = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];
const FOLDS: usize = 5;

/// One flag the models decide.
#[derive(Clone, Copy, Debug)]
pub enum Flag {
    /// The anger flag.
    Anger,
    /// The high urgency band.
    HighUrgency,
}

impl Flag {
    /// Whether a labelled post has the flag.
    fn of(self, post: &LabelledPost) -> bool {
        match self {
            Flag::Anger => post.anger,
            Flag::HighUrgency => post.urgency == UrgencyLevel::High,
        }
    }
}

/// A trained model: the intercept (decision threshold folded in, so the
/// model decides at probability 0.5) and one weight per feature.
pub struct Trained {
    /// The intercept.
    pub bias: f64,
    /// The weights.
    pub weights: Vec<f64>,
    /// The cross-validated choice and its F1.
    pub chosen: Choice,
}

/// The hyper-parameters cross-validation chose.
#[derive(Clone, Copy, Debug)]
pub struct Choice {
    /// The L2 weight.
    pub alpha: f64,
    /// The decision threshold.
    pub threshold: f64,
    /// Out-of-fold F1 at that choice.
    pub f1: f64,
}

/// The development set, read from the crate's directory.
pub fn training_posts() -> Vec<LabelledPost> {
    let path = format!("{}/{TRAINING_SET}", env!("CARGO_MANIFEST_DIR"));
    let tsv = std::fs::read_to_string(&path).expect("the development set");
    parse_labelled_posts(&tsv).expect("a well-formed development set")
}

/// The feature matrix of the posts, one row each.
pub fn feature_matrix(posts: &[LabelledPost]) -> Array2<f64> {
    let rows: Vec<f64> = posts
        .iter()
        .flat_map(|post| model::features(&post.text, &post.context).to_vector())
        .collect();
    Array2::from_shape_vec((posts.len(), FEATURES), rows).expect("one row per post")
}

/// Fits one logistic regression; returns the intercept and weights of the
/// flag's probability.
fn fit(x: Array2<f64>, y: Vec<bool>, alpha: f64) -> (f64, Array1<f64>) {
    let dataset = Dataset::new(x, Array1::from(y));
    let fitted = LogisticRegression::default()
        .alpha(alpha)
        .max_iterations(200)
        .fit(&dataset)
        .expect("the flag has posts of both kinds");
    // linfa models the larger class; the flag is usually the smaller one.
    let sign = if fitted.labels().pos.class { 1.0 } else { -1.0 };
    (sign * fitted.intercept(), fitted.params() * sign)
}

fn logistic(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn f1(pairs: impl Iterator<Item = (bool, bool)>) -> f64 {
    let (mut tp, mut predicted, mut actual) = (0.0, 0.0, 0.0);
    for (truth, prediction) in pairs {
        tp += f64::from(u8::from(truth && prediction));
        predicted += f64::from(u8::from(prediction));
        actual += f64::from(u8::from(truth));
    }
    if tp == 0.0 {
        0.0
    } else {
        2.0 * tp / (predicted + actual)
    }
}

/// Out-of-fold probabilities of the flag for every post (post i in fold i mod 5).
fn out_of_fold(x: &Array2<f64>, y: &[bool], alpha: f64) -> Vec<f64> {
    let mut probabilities = vec![0.0; y.len()];
    for fold in 0..FOLDS {
        let train: Vec<usize> = (0..y.len()).filter(|i| i % FOLDS != fold).collect();
        let (bias, weights) = fit(
            x.select(Axis(0), &train),
            train.iter().map(|i| y[*i]).collect(),
            alpha,
        );
        for i in (0..y.len()).filter(|i| i % FOLDS == fold) {
            probabilities[i] = logistic(bias + x.row(i).dot(&weights));
        }
    }
    probabilities
}

/// Chooses the L2 weight and threshold by 5-fold cross-validation, then
/// trains on every post.
pub fn train(posts: &[LabelledPost], x: &Array2<f64>, flag: Flag) -> Trained {
    let y: Vec<bool> = posts.iter().map(|post| flag.of(post)).collect();
    let mut chosen = Choice {
        alpha: ALPHAS[0],
        threshold: 0.5,
        f1: -1.0,
    };
    for alpha in ALPHAS {
        let probabilities = out_of_fold(x, &y, alpha);
        for threshold in THRESHOLDS {
            let score = f1(y
                .iter()
                .zip(&probabilities)
                .map(|(t, p)| (*t, *p >= threshold)));
            if score > chosen.f1 {
                chosen = Choice {
                    alpha,
                    threshold,
                    f1: score,
                };
            }
        }
    }
    let (bias, weights) = fit(x.clone(), y, chosen.alpha);
    // p ≥ t ⇔ z − logit(t) ≥ 0: fold the threshold into the intercept.
    let shift = (chosen.threshold / (1.0 - chosen.threshold)).ln();
    Trained {
        bias: bias - shift,
        weights: weights.to_vec(),
        chosen,
    }
}

/// The intent models: one weight vector per intent in [`Intent::ALL`]
/// order, trained together (softmax), with the L2 weight chosen by 5-fold
/// cross-validation on the intents' macro F1.
pub fn train_intent(posts: &[LabelledPost], x: &Array2<f64>) -> (Vec<Trained>, Choice) {
    let y: Vec<usize> = posts
        .iter()
        .map(|post| {
            Intent::ALL
                .iter()
                .position(|i| *i == post.intent)
                .expect("an intent")
        })
        .collect();
    let mut chosen = Choice {
        alpha: ALPHAS[0],
        threshold: 0.0,
        f1: -1.0,
    };
    for alpha in ALPHAS {
        let mut predicted = vec![0; y.len()];
        for fold in 0..FOLDS {
            let train: Vec<usize> = (0..y.len()).filter(|i| i % FOLDS != fold).collect();
            let models = fit_intent(
                x.select(Axis(0), &train),
                train.iter().map(|i| y[*i]).collect(),
                alpha,
            );
            for i in (0..y.len()).filter(|i| i % FOLDS == fold) {
                predicted[i] = best_intent(&models, x.row(i));
            }
        }
        let macro_f1 = (0..Intent::ALL.len())
            .map(|class| {
                f1(y.iter()
                    .zip(&predicted)
                    .map(|(t, p)| (*t == class, *p == class)))
            })
            .sum::<f64>()
            / Intent::ALL.len() as f64;
        if macro_f1 > chosen.f1 {
            chosen = Choice {
                alpha,
                threshold: 0.0,
                f1: macro_f1,
            };
        }
    }
    let models = fit_intent(x.clone(), y, chosen.alpha);
    let trained = models
        .into_iter()
        .map(|(bias, weights)| Trained {
            bias,
            weights: weights.to_vec(),
            chosen,
        })
        .collect();
    (trained, chosen)
}

/// Fits the softmax regression; returns each intent's intercept and weights.
fn fit_intent(x: Array2<f64>, y: Vec<usize>, alpha: f64) -> Vec<(f64, Array1<f64>)> {
    let dataset = Dataset::new(x, Array1::from(y));
    let fitted = MultiLogisticRegression::default()
        .alpha(alpha)
        .max_iterations(200)
        .fit(&dataset)
        .expect("every intent has posts");
    (0..Intent::ALL.len())
        .map(|class| {
            let column = fitted.classes().iter().position(|c| *c == class);
            let column = column.expect("every intent has posts");
            (
                fitted.intercept()[column],
                fitted.params().column(column).to_owned(),
            )
        })
        .collect()
}

/// The intent (index) whose model scores a feature row highest.
fn best_intent(models: &[(f64, Array1<f64>)], row: ndarray::ArrayView1<f64>) -> usize {
    let scores = models.iter().map(|(bias, weights)| bias + row.dot(weights));
    scores
        .enumerate()
        .fold((0, f64::NEG_INFINITY), |best, (i, s)| {
            if s > best.1 {
                (i, s)
            } else {
                best
            }
        })
        .0
}

/// The weights file (`src/care/model_weights.rs`) for the models.
pub fn weights_source(anger: &Trained, high_urgency: &Trained, intent: &[Trained]) -> String {
    let mut source = String::from(
        "// @generated by `make train-care-model` (examples/train_care_model) from\n\
         // tests/care_eval/posts.tsv: do not edit.\n\
         //! The trained weights of the care models (see `model.rs`).\n",
    );
    for (name, what, trained) in [
        ("ANGER", "anger", anger),
        ("HIGH_URGENCY", "high-urgency", high_urgency),
    ] {
        let Choice {
            alpha,
            threshold,
            f1,
        } = trained.chosen;
        source += &format!(
            "\n/// Intercept of the {what} model (L2 weight {alpha}, threshold {threshold} \
             folded in; out-of-fold F1 {f1:.3}).\n\
             pub const {name}_BIAS: f32 = {:?};\n\
             /// Weights of the {what} model: topics, signals, then word buckets.\n\
             pub const {name}: [f32; super::FEATURES] = [\n",
            trained.bias as f32
        );
        source += &weight_rows(&trained.weights, "    ");
        source += "];\n";
    }
    let alpha = intent[0].chosen.alpha;
    let f1 = intent[0].chosen.f1;
    let biases: Vec<String> = intent
        .iter()
        .map(|t| format!("{:?}", t.bias as f32))
        .collect();
    source += &format!(
        "\n/// Intercepts of the intent models, in `Intent::ALL` order (L2 weight {alpha}; \
         out-of-fold macro F1 {f1:.3}).\n\
         pub const INTENT_BIAS: [f32; 8] = [{}];\n\
         /// Weights of the intent models, in `Intent::ALL` order.\n\
         pub const INTENT: [[f32; super::FEATURES]; 8] = [\n",
        biases.join(", ")
    );
    for trained in intent {
        source += "    [\n";
        source += &weight_rows(&trained.weights, "        ");
        source += "    ],\n";
    }
    source += "];\n";
    source
}

/// Weights as Rust literals, eight to a line (f32's shortest round-trip form).
fn weight_rows(weights: &[f64], indent: &str) -> String {
    weights
        .chunks(8)
        .map(|chunk| {
            let line: Vec<String> = chunk.iter().map(|w| format!("{:?}", *w as f32)).collect();
            format!("{indent}{},\n", line.join(", "))
        })
        .collect()
}
