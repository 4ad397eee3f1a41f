// The X reply composer for the composer tests: the real `draft-js` package
// (bundled by esbuild at test time), marked up as X marks it up
// (data-testid="tweetTextarea_0" on the content element, a Reply button that
// is disabled while the editor state is empty). `window.fixture` reads the
// editor's own state.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { Editor, EditorState } from 'draft-js';

let state = EditorState.createEmpty();

function Composer() {
  const [editorState, setEditorState] = React.useState(state);
  state = editorState;
  const empty = !editorState.getCurrentContent().hasText();
  return React.createElement('div', { 'data-testid': 'inline_reply' },
    React.createElement('label', { 'data-testid': 'tweetTextarea_0_label' },
      React.createElement(Editor, { editorState, onChange: setEditorState, webDriverTestID: 'tweetTextarea_0', placeholder: 'Post your reply' })),
    React.createElement('button', { 'data-testid': 'tweetButtonInline', disabled: empty, 'aria-disabled': String(empty) }, 'Reply'));
}

createRoot(document.getElementById('composer')).render(React.createElement(Composer));

window.fixture = {
  /** The editor state's plain text (blocks joined by newlines). */
  text: () => state.getCurrentContent().getPlainText('\n'),
  /** How many undo steps the editor state holds. */
  undoDepth: () => state.getUndoStack().size,
};
