#!/usr/bin/env bash
# Regenerates assets/jieba-dict.br from the dict.txt of the jieba-rs version in Cargo.lock.
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=$(cargo metadata --format-version 1 | python3 -c '
import json, sys
meta = json.load(sys.stdin)
print(next(p["manifest_path"] for p in meta["packages"] if p["name"] == "jieba-rs"))')
cargo run --release --bin pack_dict -- --dict "$(dirname "$manifest")/src/data/dict.txt" --out assets/jieba-dict.br
