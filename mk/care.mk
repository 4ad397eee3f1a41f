# Care intelligence: VADER parity, the care evaluation, and the sentiment
# benchmarks (see docs/care.md).
#
#   make test-care             parity with vaderSentiment 3.3.2 on 53,831 texts, r/F1 on the
#                              ground truth, care evaluation, property and CLI tests
#   make eval-care             P/R/F1 per intent, anger and high urgency on both labelled sets
#   make train-care-model      retrain the anger and high-urgency models on the development set
#                              and rewrite src/care/model_weights.rs (a test checks they match)
#   make bench-sentiment       texts/s: this core vs vader-parity vs Python vaderSentiment 3.3.2,
#                              and the care pipeline, in process and as `socialcare analyze`
#   make bench-sentiment-wasm  µs per tweet in headless Chromium, first call, wasm bytes added
#   make parity-oracle         re-run the Python oracle (CPython >= 3.12) to rewrite the reference

.PHONY: test-care eval-care train-care-model bench-sentiment bench-sentiment-wasm parity-oracle setup-vader-python
TEST_TARGETS += test-care
BENCH_TARGETS += bench-sentiment bench-sentiment-wasm

# An interpreter for the oracle: CPython >= 3.12 (its sum() decides some
# compounds). The benchmark falls back to python3 when none is found.
PYTHON_312 := $(shell for p in python3.14 python3.13 python3.12 $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3; do \
  $$p -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1 && { command -v $$p || echo $$p; } && break; done)
VADER_PYTHON := $(or $(PYTHON_312),python3)
VADER_PY_DIR := target/vader-py/$(shell $(VADER_PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
VADER_RUN := PYTHONPATH=$(VADER_PY_DIR) $(VADER_PYTHON)

BENCH_WASM_DIR := bench/sentiment/wasm
BENCH_WASM_OUT := target/wasm32-unknown-unknown/wasm/socialcare_bench_wasm.wasm
BENCH_WASM_PKG := target/bench-sentiment-wasm

test-care: ## VADER parity (53,831 texts), ground-truth r/F1, care evaluation, property and CLI tests
	cargo test -p socialcare --profile test-release --test parity --test care_eval --test care_model --test care_properties --test care_cli -- --nocapture

eval-care: ## Care layer P/R/F1 per intent, anger and high urgency (development set, then both held-out sets together)
	cargo run -q -p socialcare --release -- eval-care
	cargo run -q -p socialcare --release -- eval-care --file tests/care_eval/holdout.tsv --file tests/care_eval/holdout2.tsv

train-care-model: ## Retrain the care models (anger, high urgency) on tests/care_eval/posts.tsv; rewrites src/care/model_weights.rs
	cargo run -q -p socialcare --release --example train_care_model

setup-vader-python: ## Install PyPI vaderSentiment 3.3.2 for the oracle and the benchmark (under target/)
	@$(VADER_PYTHON) -m pip --version >/dev/null 2>&1 || { $(MAKE) --no-print-directory apt-updated && $(SUDO) $(APT_GET) install python3-pip; }
	@$(VADER_RUN) -c 'import vaderSentiment.vaderSentiment' 2>/dev/null || \
	  $(VADER_PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps --target $(VADER_PY_DIR) vaderSentiment==3.3.2

parity-oracle: setup-vader-python ## Rewrite tests/parity/reference_vader332.tsv with the Python oracle (CPython >= 3.12)
	@test -n "$(PYTHON_312)" || { echo "parity-oracle needs CPython >= 3.12 (install python3.12, or pyenv install 3.12)"; exit 1; }
	python3 tests/parity/make_synthetic.py
	$(VADER_RUN) tests/parity/oracle.py

bench-sentiment: setup-vader-python ## Texts/s on the ground truth: this core vs vader-parity vs Python vaderSentiment 3.3.2, and the care pipeline (socialcare analyze)
	cargo build -q --release -p socialcare
	cargo build -q --release --manifest-path bench/sentiment/Cargo.toml --target-dir target
	PYTHONPATH=$(VADER_PY_DIR) target/release/socialcare-bench-sentiment --python $(VADER_PYTHON) --analyze target/release/socialcare
	@echo "  (load average: $$(cut -d' ' -f1-3 /proc/loadavg) on $$(nproc) cores)"

bench-sentiment-wasm: setup-rust setup-wasm-bindgen setup-chromium setup-node ## µs per tweet in headless Chromium, first-call cost, wasm bytes the analyser adds
	@for variant in baseline sentiment care; do \
	  features=$$([ $$variant = baseline ] || echo "--features $$variant"); \
	  cargo build -q --manifest-path $(BENCH_WASM_DIR)/Cargo.toml --target-dir target --lib \
	    --target wasm32-unknown-unknown --profile wasm $$features || exit 1; \
	  rm -rf $(BENCH_WASM_PKG)/$$variant; \
	  wasm-bindgen --target web --no-typescript --out-dir $(BENCH_WASM_PKG)/$$variant $(BENCH_WASM_OUT) || exit 1; \
	  $(WASM_OPT) $(WASM_OPT_FEATURES) -Os $(BENCH_WASM_PKG)/$$variant/socialcare_bench_wasm_bg.wasm \
	    -o $(BENCH_WASM_PKG)/$$variant/socialcare_bench_wasm_bg.wasm || exit 1; \
	done
	node $(BENCH_WASM_DIR)/run.mjs
