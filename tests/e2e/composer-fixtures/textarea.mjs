// The Instagram comment form for the composer tests: a React-controlled
// <textarea> (the real `react-dom`, bundled by esbuild at test time) whose
// "Post" control is a div[role=button]. React keeps the value in its state,
// so a bare `.value =` is reverted; `window.fixture` reads that state.
import React from 'react';
import { createRoot } from 'react-dom/client';

let value = '';

function CommentForm() {
  const [text, setText] = React.useState('');
  value = text;
  return React.createElement('form', { method: 'POST', onSubmit: (event) => event.preventDefault() },
    React.createElement('textarea', { value: text, onChange: (event) => setText(event.target.value), placeholder: 'Add a comment…' }),
    React.createElement('div', { role: 'button', tabIndex: 0, 'aria-disabled': String(!text) }, 'Post'));
}

createRoot(document.getElementById('composer')).render(React.createElement(CommentForm));

window.fixture = {
  /** React's state of the textarea. */
  text: () => value,
};
