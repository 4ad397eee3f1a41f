// The worker's two wasm modules with JavaScript values in and out.
//
// The verdict module (extension/worker, `socialcare_worker`) reads items and
// assesses them: the worker instantiates it first on every wake, so the first
// verdict waits for nothing else. The replica module (extension/worker/replica,
// `socialcare_replica`) is the sync client with the ticket overlays and the
// pages' views: instantiated beside it for a signed-in agent only
// (`sync.js`). They share no memory; what one needs of the other crosses here
// (brand accounts as JSON text, ticket items to assess, overlays merged into
// verdicts in `sync.js`).
//
// Both modules take and answer JSON text only: one serialisation path
// (`serde_json`) inside each instead of a second one that builds JavaScript
// objects field by field, which kept the modules smaller and is faster for
// large batches. This wrapper stringifies arguments and parses answers, so
// callers pass and get plain values. Sync messages stay JSON text where they
// already are (push and pull bodies, the store's answers, brand accounts).

import initVerdicts, * as verdicts from '../pkg/socialcare_worker.js';
import initReplica, * as replica from '../pkg/socialcare_replica.js';

// The verdict module is fetched and compiled as this script is evaluated, the
// first of the worker's scripts with code to run, so the compile overlaps
// evaluating the rest of the worker (docs/extension.md, "Cold start").
const verdictModule = WebAssembly.compileStreaming(fetch(new URL('/pkg/socialcare_worker_bg.wasm', import.meta.url)));
// (A failure reaches the caller of `instantiateVerdicts`.)
verdictModule.catch(() => {});

/** Instantiates the verdict module (once; later calls answer the same promise). */
export function instantiateVerdicts() {
  return verdictModule.then((module) => initVerdicts({ module_or_path: module }));
}

/** Instantiates the replica module (once; later calls answer the same promise). */
export function instantiateReplica() {
  return initReplica({ module_or_path: new URL('/pkg/socialcare_replica_bg.wasm', import.meta.url) });
}

/** The site profile for a host, or null. */
export function profile_for_host(host) {
  return JSON.parse(verdicts.profile_for_host(host));
}

/**
 * One verdict per batch entry (`{token, raw}`), without ticket overlays;
 * `brands` is the JSON text of the team's brand accounts (`'{}'` signed out),
 * whose items come back as ours.
 */
export function analyse(url, batch, brands) {
  return JSON.parse(verdicts.analyse(url, JSON.stringify(batch), brands));
}

/** The focused item (item and assessment) for raw fields read at `url`, or null for a non-item. */
export function focus(url, raw) {
  return JSON.parse(verdicts.focus(url, JSON.stringify(raw)));
}

/** The care assessment of a text in a known language (ISO 639-1, or null). */
export function assess(text, language) {
  return JSON.parse(verdicts.assess(text, language ?? undefined));
}

/** VADER's compound score of a text (the tone module's sentiment rules ask for it: `worker/tone.js`). */
export function compoundSentiment(text) {
  return verdicts.compound_sentiment(text);
}

/** The wasm sync client (`replica.rs`) with plain values in and out. */
export class Replica {
  /** Wraps the module's replica. */
  constructor(inner) {
    this.inner = inner;
  }

  /** A new replica with nothing synced, for a new sign-in. */
  static create(clientId, agent) {
    return new Replica(replica.Replica.create(clientId, JSON.stringify(agent)));
  }

  /**
   * Rebuilds the replica from what IndexedDB holds (`db.loadReplica()`).
   * Every stored value is JSON text already: they are joined into one
   * document, not quoted again, so the module parses each record once.
   */
  static restore(state, agent) {
    const list = (texts) => `[${texts.join(',')}]`;
    const document = `{"meta":${state.meta},"records":${list(state.records)},"outbox":${list(state.outbox)},"rejections":${list(state.rejections)}}`;
    return new Replica(replica.Replica.restore(document, JSON.stringify(agent)));
  }

  /** Releases the wasm memory. */
  free() {
    this.inner.free();
  }

  /** The delta that persists a new replica's meta. */
  initial_delta() {
    return JSON.parse(this.inner.initial_delta());
  }

  /** Actions waiting for the store. */
  pending_count() {
    return this.inner.pending_count();
  }

  /** The store's refusals not yet dismissed, newest first. */
  rejections() {
    return JSON.parse(this.inner.rejections());
  }

  /** Forgets a rejection; answers the delta. */
  dismiss_rejection(mutationId) {
    return JSON.parse(this.inner.dismiss_rejection(mutationId));
  }

  /** The next push body (JSON text), or undefined when the outbox is empty. */
  push_request() {
    return this.inner.push_request();
  }

  /** Takes the store's answer to a push (JSON text). */
  on_push_response(answer) {
    return JSON.parse(this.inner.on_push_response(answer));
  }

  /** The next pull body (JSON text). */
  pull_request() {
    return this.inner.pull_request();
  }

  /** Takes the store's answer to a pull (JSON text). */
  on_pull_response(answer) {
    return JSON.parse(this.inner.on_pull_response(answer));
  }

  /** The team's brand accounts as JSON text (for `analyse`). */
  brand_accounts() {
    return this.inner.brand_accounts();
  }

  /** Overlays for item keys: `{key: overlay}`. */
  overlays(keys, nowMs) {
    return JSON.parse(this.inner.overlays(JSON.stringify(keys), nowMs));
  }

  /** Takes presence entries from the live channel; answers the item keys whose presence changed. */
  presence(entries, nowMs) {
    return JSON.parse(this.inner.presence(JSON.stringify(entries), nowMs));
  }

  /** The focused item with its ticket and presence (views::FocusView). */
  focus_view(focused, nowMs) {
    return JSON.parse(this.inner.focus_view(JSON.stringify(focused), nowMs));
  }

  /** Turns the focused item into a ticket; answers the step. */
  create_ticket(focused, postedAtMs, nowMs) {
    return JSON.parse(this.inner.create_ticket(JSON.stringify(focused), postedAtMs, nowMs));
  }

  /** Sets or clears the item's follow-up reminder (`when`: views::ReminderChoice); answers the step. */
  remind(item, when, nowMs) {
    return JSON.parse(this.inner.remind(item, JSON.stringify(when), nowMs));
  }

  /** Links an identity to a customer (views::IdentityLink); answers the step. */
  link_identity(link, nowMs) {
    return JSON.parse(this.inner.link_identity(JSON.stringify(link), nowMs));
  }

  /** Remembers that an identity is not this customer; answers the step. */
  reject_link(link, nowMs) {
    return JSON.parse(this.inner.reject_link(JSON.stringify(link), nowMs));
  }

  /** Removes a linked identity from a customer; answers the step. */
  unlink_identity(link, nowMs) {
    return JSON.parse(this.inner.unlink_identity(JSON.stringify(link), nowMs));
  }

  /** The agent's queue (views::QueueView). */
  queue_view(nowMs) {
    return JSON.parse(this.inner.queue_view(nowMs));
  }

  /** The agent's reminders that fell due in (since, now]: `{due, next}`. */
  reminders_due(sinceMs, nowMs) {
    return JSON.parse(this.inner.reminders_due(sinceMs, nowMs));
  }

  /** The tickets matching a query (views::SearchView). */
  search(query) {
    return JSON.parse(this.inner.search(query));
  }

  /** A ticket of the replica as `{item, language}` (for `assess`), or null. */
  ticket_item(item) {
    return JSON.parse(this.inner.ticket_item(item));
  }

  /** The team's current tone guideline `{id, revision, source}`, or null. */
  current_guideline() {
    return JSON.parse(this.inner.current_guideline());
  }

  /** The team's guidelines, templates and settings (the console's documents). */
  documents() {
    return JSON.parse(this.inner.documents());
  }

  /** The permalink the item's ticket was created with, or undefined. */
  permalink(item) {
    return this.inner.permalink(item);
  }
}

// The replica's actions on plain arguments (item keys, names, text, times),
// each answering the step: `{ok, changed, delta}` or `{ok: false, code, message}`.
for (const action of ['claim', 'set_status', 'set_priority', 'assign', 'tag', 'add_note', 'edit_note', 'responded', 'tone_override', 'lead_act']) {
  Replica.prototype[action] = function (...args) {
    return JSON.parse(this.inner[action](...args));
  };
}
