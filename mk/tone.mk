# Tone guidelines and reply templates (src/tone, src/templates): their
# suites, the wasm build of the library, and the benchmark.
#   make test-tone   rule, length, policy error, rendering, approval,
#                    suggestion and CLI suites (the library's wasm32 build
#                    without the CLI is `make extension`'s verdict module,
#                    and the tone module's tests run in wasm in
#                    test-extension). X's length is checked against the
#                    official twitter-text: its conformance files and, in
#                    tests/tone_length.rs, a differential test of 3,000
#                    generated tweets against the npm package (Node); the
#                    regexes generated from that package must be up to date.
#   make bench-tone  a 280-character draft against a 50-rule policy, native
#                    and in wasm (V8, the engine of Chromium, through Node)

TONE_TARGET_DIR := $(or $(CARGO_TARGET_DIR),$(CURDIR)/target)
TONE_BENCH_WASM := $(TONE_TARGET_DIR)/wasm32-unknown-unknown/release/socialcare_tone_bench_wasm.wasm

.PHONY: test-tone bench-tone
TEST_TARGETS += test-tone
BENCH_TARGETS += bench-tone

test-tone: setup-rust setup-node ## Tone and template suites (twitter-text differential included)
	node tests/tone/gen_twitter_text_patterns.mjs --check
	cargo test -p socialcare --profile test-release --test 'tone_*' --test 'templates_*'

bench-tone: setup-rust ## Tone check of a 280-char draft against 50 rules, native and wasm
	cargo run -p socialcare --release --example tone_bench
	cd examples/tone_bench_wasm && cargo build --release --target wasm32-unknown-unknown --target-dir '$(TONE_TARGET_DIR)'
	node examples/tone_bench_wasm.mjs '$(TONE_BENCH_WASM)'
