// Socialcare's first content script, run at document_start: it asks the
// service worker for this host's site profile and reads the profile health
// memory while the site is still loading. content.js (at document_end) then
// finds both answered and reads the page at once, instead of spending a
// round trip to the worker (or, after the browser stopped the worker, the
// worker's whole cold start) on the page's critical path. It touches no DOM.
(() => {
  'use strict';

  if (globalThis.__socialcareStartup) return;
  const api = globalThis.browser ?? globalThis.chrome;
  /** Where the surfaces that read items on an earlier visit are remembered. */
  const healthKey = 'socialcare.health';

  /** Sends a message to the service worker; resolves to its answer, or null when it cannot be reached. */
  async function ask(message) {
    try {
      return await api.runtime.sendMessage(message);
    } catch (error) {
      // The extension was reloaded or the worker is restarting: skip this round.
      console.debug('Socialcare: service worker unavailable', error);
      return null;
    }
  }

  /**
   * What content.js starts from: `{healthKey, ask, profile, remembered}`,
   * the last two promises (the profile or null; the remembered surfaces,
   * `{}` when none or unreadable).
   */
  globalThis.__socialcareStartup = {
    healthKey,
    ask,
    profile: ask({ type: 'profile', host: location.hostname }),
    remembered: api.storage.local.get(healthKey).then((stored) => stored[healthKey] ?? {}, () => ({})),
  };
})();
