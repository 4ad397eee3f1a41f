# The shared store (store/, crate and binary socialcare-store): its suites on SQLite
# and on a throwaway PostgreSQL cluster, its benchmarks, and `make run`'s store.

# The extension's ID, pinned by the `key` in extension/static/manifest.json:
# the store lets it in without an extra permission.
EXTENSION_ID := iekbnmbglgkpkomgdbpdbapjcjnhicom

.PHONY: store test-store test-store-sqlite test-store-postgres test-store-schemathesis setup-schemathesis run-store bench-store store-convergence-long
TEST_TARGETS += test-store test-store-schemathesis
BENCH_TARGETS += bench-store

store: ## Build socialcare-store (release)
	cargo build --release -p socialcare-store

test-store: test-store-sqlite test-store-postgres ## The store's unit tests and its suite on SQLite, then on PostgreSQL

test-store-sqlite: ## The store's suite (conformance, convergence, durability, hostile input, roles, OpenAPI, scale-out) on SQLite
	cargo test -p socialcare-store

test-store-postgres: setup-postgres ## The same suite on a throwaway PostgreSQL cluster on a free local port
	store/scripts/with-postgres.sh cargo test -p socialcare-store --test suite

# Schemathesis and its dependencies at the exact versions of the requirements file, in a
# venv under the build tree (reinstalled when the file changes).
SCHEMATHESIS_REQUIREMENTS := store/scripts/schemathesis/requirements.txt
SCHEMATHESIS_VENV := target/schemathesis-venv
SCHEMATHESIS_INSTALLED := $(SCHEMATHESIS_VENV)/.installed

setup-schemathesis: $(SCHEMATHESIS_INSTALLED) ## Install the pinned schemathesis (PyPI) into target/schemathesis-venv

$(SCHEMATHESIS_INSTALLED): $(SCHEMATHESIS_REQUIREMENTS)
	@python3 -c 'import ensurepip' 2>/dev/null || { $(MAKE) --no-print-directory apt-updated && $(SUDO) $(APT_GET) install python3-venv; }
	rm -rf $(SCHEMATHESIS_VENV)
	python3 -m venv $(SCHEMATHESIS_VENV)
	$(SCHEMATHESIS_VENV)/bin/pip install --quiet --disable-pip-version-check -r $(SCHEMATHESIS_REQUIREMENTS)
	touch $@

test-store-schemathesis: $(SCHEMATHESIS_INSTALLED) ## Schemathesis (all checks, stateful too) against a spawned store on SQLite: the store must do what /openapi.json states
	cargo build -q -p socialcare-store
	store/scripts/schemathesis.sh $(SCHEMATHESIS_VENV)/bin/schemathesis $${CARGO_TARGET_DIR:-target}/debug/socialcare-store

store-convergence-long: ## The long convergence run: 10,000 random fault schedules of the core's sync client against the store on SQLite (a fresh database every 1,000)
	SOCIALCARE_SCHEDULES=$${SOCIALCARE_SCHEDULES:-10000} cargo test -p socialcare-store --release --test suite convergence -- --nocapture

bench-store: ## Durable pushes/s (1 and 50 clients), push→live p50/p99 with 200 clients, 100k-ticket initial sync
	cargo bench -p socialcare-store --bench store

run-store: store ## Serve the store on ./socialcare.db (SQLite) at 127.0.0.1:8787
	@echo "socialcare-store: first time? create your team in another terminal:"
	@echo "  cargo run --release -p socialcare-store -- team create acme --db socialcare.db"
	@echo "  cargo run --release -p socialcare-store -- token issue --team acme --name \"Kim Lee\" --initials KL --role agent --db socialcare.db"
	cargo run --release -p socialcare-store -- serve --db socialcare.db --listen 127.0.0.1:8787 \
	  --allow-origin chrome-extension://$(EXTENSION_ID)
