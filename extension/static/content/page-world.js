// Socialcare page-world helper: the one content script that runs in the
// page's own (MAIN) world, so that the text an editor module inserts travels
// in a DataTransfer the page can read. Firefox gives a synthetic paste or
// `beforeinput` built in the extension's isolated world an empty
// DataTransfer as the page sees it; built here, it carries the text in every
// browser.
//
// The editor modules (content/editors/*.js) ask by dispatching a
// `socialcare-insert` CustomEvent on the editor whose `detail` is JSON text
// `{how, text}` (`how`: `paste`, `textInput`, a `beforeinput` inputType
// such as `insertText`, or a key press: `Backspace`, or `Undo` for the
// platform's Ctrl+Z / Cmd+Z); this helper dispatches the real event on the
// same element, synchronously. Key events are built here too, so that the
// page reads their key codes in every browser. It reads nothing and sends
// nothing: the page could only make its own editor receive text it chose.
(() => {
  'use strict';
  const mac = /Mac|iPhone|iPad/.test(navigator.platform);
  /** The key presses an editor module may ask for, as keydown init. */
  const KEYS = {
    Backspace: { key: 'Backspace', code: 'Backspace', keyCode: 8 },
    Undo: { key: 'z', code: 'KeyZ', keyCode: 90, ctrlKey: !mac, metaKey: mac },
  };
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

  /** The event that carries `text` as `how` asks: a paste, a `textInput`, a key press, or a `beforeinput` of that inputType. */
  function textEvent(how, text) {
    if (Object.hasOwn(KEYS, how)) {
      const key = KEYS[how];
      const event = new KeyboardEvent('keydown', { ...key, bubbles: true, cancelable: true, composed: true });
      // Browsers that ignore the legacy key codes in the init still answer them here.
      for (const name of ['keyCode', 'which']) Object.defineProperty(event, name, { value: key.keyCode });
      return event;
    }
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
