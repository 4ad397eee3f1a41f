//! What the pages' component tests share: a stand-in service worker behind
//! the pages' `Extension` trait, a clock the tests drive, and DOM helpers
//! that find controls by role and accessible name.

#![allow(dead_code)] // Each test binary uses its own share of these.

use socialcare_pages::clock::{Clock, TimeSource, Timer};
use socialcare_pages::port::{Extension, ExtensionHandle, Port};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlElement};
use yew::{BaseComponent, Renderer};

#[wasm_bindgen(inline_js = r#"
export function fake_worker() {
  const worker = {
    ports: [],
    posted: [],
    requests: [],
    pending: [],
    delivering: false,
    connect(name) {
      const port = {
        name,
        alive: true,
        messageListeners: [],
        disconnectListeners: [],
        onMessage: { addListener(listener) { port.messageListeners.push(listener); } },
        onDisconnect: { addListener(listener) { port.disconnectListeners.push(listener); } },
        postMessage(message) {
          if (!port.alive) throw new Error("Attempting to use a disconnected port object");
          worker.posted.push({ port: name, message: JSON.parse(JSON.stringify(message)) });
        },
        disconnect() { port.alive = false; },
      };
      worker.ports.push(port);
      return port;
    },
    current() { return worker.ports[worker.ports.length - 1]; },
    // Sends `message` (an object, or a JSON string as is) on the newest port.
    send(message) {
      const port = worker.current();
      worker.delivering = true;
      try { for (const listener of [...port.messageListeners]) listener(message, port); }
      finally { worker.delivering = false; }
    },
    // The worker stops: the newest port disconnects.
    kill() {
      const port = worker.current();
      port.alive = false;
      for (const listener of [...port.disconnectListeners]) listener(port);
    },
    // The newest port stops working without telling anyone.
    sever() { worker.current().alive = false; },
    request(origin) {
      // Whether the request came in the task that delivered the answer.
      worker.requests.push({ origin, inDelivery: worker.delivering });
      return new Promise((resolve, reject) => worker.pending.push({ resolve, reject }));
    },
    answerPermission(granted) { for (const { resolve } of worker.pending.splice(0)) resolve(granted); },
    failPermission(message) { for (const { reject } of worker.pending.splice(0)) reject(new Error(message)); },
  };
  return worker;
}
export function pwned() { return globalThis.__pwned === true; }
"#)]
extern "C" {
    /// The stand-in worker (JavaScript, so the pages' port glue runs for real).
    pub type FakeWorker;
    fn fake_worker() -> FakeWorker;
    /// Whether hostile markup ran script.
    pub fn pwned() -> bool;
    #[wasm_bindgen(method)]
    fn connect(this: &FakeWorker, name: &str) -> Port;
    #[wasm_bindgen(method)]
    fn send(this: &FakeWorker, message: &JsValue);
    #[wasm_bindgen(method, js_name = kill)]
    fn kill_port(this: &FakeWorker);
    #[wasm_bindgen(method, js_name = sever)]
    fn sever_port(this: &FakeWorker);
    #[wasm_bindgen(method)]
    fn request(this: &FakeWorker, origin: &str) -> js_sys::Promise;
    #[wasm_bindgen(method, js_name = answerPermission)]
    fn answer_permission_js(this: &FakeWorker, granted: bool);
    #[wasm_bindgen(method, js_name = failPermission)]
    fn fail_permission_js(this: &FakeWorker, message: &str);
    #[wasm_bindgen(method, getter)]
    fn ports(this: &FakeWorker) -> js_sys::Array;
    #[wasm_bindgen(method, getter)]
    fn posted(this: &FakeWorker) -> js_sys::Array;
    #[wasm_bindgen(method, getter)]
    fn requests(this: &FakeWorker) -> js_sys::Array;
}

/// The stand-in worker with the test's handle on it.
#[derive(Clone)]
pub struct Worker(Rc<FakeWorker>);

impl Worker {
    pub fn new() -> Self {
        Worker(Rc::new(fake_worker()))
    }

    /// The pages' `Extension`, backed by this worker.
    pub fn extension(&self) -> ExtensionHandle {
        ExtensionHandle(Rc::new(self.clone()))
    }

    /// Sends `message` (a `ToPage`, or the console's `ToConsole`) on the
    /// newest port, as an object.
    pub fn send<M: serde::Serialize>(&self, message: &M) {
        let json = serde_json::to_string(message).unwrap();
        self.0.send(&js_sys::JSON::parse(&json).unwrap());
    }

    /// Sends a raw value on the newest port.
    pub fn send_raw(&self, message: &JsValue) {
        self.0.send(message);
    }

    /// The worker stops: the newest port disconnects.
    pub fn kill(&self) {
        self.0.kill_port();
    }

    /// The newest port stops working before its disconnection is heard.
    pub fn sever(&self) {
        self.0.sever_port();
    }

    /// The names of the ports opened so far, oldest first.
    pub fn connections(&self) -> Vec<String> {
        self.0
            .ports()
            .iter()
            .map(|port| {
                js_sys::Reflect::get(&port, &"name".into())
                    .unwrap()
                    .as_string()
                    .unwrap()
            })
            .collect()
    }

    /// The intents posted so far, oldest first, as JSON values.
    pub fn posted(&self) -> Vec<serde_json::Value> {
        self.0
            .posted()
            .iter()
            .map(|entry| {
                let message = js_sys::Reflect::get(&entry, &"message".into()).unwrap();
                let json = js_sys::JSON::stringify(&message)
                    .unwrap()
                    .as_string()
                    .unwrap();
                serde_json::from_str(&json).unwrap()
            })
            .collect()
    }

    /// The intents posted so far, read back as `FromPage`.
    pub fn intents(&self) -> Vec<socialcare_views::FromPage> {
        self.posted()
            .into_iter()
            .map(|json| serde_json::from_value(json).expect("a FromPage intent"))
            .collect()
    }

    /// The permission requests so far: origin, and whether it was made in
    /// the task that delivered the worker's answer.
    pub fn permission_requests(&self) -> Vec<(String, bool)> {
        self.0
            .requests()
            .iter()
            .map(|request| {
                let get = |key: &str| js_sys::Reflect::get(&request, &key.into()).unwrap();
                (
                    get("origin").as_string().unwrap(),
                    get("inDelivery").as_bool().unwrap(),
                )
            })
            .collect()
    }

    pub fn answer_permission(&self, granted: bool) {
        self.0.answer_permission_js(granted);
    }

    pub fn fail_permission(&self, message: &str) {
        self.0.fail_permission_js(message);
    }
}

impl Extension for Worker {
    fn connect(&self, name: &str) -> Result<Port, String> {
        Ok(self.0.connect(name))
    }

    fn request_host_permission(&self, origin_pattern: &str) -> Result<js_sys::Promise, String> {
        Ok(self.0.request(origin_pattern))
    }
}

/// A browser that allows the permission prompt only in the click itself
/// (Firefox), backed by the same stand-in worker.
pub struct AsksInTheClick(pub Worker);

impl Extension for AsksInTheClick {
    fn connect(&self, name: &str) -> Result<Port, String> {
        self.0.connect(name)
    }

    fn request_host_permission(&self, origin_pattern: &str) -> Result<js_sys::Promise, String> {
        self.0.request_host_permission(origin_pattern)
    }

    fn asks_in_the_click(&self) -> bool {
        true
    }
}

/// An `Extension` with no worker at all (a page outside the extension).
pub struct NoExtension;

impl Extension for NoExtension {
    fn connect(&self, _name: &str) -> Result<Port, String> {
        Err("no browser.runtime or chrome.runtime: open the page from the extension".to_owned())
    }

    fn request_host_permission(&self, _origin: &str) -> Result<js_sys::Promise, String> {
        Err("no permissions API".to_owned())
    }
}

/// A clock that moves only when the test says so.
#[derive(Clone, Default)]
pub struct ManualClock(Rc<ManualTime>);

/// A timer's id, due time and callback.
type PendingTimer = (u64, i64, Box<dyn FnOnce()>);

#[derive(Default)]
pub struct ManualTime {
    now: Cell<i64>,
    next_id: Cell<u64>,
    timers: RefCell<Vec<PendingTimer>>,
}

impl ManualClock {
    /// A clock reading `now` (Unix milliseconds).
    pub fn at(now: i64) -> Self {
        let clock = ManualClock::default();
        clock.0.now.set(now);
        clock
    }

    /// The pages' `Clock` reading this one.
    pub fn clock(&self) -> Clock {
        Clock::new(self.clone())
    }

    /// Moves time on by `ms`, running every timer that falls due, in order.
    pub fn advance(&self, ms: i64) {
        let until = self.0.now.get() + ms;
        loop {
            let due = {
                let mut timers = self.0.timers.borrow_mut();
                timers.sort_by_key(|(id, at, _)| (*at, *id));
                match timers.first() {
                    Some((_, at, _)) if *at <= until => Some(timers.remove(0)),
                    _ => None,
                }
            };
            let Some((_, at, callback)) = due else { break };
            self.0.now.set(at.max(self.0.now.get()));
            callback();
        }
        self.0.now.set(until);
    }

    /// How many timers are waiting.
    pub fn pending(&self) -> usize {
        self.0.timers.borrow().len()
    }
}

impl TimeSource for ManualClock {
    fn now(&self) -> i64 {
        self.0.now.get()
    }

    fn after(&self, delay_ms: u32, callback: Box<dyn FnOnce()>) -> Timer {
        let id = self.0.next_id.get();
        self.0.next_id.set(id + 1);
        let at = self.0.now.get() + i64::from(delay_ms);
        self.0.timers.borrow_mut().push((id, at, callback));
        let time = Rc::downgrade(&self.0);
        Timer::new(move || {
            if let Some(time) = time.upgrade() {
                // Taken out first: a timer's callback may own other timers.
                let cancelled: Vec<_> = {
                    let mut timers = time.timers.borrow_mut();
                    let (gone, kept) = timers.drain(..).partition(|(each, _, _)| *each == id);
                    *timers = kept;
                    gone
                };
                drop(cancelled);
            }
        })
    }
}

#[wasm_bindgen(inline_js = r#"
export function install_messages(catalogues, language) {
  // A locale's messages through `chrome.i18n` as the browsers give them: the
  // placeholders' `$NAME$` become their `$1`..`$9`, those the substitutions;
  // an unknown key reads as "".
  const messages = Object.assign({}, ...catalogues.map((text) => JSON.parse(text)));
  const byKey = new Map(Object.entries(messages).map(([key, entry]) => [key.toLowerCase(), entry]));
  byKey.set('@@bidi_dir', { message: 'ltr' });
  globalThis.chrome ??= {};
  globalThis.chrome.i18n = {
    getUILanguage: () => language,
    getMessage(key, substitutions = []) {
      const entry = byKey.get(String(key).toLowerCase());
      if (!entry) return '';
      const placeholders = Object.fromEntries(
        Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => [name.toLowerCase(), content]));
      return entry.message
        .replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name) => placeholders[name.toLowerCase()] ?? whole)
        .replace(/\$(\$|[1-9])/g, (whole, which) => (which === '$' ? '$' : String(substitutions[which - 1] ?? '')));
    },
  };
}
"#)]
extern "C" {
    fn install_messages(catalogues: Vec<String>, language: &str);
}

/// The extension's English messages (`extension/locales/en/`), one text per
/// area file: every area a page can show.
const ENGLISH: [&str; 9] = [
    include_str!("../../../locales/en/care.json"),
    include_str!("../../../locales/en/common.json"),
    include_str!("../../../locales/en/console.json"),
    include_str!("../../../locales/en/content.json"),
    include_str!("../../../locales/en/manifest.json"),
    include_str!("../../../locales/en/options.json"),
    include_str!("../../../locales/en/panel.json"),
    include_str!("../../../locales/en/tone.json"),
    include_str!("../../../locales/en/worker.json"),
];

/// The extension's French messages (`extension/locales/fr/`), the areas the
/// pages show.
const FRENCH: [&str; 5] = [
    include_str!("../../../locales/fr/common.json"),
    include_str!("../../../locales/fr/console.json"),
    include_str!("../../../locales/fr/panel.json"),
    include_str!("../../../locales/fr/tone.json"),
    include_str!("../../../locales/fr/worker.json"),
];

/// Gives the test page the browser's `i18n` with the English catalogue, as
/// an extension page has it, so components show their English words.
pub fn install_english_messages() {
    install_messages(
        ENGLISH.iter().map(|text| (*text).to_owned()).collect(),
        "en",
    );
}

/// Gives the test page the browser's `i18n` in French, as a browser whose UI
/// language is French has it.
pub fn install_french_messages() {
    install_messages(FRENCH.iter().map(|text| (*text).to_owned()).collect(), "fr");
}

/// Renders `props` into a fresh element and waits until Yew has rendered.
pub async fn mount<C: BaseComponent>(props: C::Properties) -> (Element, yew::AppHandle<C>) {
    install_english_messages();
    render(props).await
}

/// Renders `props` into a fresh element in French and waits until Yew has
/// rendered (the English catalogue is back for the next [`mount`]).
pub async fn mount_in_french<C: BaseComponent>(
    props: C::Properties,
) -> (Element, yew::AppHandle<C>) {
    install_french_messages();
    render(props).await
}

/// Renders `props` into a fresh element with the messages installed.
async fn render<C: BaseComponent>(props: C::Properties) -> (Element, yew::AppHandle<C>) {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = Renderer::<C>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    (root, handle)
}

/// Lets pending promise callbacks and renders run, until `done` holds or
/// 100 event-loop turns have passed.
pub async fn settle(done: impl Fn() -> bool) {
    for _ in 0..100 {
        yew::scheduler::flush().await;
        if done() {
            return;
        }
        JsFuture::from(js_sys::Promise::resolve(&JsValue::NULL))
            .await
            .unwrap();
    }
}

/// Waits until the browser has painted a frame and the panel has rendered
/// what it holds back for the frame after its first view
/// (`panel::first_paint`).
pub async fn after_first_paint() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let painted = Closure::once_into_js(move || {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback(resolve.unchecked_ref())
                .unwrap();
        });
        web_sys::window()
            .unwrap()
            .request_animation_frame(painted.unchecked_ref())
            .unwrap();
    });
    JsFuture::from(frame).await.unwrap();
    yew::scheduler::flush().await;
}

pub fn count(root: &Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

pub fn text_of(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector} in {}", root.inner_html()))
        .text_content()
        .unwrap_or_default()
}

/// The elements matching `selector`.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    let found = root.query_selector_all(selector).unwrap();
    (0..found.length())
        .filter_map(|at| found.get(at))
        .map(|node| node.unchecked_into::<Element>())
        .collect()
}

/// The text of every element matching `selector`, in document order.
pub fn texts(root: &Element, selector: &str) -> Vec<String> {
    all(root, selector)
        .iter()
        .map(|node| node.text_content().unwrap_or_default())
        .collect()
}

/// An element's accessible name as the tests need it: `aria-label`, else
/// the text of the `<label for>` naming it, else its text.
pub fn accessible_name(root: &Element, element: &Element) -> String {
    if let Some(label) = element.get_attribute("aria-label") {
        return label;
    }
    let labelled = element.id();
    if !labelled.is_empty() {
        if let Some(label) = root
            .query_selector(&format!("label[for='{labelled}']"))
            .unwrap()
        {
            return label.text_content().unwrap_or_default().trim().to_owned();
        }
    }
    element.text_content().unwrap_or_default().trim().to_owned()
}

/// The control with `role` (`button`, `combobox`, `textbox`, `link`) and
/// accessible name `name`, if there is exactly one.
pub fn find_by_role(root: &Element, role: &str, name: &str) -> Option<Element> {
    let selector = match role {
        "button" => "button, [role=button]",
        "combobox" => "select",
        "textbox" => {
            "input:not([type]), input[type=url], input[type=text], input[type=password], input[type=search], textarea"
        }
        "link" => "a[href]",
        other => panic!("no selector for role {other}"),
    };
    let mut found = all(root, selector)
        .into_iter()
        .filter(|element| accessible_name(root, element) == name);
    let first = found.next();
    assert!(
        found.next().is_none(),
        "more than one {role} named {name:?}"
    );
    first
}

/// [`find_by_role`], which must find it.
pub fn by_role(root: &Element, role: &str, name: &str) -> HtmlElement {
    find_by_role(root, role, name)
        .unwrap_or_else(|| panic!("no {role} named {name:?} in {}", root.inner_html()))
        .unchecked_into()
}

/// Whether a control is disabled.
pub fn disabled(element: &HtmlElement) -> bool {
    element.has_attribute("disabled")
}

/// Types `value` into an input as the agent would (sets it, fires `input`).
pub fn type_into(input: &HtmlElement, value: &str) {
    let input: &web_sys::HtmlInputElement = input.unchecked_ref();
    input.set_value(value);
    let event = web_sys::Event::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

pub const HOSTILE: &str = r#"<img src=x onerror="globalThis.__pwned=true">"#;
