//! The panel's first paint: the item first, everything else a frame later.

use gloo::render::request_animation_frame;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// Whether the frame that first showed a view (`shown` became true) has
/// been painted. False until then, and true from then on, for as long as
/// the component lives: an open paints the focused item (its card and
/// ticket) in its first frame, and the parts an agent reads after it (the
/// suggested replies, the customer, the queue, the recent items) in the
/// next, so the first frame is not held up by them. A hidden page paints no
/// frame, so those parts wait until it is shown.
#[hook]
pub fn use_first_view_painted(shown: bool) -> bool {
    let painted = use_state(|| false);
    {
        let (done, painted) = (*painted, painted.setter());
        use_effect_with(shown && !done, move |&waiting| {
            // Animation frame callbacks run before the frame's paint; a task
            // queued from one runs after it.
            let frame = waiting.then(|| {
                request_animation_frame(move |_| {
                    Timeout::new(0, move || painted.set(true)).forget();
                })
            });
            move || drop(frame)
        });
    }
    *painted
}
