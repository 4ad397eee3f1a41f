// Socialcare page-world helper: the one content script that runs in the
// page's own (MAIN) world, so that the text an editor module inserts travels
// in a DataTransfer the page can read. Firefox gives a synthetic paste or
// `beforeinput` built in the extension's isolated world an empty
// DataTransfer as the page sees it; built here, it carries the text in every
// browser.
//
// The editor modules (content/editors/*.js) ask by dispatching a
// `socialcare-insert` CustomEvent on the editor whose `detail` is JSON text
// `{how, text}` (`how`: `paste`, `textInput`, or a `beforeinput` inputType
// such as `insertText`); this helper dispatches the real event on the same element,
// synchronously. It reads nothing and sends nothing: the page could only
// make its own editor receive text it chose.
(() => {
  'use strict';
  addEventListener('socialcare-insert', (event) => {
    let request;
    try {
      request = JSON.parse(event.detail);
    } catch {
      return;
    }
    if (typeof request?.text !== 'string' || typeof request.how !== 'string' || !(event.target instanceof Element)) return;
    event.target.dispatchEvent(textEvent(request.how, request.text));
  }, true);

  /** The event that carries `text` as `how` asks: a paste, a `textInput`, or a `beforeinput` of that inputType. */
  function textEvent(how, text) {
    if (how === 'textInput') {
      const textInput = document.createEvent('TextEvent');
      textInput.initTextEvent('textInput', true, true, window, text);
      return textInput;
    }
    const dataTransfer = new DataTransfer();
    dataTransfer.setData('text/plain', text);
    const init = { bubbles: true, cancelable: true, composed: true };
    return how === 'paste'
      ? new ClipboardEvent('paste', { ...init, clipboardData: dataTransfer })
      : new InputEvent('beforeinput', { ...init, inputType: how, data: null, dataTransfer });
  }
})();
