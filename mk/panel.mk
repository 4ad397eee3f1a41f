# The extension's pages (Yew: side panel, options): component tests rendered
# in headless Chromium.
#
# wasm-bindgen-test-runner drives Chromium through chromedriver; it already
# passes --headless, --no-sandbox and --disable-dev-shm-usage to Chrome, so it
# runs as root and in containers without a webdriver.json. Test builds skip
# debug info: a fifth less compile time, and panics still name file and line.

.PHONY: test-panel
TEST_TARGETS += test-panel

test-panel: setup-rust setup-wasm-bindgen setup-chromium ## Side panel, options page and console component tests (Yew in headless Chromium)
	CHROMEDRIVER="$$(command -v chromedriver)" CARGO_PROFILE_DEV_DEBUG=0 \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test -p socialcare-pages --target wasm32-unknown-unknown --test panel --test customer --test options --test tone_findings
	CHROMEDRIVER="$$(command -v chromedriver)" CARGO_PROFILE_DEV_DEBUG=0 \
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test -p socialcare-console --target wasm32-unknown-unknown --test console

.PHONY: bench-customers bench-panel
BENCH_TARGETS += bench-customers bench-panel

bench-customers: setup-rust ## Search as you type over 100,000 tickets, index updates per change, the focused customer's view (native)
	cargo run -p socialcare --release --example customers_bench

# The real panel in headless Chromium with the built extension, its replica
# seeded to 100,000 tickets in IndexedDB (BENCH_TICKETS, BENCH_OPENS change it).
bench-panel: extension setup-chromium setup-node ## Panel open → first render and search per keystroke over 100,000 tickets (headless Chromium)
	cargo build -p socialcare-store
	node tests/e2e/bench-panel.mjs
