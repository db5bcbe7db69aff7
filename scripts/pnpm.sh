#!/usr/bin/env bash
# Runs the pnpm version pinned in package.json without requiring it to be installed:
# a global pnpm if it is that version, otherwise npx (corepack fails its signature check on
# some machines).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(node -p "require('$root/package.json').packageManager.split('@')[1]")"
if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null)" = "$version" ]; then
  exec pnpm "$@"
fi
exec npx --yes "pnpm@$version" "$@"
