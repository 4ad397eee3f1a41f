//! Time for the pages: the current time and callbacks after a delay,
//! behind one injectable [`Clock`] so that tests drive time instead of
//! sleeping. Components read it from a Yew context ([`use_clock`]); without
//! one they use the browser's clock.

use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// A source of time: what a [`Clock`] asks.
pub trait TimeSource {
    /// Now, in Unix milliseconds.
    fn now(&self) -> i64;
    /// Calls `callback` once, `delay_ms` from now, unless the returned
    /// [`Timer`] is dropped first.
    fn after(&self, delay_ms: u32, callback: Box<dyn FnOnce()>) -> Timer;
}

/// A pending callback of [`TimeSource::after`]; dropping it cancels the
/// callback (a no-op once it has run).
#[must_use = "dropping a timer cancels it"]
pub struct Timer {
    cancel: Option<Box<dyn FnOnce()>>,
}

impl Timer {
    /// A timer that runs `cancel` when dropped.
    pub fn new(cancel: impl FnOnce() + 'static) -> Self {
        Timer {
            cancel: Some(Box::new(cancel)),
        }
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(cancel) = self.cancel.take() {
            cancel();
        }
    }
}

/// The pages' clock: a shared [`TimeSource`]. Two clocks are equal when they
/// share their source.
#[derive(Clone)]
pub struct Clock(Rc<dyn TimeSource>);

impl Clock {
    /// A clock reading `source`.
    pub fn new(source: impl TimeSource + 'static) -> Self {
        Clock(Rc::new(source))
    }

    /// The browser's clock (`Date.now()`, `setTimeout`): one shared clock,
    /// so a component with no clock around it keeps the same one from render
    /// to render (a new one each time would restart [`use_now`]'s timer and
    /// render again, without end).
    pub fn system() -> Self {
        thread_local! {
            static SYSTEM: Clock = Clock::new(SystemTime);
        }
        SYSTEM.with(Clock::clone)
    }

    /// Now, in Unix milliseconds.
    pub fn now(&self) -> i64 {
        self.0.now()
    }

    /// Calls `callback` once, `delay_ms` from now, unless the returned
    /// [`Timer`] is dropped first.
    pub fn after(&self, delay_ms: u32, callback: impl FnOnce() + 'static) -> Timer {
        self.0.after(delay_ms, Box::new(callback))
    }
}

impl Default for Clock {
    fn default() -> Self {
        Clock::system()
    }
}

impl PartialEq for Clock {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The browser's clock.
struct SystemTime;

impl TimeSource for SystemTime {
    fn now(&self) -> i64 {
        js_sys::Date::now() as i64
    }

    fn after(&self, delay_ms: u32, callback: Box<dyn FnOnce()>) -> Timer {
        let timeout = gloo::timers::callback::Timeout::new(delay_ms, callback);
        // Dropping a gloo timeout clears it.
        Timer::new(move || drop(timeout))
    }
}

/// The clock of the surrounding context, or the browser's.
#[hook]
pub fn use_clock() -> Clock {
    use_context::<Clock>().unwrap_or_default()
}

/// The current time (Unix milliseconds), refreshed every `period_ms` from
/// the context's clock, so the component re-renders as time passes.
#[hook]
pub fn use_now(period_ms: u32) -> i64 {
    let clock = use_clock();
    let now = use_state({
        let clock = clock.clone();
        move || clock.now()
    });
    {
        let setter = now.setter();
        use_effect_with(clock, move |clock| {
            let slot = Rc::new(RefCell::new(None));
            setter.set(clock.now());
            tick(clock.clone(), period_ms, setter, slot.clone());
            move || drop(slot.take())
        });
    }
    *now
}

/// Sets `setter` to the clock's time every `period_ms`, keeping the pending
/// timer in `slot` (emptying the slot stops it).
fn tick(
    clock: Clock,
    period_ms: u32,
    setter: UseStateSetter<i64>,
    slot: Rc<RefCell<Option<Timer>>>,
) {
    let timer = clock.clone().after(period_ms, {
        let slot = slot.clone();
        move || {
            setter.set(clock.now());
            tick(clock, period_ms, setter, slot);
        }
    });
    slot.replace(Some(timer));
}
