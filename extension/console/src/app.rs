//! The console application: the worker's view in, the lead's requests and
//! actions out, one section shown at a time.

use super::guidelines::GuidelinesSection;
use super::ideas::IdeasSection;
use super::link::ConsoleLink;
use super::members::MembersSection;
use super::reports::ReportsDashboard;
use super::templates::TemplatesSection;
use super::tone_engine::{use_tone_engine, EngineState};
use socialcare::model::Role;
use socialcare_pages::clock::Clock;
use socialcare_pages::i18n::{t, t_with};
use socialcare_pages::names::role_name;
use socialcare_pages::panel::rejections::Rejections;
use socialcare_pages::port::{use_worker_link, ExtensionHandle, LinkEvent};
use socialcare_views::console::{ConsoleView, FromConsole, ToConsole, CONSOLE_PORT};
use std::rc::Rc;
use yew::prelude::*;

/// Properties of [`ConsoleApp`]; the defaults are the real browser's.
#[derive(Properties, PartialEq, Clone, Default)]
pub struct ConsoleAppProps {
    /// Where the port to the worker comes from.
    #[prop_or_default]
    pub extension: ExtensionHandle,
    /// The clock (the report's period ends today).
    #[prop_or_default]
    pub clock: Clock,
    /// The time zone reports count days in; the browser's when `None`.
    #[prop_or_default]
    pub time_zone: Option<AttrValue>,
}

/// The console's sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// The reports dashboard.
    Reports,
    /// The tone guideline.
    Guidelines,
    /// The reply templates.
    Templates,
    /// Product ideas.
    Ideas,
    /// Members, tokens and team settings.
    Members,
}

impl Section {
    /// Every section, in the navigation's order.
    pub const ALL: [Section; 5] = [
        Section::Reports,
        Section::Guidelines,
        Section::Templates,
        Section::Ideas,
        Section::Members,
    ];

    /// The section's name, in the browser's UI language.
    pub fn name(self) -> String {
        t(match self {
            Section::Reports => "console_section_reports",
            Section::Guidelines => "console_section_guidelines",
            Section::Templates => "console_section_templates",
            Section::Ideas => "console_product_ideas",
            Section::Members => "console_members",
        })
    }
}

/// Where the console stands.
#[derive(Debug, Clone, PartialEq)]
enum State {
    /// Waiting for the worker's first view.
    Connecting,
    /// The worker's latest view.
    Ready(Rc<ConsoleView>),
    /// No worker (not an extension page) or an unreadable message.
    Failed(String),
}

/// The console: connects the [`CONSOLE_PORT`] port, shows a navigation and
/// the chosen section; agents see every section read-only.
#[function_component(ConsoleApp)]
pub fn console_app(props: &ConsoleAppProps) -> Html {
    let state = use_state(|| State::Connecting);
    let section = use_state(|| Section::Reports);
    let link = use_memo((), |()| ConsoleLink::default());
    let engine = use_tone_engine();
    let on_event = {
        let state = state.setter();
        let link = (*link).clone();
        Callback::from(move |event| match event {
            LinkEvent::Message(message) => {
                if let Some(ToConsole::View { view }) = link.deliver(*message) {
                    state.set(State::Ready(Rc::new(view)));
                }
            }
            LinkEvent::Unreadable(why) | LinkEvent::Unavailable(why) => {
                state.set(State::Failed(why))
            }
        })
    };
    let port = use_worker_link::<ToConsole>(&props.extension, CONSOLE_PORT, on_event);
    link.attach(port);
    let time_zone = props
        .time_zone
        .clone()
        .unwrap_or_else(|| browser_time_zone().into());

    let body = match &*state {
        State::Connecting => {
            html! { <p class="notice" role="status">{ t("console_connecting") }</p> }
        }
        State::Failed(why) => {
            html! { <p class="notice notice-error" role="alert">{ t_with("console_unreachable", &[why]) }</p> }
        }
        State::Ready(view) => match view.session.as_ref() {
            None => {
                let link = (*link).clone();
                let open_options = Callback::from(move |_| link.post(&FromConsole::OpenOptions));
                html! {
                    <div class="notice" role="status">
                        <p>{ t("console_sign_in_hint") }</p>
                        <button type="button" onclick={open_options}>{ t("common_sign_in") }</button>
                    </div>
                }
            }
            Some(session) => {
                let role = session.role;
                let can_edit = role >= Role::Lead;
                let on_dismiss = {
                    let link = (*link).clone();
                    Callback::from(move |mutation_id| {
                        link.post(&FromConsole::DismissRejection { mutation_id })
                    })
                };
                html! {
                    <>
                        <p class="console-who">
                            { t_with("console_who", &[&session.agent.name, &role_name(role), &session.store_url]) }
                        </p>
                        if !can_edit {
                            <p class="notice read-only" role="note">
                                { t("console_read_only") }
                            </p>
                        }
                        { navigation(&section) }
                        <Rejections rejections={view.sync.rejections.clone()} {on_dismiss} />
                        <main>
                            { match *section {
                                Section::Reports => html! { <ReportsDashboard tz={time_zone.clone()} /> },
                                Section::Guidelines => html! { <GuidelinesSection guidelines={view.guidelines.clone()} {can_edit} in_step={view.sync.pending == 0} /> },
                                Section::Templates => html! { <TemplatesSection templates={view.templates.clone()} guidelines={view.guidelines.clone()} {can_edit} tz={time_zone.clone()} /> },
                                Section::Ideas => html! { <IdeasSection /> },
                                Section::Members => html! { <MembersSection {role} settings={view.settings.clone()} /> },
                            } }
                        </main>
                    </>
                }
            }
        },
    };
    html! {
        <ContextProvider<Clock> context={props.clock.clone()}>
            <ContextProvider<ConsoleLink> context={(*link).clone()}>
                <ContextProvider<EngineState> context={engine}>
                    <div class="console">
                        <h1>{ t("console_title") }</h1>
                        { body }
                    </div>
                </ContextProvider<EngineState>>
            </ContextProvider<ConsoleLink>>
        </ContextProvider<Clock>>
    }
}

/// The section buttons; the current one is marked `aria-current`.
fn navigation(section: &UseStateHandle<Section>) -> Html {
    let buttons = Section::ALL.iter().map(|&choice| {
        let setter = section.setter();
        let current = (**section == choice).then_some("page");
        html! {
            <li>
                <button type="button" aria-current={current} onclick={move |_| setter.set(choice)}>
                    { choice.name() }
                </button>
            </li>
        }
    });
    html! { <nav aria-label={t("console_sections")}><ul class="sections">{ for buttons }</ul></nav> }
}

/// The browser's IANA time zone (`Intl`), or `UTC` when it says none.
fn browser_time_zone() -> String {
    let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
    js_sys::Reflect::get(&format.resolved_options(), &"timeZone".into())
        .ok()
        .and_then(|zone| zone.as_string())
        .unwrap_or_else(|| "UTC".to_owned())
}
