# The core crate's unit tests, in every module (the integration suites in
# tests/*.rs run from mk/care.mk and mk/tone.mk).

.PHONY: test-core
TEST_TARGETS += test-core

test-core: ## Unit tests of every core module (sites, model, sentiment, care, tone, templates, sync) and the CLI
	cargo test -p socialcare --profile test-release --lib --bins
