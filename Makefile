# Two entry points: `make run` builds and serves the app; `make test` runs every test.
# Both install what is missing first (scripts/setup.sh), so they work on a fresh
# Debian machine with rustup.
SHELL := /bin/bash
export CHROMEDRIVER ?= /usr/bin/chromedriver
WASM := --target wasm32-unknown-unknown

.PHONY: run test setup build lint test-native test-wasm test-e2e bench clean fuzz

run: setup
	cargo fetch --quiet
	trunk serve --release

setup:
	bash scripts/setup.sh

build: setup
	cargo fetch --quiet
	trunk build --release

lint: setup
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy $(WASM) --lib --bins -- -D warnings

test-native: setup
	cargo test

test-wasm: setup
	cargo test $(WASM) --test web

test-e2e: build
	cd tests/e2e && npm test

test: lint test-native test-wasm test-e2e
	@echo "make test: all suites passed"

# No-panic fuzzing (proptest, tests/fuzz.rs) with a million inputs per target, in release
# mode; prints the inputs and time per target. FUZZ_CASES=n overrides the count.
fuzz:
	FUZZ_CASES=$${FUZZ_CASES:-1000000} cargo test --release --test fuzz -- --nocapture

# Benchmarks (figures, not tests): criterion natively, then the release app and jieba-wasm
# in headless Chromium; writes docs/benchmarks.md and docs/benchmarks.json.
BENCH_TARGET = $(or $(CARGO_TARGET_DIR),target)
bench: setup
	cargo fetch --quiet
	cargo bench --bench pipeline
	cargo build --release --bin bench_native
	trunk build --release
	node scripts/bench-browser.mjs --native-bin $(BENCH_TARGET)/release/bench_native --criterion $(BENCH_TARGET)/criterion \
		--baseline docs/benchmarks-baseline.json

clean:
	cargo clean
	rm -rf dist tests/e2e/node_modules
