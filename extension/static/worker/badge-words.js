// A badge's words in the agent's language, made by the worker so the page's
// content script reads no message while it paints: the browser loads the
// extension's messages into a page on its first `i18n.getMessage` (a
// blocking load of 12–42 ms measured in Chromium), which would fall on the
// first badge of every page. A verdict says what it says in data (kind,
// sentiment, urgency in tenths, intent, anger); the words for each
// combination are made once per worker life.

import { text } from './i18n.js';

/** The sentiment's mark before the intent on a badge. */
const MOOD_MARK = { negative: '−', neutral: '·', positive: '+' };

/** Words made so far, by what they say. */
const made = new Map();

/** The urgency's tenths as the agent's language writes a number to one decimal (made on first use). */
let oneDecimal = null;
function tenths(value) {
  oneDecimal ??= new Intl.NumberFormat((globalThis.browser ?? globalThis.chrome).i18n.getUILanguage(),
    { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return oneDecimal.format(value / 10);
}

/** A badge's `{label, title}`: its short text and its accessible name. */
export function badgeWords(badge) {
  const said = badge.ours ? `ours ${badge.kind}`
    : `${badge.kind} ${badge.sentiment} ${badge.urgency} ${badge.urgency_tenths} ${badge.intent} ${badge.anger}`;
  let words = made.get(said);
  if (!words) {
    words = badge.ours ? { label: text('content_badge_ours'), title: text(`content_badge_ours_title_${badge.kind}`) } : {
      label: `${MOOD_MARK[badge.sentiment]} ${text(`content_intent_${badge.intent}`)}${badge.urgency === 'high' ? ' !' : ''}`,
      title: text(badge.anger ? 'content_badge_title_angry' : 'content_badge_title', text(`content_kind_${badge.kind}`),
        text(`content_sentiment_${badge.sentiment}`), tenths(badge.urgency_tenths),
        text(`content_urgency_${badge.urgency}`), text(`content_intent_${badge.intent}`)),
    };
    made.set(said, words);
  }
  return words;
}
