#!/usr/bin/env bash
# Installs every tool the build and the tests need, only when missing.
# Idempotent: a second run does nothing but checks.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the `wasm-bindgen = "=…"` pin in Cargo.toml.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\(.*\)"/\1/p' Cargo.toml)

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

apt_missing=()
command -v clang >/dev/null || apt_missing+=(clang)
command -v chromium >/dev/null || apt_missing+=(chromium)
command -v chromedriver >/dev/null || apt_missing+=(chromium-driver)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || apt_missing+=(fonts-wqy-microhei)
command -v gzip >/dev/null || apt_missing+=(gzip)
command -v brotli >/dev/null || apt_missing+=(brotli)
if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${apt_missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_missing[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  echo "setup: cargo install trunk $TRUNK_VERSION (slow the first time)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  echo "setup: cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  # Not --locked: one crate its lockfile pins is missing from the registry mirror.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# playwright-core, not playwright: it never downloads a browser; tests use Debian's chromium.
if [ ! tests/e2e/node_modules/.installed -nt tests/e2e/package-lock.json ]; then
  (cd tests/e2e && npm ci --no-audit --no-fund && touch node_modules/.installed)
fi
