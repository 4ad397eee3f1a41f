// Socialcare's own elements on the sites' pages: one custom element per UI
// (badge notices, the tone indicator, the `/` picker), each outside the
// site's React tree, attached to <body>, with an open shadow root so the
// site's styles cannot reach in and ours cannot leak out. Loaded before the
// content scripts that use it (manifest order).
(() => {
  'use strict';
  if (globalThis.__socialcareUi) return;

  /** The notices' look (`placement` sets where on the screen). */
  const NOTICE_STYLE = `
    :host { all: initial; position: fixed; bottom: 16px; z-index: 2147483647; }
    :host([data-placement="corner"]) { inset-inline-end: 16px; }
    :host([data-placement="center"]) { left: 50%; transform: translateX(-50%); }
    div { font: 13px/1.4 system-ui, sans-serif; background: #fffaeb; color: #7a2e0e; border: 1px solid #fec84b;
          border-radius: 8px; padding: 8px 12px; max-width: 360px; box-shadow: 0 2px 8px rgba(0,0,0,.15); }
    button { margin-inline-start: 8px; font: inherit; cursor: pointer; }`;

  const i18n = (globalThis.browser ?? globalThis.chrome).i18n;
  /** Our words are the agent's: the browser's UI language. */
  const LANGUAGE = i18n.getUILanguage();
  /**
   * The language's writing direction, by `Intl.Locale` where the browser has
   * its text info: the first `i18n.getMessage` in a page loads the
   * extension's messages (a blocking 12–42 ms in Chromium), which must not
   * fall on the start of every page; badges are worded by the worker.
   */
  const DIRECTION = (() => {
    const locale = new Intl.Locale(LANGUAGE);
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    return info?.direction ?? (i18n.getMessage('@@bidi_dir') === 'rtl' ? 'rtl' : 'ltr');
  })();

  globalThis.__socialcareUi = {
    /** The browser's UI language (a BCP 47 tag), for `Intl`. */
    language: LANGUAGE,

    /**
     * The extension's message `key` (`extension/locales`) in the browser's UI
     * language, its placeholders filled with `substitutions`: text, for
     * `textContent` and attributes only. An unknown key reads as itself.
     */
    text(key, ...substitutions) {
      return i18n.getMessage(key, substitutions.map(String)) || key;
    },

    /** Gives `host` (one of our elements on the site's page) the agent's language and direction. */
    speak(host) {
      host.lang = LANGUAGE;
      host.dir = DIRECTION;
      return host;
    },

    /**
     * A new `<tag>` element with an open shadow root holding a <style> of
     * `css` and `children`, appended to <body>.
     */
    shadowHost(tag, css, ...children) {
      const host = document.createElement(tag);
      const shadow = host.attachShadow({ mode: 'open' });
      const style = document.createElement('style');
      style.textContent = css;
      shadow.append(style, ...children);
      this.speak(host);
      document.body.append(host);
      return host;
    },

    /**
     * A small dismissible notice (`role=status`) saying `message` as text,
     * replacing any earlier `<tag>` notice; `placement` is `corner` (bottom
     * right) or `center` (bottom middle). Answers the host: its shadow root's
     * `div` takes further buttons.
     */
    notice(tag, message, placement) {
      document.querySelector(tag)?.remove();
      const box = document.createElement('div');
      const words = document.createElement('span');
      words.textContent = message;
      const dismiss = document.createElement('button');
      dismiss.type = 'button';
      dismiss.textContent = this.text('common_dismiss');
      box.append(words, dismiss);
      const host = this.shadowHost(tag, NOTICE_STYLE, box);
      host.setAttribute('role', 'status');
      host.setAttribute('data-placement', placement);
      dismiss.addEventListener('click', () => host.remove());
      return host;
    },
  };
})();
