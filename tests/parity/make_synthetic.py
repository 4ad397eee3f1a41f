#!/usr/bin/env python3
"""Writes tests/parity/synthetic.jsonl: deterministic stress texts for VADER
parity, one JSON string per line.

The ground-truth corpora rarely exercise VADER's quirks, so these texts pile
them up: lexicon words next to boosters, negators, "no", "least", "but"
(with repeated values, for its list.index lookup), the special idioms,
mixed ALL CAPS, punctuation glued to tokens, emoji (with skin tones and
variation selectors), Python-only whitespace (U+001C-U+001F), titlecase
letters, the Kelvin sign and other Unicode casing oddities.

Usage: python3 tests/parity/make_synthetic.py  (any Python 3; seeded)
"""
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "src" / "sentiment" / "data"
COUNT = 30000


def lexicon_words():
    words = []
    for line in (DATA / "vader_lexicon.txt").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            words.append(line.strip().split("\t")[0])
    return words


def emoji_keys():
    keys = []
    for line in (DATA / "emoji_utf8_lexicon.txt").read_text(encoding="utf-8").split("\n"):
        if line.strip():
            keys.append(line.strip().split("\t")[0])
    return keys


MODIFIERS = (
    "very really so extremely kinda sorta barely hardly slightly most more less little "
    "fucking uber hella totally absolutely kind-of sort-of somewhat partly almost"
).split()
NEGATORS = (
    "not never no nothing without despite isn't don't can't wont ain't cannot nor none "
    "rarely seldom uh-uh couldn't aint nope neither shouldn't hasn't"
).split()
GLUE = (
    "but BUT But least at very kind of sort just enough so this never without doubt or nor "
    "the shit bomb bad ass bus stop yeah right kiss death to die for beating heart a I no No NO"
).split()
NEUTRAL = "the a it is was I you we they my order app today phone service 2 3 10 and".split()
CARE = (
    "refund hacked help please asap urgent waiting cancel chargeback outage broken angry "
    "UNACCEPTABLE worst NEVER again ridiculous love thanks great kindly"
).split()
ODD = [
    "\u212a", "\u01c5", "\u01c8", "\u1f88", "\u0130", "\u00df", "\u03a3", "\u03c3\u03c2",
    "\u00c9COLE", "na\u00efve", "\u0301", "\u200b", "\u00bd", "\u2160", "\u24b6", "\u1d2c",
    "ﬁ", "Ǆ", "ǆ", "\u0345", "\u2126", "\u00b5", "\u0149", "\u1e9e",
]
WHITESPACE = [" ", " ", " ", " ", "  ", "\t", "\n", "\xa0", "\x1c", "\x1d", "\x1e", "\x1f",
              "\x85", "\u2028", "\u3000", "\u2009", "\u202f", "\x0b", "\x0c", "\r"]
PUNCT = list("!?.,:;'\"()-*#@_~") + ["!!", "!!!", "??", "???", "????", "?!", "...", ":)", ":(", ":D", ";)"]
SKIN_TONES = ["\U0001f3fb", "\U0001f3fc", "\U0001f3fd", "\U0001f3fe", "\U0001f3ff"]


def shape(word, rng):
    r = rng.random()
    if r < 0.18:
        word = word.upper()
    elif r < 0.26:
        word = word.title()
    elif r < 0.29:
        word = word.swapcase()
    if rng.random() < 0.25:
        word = rng.choice(PUNCT) + word if rng.random() < 0.4 else word + rng.choice(PUNCT)
    return word


def token(rng, lexicon, emoji, pool):
    r = rng.random()
    if pool is not None:
        return shape(rng.choice(pool), rng)
    if r < 0.35:
        return shape(rng.choice(lexicon), rng)
    if r < 0.45:
        return shape(rng.choice(MODIFIERS), rng)
    if r < 0.53:
        return shape(rng.choice(NEGATORS), rng)
    if r < 0.65:
        return shape(rng.choice(GLUE), rng)
    if r < 0.73:
        return shape(rng.choice(NEUTRAL), rng)
    if r < 0.80:
        return shape(rng.choice(CARE), rng)
    if r < 0.90:
        e = rng.choice(emoji)
        if rng.random() < 0.2:
            e += rng.choice(SKIN_TONES)
        if rng.random() < 0.2:
            e += "\ufe0f"
        return e
    if r < 0.95:
        return rng.choice(ODD) + (rng.choice(lexicon) if rng.random() < 0.5 else "")
    return rng.choice(PUNCT)


def text(rng, lexicon, emoji):
    n = rng.choice([1, 1, 2, 3, 4, 5, 6, 8, 10, 14, 20, 30])
    pool = None
    if rng.random() < 0.15:
        pool = rng.sample(lexicon, 3) + ["but", "not", "very", "no", "least"]
    parts = []
    for _ in range(n):
        parts.append(token(rng, lexicon, emoji, pool))
        parts.append("" if rng.random() < 0.06 else rng.choice(WHITESPACE))
    body = "".join(parts)
    if rng.random() < 0.1:
        body = rng.choice(WHITESPACE) + body
    return body


def main():
    rng = random.Random(332)
    lexicon = lexicon_words()
    emoji = emoji_keys()
    with open(HERE / "synthetic.jsonl", "w", encoding="utf-8") as out:
        for _ in range(COUNT):
            out.write(json.dumps(text(rng, lexicon, emoji), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
