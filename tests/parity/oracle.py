#!/usr/bin/env python3
"""The parity oracle: runs the reference VADER (PyPI vaderSentiment 3.3.2)
on every ground-truth text, the hand-picked edge cases (edge_cases.jsonl) and
the synthetic stress texts (synthetic.jsonl, from make_synthetic.py), and writes
tests/parity/reference_vader332.tsv, which `cargo test --test parity`
compares the Rust port against, value for value.

Must run under CPython >= 3.12: its sum() uses compensated summation, and
VADER's compound depends on it (3.11 sums naively). `make parity-oracle`
sets up such an interpreter with vaderSentiment 3.3.2 and runs this script.

Output columns: corpus, id, neg, neu, pos, compound (Python repr of the
rounded floats the reference returns). Ground-truth ids are the files' own;
edge-case and synthetic ids are 1-based line numbers of their .jsonl files.
"""
import json
import sys
from pathlib import Path

import vaderSentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

HERE = Path(__file__).resolve().parent
CORPORA = ["tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets"]


def ground_truth(corpus):
    """(id, rating, text) rows: split on \\n, drop one \\r, skip empty lines,
    split on the first two tabs (tests/parity.rs reads the same way)."""
    raw = (HERE / f"{corpus}_GroundTruth.txt").read_bytes().decode("utf-8")
    for line in raw.split("\n"):
        if line.endswith("\r"):
            line = line[:-1]
        if not line:
            continue
        ident, rating, text = line.split("\t", 2)
        yield ident, rating, text


def json_lines(name):
    raw = (HERE / name).read_bytes().decode("utf-8")
    for number, line in enumerate(raw.split("\n"), start=1):
        if line:
            yield str(number), json.loads(line)


def main():
    if sys.version_info < (3, 12):
        sys.exit(f"oracle.py needs CPython >= 3.12 (sum() semantics); this is {sys.version.split()[0]}")
    version = getattr(vaderSentiment, "__version__", None)
    analyzer = SentimentIntensityAnalyzer()
    source = Path(sys.modules[SentimentIntensityAnalyzer.__module__].__file__)
    print(f"oracle: CPython {sys.version.split()[0]}, vaderSentiment from {source} ({version or '3.3.2 sdist'})",
          file=sys.stderr)
    rows = []
    for corpus in CORPORA:
        for ident, _rating, text in ground_truth(corpus):
            rows.append((corpus, ident, analyzer.polarity_scores(text)))
    for corpus in ["edge_cases", "synthetic"]:
        for ident, text in json_lines(f"{corpus}.jsonl"):
            rows.append((corpus, ident, analyzer.polarity_scores(text)))
    with open(HERE / "reference_vader332.tsv", "w", encoding="utf-8", newline="\n") as out:
        out.write("corpus\tid\tneg\tneu\tpos\tcompound\n")
        for corpus, ident, s in rows:
            out.write(f"{corpus}\t{ident}\t{s['neg']!r}\t{s['neu']!r}\t{s['pos']!r}\t{s['compound']!r}\n")
    print(f"oracle: wrote {len(rows)} reference scores", file=sys.stderr)


if __name__ == "__main__":
    main()
