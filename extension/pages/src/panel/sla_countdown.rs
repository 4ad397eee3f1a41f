//! The time left to the ticket's first response, as it runs out.

use super::when::{duration, moment};
use crate::clock::use_now;
use crate::i18n::t_with;
use yew::prelude::*;

/// How often the countdown re-reads the clock.
pub const TICK_MS: u32 = 1_000;

/// Properties of [`SlaCountdown`].
#[derive(Properties, PartialEq, Clone)]
pub struct SlaCountdownProps {
    /// When the customer posted (Unix milliseconds), where the SLA starts.
    #[prop_or_default]
    pub posted_at: Option<i64>,
    /// When the first response is due (Unix milliseconds), while unanswered.
    #[prop_or_default]
    pub due: Option<i64>,
    /// When the team first responded (Unix milliseconds).
    #[prop_or_default]
    pub responded_at: Option<i64>,
}

/// How urgent the first response is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlaStage {
    /// More than a quarter of the time is left.
    OnTrack,
    /// In the last quarter of the time (amber).
    Soon,
    /// Past due (red).
    Breached,
}

/// The stage at `now` of a first response due at `due`, counted from `posted_at`.
pub fn sla_stage(now: i64, posted_at: Option<i64>, due: i64) -> SlaStage {
    let left = due - now;
    if left <= 0 {
        return SlaStage::Breached;
    }
    match posted_at {
        Some(posted) if due > posted && left * 4 <= due - posted => SlaStage::Soon,
        _ => SlaStage::OnTrack,
    }
}

/// "First response due in 42 min (14:30)", amber in the last quarter of the
/// time and "overdue" in red once breached (the stage is written in words
/// too); "Responded at HH:MM" once answered; nothing without a due time. A
/// time on another day than today is given with its date.
/// Time comes from the context's clock ([`crate::clock`]).
#[function_component(SlaCountdown)]
pub fn sla_countdown(props: &SlaCountdownProps) -> Html {
    let now = use_now(TICK_MS);
    if let Some(responded) = props.responded_at {
        let responded = moment(responded, now);
        let key = if responded.today {
            "panel_sla_responded"
        } else {
            "panel_sla_responded_on"
        };
        return html! {
            <p class="sla sla-met">{ t_with(key, &[&responded.text]) }</p>
        };
    }
    let Some(due) = props.due else {
        return Html::default();
    };
    let due_at = moment(due, now);
    let (class, text) = match sla_stage(now, props.posted_at, due) {
        SlaStage::Breached => {
            let key = if due_at.today {
                "panel_sla_overdue"
            } else {
                "panel_sla_overdue_on"
            };
            (
                "sla-breached",
                t_with(key, &[&duration((now - due).max(1)), &due_at.text]),
            )
        }
        stage => (
            if stage == SlaStage::Soon {
                "sla-soon"
            } else {
                "sla-on-track"
            },
            t_with("panel_sla_due", &[&duration(due - now), &due_at.text]),
        ),
    };
    html! { <p class={classes!("sla", class)}>{ text }</p> }
}
