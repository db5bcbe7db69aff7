#!/usr/bin/env bash
# One command from a fresh clone to a green test run: install (which generates the Prisma
# client), check formatting, lint and type-check every TypeScript file, build the packages,
# migrate the test database, run the whole suite against the machine's Postgres and Redis.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/sara_test}"
export TEST_REDIS_URL="${TEST_REDIS_URL:-redis://127.0.0.1:6379}"

scripts/pnpm.sh install --frozen-lockfile
scripts/pnpm.sh format:check
scripts/pnpm.sh lint
scripts/pnpm.sh typecheck
scripts/pnpm.sh build
DATABASE_URL="$TEST_DATABASE_URL" scripts/pnpm.sh db:migrate
scripts/pnpm.sh exec vitest run "$@"
