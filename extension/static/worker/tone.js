// The live tone check as the worker serves it: the content script sends the
// draft of the composer the agent types in (debounced); the tone module
// (extension/tone, `socialcare_tone`) checks it against the team's current
// guideline from the replica, compiled once per guideline revision.
//
// The tone module is as big again as the worker's own, so it is loaded only
// when an agent signed in enters a composer (never for badges alone).
// Signed out, or with no guideline, nothing is checked and nothing is held.

import initTone, { ToneCheck } from '../pkg/socialcare_tone.js';

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

/** The worker's tone check. */
export class Tone {
  /** Checks against `sync`'s replica. */
  constructor(sync) {
    this.sync = sync;
    this.loading = null;
    this.check = null;
  }

  /** Loads the tone module once; resolves to the ToneCheck. */
  load() {
    this.loading ??= initTone({ module_or_path: new URL('../pkg/socialcare_tone_bg.wasm', import.meta.url) })
      .then(() => { this.check = new ToneCheck(); return this.check; });
    return this.loading;
  }

  /** The compiled check of the team's current guideline, or null when there is none. */
  async current() {
    const guideline = this.sync.replica?.current_guideline();
    if (!guideline) return null;
    const check = this.check ?? (await this.load());
    if (!check.has(guideline.id, guideline.revision)) check.compile(guideline.id, guideline.revision, guideline.source);
    return check;
  }

  /** The verdict for one draft: {tone, findings, guideline, error}. */
  async verdict({ draft, platform, place }, focused) {
    if (!this.sync.replica) return { ...NOTHING, signed_out: true };
    const check = await this.current();
    if (!check) return NOTHING;
    const context = replyContext(this.sync.session, focused);
    return check.check(String(draft ?? ''), String(platform), place !== 'dm', context) ?? NOTHING;
  }
}
