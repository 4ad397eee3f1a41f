#!/usr/bin/env python3
"""Times PyPI vaderSentiment 3.3.2 on the VADER ground truth (best of three
passes, analyser construction excluded) and prints one JSON object:
{"texts_per_second": ..., "interpreter": ...}. Called by the Rust benchmark.

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
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        for text in corpus:
            analyzer.polarity_scores(text)
        best = min(best, time.perf_counter() - start)
    print(json.dumps({
        "texts_per_second": len(corpus) / best,
        "interpreter": f"{platform.python_implementation()} {platform.python_version()}",
    }))


if __name__ == "__main__":
    main()
