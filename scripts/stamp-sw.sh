#!/usr/bin/env bash
# Trunk post_build hook: writes the precache list and the cache version into the staged
# sw.js. The list is every built file but sw.js; the version is the crate version plus a
# hash of those files, so any change to the deployment changes sw.js and the browser
# installs the new service worker (which then replaces the old cache).
set -euo pipefail
stage="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
source_dir="${TRUNK_SOURCE_DIR:-.}"
sw="$stage/sw.js"
[[ -f "$sw" ]] || { echo "stamp-sw: no $sw" >&2; exit 1; }
version=$(sed -n 's/^version *= *"\(.*\)"/\1/p' "$source_dir/Cargo.toml" | head -n 1)
mapfile -d '' files < <(cd "$stage" && find . -type f ! -name sw.js ! -path './.*' -printf '%P\0' | LC_ALL=C sort -z)
hash=$(cd "$stage" && sha256sum -- "${files[@]}" | sha256sum | cut -c1-16)
list=""
for f in "${files[@]}"; do
  [[ "$f" =~ ^[A-Za-z0-9._/-]+$ ]] || { echo "stamp-sw: unexpected file name: $f" >&2; exit 1; }
  list+="${list:+, }'$f'"
done
sed -i -e "s|__BULLETIN_SW_VERSION__|${version}-${hash}|" -e "s|/\*__BULLETIN_SW_ASSETS__\*/|${list}|" "$sw"
grep -q "${version}-${hash}" "$sw" && ! grep -q "__BULLETIN_SW_" "$sw" \
  || { echo "stamp-sw: placeholders not replaced in $sw" >&2; exit 1; }
echo "stamp-sw: cache ${version}-${hash}, ${#files[@]} files"
