// The extension's pages (side panel, options) as the worker serves them:
// one runtime port per open page; a whole view model (extension/views,
// `PanelView`) on connect and after every change; intents back.
//
// The worker owns the focused item and the recent ones (kept in IndexedDB),
// publishes `viewing` presence while a side panel shows an item, and signs
// in and out. The token never leaves the worker: pages get its last four
// characters only.

import * as db from './db.js';
import { StoreError, answers, call, normaliseStoreUrl, originPattern } from './store.js';
import { clock } from './clock.js';
import { text } from './i18n.js';
import { openItem } from './open-item.js';
import { PageService } from './page-service.js';

const api = globalThis.browser ?? globalThis.chrome;

/** Recent items kept for the panel. */
const RECENT_LIMIT = 5;

/** The open pages and what they show. */
export class Pages extends PageService {
  /** Inert until the first port connects. */
  constructor(sync, ready, { onInsert = async () => {}, onApplyFix = async () => {} } = {}) {
    super();
    this.sync = sync;
    this.onInsert = onInsert;
    this.onApplyFix = onApplyFix;
    /** The composer the agent writes in and its latest tone verdict (views::ComposerView), or null. */
    this.composer = null;
    /** The pending refresh of the pages after a new verdict (a timer), or 0. */
    this.composerRefresh = 0;
    this.ready = ready.then(() => this.load());
    this.focused = null;
    this.recent = [];
  }

  /** Restores the focused and recent items (the worker may have been killed). */
  async load() {
    const saved = (await db.readMeta('focus')) ?? {};
    this.focused = saved.focused ?? null;
    this.recent = saved.recent ?? [];
  }

  /** Serves one page's port. */
  connect(port) {
    if (port.name !== 'panel' && port.name !== 'options') return;
    if (!this.admit(port)) return;
    port.onDisconnect.addListener(() => {
      this.ports.delete(port);
      this.updateViewing();
    });
    port.onMessage.addListener((intent) => {
      this.ready
        .then(() => this.handle(port, intent))
        .then((outcome) => this.tellRefused(port, intent, outcome))
        .catch((error) => console.error('Socialcare: intent failed', error));
    });
    this.ready.then(() => {
      // A side panel opens on its item: that view leaves first, the queue
      // (the larger part of the work and of the message) right after it,
      // added to the same view.
      const view = this.view({ queue: false });
      if (port.name === 'panel') this.send(port, { type: 'view', view });
      this.send(port, { type: 'view', view: this.withQueue(view) });
      this.updateViewing();
    });
  }

  /**
   * The view model every page gets (views::PanelView); without the queue
   * when `queue` is false (the page keeps showing none until a view has it).
   */
  view({ queue = true } = {}) {
    const replica = this.sync.replica;
    const session = this.sync.session;
    const view = {
      session: session && {
        store_url: session.store_url,
        agent: session.agent,
        role: session.role,
        token_hint: session.token.slice(-4),
      },
      sync: this.sync.syncView(),
      focus: this.focused && (replica?.focus_view(this.focused, clock.now()) ?? { focused: this.focused, ticket: null, presence: [], ours: false }),
      recent: this.recent,
      composer: this.composer,
    };
    return queue ? this.withQueue(view) : view;
  }

  /** `view` with the agent's queue (signed in; signed out there is none). */
  withQueue(view) {
    const replica = this.sync.replica;
    return replica ? { ...view, queue: replica.queue_view(clock.now()) } : view;
  }

  /**
   * The composer's latest tone verdict (views::ComposerView). The pages are
   * told only when it changed, in a later task (after the verdict went back
   * to the composer) and once for all the verdicts of that task.
   */
  setComposer(composer) {
    if (JSON.stringify(composer) === JSON.stringify(this.composer)) return;
    this.composer = composer;
    if (this.ports.size === 0 || this.composerRefresh) return;
    this.composerRefresh = setTimeout(() => {
      this.composerRefresh = 0;
      this.refresh();
    }, 0);
  }

  /** Shows an item in the side panel (a badge click, the shortcut, a create). */
  async focus(item) {
    await this.ready;
    if (this.focused && this.focused.item.key !== item.item.key) {
      this.recent = [this.focused, ...this.recent.filter((r) => r.item.key !== this.focused.item.key && r.item.key !== item.item.key)].slice(0, RECENT_LIMIT);
    }
    this.focused = item;
    await db.writeMeta('focus', { focused: this.focused, recent: this.recent });
    this.updateViewing();
    this.refresh();
  }

  /** Presence: `viewing` the focused item while a side panel is open. */
  updateViewing() {
    const panelOpen = [...this.ports].some((port) => port.name === 'panel');
    this.sync.setViewing(panelOpen ? this.focused?.item.key ?? null : null);
  }

  /** The focused or recent item with this key. */
  itemFor(key) {
    return [this.focused, ...this.recent].find((item) => item?.item.key === key) ?? null;
  }

  /**
   * Tells the page whose action the worker refused (views::ToPage::Refused):
   * its view was behind, e.g. a teammate's claim had just arrived. Nothing was queued.
   */
  tellRefused(port, intent, outcome) {
    if (outcome?.ok !== false) return;
    const refusal = {
      action: outcome.action ?? intent.type,
      item: typeof intent.item === 'string' ? intent.item : null,
      code: outcome.code ?? 'refused',
      message: String(outcome.message ?? 'refused'),
      // The reason as data, which the page words (views::RefusedAction::refusal);
      // none when the worker's message is already in the agent's words.
      refusal: outcome.refusal ?? null,
      // The teammate it names, by name and initials (views::RefusedAction::assignee).
      assignee: outcome.assignee ?? null,
    };
    this.send(port, { type: 'refused', refusal });
  }

  /**
   * Carries out one intent from a page (`insert` is the native composer's,
   * not yet served); an action answers its outcome (`{ok}`, or the refusal).
   */
  async handle(port, intent) {
    switch (intent?.type) {
      case 'connect':
        this.send(port, { type: 'connected', result: await this.signIn(intent.store_url, intent.token) });
        break;
      case 'sign_out': {
        const done = intent.discard_unsynced === true || this.sync.pending() === 0;
        if (done) await this.sync.signOut();
        this.send(port, { type: 'signed_out', done });
        break;
      }
      case 'create_ticket': {
        const item = this.itemFor(intent.item);
        if (item) return this.sync.createTicket(item);
        break;
      }
      case 'claim':
        return this.sync.claim(intent.item);
      case 'set_status':
        return this.sync.setStatus(intent.item, intent.status);
      case 'set_priority':
        return this.sync.perform('set_priority', intent.item, intent.priority);
      case 'assign':
        return this.sync.perform('assign', intent.item, intent.assignee ?? undefined);
      case 'add_tag':
      case 'remove_tag':
        return this.sync.perform('tag', intent.item, String(intent.tag ?? ''), intent.type === 'add_tag');
      case 'add_note':
        return this.sync.perform('add_note', intent.item, crypto.randomUUID(), String(intent.body ?? ''));
      case 'edit_note':
        return this.sync.perform('edit_note', intent.note, String(intent.body ?? ''));
      case 'set_reminder':
        return this.sync.perform('remind', intent.item, intent.when);
      case 'open_item':
        await this.openItem(intent.item);
        break;
      case 'refocus': {
        const item = this.itemFor(intent.item);
        if (item) await this.focus(item);
        break;
      }
      case 'dismiss_rejection':
        await this.sync.dismissRejection(intent.mutation_id);
        break;
      case 'insert':
        await this.onInsert(intent);
        break;
      case 'apply_fix':
        await this.onApplyFix(intent);
        break;
      case 'open_options':
        await api.runtime.openOptionsPage();
        break;
      case 'link_identity':
        return this.sync.linkIdentity(intent.link);
      case 'reject_link':
        return this.sync.rejectLink(intent.link);
      case 'unlink_identity':
        return this.sync.unlinkIdentity(intent.link);
      case 'open_ticket': {
        const item = this.itemFor(intent.item) ?? this.sync.ticketFocus(intent.item);
        if (item) await this.focus(item);
        break;
      }
      case 'search':
        this.send(port, { type: 'search_results', search: this.sync.search(String(intent.query ?? '')) });
        break;
      default:
        console.debug('Socialcare: unknown intent', intent);
    }
  }

  /** Shows a ticket's native page (its tab, or a new one), from the queue or a reminder. */
  async openItem(key) {
    const permalink = this.sync.replica?.permalink(key) ?? this.itemFor(key)?.item.permalink;
    if (permalink) await openItem(permalink);
  }

  /** Checks the token against the store and keeps the session (views::ConnectResult). */
  async signIn(storeUrlText, token) {
    const failed = (code, message, origin_pattern = null) => ({ outcome: 'failed', code, message, origin_pattern });
    const storeUrl = normaliseStoreUrl(storeUrlText);
    if (!storeUrl) return failed('invalid_url', text('worker_sign_in_invalid_url'));
    token = String(token ?? '').trim();
    if (!token) return failed('token_refused', text('worker_sign_in_no_token'));
    let me;
    try {
      me = await call(storeUrl, token, 'GET', '/v1/me');
    } catch (error) {
      if (!(error instanceof StoreError)) throw error;
      if (error.kind === 'network') {
        if (!(await answers(storeUrl))) return failed('unreachable', text('worker_sign_in_unreachable', storeUrl));
        const pattern = originPattern(storeUrl);
        const granted = await api.permissions.contains({ origins: [pattern] });
        if (granted) return failed('unreachable', text('worker_sign_in_no_answer', storeUrl, error.message));
        return failed('permission_needed', text('worker_sign_in_permission', storeUrl), pattern);
      }
      if (error.status === 401 || error.status === 403) return failed('token_refused', text('worker_sign_in_token_refused', error.message));
      return failed('not_a_store', text('worker_sign_in_not_a_store_because', storeUrl, error.message));
    }
    if (typeof me.agent_id !== 'string' || typeof me.role !== 'string') return failed('not_a_store', text('worker_sign_in_not_a_store', storeUrl));
    const session = {
      store_url: storeUrl,
      token,
      team: me.team,
      agent: { id: me.agent_id, name: me.name, initials: me.initials },
      role: me.role,
    };
    await this.sync.signIn(session);
    return { outcome: 'connected', session: this.view().session };
  }
}
