// Follow-up reminders: when one of the agent's reminders falls due, a
// browser notification with the ticket's excerpt; when anyone's falls due
// (a teammate's too), the badge of its item marked
// (`data-socialcare-reminder="due"`) in every open tab and the side panel
// refreshed (its queue lists the agent's due reminders first). `alarms`
// wakes the worker for the next reminder of anyone's; each is acted on
// once (the time checked up to is kept in IndexedDB, so a killed worker
// neither misses nor repeats one).

import * as db from './db.js';
import { clock } from './clock.js';
import { text } from './i18n.js';

const api = globalThis.browser ?? globalThis.chrome;

/** Notification ids carry the item key after this prefix. */
const NOTIFICATION_PREFIX = 'socialcare-reminder:';

/** The reminder loop of the signed-in agent. */
export class Reminders {
  /** The alarm that wakes the worker for the next reminder. */
  static ALARM = 'socialcare-reminder';

  /** Inert until `check()`. */
  constructor(sync, { onOverlays, onChange }) {
    this.sync = sync;
    this.onOverlays = onOverlays;
    this.onChange = onChange;
    this.checking = Promise.resolve();
  }

  /** Notifies what fell due since the last check and schedules the next one; checks never overlap. */
  check() {
    this.checking = this.checking.then(() => this.checkOnce()).catch((error) => console.error('Socialcare: reminders', error));
    return this.checking;
  }

  async checkOnce() {
    const replica = this.sync.replica;
    if (!replica) return;
    const now = clock.now();
    const since = (await db.readMeta('reminders-checked')) ?? 0;
    const { due, fell_due: fellDue, next } = replica.reminders_due(since, now);
    await db.writeMeta('reminders-checked', now);
    for (const reminder of due) {
      api.notifications?.create(NOTIFICATION_PREFIX + reminder.item, {
        type: 'basic',
        iconUrl: api.runtime.getURL('icons/icon-128.png'),
        title: text('worker_reminder_title'),
        message: reminder.excerpt || reminder.item,
        priority: 2,
      });
    }
    if (fellDue.length) {
      this.onOverlays(replica.overlays(fellDue, now));
      this.onChange();
    }
    if (next !== null && next !== undefined) {
      api.alarms?.create(Reminders.ALARM, { when: Math.max(Date.now(), clock.realTime(next)) });
    } else {
      await api.alarms?.clear(Reminders.ALARM);
    }
  }

  /** The item key of a reminder notification, or null for another notification. */
  static itemOf(notificationId) {
    return notificationId.startsWith(NOTIFICATION_PREFIX) ? notificationId.slice(NOTIFICATION_PREFIX.length) : null;
  }
}
