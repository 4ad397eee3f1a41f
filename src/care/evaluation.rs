//! Scoring the care layer against a labelled set of posts
//! (`tests/care_eval/posts.tsv`): precision, recall and F1 per intent and for
//! the anger and high-urgency flags, plus language accuracy.

use super::{assess, Assessment, CareContext, Intent, UrgencyLevel};
use std::fmt;

/// One hand-labelled post.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelledPost {
    /// `x`, `facebook` or `instagram`.
    pub platform: String,
    /// ISO 639-1 code of the post's language.
    pub language: String,
    /// The intent the labeller chose.
    pub intent: Intent,
    /// Whether the writer is angry.
    pub anger: bool,
    /// The urgency band the labeller chose.
    pub urgency: UrgencyLevel,
    /// The conversation context given with the post.
    pub context: CareContext,
    /// The post.
    pub text: String,
}

/// A line of the labelled set that cannot be read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// Reads the tab-separated labelled set (see `tests/care_eval/README.md`).
pub fn parse_labelled_posts(tsv: &str) -> Result<Vec<LabelledPost>, ParseError> {
    tsv.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|(index, line)| {
            parse_line(line).map_err(|message| ParseError {
                line: index + 1,
                message,
            })
        })
        .collect()
}

fn parse_line(line: &str) -> Result<LabelledPost, String> {
    let fields: Vec<&str> = line.splitn(7, '\t').collect();
    let [platform, language, intent, anger, urgency, context, text] = fields[..] else {
        return Err(format!(
            "expected 7 tab-separated fields, found {}",
            fields.len()
        ));
    };
    let intent = Intent::ALL
        .into_iter()
        .find(|i| i.as_str() == intent)
        .ok_or_else(|| format!("unknown intent {intent:?}"))?;
    let anger = match anger {
        "1" => true,
        "0" => false,
        other => return Err(format!("anger must be 0 or 1, not {other:?}")),
    };
    let urgency = match urgency {
        "low" => UrgencyLevel::Low,
        "medium" => UrgencyLevel::Medium,
        "high" => UrgencyLevel::High,
        other => return Err(format!("unknown urgency {other:?}")),
    };
    Ok(LabelledPost {
        platform: platform.to_owned(),
        language: language.to_owned(),
        intent,
        anger,
        urgency,
        context: parse_context(context)?,
        text: text.to_owned(),
    })
}

/// `-` or `prior=N;first=MIN;wait=MIN`, any subset.
fn parse_context(field: &str) -> Result<CareContext, String> {
    let mut context = CareContext::default();
    if field == "-" {
        return Ok(context);
    }
    for part in field.split(';') {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("bad context {part:?}"))?;
        let value: u32 = value
            .parse()
            .map_err(|_| format!("bad number in {part:?}"))?;
        match key {
            "prior" => context.prior_messages = Some(value),
            "first" => context.minutes_since_first_message = Some(value),
            "wait" => context.waiting_minutes = Some(value),
            _ => return Err(format!("unknown context key {key:?}")),
        }
    }
    Ok(context)
}

/// Precision, recall, F1 and support of one class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ClassScores {
    /// Of the posts predicted in the class, the share truly in it.
    pub precision: f64,
    /// Of the posts truly in the class, the share predicted in it.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Posts truly in the class.
    pub support: usize,
}

impl ClassScores {
    fn from_pairs(pairs: impl Iterator<Item = (bool, bool)>) -> ClassScores {
        let (mut tp, mut predicted, mut actual) = (0usize, 0usize, 0usize);
        for (truth, prediction) in pairs {
            tp += usize::from(truth && prediction);
            predicted += usize::from(prediction);
            actual += usize::from(truth);
        }
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let (precision, recall) = (ratio(tp, predicted), ratio(tp, actual));
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        ClassScores {
            precision,
            recall,
            f1,
            support: actual,
        }
    }
}

/// The care layer's scores on a labelled set.
#[derive(Clone, Debug)]
pub struct Evaluation {
    /// Posts evaluated.
    pub posts: usize,
    /// Scores per intent, in [`Intent::ALL`] order.
    pub intents: Vec<(Intent, ClassScores)>,
    /// Share of posts whose intent is right.
    pub intent_accuracy: f64,
    /// Unweighted mean of the intents' F1.
    pub intent_macro_f1: f64,
    /// Scores of the anger flag.
    pub anger: ClassScores,
    /// Scores of the high-urgency band.
    pub high_urgency: ClassScores,
    /// Share of posts given a language at all.
    pub language_coverage: f64,
    /// Of the posts given a language, the share given the right one.
    pub language_accuracy: f64,
    /// Each post with its assessment, for listing the misses.
    pub results: Vec<(LabelledPost, Assessment)>,
}

impl Evaluation {
    /// Assesses every post and scores the results against the labels.
    pub fn run(posts: &[LabelledPost]) -> Evaluation {
        let results: Vec<(LabelledPost, Assessment)> = posts
            .iter()
            .map(|post| (post.clone(), assess(&post.text, &post.context)))
            .collect();
        let intents: Vec<(Intent, ClassScores)> = Intent::ALL
            .into_iter()
            .map(|intent| {
                let pairs = results
                    .iter()
                    .map(|(p, a)| (p.intent == intent, a.intent == intent));
                (intent, ClassScores::from_pairs(pairs))
            })
            .collect();
        let share = |hits: usize, of: usize| {
            if of == 0 {
                0.0
            } else {
                hits as f64 / of as f64
            }
        };
        let correct = results.iter().filter(|(p, a)| p.intent == a.intent).count();
        let detected: Vec<_> = results
            .iter()
            .filter_map(|(p, a)| a.language.as_ref().map(|l| (p, l)))
            .collect();
        let right_language = detected.iter().filter(|(p, l)| p.language == **l).count();
        Evaluation {
            posts: results.len(),
            intent_accuracy: share(correct, results.len()),
            intent_macro_f1: intents.iter().map(|(_, s)| s.f1).sum::<f64>() / intents.len() as f64,
            intents,
            anger: ClassScores::from_pairs(results.iter().map(|(p, a)| (p.anger, a.anger))),
            high_urgency: ClassScores::from_pairs(results.iter().map(|(p, a)| {
                (
                    p.urgency == UrgencyLevel::High,
                    a.urgency_level == UrgencyLevel::High,
                )
            })),
            language_coverage: share(detected.len(), results.len()),
            language_accuracy: share(right_language, detected.len()),
            results,
        }
    }

    /// The posts where the intent, anger or high-urgency reading is wrong.
    pub fn misses(&self) -> impl Iterator<Item = &(LabelledPost, Assessment)> {
        self.results.iter().filter(|(p, a)| {
            p.intent != a.intent
                || p.anger != a.anger
                || (p.urgency == UrgencyLevel::High) != (a.urgency_level == UrgencyLevel::High)
        })
    }
}

impl fmt::Display for Evaluation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "care evaluation on {} labelled posts", self.posts)?;
        writeln!(
            f,
            "{:<18} {:>9} {:>7} {:>6} {:>8}",
            "class", "precision", "recall", "F1", "support"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, s: &ClassScores| {
            writeln!(
                f,
                "{name:<18} {:>9.2} {:>7.2} {:>6.2} {:>8}",
                s.precision, s.recall, s.f1, s.support
            )
        };
        for (intent, scores) in &self.intents {
            row(f, intent.as_str(), scores)?;
        }
        writeln!(
            f,
            "intent accuracy {:.2}, macro F1 {:.2}",
            self.intent_accuracy, self.intent_macro_f1
        )?;
        row(f, "anger", &self.anger)?;
        row(f, "high urgency", &self.high_urgency)?;
        write!(
            f,
            "language: given for {:.0}% of posts, right for {:.0}% of those",
            self.language_coverage * 100.0,
            self.language_accuracy * 100.0
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_lines_and_rejects_bad_ones() {
        let posts = parse_labelled_posts(
            "# header\nx\ten\tbilling\t1\thigh\tprior=2;first=120\tWhere is my refund??\n",
        )
        .unwrap();
        assert_eq!(posts[0].intent, Intent::Billing);
        assert_eq!(posts[0].context.prior_messages, Some(2));
        let error = parse_labelled_posts("x\ten\tnope\t1\thigh\t-\ttext").unwrap_err();
        assert_eq!(error.to_string(), "line 1: unknown intent \"nope\"");
    }

    #[test]
    fn class_scores_count_correctly() {
        let s = ClassScores::from_pairs(
            [(true, true), (true, false), (false, true), (false, false)].into_iter(),
        );
        assert_eq!((s.precision, s.recall, s.f1, s.support), (0.5, 0.5, 0.5, 2));
    }
}
