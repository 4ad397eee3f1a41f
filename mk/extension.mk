# The browser extension: build the unpacked extension, test it in real
# headless Chromium, benchmark it.
#
#   make extension        release wasm + wasm-bindgen glue + static files → extension/dist/
#   make test-extension   engine unit tests (native) and `web-ext lint` of the manifest
#   make test-e2e         end-to-end tests: the real extension in headless Chromium
#   make bench-extension  badges on a 1,000-post X fixture, per added post, wasm bytes
#
# cargo decides whether the wasm needs rebuilding; wasm-bindgen and wasm-opt
# run only when cargo produced a new .wasm; the static files are re-copied
# every time (cheap).

.PHONY: extension extension-static test-extension test-e2e bench-extension
TEST_TARGETS += test-extension test-e2e
BENCH_TARGETS += bench-extension

EXT_DIST := extension/dist
EXT_PKG := $(EXT_DIST)/pkg
EXT_CARGO_WASM := target/wasm32-unknown-unknown/wasm/socialcare_extension.wasm
EXT_WASM := $(EXT_PKG)/socialcare_extension_bg.wasm
# binaryen from npm (Debian's wasm-opt 108 cannot read rustc 1.95's output).
WASM_OPT := node_modules/.bin/wasm-opt
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue

# cargo always runs: it knows what changed (a no-op takes about a second and
# leaves the .wasm untouched), so the steps below only run after a real change.
$(EXT_CARGO_WASM): FORCE | setup-rust
	cargo build -p socialcare-extension --lib --target wasm32-unknown-unknown --profile wasm

.PHONY: FORCE
FORCE:

$(EXT_WASM): $(EXT_CARGO_WASM) | setup-wasm-bindgen setup-node
	rm -rf $(EXT_PKG)
	wasm-bindgen --target web --no-typescript --out-dir $(EXT_PKG) $(EXT_CARGO_WASM)
	@if [ -x $(WASM_OPT) ] && $(WASM_OPT) $(WASM_OPT_FEATURES) -Os $@ -o $@.opt 2>$(EXT_PKG)/wasm-opt.log; then \
	  mv $@.opt $@; rm -f $(EXT_PKG)/wasm-opt.log; echo "wasm-opt -Os applied (binaryen from npm)"; \
	else \
	  rm -f $@.opt; echo "wasm-opt unavailable or failed (see $(EXT_PKG)/wasm-opt.log); keeping wasm-bindgen output"; \
	fi

extension-static:
	@mkdir -p $(EXT_DIST)
	cp -r extension/static/. $(EXT_DIST)/

extension: $(EXT_WASM) extension-static ## Build the unpacked extension into extension/dist/
	@raw=$$(stat -c %s $(EXT_WASM)); gz=$$(gzip -9 -c $(EXT_WASM) | wc -c); \
	  echo "extension/dist ready: wasm $$raw bytes raw, $$gz bytes gzip -9"

# The engine's unit tests run as wasm in Node (wasm-bindgen-test-runner),
# sharing the debug wasm build with the side panel's tests.
test-extension: extension setup-node ## Engine unit tests (wasm) and web-ext lint of the built extension
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test -p socialcare-extension --target wasm32-unknown-unknown --lib
	npx --no-install web-ext lint --source-dir $(EXT_DIST) --self-hosted --warnings-as-errors=false --output text

test-e2e: extension setup-chromium setup-node ## The real extension in headless Chromium on X, Facebook and Instagram fixtures
	node --test --test-concurrency=1 tests/e2e/

bench-extension: extension setup-chromium setup-node ## Badges on a 1,000-post X fixture, per added post, wasm bytes
	node tests/e2e/bench.mjs
