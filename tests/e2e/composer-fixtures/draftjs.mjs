// The X reply composer for the composer tests: the real `draft-js` package
// (bundled by esbuild at test time), marked up as X marks it up
// (data-testid="tweetTextarea_0" on the content element, a Reply button that
// is disabled while the editor state is empty; Reply and Ctrl/Cmd+Enter send,
// which clears the editor as X does). `window.fixture` reads the editor's own
// state and the replies sent.
import React from 'react';
import { createRoot } from 'react-dom/client';
import { Editor, EditorState, getDefaultKeyBinding } from 'draft-js';

let state = EditorState.createEmpty();
/** The replies sent, in order. */
const sent = [];

function Composer() {
  const [editorState, setEditorState] = React.useState(state);
  state = editorState;
  const empty = !editorState.getCurrentContent().hasText();
  const send = () => {
    sent.push(editorState.getCurrentContent().getPlainText('\n'));
    setEditorState(EditorState.moveFocusToEnd(EditorState.createEmpty()));
  };
  const keyBindingFn = (event) => (event.key === 'Enter' && (event.ctrlKey || event.metaKey) ? 'send' : getDefaultKeyBinding(event));
  const handleKeyCommand = (command) => {
    if (command !== 'send') return 'not-handled';
    if (!empty) send();
    return 'handled';
  };
  return React.createElement('div', { 'data-testid': 'inline_reply' },
    React.createElement('label', { 'data-testid': 'tweetTextarea_0_label' },
      React.createElement(Editor, { editorState, onChange: setEditorState, keyBindingFn, handleKeyCommand, webDriverTestID: 'tweetTextarea_0', placeholder: 'Post your reply' })),
    React.createElement('button', { 'data-testid': 'tweetButtonInline', disabled: empty, 'aria-disabled': String(empty), onClick: send }, 'Reply'));
}

createRoot(document.getElementById('composer')).render(React.createElement(Composer));

window.fixture = {
  /** The editor state's plain text (blocks joined by newlines). */
  text: () => state.getCurrentContent().getPlainText('\n'),
  /** How many undo steps the editor state holds. */
  undoDepth: () => state.getUndoStack().size,
  /** The replies sent so far. */
  sent: () => [...sent],
};
