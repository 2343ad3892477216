#!/usr/bin/env bash
# Starts the built service the way the Docker image runs it: a copy of dist/ with production
# dependencies only (npm ci --omit=dev), NODE_ENV=production, against the local Postgres and Redis.
# Fails when a module the apps import at run time is only a devDependency, or a process does not
# come up. Needs `npm run build` first; takes well under a minute with a warm npm cache.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
[ -f dist/apps/api/src/main.js ] || { echo "dist/ is missing: run npm run build first" >&2; exit 1; }

work="$(mktemp -d)"
db="sbk_production_check_$$"
base_db="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/segment_backup}"
export DATABASE_URL="${base_db%/*}/${db}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}" REDIS_PREFIX="sbk-production-check-$$"
export NODE_ENV=production ADMIN_API_KEY="sbk_production_check_key_0123456789"
export TOKEN_ENCRYPTION_KEYS="check:$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64'))")"
export PORT="$((30000 + RANDOM % 10000))" SIM_PORT="$((40000 + RANDOM % 10000))" SIM_SIZE=30 REGISTER_SIMULATOR_WORKSPACES=true
export LOG_LEVEL=warn SCHEDULER_ENABLED=false
pids=()
logs="$work/logs"

fail() {
  echo "production check: $1" >&2
  tail -n 30 "$logs"/*.log >&2 2>/dev/null || true
  exit 1
}

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  psql "${base_db%/*}/postgres" -qc "DROP DATABASE IF EXISTS \"${db}\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

cp -r package.json package-lock.json dist prisma "$work/"
cd "$work"
echo "production check: npm ci --omit=dev in $work"
npm ci --omit=dev --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error
node dist/scripts/migrate.js

mkdir -p "$logs"

start() { # name, main
  node "$2" >"$logs/$1.log" 2>&1 &
  pids+=($!)
}

wait_for() { # what, name, command…
  local what="$1" name="$2"
  shift 2
  for _ in $(seq 1 300); do
    if "$@" >/dev/null 2>&1; then echo "production check: $what"; return 0; fi
    sleep 0.2
  done
  fail "$name: timed out waiting until $what"
}

start simulator dist/apps/segment-sim/src/main.js
wait_for "the simulator is up" simulator curl -fs "http://127.0.0.1:${SIM_PORT}/__sim/health"
start api dist/apps/api/src/main.js
wait_for "the API is up (GET /health)" api curl -fs "http://127.0.0.1:${PORT}/health"
start worker dist/apps/worker/src/main.js
snapshotted() {
  curl -fs -H "Authorization: Bearer ${ADMIN_API_KEY}" "http://127.0.0.1:${PORT}/workspaces" | grep -q "127.0.0.1:${SIM_PORT}" &&
    curl -fs -H "Authorization: Bearer ${ADMIN_API_KEY}" "http://127.0.0.1:${PORT}/workspaces" | grep -q '"version":[1-9]'
}
wait_for "the worker took a first snapshot of a workspace registered at the simulator" worker snapshotted
for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || fail "a process exited"; done
echo "production check: simulator, API and worker run with production dependencies only (copy of $root)"
