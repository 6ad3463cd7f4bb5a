#!/usr/bin/env bash
# Installs poppler-utils (pdftotext), which tests/formats/real-docs.test.ts compares the PDF
# extractor against (issue #19). Calls apt only when pdftotext is missing. CI runs this before
# `npm test` (.ci/run); the test skips with this script's name when pdftotext is absent.
set -euo pipefail
if command -v pdftotext >/dev/null; then
  echo "real-docs install: pdftotext already present" >&2
  exit 0
fi
command -v apt-get >/dev/null || { echo "real-docs install: FAILED: apt-get not found; install poppler-utils by hand" >&2; exit 1; }
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update >/dev/null
$SUDO apt-get install -y --no-install-recommends poppler-utils >/dev/null
command -v pdftotext >/dev/null || { echo "real-docs install: FAILED: pdftotext not found after apt" >&2; exit 1; }
echo "real-docs install: poppler-utils installed" >&2
