#!/usr/bin/env bash
# One command from a fresh clone to a working Sara: install, write a .env with fresh random
# secrets if there is none, create and migrate the database, seed the demo products, build,
# create the console's first admin (its password printed once), start every app, and play four
# buyer journeys through the public HTTP API.
# Exits with the demo's result and stops the apps (usable in CI); `--keep-running` (or
# SARA_KEEP_RUNNING=1) leaves Sara running afterwards.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -f .env ]; then
  node scripts/write-env.mjs .env
  # Shown once, now: afterwards they live only in .env, which is git-ignored.
  echo "up: wrote .env with generated secrets (edit it to use your own)."
  echo "================ generated local secrets (shown once; also in .env) ================"
  grep -E '^(ADMIN_API_KEY|PAYMENT_WEBHOOK_SECRET|WHATSAPP_APP_SECRET|WHATSAPP_VERIFY_TOKEN)=' .env | sed 's/^/  /'
  echo "===================================================================================="
else
  # An .env from an older Sara gets the secrets added since (generated, never printed).
  node scripts/write-env.mjs .env --add-missing
fi

scripts/pnpm.sh install --frozen-lockfile
scripts/pnpm.sh build
scripts/pnpm.sh db:migrate
scripts/pnpm.sh db:seed
# On a database without console accounts: admin@sara.local with a generated password, shown once
# (only its hash is stored). Afterwards it says the accounts exist and changes nothing.
scripts/pnpm.sh --silent sara user ensure-admin
exec node scripts/start-all.mjs --demo "$@"
