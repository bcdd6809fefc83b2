# Dateline. Quick start: `make serve` (set up, then serve the app) and `make test` (set up, then run every suite).
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
# NO_COLOR=1 breaks Trunk 0.21; "true" works.
ifdef NO_COLOR
export NO_COLOR := true
endif

.PHONY: serve test setup-app setup-test build test-only bench size gazetteer basemap packages

serve: setup-app
	@trunk serve --release

test: setup-test
	@scripts/test-all

setup-app:
	@scripts/setup app

setup-test:
	@scripts/setup test

build: setup-app
	@trunk build --release

test-only:
	@scripts/test-all

# The crate, npm and Python packages built, installed into clean folders and tested (README, "Packages"); not part of
# `make test`, which stays fast. Installs what is missing into .venv-packages/.
packages:
	nice scripts/packages

# Performance measurements (docs/performance.md). Not part of `make test`: timings are reported, never asserted.
bench: setup-test
	nice cargo bench --bench analyze
	nice scripts/complexity
	nice scripts/bench-cli
	nice scripts/bench-batch
	nice scripts/bench-browser
	nice trunk build --release
	nice node tests/bench/ui-bench.mjs --profile
	scripts/size-report
