# Installs the tools the build and the tests need, each only when missing.
# Every install here works offline from the package registries alone.

WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' Cargo.lock)
APT_GET := DEBIAN_FRONTEND=noninteractive apt-get -y -qq
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

.PHONY: setup setup-rust setup-wasm-bindgen setup-chromium setup-node setup-postgres apt-updated

setup: setup-rust setup-wasm-bindgen setup-chromium setup-node setup-postgres ## Install every tool the build and tests need

setup-rust: ## Add the wasm32 target to the Rust toolchain
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

setup-wasm-bindgen: ## Install wasm-bindgen-cli at exactly the version in Cargo.lock
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi

# `cargo test` for wasm32 through wasm-bindgen-test-runner (in Node, or in
# headless Chromium for the suites that ask for a browser). Every wasm32 test
# build skips debug info, so the suites share one build of what they have in
# common (and compile a fifth faster; panics still name file and line).
WASM_TEST := CARGO_PROFILE_DEV_DEBUG=0 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	cargo test --target wasm32-unknown-unknown

apt-updated:
	@if [ ! -f /tmp/.socialcare-apt-updated ]; then $(SUDO) apt-get update -qq && touch /tmp/.socialcare-apt-updated; fi

# chromium-l10n: the browser's UI languages beyond en-US (an extension's
# `i18n` follows the browser's; the language tests start it in Arabic and French).
setup-chromium: ## Install Debian's chromium, chromium-driver and chromium-l10n
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || [ ! -f /usr/lib/chromium/locales/ar.pak ]; then \
	  $(MAKE) --no-print-directory apt-updated && $(SUDO) $(APT_GET) install chromium chromium-driver chromium-l10n; \
	fi

setup-node: ## Install the npm packages the tests and the build use
	@if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then npm ci --no-audit --no-fund; fi

setup-postgres: ## Install Debian's PostgreSQL server
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory apt-updated && $(SUDO) $(APT_GET) install postgresql; \
	fi
