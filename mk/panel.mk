# The extension's pages (Yew: side panel, options): component tests rendered
# in headless Chromium.
#
# wasm-bindgen-test-runner drives Chromium through chromedriver; it already
# passes --headless, --no-sandbox and --disable-dev-shm-usage to Chrome, so it
# runs as root and in containers without a webdriver.json. The console's
# tests and the tone module's wasm test (X's length with the host's NFC, in
# Node) are built in the same cargo run: the features are then the same for
# all, and Yew, web-sys and the core compile once.

.PHONY: test-panel
TEST_TARGETS += test-panel

test-panel: setup-rust setup-wasm-bindgen setup-chromium ## Side panel, options page and console component tests (Yew in headless Chromium), the tone module's wasm test
	CHROMEDRIVER="$$(command -v chromedriver)" $(WASM_TEST) -p socialcare-pages -p socialcare-console -p socialcare-tone \
	  --test panel --test customer --test options --test tone_findings --test console --test wasm_length --test host_sentiment

.PHONY: bench-customers bench-panel
BENCH_TARGETS += bench-customers bench-panel

bench-customers: setup-rust ## Search as you type over 100,000 tickets, index updates per change, the focused customer's view (native)
	cargo run -p socialcare --release --example customers_bench

# The real panel in headless Chromium with the built extension, its replica
# seeded to 100,000 tickets in IndexedDB (BENCH_TICKETS, BENCH_OPENS change it).
bench-panel: extension setup-chromium setup-node ## Panel open → first render and search per keystroke over 100,000 tickets (headless Chromium)
	cargo build -p socialcare-store
	node tests/e2e/bench-panel.mjs
