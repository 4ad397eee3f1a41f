//! The pages' one line to the service worker: a `runtime` port carrying
//! [`ToPage`] messages in and [`FromPage`] intents out (the contract is the
//! `socialcare-views` crate).
//!
//! The browser's APIs come through the [`Extension`] trait so that tests
//! hand the pages a stand-in port; in the extension it is [`WebExtension`]
//! (`runtime.connect`, `permissions.request`). [`use_worker_link`] keeps the
//! port open: the worker may be stopped at any time, which disconnects the
//! port, and a new `runtime.connect` wakes it again.

use crate::clock::{use_clock, Clock, Timer};
use crate::webext;
use js_sys::{Array, Function, Object, Promise, Reflect, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use socialcare_views::ToPage;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A `runtime.Port`, or anything shaped like one.
    #[derive(Clone)]
    pub type Port;
    #[wasm_bindgen(method, catch, js_name = postMessage)]
    fn post_message(this: &Port, message: &JsValue) -> Result<(), JsValue>;
    #[wasm_bindgen(method, getter, js_name = onMessage)]
    fn on_message(this: &Port) -> PortEvent;
    #[wasm_bindgen(method, getter, js_name = onDisconnect)]
    fn on_disconnect(this: &Port) -> PortEvent;
    #[wasm_bindgen(method, catch)]
    fn disconnect(this: &Port) -> Result<(), JsValue>;

    /// A port's `onMessage` or `onDisconnect`.
    type PortEvent;
    #[wasm_bindgen(method, catch, js_name = addListener)]
    fn add_listener(this: &PortEvent, listener: &Function) -> Result<(), JsValue>;
}

/// The browser APIs the pages use.
pub trait Extension {
    /// Opens a port named `name` to the service worker (`runtime.connect`).
    fn connect(&self, name: &str) -> Result<Port, String>;
    /// Asks the agent to grant the optional host permission `origin_pattern`
    /// (`permissions.request`), resolving to whether it was granted. The
    /// request is made before this returns, so a caller holding a user
    /// gesture still holds it.
    fn request_host_permission(&self, origin_pattern: &str) -> Result<Promise, String>;
    /// Whether the permission must be asked for in the click itself (Firefox
    /// refuses `permissions.request` outside a user input handler, and its
    /// per-install origins are never on a store's list), rather than only once
    /// the worker answers that the browser blocked the store.
    fn asks_in_the_click(&self) -> bool {
        false
    }
}

/// The real browser: `browser.*` in Firefox, `chrome.*` in Chrome.
pub struct WebExtension;

/// The global where a page's bootstrap script leaves the ports it opened
/// before the module loaded, by name (`static/sidepanel.js`).
const EARLY_PORTS: &str = "socialcareEarlyPorts";

/// The port named `name` the page's bootstrap opened before the module
/// loaded, taken once (so a reconnection opens a new one).
fn take_early_port(name: &str) -> Option<Port> {
    let ports = Reflect::get(&js_sys::global(), &EARLY_PORTS.into()).ok()?;
    if !ports.is_object() {
        return None;
    }
    let port = Reflect::get(&ports, &name.into()).ok()?;
    if !port.is_object() {
        return None;
    }
    let _ = Reflect::set(&ports, &name.into(), &JsValue::UNDEFINED);
    Some(port.unchecked_into())
}

impl Extension for WebExtension {
    fn connect(&self, name: &str) -> Result<Port, String> {
        if let Some(port) = take_early_port(name) {
            return Ok(port);
        }
        let runtime = webext::namespace("runtime")?;
        let options = Object::new();
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&options, &"name".into(), &name.into());
        webext::call(&runtime, "connect", &[&options]).map(JsCast::unchecked_into)
    }

    fn request_host_permission(&self, origin_pattern: &str) -> Result<Promise, String> {
        let permissions = webext::namespace("permissions")?;
        let request = Object::new();
        let origins = Array::of1(&origin_pattern.into());
        let _ = Reflect::set(&request, &"origins".into(), &origins);
        let answer = webext::call(&permissions, "request", &[&request])?;
        Ok(Promise::resolve(&answer))
    }

    fn asks_in_the_click(&self) -> bool {
        // `runtime.getBrowserInfo` exists in Firefox only.
        webext::namespace("runtime")
            .ok()
            .and_then(|runtime| Reflect::get(&runtime, &"getBrowserInfo".into()).ok())
            .is_some_and(|value| value.is_function())
    }
}

/// A shared [`Extension`], as a Yew property; equal when shared.
#[derive(Clone)]
pub struct ExtensionHandle(pub Rc<dyn Extension>);

impl Default for ExtensionHandle {
    fn default() -> Self {
        ExtensionHandle(Rc::new(WebExtension))
    }
}

impl PartialEq for ExtensionHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What a page hears from its [`WorkerLink`]: [`ToPage`] messages unless
/// the port carries another contract (the console's).
#[derive(Debug, Clone, PartialEq)]
pub enum LinkEvent<M = ToPage> {
    /// A message from the worker.
    Message(Box<M>),
    /// A message from the worker that could not be read; why, in words.
    Unreadable(String),
    /// No port can be opened (not an extension page); the reason in words.
    Unavailable(String),
}

/// The first wait before reconnecting to a worker that dropped the port
/// before saying anything; it doubles up to [`MAX_RECONNECT_DELAY_MS`].
pub const FIRST_RECONNECT_DELAY_MS: u32 = 1_000;
/// The longest wait between reconnection attempts.
pub const MAX_RECONNECT_DELAY_MS: u32 = 30_000;

/// Reads a message off the port: a JSON string, or the same data as an object.
pub fn decode_message<M: DeserializeOwned>(message: &JsValue) -> Result<M, String> {
    let json = match message.as_string() {
        Some(json) => json,
        None => JSON::stringify(message)
            .ok()
            .and_then(|json| json.as_string())
            .ok_or_else(|| "the message is not JSON".to_owned())?,
    };
    serde_json::from_str(&json).map_err(|error| format!("unreadable message: {error}"))
}

/// An intent ([`socialcare_views::FromPage`], or another port's) as the object posted on the
/// port (its JSON, parsed).
pub fn encode_intent<I: Serialize>(intent: &I) -> JsValue {
    let json = serde_json::to_string(intent).expect_throw("intents serialise");
    JSON::parse(&json).expect_throw("serde_json writes JSON")
}

/// A page's connection to the worker; cheap to clone, equal when shared.
pub struct WorkerLink<M = ToPage>(Rc<Link<M>>);

impl<M> Clone for WorkerLink<M> {
    fn clone(&self) -> Self {
        WorkerLink(self.0.clone())
    }
}

impl<M> PartialEq for WorkerLink<M> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<M: DeserializeOwned + 'static> WorkerLink<M> {
    /// Sends `intent` to the worker, reconnecting first if the port is gone.
    pub fn post<I: Serialize>(&self, intent: &I) {
        Link::post(&self.0, &encode_intent(intent));
    }
}

/// The state behind a [`WorkerLink`].
struct Link<M> {
    extension: ExtensionHandle,
    clock: Clock,
    name: &'static str,
    /// Where messages go; replaced on every render so it is never stale.
    on_event: RefCell<Callback<LinkEvent<M>>>,
    state: RefCell<LinkState>,
}

/// What changes while a link lives.
#[derive(Default)]
struct LinkState {
    /// The open port with its listeners, if any.
    open: Option<OpenPort>,
    /// The scheduled reconnection, if any.
    retry: Option<Timer>,
    /// The wait before the next reconnection of a silent port.
    delay_ms: u32,
    /// Whether the page went away.
    closed: bool,
}

/// A port and the listeners that must live as long as it does.
struct OpenPort {
    port: Port,
    _on_message: Closure<dyn FnMut(JsValue)>,
    _on_disconnect: Closure<dyn FnMut(JsValue)>,
    /// Whether the worker has said anything on this port.
    heard: bool,
}

impl<M: DeserializeOwned + 'static> Link<M> {
    /// Opens a port now (cancelling any scheduled retry) and listens on it.
    fn open(link: &Rc<Link<M>>) {
        if link.state.borrow().closed {
            return;
        }
        link.state.borrow_mut().retry = None;
        let port = match link.extension.0.connect(link.name) {
            Ok(port) => port,
            Err(why) => {
                link.emit(LinkEvent::Unavailable(why));
                return;
            }
        };
        let weak = Rc::downgrade(link);
        let on_message = Closure::<dyn FnMut(JsValue)>::new(move |message: JsValue| {
            if let Some(link) = weak.upgrade() {
                link.heard();
                link.emit(match decode_message(&message) {
                    Ok(message) => LinkEvent::Message(Box::new(message)),
                    Err(why) => LinkEvent::Unreadable(why),
                });
            }
        });
        let weak = Rc::downgrade(link);
        let on_disconnect = Closure::<dyn FnMut(JsValue)>::new(move |_port: JsValue| {
            if let Some(link) = weak.upgrade() {
                Link::disconnected(&link);
            }
        });
        let listening = port
            .on_message()
            .add_listener(on_message.as_ref().unchecked_ref())
            .and_then(|()| {
                port.on_disconnect()
                    .add_listener(on_disconnect.as_ref().unchecked_ref())
            });
        if let Err(error) = listening {
            link.emit(LinkEvent::Unavailable(format!(
                "the port cannot be listened to: {error:?}"
            )));
            return;
        }
        link.state.borrow_mut().open = Some(OpenPort {
            port,
            _on_message: on_message,
            _on_disconnect: on_disconnect,
            heard: false,
        });
    }

    /// Notes that the worker spoke on the open port (it is alive).
    fn heard(&self) {
        let mut state = self.state.borrow_mut();
        if let Some(open) = state.open.as_mut() {
            open.heard = true;
        }
        state.delay_ms = FIRST_RECONNECT_DELAY_MS;
    }

    /// The port went away (the worker stopped): reconnect at once if the
    /// worker had spoken on it, else after a growing wait.
    fn disconnected(link: &Rc<Link<M>>) {
        let gone = link.state.borrow_mut().open.take();
        let heard = gone.as_ref().is_some_and(|open| open.heard);
        // Its listeners may be running now; the JS side frees them after.
        drop(gone);
        if heard {
            Link::open(link);
            return;
        }
        let mut state = link.state.borrow_mut();
        if state.closed {
            return;
        }
        let delay = state.delay_ms.max(FIRST_RECONNECT_DELAY_MS);
        state.delay_ms = (delay * 2).min(MAX_RECONNECT_DELAY_MS);
        let weak = Rc::downgrade(link);
        state.retry = Some(link.clock.after(delay, move || {
            if let Some(link) = weak.upgrade() {
                Link::open(&link);
            }
        }));
    }

    /// Posts `message`, opening a port first when there is none and once
    /// more when the port turns out to be dead.
    fn post(link: &Rc<Link<M>>, message: &JsValue) {
        for _attempt in 0..2 {
            if link.state.borrow().open.is_none() {
                Link::open(link);
            }
            let port = match link.state.borrow().open.as_ref() {
                Some(open) => open.port.clone(),
                None => return,
            };
            if port.post_message(message).is_ok() {
                return;
            }
            link.state.borrow_mut().open = None;
        }
    }

    /// Disconnects for good (the page went away).
    fn close(&self) {
        let mut state = self.state.borrow_mut();
        state.closed = true;
        state.retry = None;
        if let Some(open) = state.open.take() {
            // A port already gone has nothing to close.
            let _ = open.port.disconnect();
        }
    }

    fn emit(&self, event: LinkEvent<M>) {
        let on_event = self.on_event.borrow().clone();
        on_event.emit(event);
    }
}

/// Connects to the worker on the port `name` while the component lives,
/// reconnecting whenever the port drops, and calls `on_event` with every
/// message (synchronously, in the port's own task: a page may still use the
/// user gesture that led to it). Uses the context's clock for the waits.
#[hook]
pub fn use_worker_link<M>(
    extension: &ExtensionHandle,
    name: &'static str,
    on_event: Callback<LinkEvent<M>>,
) -> WorkerLink<M>
where
    M: DeserializeOwned + 'static,
{
    let clock = use_clock();
    let link = use_memo((extension.clone(), name), {
        let on_event = on_event.clone();
        move |(extension, name)| {
            WorkerLink(Rc::new(Link {
                extension: extension.clone(),
                clock,
                name,
                on_event: RefCell::new(on_event),
                state: RefCell::new(LinkState::default()),
            }))
        }
    });
    link.0.on_event.replace(on_event);
    use_effect_with(link.clone(), |link| {
        let link = link.0.clone();
        Link::open(&link);
        move || link.close()
    });
    (*link).clone()
}
