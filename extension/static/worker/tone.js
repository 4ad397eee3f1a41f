// The live tone check as the worker serves it: the content script sends the
// draft of the composer the agent types in (over its `tone` port); the tone module
// (extension/tone, `socialcare_tone`) checks it against the team's current
// guideline from the replica, compiled once per guideline revision.
//
// The tone module is as big again as the worker's own, so it is loaded only
// when an agent signed in enters a composer (never for badges alone).
// Signed out, or with no guideline, nothing is checked and nothing is held.
//
// The same module renders the templates the composer's `/` picker inserts:
// the item's suggested replies (the replica's, as the side panel gets them),
// rendered by the core's template engine with the agent's prompt answers.

import initTone, { ToneCheck, render } from '../pkg/socialcare_tone.js';
import { clock } from './clock.js';
import { numberText, text } from './i18n.js';
import { compoundSentiment, instantiateVerdicts } from './wasm.js';

/**
 * Checks run on a sample draft right after a guideline is compiled (when the
 * agent enters a composer), one per background task: V8 first runs wasm in
 * its baseline compiler and optimises a function only once it has run
 * enough, so without them the agent's first keystrokes pay for unoptimised
 * code (1.86 ms a check instead of 0.17–0.44 ms; docs/extension.md). A
 * draft that arrives meanwhile waits for one warm-up check at most.
 */
const WARM_UP_CHECKS = 200;

/** The sample draft of the warm-up: a greeting, a link, an email address, numbers, an emoji and a signature, so every kind of rule runs. */
const WARM_UP_DRAFT = 'Hi Ana, I\'m so sorry your order AC-123456 is late! Unfortunately the carrier lost a scan. '
  + 'Follow it at https://example.com/track or email me at kim@example.com, +1 555 0100 🙂 Thanks for your patience ASAP. *KL';

/**
 * Runs `task` in a task of its own once nothing more urgent waits: at the
 * scheduler's `background` priority (after any message), or a plain
 * macrotask where the Prioritized Task Scheduling API is missing.
 */
function inBackground(task) {
  if (globalThis.scheduler?.postTask) return globalThis.scheduler.postTask(task, { priority: 'background' });
  return new Promise((resolve) => setTimeout(() => resolve(task()), 0));
}

/**
 * A finding as the agent reads it: its message in the browser's language,
 * the catalogue's sentence for its wording (`{key, values}`,
 * extension/locales/<locale>/tone.json) filled with the values (a number,
 * `{number: '12.3'}`, written as the language writes it), or its English
 * `message` where the catalogue has no such sentence (`text` then answers
 * the key). Everything else as the check gave it.
 */
function localized(finding) {
  const key = finding.wording?.key;
  if (!key) return finding;
  const values = (finding.wording.values ?? []).map((value) => (typeof value === 'string' ? value : numberText(value.number)));
  const said = text(key, ...values);
  return said && said !== key ? { ...finding, message: said } : finding;
}

/** What a composer gets when there is nothing to check against. */
const NOTHING = { tone: 'ok', findings: [], guideline: null, error: null };

/** The conversation a draft answers, as the tone rules read it (tone::ReplyContext). */
function replyContext(session, focused) {
  const item = focused?.item;
  return {
    customer: { name: item?.author_name ?? null, handle: item?.author_handle ?? null, message: item?.text ?? null },
    agent: { name: session?.agent.name ?? null, initials: session?.agent.initials ?? null },
  };
}

/** The rendering context of a suggested reply (views::ReplyContextView → tone::ReplyContext) with prompt answers. */
function renderContext(view, prompts) {
  return {
    customer: { name: view.customer_name ?? null, handle: view.customer_handle ?? null },
    agent: { name: view.agent_name ?? null, initials: view.agent_initials ?? null },
    ticket: { id: view.ticket_id ?? null },
    prompts,
  };
}

/** A suggested reply rendered for its platform with `prompts` answered: `{text}`, or `{error}` (what the engine refused). */
function rendered(reply, prompts) {
  try {
    return { text: render(reply.body, reply.platform, renderContext(reply.context, prompts)).text };
  } catch (error) {
    return { error: String(error?.message ?? error) };
  }
}

/** The worker's tone check. */
export class Tone {
  /** Checks against `sync`'s replica. */
  constructor(sync) {
    this.sync = sync;
    this.loading = null;
    this.check = null;
    /** The replica's current guideline, read once per replica change (undefined: not read yet). */
    this.guideline = undefined;
    /** The session and item the check's context was set from (it is set again only when they change). */
    this.contextOf = null;
    /** The warm-up of the guideline compiled last (a promise; the benchmark waits for it). */
    this.warming = null;
    /** The last draft checked and its verdict as JSON: {context, draft, platform, public, json}. */
    this.last = null;
  }

  /** The replica changed (a sync, a sign-in or out): the current guideline is read again on the next check. */
  forget() {
    this.guideline = undefined;
  }

  /**
   * Loads the tone module once; resolves to the ToneCheck. Its sentiment
   * rules score with the verdict module's VADER (`globalThis.socialcareSentiment`,
   * the core's `host-sentiment` feature): VADER's tables ship once.
   */
  load() {
    this.loading ??= instantiateVerdicts()
      .then(() => {
        globalThis.socialcareSentiment = compoundSentiment;
        return initTone({ module_or_path: new URL('/pkg/socialcare_tone_bg.wasm', import.meta.url) });
      })
      .then(() => { this.check = new ToneCheck(); return this.check; });
    return this.loading;
  }

  /** The compiled check of the team's current guideline, or null when there is none. */
  async current() {
    if (this.guideline === undefined) this.guideline = this.sync.replica?.current_guideline() ?? null;
    const guideline = this.guideline;
    if (!guideline) return null;
    const check = this.check ?? (await this.load());
    if (!check.has(guideline.id, guideline.revision)) {
      check.compile(guideline.id, guideline.revision, guideline.source);
      this.last = null;
      this.warming = this.warmUp(check, guideline);
    }
    return check;
  }

  /**
   * Runs the warm-up checks on `guideline`, just compiled, one per task at
   * the scheduler's background priority, below the ports' messages (it stops
   * when another is compiled).
   */
  async warmUp(check, { id, revision }) {
    for (let i = 0; i < WARM_UP_CHECKS && check.has(id, revision); i++) {
      await inBackground(() => check.check(WARM_UP_DRAFT, 'x', true));
    }
  }

  /** Sets the check's context for the agent's session and the composer's item, when they changed. */
  useContext(check, focused) {
    const session = this.sync.session;
    if (this.contextOf?.session === session && this.contextOf.focused === focused) return;
    check.set_context(replyContext(session, focused));
    this.contextOf = { session, focused };
  }

  /**
   * The verdict for one draft: {tone, findings, guideline, error}, each
   * finding's message in the agent's language (the content script's tone
   * check and, through the worker, the side panel show it as it is).
   */
  async verdict({ draft, platform, place }, focused) {
    if (!this.sync.replica) return { ...NOTHING, signed_out: true };
    const check = await this.current();
    if (!check) return NOTHING;
    this.useContext(check, focused);
    const verdict = this.checked(check, String(draft ?? ''), String(platform), place !== 'dm');
    if (!verdict) return NOTHING;
    const parsed = JSON.parse(verdict);
    return { ...parsed, findings: (parsed.findings ?? []).map(localized) };
  }

  /**
   * The verdict JSON for a draft: the last one's when the same draft comes
   * again (a composer entered again, an insert that changed nothing) with the
   * same platform, audience, context and guideline, else a new check.
   */
  checked(check, draft, platform, isPublic) {
    const last = this.last;
    if (last?.context === this.contextOf && last.draft === draft && last.platform === platform && last.public === isPublic) return last.json;
    const json = check.check(draft, platform, isPublic);
    this.last = { context: this.contextOf, draft, platform, public: isPublic, json };
    return json;
  }

  /** The approved templates suggested for the composer's item (views::SuggestedReplyView), best first. */
  suggestions(focused) {
    const replica = this.sync.replica;
    if (!replica || !focused) return [];
    return replica.focus_view(focused, clock.now()).replies ?? [];
  }

  /**
   * The `/` picker's list: `{templates: [{template_id, name, why, prompts,
   * preview}]}`, where `preview` is the rendered text of a template with no
   * prompts (null when it needs answers).
   */
  async templates(focused) {
    const replies = this.suggestions(focused);
    if (replies.length) await this.load();
    return {
      templates: replies.map((reply) => ({
        template_id: reply.template_id,
        name: reply.name,
        why: reply.why,
        prompts: reply.prompts,
        preview: reply.prompts.length ? null : rendered(reply, {}).text ?? null,
      })),
    };
  }

  /** One suggested template rendered with the agent's prompt answers: `{text}`, or `{error}` saying what is missing. */
  async render(focused, templateId, answers) {
    const reply = this.suggestions(focused).find((r) => r.template_id === templateId);
    if (!reply) return { error: text('worker_template_gone') };
    const prompts = Object.fromEntries(Object.entries(answers ?? {}).map(([id, answer]) => [id, String(answer).trim()]).filter(([, answer]) => answer));
    const missing = reply.prompts.find((prompt) => !prompts[prompt.id]);
    if (missing) return { error: text('content_answer_first', missing.label) };
    await this.load();
    return rendered(reply, prompts);
  }
}
