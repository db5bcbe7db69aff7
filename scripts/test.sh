#!/usr/bin/env bash
# One command from a fresh clone to a green test run: install Chromium if it is missing, install
# the workspace (which generates the Prisma client), check formatting, lint and type-check every
# TypeScript file, build the packages, migrate the test database, run the whole suite against
# the machine's Postgres and Redis.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/sara_test}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"

# The console's browser tests drive Debian's Chromium (never a downloaded browser build: its
# host is unreachable here). Present, this costs nothing; missing, it is installed from Debian's
# packages, as root (CI) or through a sudo that needs no password.
ensure_chromium() {
  [ -x /usr/bin/chromium ] && return 0
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get)
  if [ "$(id -u)" -eq 0 ]; then
    :
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    apt=(sudo -n "${apt[@]}")
  else
    echo "test.sh: the browser tests need Debian's Chromium at /usr/bin/chromium, and this user cannot install it." >&2
    echo "test.sh: install it (sudo apt-get install --no-install-recommends chromium), then run this again." >&2
    return 1
  fi
  echo "test.sh: installing Debian's chromium for the browser tests (about a minute, once)."
  "${apt[@]}" update -qq
  "${apt[@]}" install -y -qq --no-install-recommends chromium
  [ -x /usr/bin/chromium ] || { echo "test.sh: apt-get installed chromium, but /usr/bin/chromium is still missing." >&2; return 1; }
}
ensure_chromium

scripts/pnpm.sh install --frozen-lockfile
scripts/pnpm.sh format:check
scripts/pnpm.sh lint
scripts/pnpm.sh typecheck
scripts/pnpm.sh build
DATABASE_URL="$TEST_DATABASE_URL" scripts/pnpm.sh db:migrate
scripts/pnpm.sh exec vitest run "$@"
