// Numbers inside the worker's words (a tone finding's grade, length or
// score, which the tone module hands over as the English writes them) as
// the agent's language writes them: extension/static/worker/i18n.js in Node,
// whose ICU has the same locale data as the browsers' `Intl`, with the
// browser's UI language set to French. Run by `make test-extension`.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.chrome = { i18n: { getUILanguage: () => 'fr', getMessage: () => '' } };
const { numberText } = await import('../static/worker/i18n.js');

test('a number keeps its decimals and is written as the UI language writes it', () => {
  assert.equal(numberText('12.3'), '12,3');
  assert.equal(numberText('-0.45'), '-0,45');
  assert.equal(numberText('0.50'), '0,50');
  // French groups thousands with a narrow no-break space.
  assert.equal(numberText('63206'), '63\u202f206');
});

test('what is not a number is shown as it came', () => {
  assert.equal(numberText('n/a'), 'n/a');
});
