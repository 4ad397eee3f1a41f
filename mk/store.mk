# The shared store (store/, crate and binary socialcare-store): its suites on SQLite
# and on a throwaway PostgreSQL cluster, its benchmarks, and `make run`'s store.

.PHONY: store test-store test-store-sqlite test-store-postgres run-store bench-store store-convergence-long
TEST_TARGETS += test-store
BENCH_TARGETS += bench-store

store: ## Build socialcare-store (release)
	cargo build --release -p socialcare-store

test-store: test-store-sqlite test-store-postgres ## The store's unit tests and its suite on SQLite, then on PostgreSQL

test-store-sqlite: ## The store's suite (conformance, convergence, durability, hostile input, roles, OpenAPI, scale-out) on SQLite
	cargo test -p socialcare-store

test-store-postgres: setup-postgres ## The same suite on a throwaway PostgreSQL cluster on a free local port
	store/scripts/with-postgres.sh cargo test -p socialcare-store --test suite

store-convergence-long: ## The long convergence run: 10,000 random fault schedules of the core's sync client against the store on SQLite (a fresh database every 1,000)
	SOCIALCARE_SCHEDULES=$${SOCIALCARE_SCHEDULES:-10000} cargo test -p socialcare-store --release --test suite convergence -- --nocapture

bench-store: ## Durable pushes/s (1 and 50 clients), push→live p50/p99 with 200 clients, 100k-ticket initial sync
	cargo bench -p socialcare-store --bench store

run-store: store ## Serve the store on ./socialcare.db (SQLite) at 127.0.0.1:8787
	@echo "socialcare-store: first time? create your team in another terminal:"
	@echo "  cargo run --release -p socialcare-store -- team create acme --db socialcare.db"
	@echo "  cargo run --release -p socialcare-store -- token issue --team acme --name \"Kim Lee\" --initials KL --role agent --db socialcare.db"
	cargo run --release -p socialcare-store -- serve --db socialcare.db --listen 127.0.0.1:8787
