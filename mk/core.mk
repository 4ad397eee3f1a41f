# The core crate's own unit tests (each area's extra suites live in its own fragment).

.PHONY: test-core
TEST_TARGETS += test-core

test-core: ## Unit and property tests of the core crate
	cargo test -p socialcare --release
