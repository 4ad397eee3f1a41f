// The sync loop: the wasm sync client (the replica module,
// extension/worker/replica) plus its I/O — IndexedDB (db.js), HTTP and the
// live WebSocket (store.js).
//
// A wake answers verdicts before the replica module is instantiated and the
// replica restored (`readSession()`, then `restore()`): until then a signed-in
// badge gets its verdict without a ticket overlay, and its key is remembered;
// once the replica is restored, those keys' overlays are pushed to the tabs
// (`onOverlays`), so the badge shows its ticket state a moment later.
//
// Every action goes to the outbox first (persisted in the same step), then
// syncs when it can: at once while the store answers, on live pokes, and on
// an alarm-driven retry with back-off while it does not. The state shown to
// the agent (synced / N waiting / offline since / last error) is the state
// of this loop, never a guess.

import { Replica, assess, instantiateReplica } from './wasm.js';
import * as db from './db.js';
import { clock } from './clock.js';
import { countText, text } from './i18n.js';
import { StoreError, callText, openLive } from './store.js';

const api = globalThis.browser ?? globalThis.chrome;

/** Back-off between retries while the store is unreachable, in minutes. */
const RETRY_MINUTES = [0.5, 1, 2, 5];
/** Presence heartbeat, in milliseconds (the store's entries lapse after 30 s). */
const HEARTBEAT_MS = 12_000;

/** The session, the replica and the loop that keeps it in step with the store. */
export class Sync {
  /** The alarm that retries a failed sync. */
  static RETRY_ALARM = 'socialcare-sync-retry';

  /** Nothing happens until `wake()`: constructors are inert. */
  constructor({ onOverlays, onChange }) {
    this.onOverlays = onOverlays;
    this.onChange = onChange;
    /** {store_url, token, agent: {id, name, initials}, role}, or null when signed out. */
    this.session = null;
    /** The wasm sync client, or null when signed out (or until it is restored). */
    this.replica = null;
    /** The team's brand accounts as JSON text, for the verdict module (a copy kept in IndexedDB). */
    this.brands = '{}';
    /** Item keys answered without their overlay while the replica was being restored. */
    this.unpainted = new Set();
    /** Whether the replica is being restored (verdicts go out without overlays meanwhile). */
    this.restoring = false;
    this.offlineSince = null;
    this.lastError = null;
    this.lastSyncedAt = null;
    this.retries = 0;
    this.running = null;
    this.again = false;
    this.socket = null;
    /** What this agent publishes: {item, state} or null; and what it is made of. */
    this.presence = null;
    this.viewing = null;
    this.replying = null;
    this.heartbeat = 0;
  }

  /**
   * Reads what a verdict needs from IndexedDB: the session and the team's
   * brand accounts. Runs first on every wake, while the verdict module compiles.
   */
  async readSession() {
    this.session = (await db.readMeta('session')) ?? null;
    this.brands = (this.session && (await db.readMeta('brands'))) || '{}';
    this.restoring = Boolean(this.session);
  }

  /**
   * Instantiates the replica module and rebuilds the replica from IndexedDB
   * (the reads overlap the module compiling), paints the overlays verdicts
   * went out without, then syncs. Does nothing signed out.
   */
  async restore() {
    if (!this.session) return;
    try {
      const agent = { agent_id: this.session.agent.id, role: this.session.role };
      const [state] = await Promise.all([db.loadReplica(), instantiateReplica()]);
      try {
        this.replica = state ? Replica.restore(state, agent) : Replica.create(crypto.randomUUID(), agent);
      } catch (error) {
        // Never overwrite what cannot be read: the outbox stays in IndexedDB for a later version.
        this.lastError = `the local copy could not be read (${error.message ?? error}); sign out to start afresh`;
        console.error('Socialcare:', this.lastError);
        return;
      }
      if (!state) await db.applyDelta(this.replica.initial_delta());
      await this.keepBrands();
      if (this.unpainted.size) this.onOverlays(this.replica.overlays([...this.unpainted], clock.now()));
    } finally {
      this.restoring = false;
      this.unpainted.clear();
    }
    this.syncNow();
  }

  /** Rebuilds the state from IndexedDB, then syncs (a sign-in). */
  async wake() {
    await this.readSession();
    await this.restore();
  }

  /** Keeps the brand accounts the verdict module gets in step with the replica's settings (and their copy in IndexedDB). */
  async keepBrands() {
    const brands = this.replica?.brand_accounts() ?? '{}';
    if (brands === this.brands) return;
    this.brands = brands;
    await db.writeMeta('brands', brands);
  }

  /** Signs in with a session the store confirmed; starts a fresh replica. */
  async signIn(session) {
    await this.signOut();
    await db.writeMeta('session', session);
    await this.wake();
    this.onChange();
  }

  /** Signs out: closes the live channel and clears every local record. */
  async signOut() {
    this.closeLive();
    this.replica?.free();
    this.replica = null;
    this.session = null;
    this.brands = '{}';
    this.offlineSince = this.lastError = this.lastSyncedAt = null;
    await api.alarms?.clear(Sync.RETRY_ALARM);
    await db.clearAll();
    api.action?.setBadgeText({ text: '' });
    this.onChange();
  }

  /** Actions waiting in the outbox. */
  pending() {
    return this.replica?.pending_count() ?? 0;
  }

  /** The sync state for the pages (views::SyncView). */
  syncView() {
    if (!this.replica) return { state: 'signed_out', pending: 0, offline_since: null, last_synced_at: null, last_error: this.lastError, rejections: [] };
    const pending = this.pending();
    return {
      state: this.offlineSince !== null ? 'offline' : pending > 0 ? 'waiting' : 'synced',
      pending,
      offline_since: this.offlineSince,
      last_synced_at: this.lastSyncedAt,
      last_error: this.lastError,
      rejections: this.replica.rejections(),
    };
  }

  /**
   * The verdict module's verdicts with each badge's ticket overlay merged in
   * (signed in; the team's own items get none). While the replica is being
   * restored, the badges' keys are remembered and painted by `restore()`.
   */
  withOverlays(verdicts) {
    if (!this.session) return verdicts;
    const badges = verdicts.flatMap(({ badge }) => (badge && !badge.ours ? [badge] : []));
    if (!this.replica) {
      if (this.restoring) for (const badge of badges) this.unpainted.add(badge.key);
      return verdicts;
    }
    const overlays = this.replica.overlays(badges.map((badge) => badge.key), clock.now());
    for (const badge of badges) badge.overlay = overlays[badge.key];
    return verdicts;
  }

  /** Persists a client step, repaints what it changed, and tells the pages. */
  async settle(step) {
    await db.applyDelta(step.delta);
    if (step.settings_changed) await this.keepBrands();
    if (step.changed?.length) this.onOverlays(this.replica.overlays(step.changed, clock.now()));
    this.showBadge();
    this.onChange();
  }

  /** Runs one local action through the client: outbox first, then sync. */
  async act(step) {
    if (!this.replica) return { ok: false, code: 'signed_out', message: text('worker_sign_in_first') };
    if (!step.ok) return step;
    await this.settle(step);
    this.syncNow();
    return { ok: true };
  }

  /** Turns a focused item into a ticket. */
  createTicket(item) {
    // The post time as the page shows it, parsed by the browser (NaN when absent).
    const postedAt = item.item.timestamp ? Date.parse(item.item.timestamp) : NaN;
    return this.act(this.replica?.create_ticket(item, postedAt, clock.now()) ?? {});
  }

  /** Claims an item's ticket for the signed-in agent. */
  claim(key) {
    return this.act(this.replica?.claim(key, clock.now()) ?? {});
  }

  /** Changes an item's ticket status. */
  setStatus(key, status) {
    return this.act(this.replica?.set_status(key, status, clock.now()) ?? {});
  }

  /**
   * Runs one of the replica's actions by name (`set_priority`, `assign`,
   * `tag`, `add_note`, `edit_note`, `remind`) with its arguments and the
   * worker's time.
   */
  perform(action, ...args) {
    return this.act(this.replica?.[action](...args, clock.now()) ?? {});
  }

  /** Links an identity to a customer, as the agent confirmed (views::IdentityLink). */
  linkIdentity(link) {
    return this.act(this.replica?.link_identity(link, clock.now()) ?? {});
  }

  /** Remembers, team-wide, that a suggested identity is not the customer. */
  rejectLink(link) {
    return this.act(this.replica?.reject_link(link, clock.now()) ?? {});
  }

  /** Removes a linked identity from a customer. */
  unlinkIdentity(link) {
    return this.act(this.replica?.unlink_identity(link, clock.now()) ?? {});
  }

  /** The newest tickets matching a query (views::SearchView); empty when signed out. */
  search(query) {
    return this.replica?.search(query) ?? { query, total: 0, results: [] };
  }

  /** A ticket of the replica as a focused item (its excerpt assessed by the verdict module), or null. */
  ticketFocus(key) {
    const ticket = this.replica?.ticket_item(key);
    return ticket ? { item: ticket.item, assessment: assess(ticket.item.text, ticket.language) } : null;
  }

  /** Records that the agent's reply to an item went out (`ticket.responded`), with its template. */
  responded(key, templateId) {
    return this.act(this.replica?.responded(key, templateId ?? null, clock.now()) ?? {});
  }

  /** Records a send the agent made despite a `block` finding of `rule` (`tone.override`). */
  toneOverride(key, rule, reason) {
    return this.act(this.replica?.tone_override(key, rule, reason, clock.now()) ?? {});
  }

  /** Forgets a rejection the agent has read. */
  async dismissRejection(mutationId) {
    if (!this.replica) return;
    await db.applyDelta(this.replica.dismiss_rejection(mutationId));
    this.onChange();
  }

  /** Starts a sync unless one runs; a request during a run causes one more run. */
  syncNow() {
    if (!this.replica) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.syncOnce();
      } while (this.again && this.replica);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Pushes the outbox, then pulls until the replica is current. */
  async syncOnce() {
    const replica = this.replica;
    const { store_url: url, token } = this.session;
    try {
      for (let request = replica.push_request(); request; request = replica.push_request()) {
        const answer = await callText(url, token, 'POST', '/v1/push', request);
        if (replica !== this.replica) return;
        await this.settle(replica.on_push_response(answer));
      }
      let more = true;
      while (more) {
        const answer = await callText(url, token, 'POST', '/v1/pull', replica.pull_request());
        if (replica !== this.replica) return;
        const step = replica.on_pull_response(answer);
        await this.settle(step);
        more = step.more;
      }
      this.offlineSince = null;
      this.lastError = null;
      this.lastSyncedAt = clock.now();
      this.retries = 0;
      await api.alarms?.clear(Sync.RETRY_ALARM);
      this.ensureLive();
    } catch (error) {
      if (replica !== this.replica) return;
      this.lastError = error instanceof StoreError ? error.message : String(error);
      if (!(error instanceof StoreError) || error.kind === 'network' || error.status >= 500 || error.status === 429) {
        this.offlineSince ??= clock.now();
        const delay = RETRY_MINUTES[Math.min(this.retries++, RETRY_MINUTES.length - 1)];
        api.alarms?.create(Sync.RETRY_ALARM, { delayInMinutes: delay });
      }
      this.closeLive();
    }
    this.showBadge();
    this.onChange();
  }

  /** The toolbar icon shows how many actions wait, amber while offline. */
  showBadge() {
    const pending = this.pending();
    api.action?.setBadgeText({ text: pending ? String(pending) : '' });
    api.action?.setBadgeBackgroundColor?.({ color: this.offlineSince !== null ? '#b54708' : '#1d4ed8' });
    api.action?.setTitle?.({
      title: this.offlineSince !== null ? countText('worker_action_offline', pending, pending)
        : pending ? countText('worker_action_waiting', pending, pending) : text('worker_action_title'),
    });
  }

  // --- Live channel and presence -------------------------------------------

  /** Opens the live channel once the store answers. */
  ensureLive() {
    if (this.socket || this.opening || !this.session) return;
    const session = this.session;
    this.opening = openLive(session.store_url, session.token)
      .then((socket) => {
        if (session !== this.session) return socket.close();
        this.socket = socket;
        socket.addEventListener('message', (event) => this.onLive(event.data));
        socket.addEventListener('close', () => {
          if (this.socket === socket) this.socket = null;
          this.stopHeartbeat();
        });
        this.sendPresence();
      })
      .catch((error) => console.debug('Socialcare: live channel not open', error))
      .finally(() => {
        this.opening = null;
      });
  }

  /** Closes the live channel. */
  closeLive() {
    this.socket?.close();
    this.socket = null;
    this.stopHeartbeat();
  }

  /** A message from the store: pokes trigger a pull, presence repaints. */
  onLive(data) {
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (!this.replica) return;
    if (message.type === 'poke' || message.type === 'hello') this.syncNow();
    if (message.type === 'hello' || message.type === 'presence') {
      const entries = message.type === 'hello' ? message.presence : [message];
      const changed = this.replica.presence(entries, clock.now());
      if (changed.length) this.onOverlays(this.replica.overlays(changed, clock.now()));
      this.onChange();
    }
  }

  /** The item the side panel shows (`viewing`), or null when no panel is open. */
  setViewing(item) {
    this.viewing = item;
    this.updatePresence();
  }

  /** The item whose composer has the focus (`replying`), or null. */
  setReplying(item) {
    this.replying = item;
    this.updatePresence();
  }

  /** Publishes what this agent does: replying wins over viewing; leaving an item says so. */
  updatePresence() {
    const next = this.replying ? { item: this.replying, state: 'replying' }
      : this.viewing ? { item: this.viewing, state: 'viewing' } : null;
    const previous = this.presence;
    if (previous?.item === next?.item && previous?.state === next?.state) return;
    this.presence = next;
    if (previous && previous.item !== next?.item) this.send({ type: 'presence', item: previous.item, state: 'left' });
    this.sendPresence();
  }

  /** Sends the held presence and keeps the heartbeat going. */
  sendPresence() {
    this.stopHeartbeat();
    if (!this.presence) return;
    this.send({ type: 'presence', item: this.presence.item, state: this.presence.state });
    this.heartbeat = setInterval(() => {
      if (this.presence) this.send({ type: 'presence', item: this.presence.item, state: this.presence.state });
    }, HEARTBEAT_MS);
  }

  stopHeartbeat() {
    clearInterval(this.heartbeat);
    this.heartbeat = 0;
  }

  /** Sends on the live channel when it is open. */
  send(message) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}
