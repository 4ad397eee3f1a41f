//! The item's sentiment: its label, compound score and proportions.

use super::history::sentiment_name;
use crate::format::percent;
use crate::i18n::{t, t_with};
use socialcare::sentiment::{Label, Scores};
use yew::prelude::*;

/// Properties of [`SentimentMeter`].
#[derive(Properties, PartialEq, Clone)]
pub struct SentimentMeterProps {
    /// The faithful VADER scores of the text.
    pub scores: Scores,
    /// The label of `scores.compound`.
    pub label: Label,
    /// The care engine's emoji-aware, per-sentence compound.
    pub care_compound: f64,
    /// The label of `care_compound`.
    pub care_label: Label,
}

/// The sentiment label in words (never only in colour), the compound score
/// on a diverging scale from -1 to 1 (filled from the centre towards the
/// score; `role="meter"`), the negative/neutral/positive proportions,
/// and the care engine's emoji-aware reading when its label differs.
#[function_component(SentimentMeter)]
pub fn sentiment_meter(props: &SentimentMeterProps) -> Html {
    let scores = &props.scores;
    let value = clamped(scores.compound, -1.0, 1.0);
    let compound = signed(value);
    html! {
        <section class="sentiment" aria-labelledby="sentiment-heading">
            <h3 id="sentiment-heading">{ t("panel_sentiment") }</h3>
            <p class={classes!("sentiment-label", format!("sentiment-{}", props.label.as_str()))}>
                <span class="sentiment-word">{ sentiment_name(props.label) }</span>
                { " " }
                <span class="sentiment-compound">{ format!("({compound})") }</span>
            </p>
            <div
                class={classes!("sentiment-scale", format!("sentiment-{}", props.label.as_str()))}
                role="meter"
                aria-valuemin="-1"
                aria-valuemax="1"
                aria-valuenow={value.to_string()}
                aria-label={t_with("panel_sentiment_scale", &[&compound])}
            >
                <span class="sentiment-fill" style={fill_style(value)}></span>
            </div>
            <dl class="sentiment-scores">
                { proportion(Label::Negative, scores.neg) }
                { proportion(Label::Neutral, scores.neu) }
                { proportion(Label::Positive, scores.pos) }
            </dl>
            if props.care_label != props.label {
                <p class="sentiment-care">
                    { t("panel_sentiment_care") }
                    { " " }
                    <span class={classes!("sentiment-word", format!("sentiment-{}", props.care_label.as_str()))}>
                        { sentiment_name(props.care_label) }
                    </span>
                    { format!(" ({})", signed(props.care_compound)) }
                </p>
            }
        </section>
    }
}

/// One `<dt>`/`<dd>` pair of the share of a label, as a whole percentage.
fn proportion(label: Label, share: f64) -> Html {
    html! {
        <>
            <dt>{ sentiment_name(label) }</dt>
            <dd>{ percent(clamped(share, 0.0, 1.0)) }</dd>
        </>
    }
}

/// The position of a diverging bar's fill for a compound in -1..1, as
/// percentages of the scale: from the score to the centre, or back (from
/// the line's start, so the scale runs from right to left in Arabic).
pub fn fill_style(compound: f64) -> String {
    let start = 50.0 + 50.0 * compound.min(0.0);
    let width = 50.0 * compound.abs();
    format!("inset-inline-start: {start:.1}%; width: {width:.1}%")
}

/// A compound score with its sign and two decimals (`-0.72`, `+0.00`).
fn signed(compound: f64) -> String {
    format!("{:+.2}", clamped(compound, -1.0, 1.0))
}

/// `value` within `min..=max`; NaN and infinities read as 0 first.
pub(crate) fn clamped(value: f64, min: f64, max: f64) -> f64 {
    let finite = if value.is_finite() { value } else { 0.0 };
    finite.clamp(min, max)
}
