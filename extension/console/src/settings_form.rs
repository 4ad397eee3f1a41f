//! The team settings an admin edits: the first-response SLA, business
//! hours (working days, start and end, the team's UTC offset) and the brand
//! accounts per platform, saved as one `settings.update` through the
//! outbox (the store refuses it from anyone but an admin, and checks it).

use super::event_value::event_value;
use super::format::weekday;
use super::link::ConsoleLink;
use socialcare::model::{BusinessHours, Platform, TeamSettings};
use socialcare::sync::ops::SettingsUpdate;
use socialcare::sync::Op;
use socialcare_pages::format::message_with;
use socialcare_pages::humanize;
use socialcare_pages::i18n::{t, t_with};
use std::collections::BTreeMap;
use yew::prelude::*;

/// The settings as the form holds them, text as typed.
#[derive(Debug, Clone, PartialEq)]
pub struct SettingsDraft {
    /// The SLA in minutes.
    pub minutes: String,
    /// Whether the team keeps business hours.
    pub hours_on: bool,
    /// Working days, 1 = Monday … 7 = Sunday.
    pub days: Vec<u8>,
    /// Start of the day, `HH:MM`.
    pub start: String,
    /// End of the day, `HH:MM`.
    pub end: String,
    /// Offset from UTC in minutes.
    pub offset: String,
    /// Brand accounts per platform, comma-separated.
    pub brands: BTreeMap<Platform, String>,
}

/// `HH:MM` of a minute of the day.
fn clock(minute: u16) -> String {
    format!("{:02}:{:02}", minute / 60, minute % 60)
}

/// The minute of the day of `HH:MM` (24:00 is the end of the day).
pub fn minute_of_day(text: &str) -> Option<u16> {
    let (hours, minutes) = text.trim().split_once(':')?;
    let (hours, minutes): (u16, u16) = (hours.parse().ok()?, minutes.parse().ok()?);
    (minutes < 60 && hours * 60 + minutes <= 1440).then_some(hours * 60 + minutes)
}

impl SettingsDraft {
    /// The form's text for `settings` (9:00–17:00 on weekdays at UTC when
    /// the team has no business hours yet).
    pub fn of(settings: &TeamSettings) -> SettingsDraft {
        let hours = settings.business_hours.clone().unwrap_or(BusinessHours {
            utc_offset_minutes: 0,
            days: vec![1, 2, 3, 4, 5],
            start_minute: 9 * 60,
            end_minute: 17 * 60,
        });
        SettingsDraft {
            minutes: settings.first_response_minutes.to_string(),
            hours_on: settings.business_hours.is_some(),
            days: hours.days,
            start: clock(hours.start_minute),
            end: clock(hours.end_minute),
            offset: hours.utc_offset_minutes.to_string(),
            brands: Platform::ALL
                .into_iter()
                .map(|platform| {
                    let accounts = settings
                        .brand_accounts
                        .get(&platform)
                        .cloned()
                        .unwrap_or_default();
                    (platform, accounts.join(", "))
                })
                .collect(),
        }
    }

    /// The settings the form describes, or what to fix first. The store
    /// checks the rest (start before end, real days, account names).
    pub fn settings(&self) -> Result<TeamSettings, String> {
        let first_response_minutes = self
            .minutes
            .trim()
            .parse()
            .map_err(|_| t("console_settings_sla_invalid"))?;
        let business_hours = if self.hours_on {
            // `key` is the message that asks for the time again.
            let time =
                |text: &str, key: &str| minute_of_day(text).ok_or_else(|| t_with(key, &[text]));
            let mut days = self.days.clone();
            days.sort_unstable();
            Some(BusinessHours {
                utc_offset_minutes: self
                    .offset
                    .trim()
                    .parse()
                    .map_err(|_| t("console_settings_offset_invalid"))?,
                days,
                start_minute: time(&self.start, "console_settings_start_invalid")?,
                end_minute: time(&self.end, "console_settings_end_invalid")?,
            })
        } else {
            None
        };
        let brand_accounts = self
            .brands
            .iter()
            .map(|(platform, text)| {
                let accounts: Vec<String> = text
                    .split(',')
                    .map(str::trim)
                    .filter(|account| !account.is_empty())
                    .map(str::to_owned)
                    .collect();
                (*platform, accounts)
            })
            .filter(|(_, accounts)| !accounts.is_empty())
            .collect();
        Ok(TeamSettings {
            first_response_minutes,
            business_hours,
            brand_accounts,
        })
    }
}

/// Properties of [`SettingsForm`].
#[derive(Properties, PartialEq, Clone)]
pub struct SettingsFormProps {
    /// The settings as synced.
    pub settings: TeamSettings,
}

/// One field's edit of the draft: the draft and the field's new value.
type DraftEdit = dyn Fn(&mut SettingsDraft, String);

/// The settings form.
#[function_component(SettingsForm)]
pub fn settings_form(props: &SettingsFormProps) -> Html {
    let link = use_context::<ConsoleLink>().unwrap_or_default();
    let draft = use_state(|| SettingsDraft::of(&props.settings));
    let outcome = use_state(|| None::<String>);
    let edit = |change: Box<DraftEdit>| {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            change(&mut next, event_value(&event));
            draft.set(next);
        })
    };
    let on_submit = {
        let draft = draft.clone();
        let outcome = outcome.setter();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let settings = match draft.settings() {
                Ok(settings) => settings,
                Err(why) => return outcome.set(Some(why)),
            };
            let refused = outcome.clone();
            outcome.set(Some(t("console_settings_saved")));
            link.act(
                Op::SettingsUpdate(SettingsUpdate { settings }),
                Callback::from(move |why: String| {
                    refused.set(Some(t_with("console_settings_not_saved", &[&why])))
                }),
            );
        })
    };
    let days = (1_u8..=7).map(|day| {
        let name = weekday(day);
        let checked = draft.days.contains(&day);
        let toggle = edit(Box::new(move |draft, _| {
            if draft.days.contains(&day) {
                draft.days.retain(|other| *other != day);
            } else {
                draft.days.push(day);
            }
        }));
        html! {
            <label><input type="checkbox" aria-label={name.clone()} {checked} onchange={toggle} />{ " " }{ name }</label>
        }
    });
    let brands = Platform::ALL.map(|platform| {
        let name = t_with("console_settings_brands_on", &[&humanize(platform.as_str())]);
        let value = draft.brands.get(&platform).cloned().unwrap_or_default();
        let onchange = edit(Box::new(move |draft, text| {
            draft.brands.insert(platform, text);
        }));
        html! { <label>{ name.clone() }{ " " }<input type="text" aria-label={name} {value} {onchange} /></label> }
    });
    html! {
        <form class="settings" onsubmit={on_submit}>
            <h3>{ t("console_settings_heading") }</h3>
            <label for="sla-minutes">{ t("console_settings_sla") }</label>
            <input id="sla-minutes" type="number" min="1" max="10080" value={draft.minutes.clone()}
                oninput={edit(Box::new(|draft, text| draft.minutes = text)).reform(|event: InputEvent| Event::from(event))} />
            <fieldset class="business-hours">
                <legend>
                    <label><input type="checkbox" aria-label={t("console_settings_hours")} checked={draft.hours_on}
                        onchange={edit(Box::new(|draft, _| draft.hours_on = !draft.hours_on))} />
                        { " " }{ t("console_settings_hours_explained") }</label>
                </legend>
                if draft.hours_on {
                    <div class="days">{ for days }</div>
                    <span class="hours-range">{ message_with("console_settings_hours_range", vec![
                        html! { <input type="time" aria-label={t("console_settings_start")} value={draft.start.clone()}
                            onchange={edit(Box::new(|draft, text| draft.start = text))} /> },
                        html! { <input type="time" aria-label={t("console_settings_end")} value={draft.end.clone()}
                            onchange={edit(Box::new(|draft, text| draft.end = text))} /> },
                    ]) }</span>
                    <label>{ " " }{ t("console_settings_offset") }{ " " }<input type="number" aria-label={t("console_settings_offset")} value={draft.offset.clone()}
                        onchange={edit(Box::new(|draft, text| draft.offset = text))} /></label>
                }
            </fieldset>
            <fieldset class="brand-accounts">
                <legend>{ t("console_settings_brands") }</legend>
                { for brands }
            </fieldset>
            <button type="submit">{ t("console_settings_save") }</button>
            if let Some(text) = (*outcome).clone() {
                <p class="notice" role="status" dir="auto">{ text }</p>
            }
        </form>
    }
}
