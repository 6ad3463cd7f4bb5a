#!/usr/bin/env bash
# Rebuilds the third-party saved web pages measured by scripts/real-docs/measure-html.ts
# (issue #19) into a folder outside the repository: they are copyrighted and never committed.
# Usage: scripts/real-docs/third-party.sh [DEST]   (default /tmp/briefcheck-real-pages)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="${1:-/tmp/briefcheck-real-pages}"
commit="$(node -e 'console.log(require(process.argv[1]).source.commit)' "$here/../../tests/formats/real/third-party.json")"
mkdir -p "$dest"
if [ ! -d "$dest/.git" ]; then
  git -C "$dest" init -q
  git -C "$dest" remote add origin https://github.com/mozilla/readability.git
fi
git -C "$dest" fetch -q --depth 1 origin "$commit"
git -C "$dest" checkout -q FETCH_HEAD -- test/test-pages
echo "third-party pages at $dest/test/test-pages (mozilla/readability@$commit)" >&2
