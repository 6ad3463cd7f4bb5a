#!/usr/bin/env bash
# Installs the end-to-end test tools: Debian packages (Chromium, Neovim, ripgrep,
# headers for code-server's native modules) and code-server from npm into a cache
# folder outside the repository. Idempotent: a second run only checks and exits.
#
# Why not plain `npm install code-server`: its @vscode/ripgrep postinstall
# downloads from GitHub, which is unreachable here, so we follow the recipe in
# /work/shared/e2e/README.md (install with --ignore-scripts, copy Debian's rg,
# then `npm rebuild` the native modules).
#
# Failures are loud on purpose: CI must see "e2e install failed: <step>: <reason>"
# and a non-zero exit, never a silently skipped e2e suite.
#
# Env: BRIEFCHECK_E2E_CACHE (default ~/.cache/briefcheck-e2e),
#      BRIEFCHECK_E2E_SKIP_APT=1 to skip the Debian step (e.g. a CI image that has them).
# Prints the code-server binary path as the last stdout line.
set -uo pipefail

CODE_SERVER_VERSION=4.100.3 # last line declaring Node 20; VS Code 1.100 >= 1.91 (vscode-languageclient 11)
APT_PACKAGES=(libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev ripgrep chromium neovim)
CACHE="${BRIEFCHECK_E2E_CACHE:-$HOME/.cache/briefcheck-e2e}"
DEST="$CACHE/code-server"
STAMP="$DEST/.installed-$CODE_SERVER_VERSION"
BIN="$DEST/node_modules/.bin/code-server"

# unsafe_perm: we run as root and npm would otherwise drop privileges for scripts.
# yes: node-pty's install runs `npx node-gyp`; this machine's npmrc answers npx prompts "no".
export npm_config_unsafe_perm=true npm_config_yes=true npm_config_audit=false npm_config_fund=false

fail() { echo "e2e install failed: $1: $2" >&2; exit 1; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# run STEP CMD...: runs CMD with its output in a log; on failure prints the
# step name, the last log line as the reason, and the log tail for context.
run() {
  local step=$1; shift
  local t0 log; t0=$(now); log=$(mktemp)
  if ! "$@" >"$log" 2>&1; then
    echo "---- last lines of output ($step) ----" >&2; tail -n 25 "$log" >&2
    fail "$step" "'$*' exited non-zero: $(grep -v '^\s*$' "$log" | tail -n 1)"
  fi
  rm -f "$log"
  echo "e2e install: $step ($(elapsed "$t0") s)" >&2
}

T_ALL=$(now)

# --- 1. Debian packages: only call apt when something is missing (apt-get update is the slow part).
if [[ "${BRIEFCHECK_E2E_SKIP_APT:-}" != 1 ]]; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]})); then
    command -v apt-get >/dev/null || fail "apt packages" "apt-get not found; install ${missing[*]} by hand"
    export DEBIAN_FRONTEND=noninteractive
    run "apt-get update" apt-get update
    run "apt-get install ${missing[*]}" apt-get install -y --no-install-recommends "${missing[@]}"
  else
    echo "e2e install: apt packages already present" >&2
  fi
fi
for tool in /usr/bin/chromium /usr/bin/rg nvim; do
  command -v "$tool" >/dev/null || fail "check tools" "$tool not found after apt step"
done

# --- 2. code-server into the cache; the stamp plus a working --version mean "done".
# flock: two parallel runs (e.g. two worktrees) must not build into the same folder.
mkdir -p "$CACHE" || fail "cache folder" "cannot create $CACHE"
exec 9>"$CACHE/.lock"; flock 9 || fail "cache lock" "cannot lock $CACHE/.lock"

if [[ -f "$STAMP" ]] && "$BIN" --version >/dev/null 2>&1; then
  echo "e2e install: code-server $CODE_SERVER_VERSION cached in $DEST" >&2
else
  # A partial or older install is not trusted: start from an empty folder.
  rm -rf "$DEST" && mkdir -p "$DEST" || fail "clean cache" "cannot recreate $DEST"
  echo '{"name":"briefcheck-e2e-code-server","private":true}' >"$DEST/package.json"
  VSCODE_DIR="$DEST/node_modules/code-server/lib/vscode"
  run "npm install code-server (no scripts)" \
    npm install --prefix "$DEST" --ignore-scripts --no-save "code-server@$CODE_SERVER_VERSION"
  # VS Code's own dependencies live in a nested package that npm does not install for us.
  run "npm install lib/vscode deps (no scripts)" \
    bash -c 'cd "$1" && npm install --omit=dev --ignore-scripts' _ "$VSCODE_DIR"
  # @vscode/ripgrep's postinstall skips its GitHub download when bin/rg already exists.
  run "copy Debian ripgrep" \
    bash -c 'mkdir -p "$1/node_modules/@vscode/ripgrep/bin" && cp /usr/bin/rg "$1/node_modules/@vscode/ripgrep/bin/rg"' _ "$VSCODE_DIR"
  run "npm rebuild lib/vscode (native modules)" \
    bash -c 'cd "$1" && npm rebuild --foreground-scripts' _ "$VSCODE_DIR"
  # Top-level rebuild builds argon2 and runs code-server's own postinstall.sh.
  run "npm rebuild code-server" bash -c 'cd "$1" && npm rebuild --foreground-scripts' _ "$DEST"
  run "code-server --version" "$BIN" --version
  date -u +%FT%TZ >"$STAMP"
fi

echo "e2e install: code-server $("$BIN" --version 2>/dev/null | head -n 1)" >&2
echo "e2e install: done ($(elapsed "$T_ALL") s)" >&2
echo "$BIN"
