// The live tone check as the worker serves it: the content script sends the
// draft of the composer the agent types in (debounced); the wasm `ToneCheck`
// checks it against the team's current guideline from the replica, compiled
// once per guideline revision. Signed out, nothing is checked (and nothing held).

import { ToneCheck } from '../pkg/socialcare_worker.js';

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
    this.check = null;
  }

  /** The verdict for one draft: {tone, findings, guideline, error}. */
  verdict({ draft, platform, place }, focused) {
    if (!this.sync.replica) return { ...NOTHING, signed_out: true };
    this.check ??= new ToneCheck();
    const context = replyContext(this.sync.session, focused);
    return this.check.check(this.sync.replica, String(draft ?? ''), String(platform), place !== 'dm', context);
  }
}
