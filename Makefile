# Socialcare: two commands for a new user.
#   make run   — build the extension and start the store on its SQLite default
#   make test  — install whatever is missing, then run every test
#
# Each area keeps its targets in its own fragment under mk/; a fragment adds
# its test target to TEST_TARGETS and its benchmark commands to BENCH_TARGETS.

SHELL := /bin/bash
.DEFAULT_GOAL := help
TEST_TARGETS :=
BENCH_TARGETS :=

include mk/*.mk

.PHONY: help run test bench

run: extension ## Build the extension into extension/dist/ and start the store on SQLite
	@echo
	@echo "Extension built: load $(CURDIR)/extension/dist as an unpacked extension"
	@echo "  (chrome://extensions → Developer mode → Load unpacked)."
	@echo
	@$(MAKE) --no-print-directory run-store

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_-]+:.*## ' $(MAKEFILE_LIST) | sort | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-22s %s\n", $$1, $$2}'

# The suites run one after another, each timed, so a slow one shows in CI's log.
test: ## Install what is missing, then run every test
	@started=$$(date +%s); times=""; \
	for suite in $(TEST_TARGETS); do \
	  begun=$$(date +%s); \
	  $(MAKE) --no-print-directory $$suite || { echo "make test: $$suite failed"; exit 1; }; \
	  took="$$suite $$(( $$(date +%s) - begun ))s"; times="$$times $$took"; \
	  echo "make test: $$took"; \
	done; \
	echo "make test: all suites passed in $$(( $$(date +%s) - started )) s:$$times"

bench: $(BENCH_TARGETS) ## Run every benchmark and print the figures
