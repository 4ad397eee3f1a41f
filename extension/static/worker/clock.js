// The worker's clock. Everything in the worker that reads the time (action
// times, SLA overlays, presence, reminders) reads it here, so the end-to-end
// tests can move time on (`socialcare.clock.advance(ms)` in the worker's
// console) instead of sleeping. In normal use the offset stays 0.

let offset = 0;

/** The worker's time source. */
export const clock = {
  /** Now, in Unix milliseconds. */
  now: () => Date.now() + offset,
  /** Moves the worker's time on by `ms` (a test hook; never called by the extension itself). */
  advance(ms) {
    offset += Number(ms);
  },
  /** The real time at which the worker's clock reads `at` (for `alarms.create({when})`). */
  realTime: (at) => at - offset,
};
