// The Facebook comment composer for the composer tests: the real `lexical`
// package with its plain-text and history plugins (bundled by esbuild at test
// time), in a form with the submit control Facebook gives a stable id (a
// `div[role=button]` after the editor, as Messenger's and Instagram Direct's
// send controls are; the Instagram DM page runs it too). Enter
// (without Shift) and the control send, which clears the editor as Facebook
// does. `window.fixture` reads the editor's own state and the replies sent.
import { createEditor, $createParagraphNode, $getRoot, COMMAND_PRIORITY_HIGH, KEY_ENTER_COMMAND } from 'lexical';
import { registerPlainText } from '@lexical/plain-text';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';

const root = document.querySelector('[data-fixture="editor"]');
const editor = createEditor({ namespace: 'comment', onError: (error) => { throw error; } });
editor.setRootElement(root);
registerPlainText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);
// An empty paragraph to type into, as Lexical's React composer starts (not an undo step).
editor.update(() => $getRoot().append($createParagraphNode()), { tag: 'history-merge' });

/** The replies sent, in order. */
const sent = [];
const text = () => editor.getEditorState().read(() => $getRoot().getTextContent());

/** Sends the draft (when there is one) and empties the editor. */
function send() {
  if (!text().trim()) return;
  sent.push(text());
  editor.update(() => $getRoot().clear().append($createParagraphNode()));
}
editor.registerCommand(KEY_ENTER_COMMAND, (event) => {
  if (event?.shiftKey) return false;
  event?.preventDefault();
  send();
  return true;
}, COMMAND_PRIORITY_HIGH);
root.nextElementSibling.addEventListener('click', send);

window.fixture = {
  /** The editor state's text (line breaks as newlines). */
  text,
  /** The replies sent so far. */
  sent: () => [...sent],
};
