# The browser extension: build the unpacked extension, test it in real
# headless Chromium, benchmark it.
#
#   make extension        release wasm + wasm-bindgen glue + static files + each language's
#                         messages (extension/locales, checked and merged) → extension/dist/
#   make test-extension   engine unit tests (native) and `web-ext lint` of the manifest
#   make test-e2e         end-to-end tests: the real extension in headless Chromium
#   make test-e2e-firefox the same extension in headless firefox-esr (WebDriver BiDi)
#   make bench-extension  badges on a 1,000-post X fixture, per added post, wasm bytes
#   make bench-composer   live tone check, keystroke → indicator, insert per editor kind
#
# cargo decides whether the wasm needs rebuilding; wasm-bindgen and wasm-opt
# run only when cargo produced a new .wasm; the static files are re-copied
# every time (cheap).

.PHONY: extension extension-static test-extension test-e2e test-e2e-firefox setup-firefox bench-extension bench-composer
TEST_TARGETS += test-extension test-e2e test-e2e-firefox
BENCH_TARGETS += bench-extension bench-composer

EXT_DIST := extension/dist
EXT_PKG := $(EXT_DIST)/pkg
# Four wasm modules: the service worker's verdict module (`worker`: site
# profiles and the care engine, instantiated first on every wake) and its
# replica module (the sync client and views, instantiated beside it for a
# signed-in agent; extension/worker/replica), the UI module (`ui`: the side
# panel, the options page and the lead's console in Yew, loaded only by the
# pages), and the tone module (the live tone check the worker loads only when
# an agent is in a composer; the template and guideline checks of the
# pages). Each is built, bound and optimised on its own.
EXT_MODULES := worker replica ui tone
EXT_WASMS := $(foreach m,$(EXT_MODULES),$(EXT_PKG)/socialcare_$(m)_bg.wasm)
# binaryen from npm (Debian's wasm-opt 108 cannot read rustc 1.95's output).
WASM_OPT := node_modules/.bin/wasm-opt
WASM_OPT_FEATURES := --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
	--enable-mutable-globals --enable-reference-types --enable-multivalue
# -Os once; the low 1 KB of memory is never addressed (Rust puts the stack
# below 1 MiB and the data above, and a null pointer is never dereferenced),
# so constant offsets fold into loads (--low-memory-unused); no producers
# section. `--converge` (-Os again until the module stops shrinking) is not
# used: it saved 588 bytes gzip on the worker and 3,180 on the tone module
# but took 1.9x and 1.7x wasm-opt's time, about two minutes of every fresh
# build (docs/extension.md, "Build").
WASM_OPT_FLAGS := -Os --low-memory-unused --strip-producers
# The verdict module keeps each site's reader a function of its own
# (`sites::read_item`; binaryen would inline a function with one caller):
# V8 compiles a wasm function on its first call, so a cold start's first X
# item compiles X's rules only (docs/extension.md, "Cold start").
WASM_OPT_FLAGS_worker := --no-inline='socialcare::sites::*::read::*'

# cargo always runs: it knows what changed (a no-op takes about a second and
# leaves the .wasm untouched), so the steps below only run after a real change.
# The crates are plain libraries and the build asks for the cdylib: rustc
# runs the profile's fat LTO only when every crate type of the crate allows
# it, and an `rlib` beside the `cdylib` turned it off (with it on, every
# module is 7-13 % smaller: docs/extension.md, "Build"); and no cdylib shares
# its file name with the library build of a crate another module links (when
# the pages' did, every build after the first rebuilt both).
target/wasm32-unknown-unknown/wasm/socialcare_%.wasm: FORCE | setup-rust
	cargo rustc -p socialcare-$* --lib --crate-type cdylib --target wasm32-unknown-unknown --profile wasm

.PHONY: FORCE
.PRECIOUS: target/wasm32-unknown-unknown/wasm/socialcare_%.wasm
FORCE:

$(EXT_PKG)/socialcare_%_bg.wasm: target/wasm32-unknown-unknown/wasm/socialcare_%.wasm | setup-wasm-bindgen setup-node
	@mkdir -p $(EXT_PKG)
	rm -f $(EXT_PKG)/socialcare_$*.js $@
	wasm-bindgen --target web --no-typescript --out-dir $(EXT_PKG) $<
	@if [ -x $(WASM_OPT) ] && $(WASM_OPT) $(WASM_OPT_FEATURES) $(WASM_OPT_FLAGS_$*) $(WASM_OPT_FLAGS) $@ -o $@.opt 2>$(EXT_PKG)/wasm-opt-$*.log; then \
	  mv $@.opt $@; rm -f $(EXT_PKG)/wasm-opt-$*.log; echo "wasm-opt $(WASM_OPT_FLAGS) applied to $* (binaryen from npm)"; \
	else \
	  rm -f $@.opt; echo "wasm-opt unavailable or failed (see $(EXT_PKG)/wasm-opt-$*.log); keeping wasm-bindgen output"; \
	fi

extension-static: | setup-node
	@mkdir -p $(EXT_DIST)
	cp -r extension/static/. $(EXT_DIST)/

# The worker's module graph (background.js, worker/*.js, the wasm glue and its
# one npm runtime dependency, `idb`, resolved from node_modules) is bundled
# into one background.js: a service worker fetches and links every module
# script before its first line runs, and one script started it 0.75-0.89x as
# long in runs alternated with the unbundled one (docs/extension.md, "Figures").
extension: $(EXT_WASMS) extension-static ## Build the unpacked extension into extension/dist/
	node_modules/.bin/esbuild $(EXT_DIST)/background.js --bundle --format=esm --log-level=warning \
	  --outfile=$(EXT_DIST)/background.js --allow-overwrite
	node extension/locales/build.mjs $(EXT_DIST)
	rm -rf $(EXT_DIST)/worker
	@for wasm in $(EXT_WASMS); do \
	  echo "extension/dist: $$(basename $$wasm) $$(stat -c %s $$wasm) bytes raw, $$(gzip -9 -c $$wasm | wc -c) bytes gzip -9"; \
	done

# The worker's unit tests (verdict and replica modules) run as wasm in Node
# (wasm-bindgen-test-runner); the tone module's wasm test runs with the
# pages' tests (mk/panel.mk).
test-extension: extension setup-node ## Worker unit tests (wasm), the messages of every language, and web-ext lint of the built extension
	$(WASM_TEST) -p socialcare-worker -p socialcare-replica --lib
	cargo test -p socialcare-views
	cargo test -p socialcare-tone
	node --test extension/locales/
	npx --no-install web-ext lint --source-dir $(EXT_DIST) --self-hosted --warnings-as-errors=false --output text

test-e2e: extension setup-chromium setup-node ## The real extension in headless Chromium on X, Facebook and Instagram fixtures, against a spawned store
	cargo build -p socialcare-store
	node --test --test-concurrency=1 $(filter-out tests/e2e/firefox%,$(wildcard tests/e2e/*.test.mjs))

# firefox-esr-l10n-ar: Firefox in Arabic for the language test.
setup-firefox: ## Install Debian's firefox-esr and its Arabic language pack
	@{ command -v firefox-esr >/dev/null && ls /usr/lib/firefox-esr/browser/extensions/langpack-ar@* >/dev/null 2>&1; } || \
	  { $(MAKE) --no-print-directory apt-updated && $(SUDO) $(APT_GET) install firefox-esr firefox-esr-l10n-ar; }

test-e2e-firefox: extension setup-firefox setup-chromium setup-node ## The extension as a temporary add-on in headless firefox-esr (WebDriver BiDi, puppeteer-core), against a spawned store (and, for a mixed team, Chromium)
	cargo build -p socialcare-store
	node --test --test-concurrency=1 $(wildcard tests/e2e/firefox*.test.mjs)

bench-extension: extension setup-chromium setup-node ## Badges on a 1,000-post X fixture, per added post, wasm bytes
	node tests/e2e/bench.mjs
	node tests/e2e/bench-overlay.mjs
	cargo build -p socialcare-store
	node tests/e2e/bench-tickets.mjs
	node tests/e2e/bench-console.mjs

bench-composer: extension setup-chromium setup-node ## Live tone check in the worker, keystroke → indicator, insert → text per editor kind
	cargo build -p socialcare-store
	node tests/e2e/bench-composer.mjs
