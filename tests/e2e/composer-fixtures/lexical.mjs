// The Facebook comment composer for the composer tests: the real `lexical`
// package with its plain-text and history plugins (bundled by esbuild at test
// time), in a form with the submit control Facebook gives a stable id.
// `window.fixture` reads the editor's own state.
import { createEditor, $createParagraphNode, $getRoot } from 'lexical';
import { registerPlainText } from '@lexical/plain-text';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';

const root = document.querySelector('[data-fixture="editor"]');
const editor = createEditor({ namespace: 'comment', onError: (error) => { throw error; } });
editor.setRootElement(root);
registerPlainText(editor);
registerHistory(editor, createEmptyHistoryState(), 300);
// An empty paragraph to type into, as Lexical's React composer starts (not an undo step).
editor.update(() => $getRoot().append($createParagraphNode()), { tag: 'history-merge' });

window.fixture = {
  /** The editor state's text (line breaks as newlines). */
  text: () => editor.getEditorState().read(() => $getRoot().getTextContent()),
};
