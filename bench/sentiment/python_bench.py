#!/usr/bin/env python3
"""Times PyPI vaderSentiment 3.3.2 on the VADER ground truth for the Rust
benchmark, one pass at a time, so the benchmark can alternate Python's
passes with its own runs (both sides then see the same machine load).

Prints one JSON line {"interpreter": ..., "texts": ...} once the analyser is
built, then, for each line read on stdin, times one pass over every text
(analyser construction excluded) and prints its seconds on one line. Exits
at the end of stdin.

Usage: python_bench.py <tests/parity directory>
"""
import json
import platform
import sys
import time
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

CORPORA = ["tweets", "movieReviewSnippets", "amazonReviewSnippets", "nytEditorialSnippets"]


def texts(directory):
    for corpus in CORPORA:
        raw = (Path(directory) / f"{corpus}_GroundTruth.txt").read_bytes().decode("utf-8")
        for line in raw.split("\n"):
            if line.endswith("\r"):
                line = line[:-1]
            if line:
                yield line.split("\t", 2)[2]


def main():
    corpus = list(texts(sys.argv[1]))
    analyzer = SentimentIntensityAnalyzer()
    print(json.dumps({
        "interpreter": f"{platform.python_implementation()} {platform.python_version()}",
        "texts": len(corpus),
    }), flush=True)
    for _ in sys.stdin:
        start = time.perf_counter()
        for text in corpus:
            analyzer.polarity_scores(text)
        print(time.perf_counter() - start, flush=True)


if __name__ == "__main__":
    main()
