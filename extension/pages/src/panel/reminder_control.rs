//! The ticket's follow-up reminder, and **Set reminder** with its choices.

use super::when::local_time_ms;
use crate::i18n::t;
use socialcare_views::{ReminderChoice, ReminderView};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

/// Properties of [`ReminderControl`].
#[derive(Properties, PartialEq, Clone)]
pub struct ReminderControlProps {
    /// The reminder, if one is set.
    pub reminder: Option<ReminderView>,
    /// Called with the agent's choice.
    pub on_set: Callback<ReminderChoice>,
}

/// "Reminder 30 Nov 2026, 09:00 · Kim Lee" (marked **due** once it has
/// fallen due), and **Set reminder**, which opens a small dialog: **In 1
/// hour**, **Tomorrow 9:00** (the team's time zone), a **Remind at**
/// date-time with **Remind then**, **Clear reminder** when one is set, and
/// **Cancel**. Escape closes the dialog; focus moves into it on opening and
/// back to Set reminder on closing.
#[function_component(ReminderControl)]
pub fn reminder_control(props: &ReminderControlProps) -> Html {
    let open = use_state(|| false);
    let custom = use_state(String::new);
    let opener = use_node_ref();
    let first_choice = use_node_ref();
    let was_open = use_mut_ref(|| false);
    {
        let (opener, first_choice) = (opener.clone(), first_choice.clone());
        use_effect_with(*open, move |open| {
            // Focus moves only when the dialog opens or closes, never on a plain render.
            if was_open.replace(*open) != *open {
                let target = if *open { first_choice } else { opener };
                if let Some(element) = target.cast::<HtmlElement>() {
                    let _ = element.focus();
                }
            }
        });
    }
    let close = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    let choose = {
        let (on_set, close) = (props.on_set.clone(), close.clone());
        Callback::from(move |choice: ReminderChoice| {
            on_set.emit(choice);
            close.emit(());
        })
    };
    let current = props.reminder.as_ref().map(|reminder| {
        html! {
            <p class={classes!("reminder", reminder.due.then_some("reminder-due"))}>
                <span class="field-label">{ t("panel_reminder") }</span>
                { " " }
                if reminder.due { <strong class="reminder-due-word">{ t("panel_reminder_due") }</strong>{ " " } }
                <span>{ local_time_ms(reminder.at) }</span>
                <span class="reminder-by" dir="auto">{ format!(" · {}", reminder.by.name) }</span>
            </p>
        }
    });
    let toggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let dialog = (*open).then(|| {
        let onkeydown = {
            let close = close.clone();
            Callback::from(move |event: KeyboardEvent| {
                if event.key() == "Escape" {
                    event.prevent_default();
                    close.emit(());
                }
            })
        };
        let oninput = {
            let custom = custom.clone();
            Callback::from(move |event: InputEvent| {
                if let Some(input) = event
                    .target()
                    .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
                {
                    custom.set(input.value());
                }
            })
        };
        let at = local_datetime_ms(&custom);
        let onsubmit = {
            let choose = choose.clone();
            Callback::from(move |event: SubmitEvent| {
                event.prevent_default();
                if let Some(at) = at {
                    choose.emit(ReminderChoice::At { at });
                }
            })
        };
        let pick = |choice: ReminderChoice| choose.reform(move |_: MouseEvent| choice);
        html! {
            <div class="reminder-dialog" role="dialog" aria-labelledby="reminder-dialog-title" {onkeydown}>
                <h3 id="reminder-dialog-title">{ t("panel_remind_me") }</h3>
                <button type="button" ref={first_choice.clone()} onclick={pick(ReminderChoice::InOneHour)}>{ t("panel_remind_in_one_hour") }</button>
                <button type="button" onclick={pick(ReminderChoice::TomorrowMorning)}>{ t("panel_remind_tomorrow") }</button>
                <form class="reminder-custom" {onsubmit}>
                    <label for="reminder-at" class="field-label">{ t("panel_remind_at") }</label>
                    <input id="reminder-at" type="datetime-local" value={(*custom).clone()} {oninput} />
                    <button type="submit" disabled={at.is_none()}>{ t("panel_remind_then") }</button>
                </form>
                if props.reminder.is_some() {
                    <button type="button" onclick={pick(ReminderChoice::Clear)}>{ t("panel_clear_reminder") }</button>
                }
                <button type="button" onclick={close.reform(|_| ())}>{ t("common_cancel") }</button>
            </div>
        }
    });
    html! {
        <div class="reminders">
            { for current }
            <button
                type="button"
                class="reminder-set"
                ref={opener}
                aria-haspopup="dialog"
                aria-expanded={open.to_string()}
                onclick={toggle}
            >{ t("panel_set_reminder") }</button>
            { for dialog }
        </div>
    }
}

/// A `datetime-local` value (`2026-11-30T14:00`, the agent's local time)
/// as Unix milliseconds, or none when it is empty or invalid.
pub fn local_datetime_ms(value: &str) -> Option<i64> {
    if value.is_empty() {
        return None;
    }
    let time = js_sys::Date::new(&JsValue::from_str(value)).get_time();
    time.is_finite().then_some(time as i64)
}
