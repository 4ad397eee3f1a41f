// The ticket workspace in the side panel, synced through a real store: two
// browser profiles as two agents against one spawned `socialcare-store` on a
// real SQLite file. Kim creates a ticket on the X fixture, adds a note and a
// tag, sets it pending with a reminder; Ana's panel shows all of it; the
// reminder fires when the test moves the worker's clock on (a browser
// notification with the excerpt, the badge marked, the queue listing it),
// and when Ana's clock passes it her open tab's badge is marked too.
// Waits are conditions, never sleeps.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { launch, open, waitForBadges, EXTENSION_ID, SCREENSHOTS } from './harness.mjs';
import { snapshot } from './store.mjs';
import { signIn, settled, waitForTicket, openPanel, waitFor, startTeam, stopAll } from './agents.mjs';

const TEAM = 'acme';
const KEY = 'x:1800000000000000050';
const HOUR_MS = 3_600_000;
let db, store, tokens, kim, ana;

before(async () => {
  ({ db, tokens, store } = await startTeam(TEAM));
  [kim, ana] = await Promise.all([launch(), launch()]);
});

after(() => stopAll([kim, ana], store, db));

/** Opens the X fixture and shows the ticket's item in a fresh side panel. */
async function focusItem(browser) {
  const page = (await open(browser.context, 'https://x.com/home')).page;
  await waitForBadges(page, [KEY]);
  await page.locator(`socialcare-badge[data-socialcare-item="${KEY}"] button[part=badge]`).click();
  return { page, panel: await openPanel(browser) };
}

describe('The ticket workspace through the store', () => {
  let kimSide, anaSide;

  test('Kim creates a ticket, adds a note and a tag, sets it pending with a reminder', async () => {
    await (await signIn(kim, store.url, tokens.kim, 'Kim Lee (agent)')).close();
    await (await signIn(ana, store.url, tokens.ana, 'Ana Ruiz (agent)')).close();
    kimSide = await focusItem(kim);
    const panel = kimSide.panel;
    await panel.getByRole('button', { name: 'Create ticket' }).click();
    await panel.getByLabel('Status').waitFor();

    await panel.getByRole('textbox', { name: 'Note', exact: true }).fill('Promised a replacement by Friday.');
    await panel.getByRole('button', { name: 'Add note' }).click();
    await panel.locator('.note-body', { hasText: 'Promised a replacement by Friday.' }).waitFor();
    await panel.getByRole('combobox', { name: 'Tag', exact: true }).fill('replacement');
    await panel.getByRole('button', { name: 'Add tag' }).click();
    await panel.getByRole('button', { name: 'Remove tag replacement' }).waitFor();
    await panel.getByLabel('Status').selectOption('pending');
    await panel.getByRole('button', { name: 'Set reminder' }).click();
    const dialog = panel.getByRole('dialog', { name: 'Remind me' });
    await dialog.waitFor();
    // Escape closes the dialog; the keyboard reopens it.
    await panel.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await panel.getByRole('button', { name: 'Set reminder' }).press('Enter');
    await dialog.getByRole('button', { name: 'In 1 hour' }).click();
    await panel.locator('.reminder', { hasText: 'Kim Lee' }).waitFor();

    await settled(kim);
    const records = await snapshot(store.url, tokens.lead);
    const ticket = records.ticket[KEY];
    assert.equal(ticket.status, 'pending');
    assert.deepEqual(Object.keys(ticket.tags), ['replacement']);
    assert.ok(ticket.reminder.at > Date.now() + HOUR_MS / 2, 'the reminder is an hour away');
    assert.match(ticket.permalink ?? '', /^https:\/\/x\.com\//);
    const notes = Object.values(records.note ?? {});
    assert.equal(notes.length, 1);
    assert.equal(notes[0].body, 'Promised a replacement by Friday.');
    assert.equal(notes[0].item, KEY);
  });

  test('Ana’s panel shows the status, the tag, the note with its author and the reminder', async () => {
    anaSide = await focusItem(ana);
    const panel = anaSide.panel;
    await waitFor(async () => (await panel.getByLabel('Status').inputValue().catch(() => '')) === 'pending');
    await panel.getByRole('button', { name: 'Remove tag replacement' }).waitFor();
    const note = panel.locator('.note', { hasText: 'Promised a replacement by Friday.' });
    await note.locator('.note-author', { hasText: 'Kim Lee' }).waitFor();
    assert.equal(await note.getByRole('button', { name: 'Edit note' }).count(), 0, 'only the author edits a note');
    await panel.locator('.reminder', { hasText: 'Kim Lee' }).waitFor();
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'workspace-panel.png') });
  });

  test('the reminder fires when the worker’s clock passes it: a notification, the badge and the queue', async () => {
    // Record the notifications the worker asks the browser for (headless Chromium shows none).
    await kim.worker.evaluate(() => {
      const notifications = chrome.notifications;
      const create = notifications.create.bind(notifications);
      globalThis.shownNotifications = [];
      notifications.create = (id, options) => {
        globalThis.shownNotifications.push({ id, ...options });
        return create(id, options);
      };
    });
    const before = await kim.worker.evaluate(async () => {
      await globalThis.socialcare.reminders.check();
      return globalThis.shownNotifications.length;
    });
    assert.equal(before, 0, 'nothing fires before its time');
    assert.equal(await kimSide.page.locator(`socialcare-badge[data-socialcare-item="${KEY}"]`).getAttribute('data-socialcare-reminder'), null);

    const shown = await kim.worker.evaluate(async (ms) => {
      globalThis.socialcare.clock.advance(ms);
      await globalThis.socialcare.reminders.check();
      await globalThis.socialcare.reminders.check();
      return globalThis.shownNotifications;
    }, HOUR_MS + 60_000);
    assert.equal(shown.length, 1, 'one notification, once');
    assert.equal(shown[0].id, `socialcare-reminder:${KEY}`);
    assert.match(shown[0].message, /\S/, 'the notification carries the ticket’s excerpt');
    const excerpt = (await snapshot(store.url, tokens.lead)).ticket[KEY].excerpt;
    assert.equal(shown[0].message, excerpt);

    await waitForTicket(kimSide.page, KEY, { reminder: 'due' });
    const queue = kimSide.panel.getByRole('navigation', { name: 'My queue' });
    await queue.getByRole('heading', { name: 'Reminders due (1)' }).waitFor();
    await kimSide.panel.locator('.reminder-due').waitFor();
    await kimSide.panel.screenshot({ path: path.join(SCREENSHOTS, 'workspace-reminder.png') });
  });

  test('a teammate’s reminder falling due repaints the badge in Ana’s open tab, with no notification for her', async () => {
    const badge = anaSide.page.locator(`socialcare-badge[data-socialcare-item="${KEY}"]`);
    assert.equal(await badge.getAttribute('data-socialcare-reminder'), null, 'not due yet by Ana’s clock');
    const alarm = await ana.worker.evaluate(async () => {
      await globalThis.socialcare.reminders.check();
      return chrome.alarms.get('socialcare-reminder');
    });
    const remindAt = (await snapshot(store.url, tokens.lead)).ticket[KEY].reminder.at;
    assert.ok(alarm && Math.abs(alarm.scheduledTime - remindAt) < 60_000, `Kim’s synced reminder wakes Ana’s worker at its time too (${JSON.stringify(alarm)})`);
    const shown = await ana.worker.evaluate(async (ms) => {
      const notifications = chrome.notifications;
      const create = notifications.create.bind(notifications);
      globalThis.shownNotifications = [];
      notifications.create = (id, options) => {
        globalThis.shownNotifications.push({ id, ...options });
        return create(id, options);
      };
      globalThis.socialcare.clock.advance(ms);
      await globalThis.socialcare.reminders.check();
      return globalThis.shownNotifications;
    }, HOUR_MS + 60_000);
    await waitForTicket(anaSide.page, KEY, { reminder: 'due' });
    assert.deepEqual(shown, [], 'Kim’s reminder notifies Kim only');
    await anaSide.panel.locator('.reminder-due').waitFor();
  });
});
