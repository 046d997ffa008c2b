#!/usr/bin/env bash
# `npm test`: everything, in order, stopping at the first failure.
#   system packages (as root) → services → typecheck → lint → module boundaries →
#   schema/migrations agree →
#   vitest (all, with next build beside it) → Playwright (all specs)
# Prints how long each stage took. SKIP_STAGES="lint e2e" skips stages by name (local use).
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
export CI="${CI:-1}"

DEBIAN_PACKAGES=(chromium freeradius freeradius-postgresql freeradius-utils)
TIMINGS=()
SUITE_START=$(date +%s)

summary() {
  echo
  echo "── timings ─────────────────────────────"
  for line in "${TIMINGS[@]}"; do echo "  $line"; done
  echo "  total: $(($(date +%s) - SUITE_START))s"
}

stage() {
  local name=$1
  shift
  if [[ " ${SKIP_STAGES:-} " == *" $name "* ]]; then
    echo "── $name: skipped (SKIP_STAGES)"
    TIMINGS+=("$(printf '%-12s skipped' "$name")")
    return 0
  fi
  echo
  echo "── $name ──────────────────────────────"
  local start
  start=$(date +%s)
  if "$@"; then
    TIMINGS+=("$(printf '%-12s %5ss' "$name" "$(($(date +%s) - start))")")
  else
    local code=$?
    TIMINGS+=("$(printf '%-12s %5ss  FAILED' "$name" "$(($(date +%s) - start))")")
    summary
    echo
    echo "npm test FAILED at stage '$name' (exit code $code). Fix it, or run the stage alone:"
    case $name in
      typecheck) echo "  npx tsc --noEmit" ;;
      lint) echo "  npx biome check .   (npx biome check --write <files> fixes formatting)" ;;
      boundaries) echo "  npm run check:boundaries   (README → Project layout: the rules)" ;;
      db-check) echo "  npm run db:check" ;;
      vitest) echo "  npx vitest run <file>" ;;
      build) echo "  flock /tmp/next.lock npx next build" ;;
      e2e) echo "  flock /tmp/next.lock npm run test:e2e -- e2e/<spec>   (report: npx playwright show-report)" ;;
    esac
    exit "$code"
  fi
}

system_packages() {
  local missing=()
  for p in "${DEBIAN_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    echo "present: ${DEBIAN_PACKAGES[*]}"
    return 0
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing Debian packages: ${missing[*]} — install them as root: apt-get install -y ${missing[*]}" >&2
    return 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

services() {
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    if [ "$(id -u)" -eq 0 ] && command -v pg_ctlcluster >/dev/null; then
      echo "starting PostgreSQL"
      pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || return 1
      for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    fi
  fi
  pg_isready -h 127.0.0.1 -p 5432 || {
    echo "PostgreSQL is not reachable on 127.0.0.1:5432 (tests create their databases there; set TEST_DATABASE_ADMIN_URL for another server)" >&2
    return 1
  }
}

# Builds and e2e read and write .next: one at a time on a shared machine.
with_next_lock() {
  if command -v flock >/dev/null; then flock /tmp/next.lock "$@"; else "$@"; fi
}

# The build does not depend on the unit tests, so it starts beside them at a lower priority and
# takes the CPU they leave idle while they wait on PostgreSQL and FreeRADIUS; the build stage
# then waits for it and prints its output.
BUILD_PID=""
BUILD_LOG=test-results/next-build.log
start_build() {
  [[ " ${SKIP_STAGES:-} " == *" build "* ]] && return 0
  mkdir -p test-results
  BUILD_START=$(date +%s)
  setsid flock /tmp/next.lock nice -n 10 npx next build >"$BUILD_LOG" 2>&1 &
  BUILD_PID=$!
}
finish_build() {
  local code=0
  wait "$BUILD_PID" || code=$?
  BUILD_PID=""
  cat "$BUILD_LOG"
  echo "next build took $(($(date +%s) - BUILD_START))s in all, beside vitest"
  return "$code"
}
# A failed stage ends the script: stop a build still running in its own process group.
trap '[ -n "$BUILD_PID" ] && kill -- "-$BUILD_PID" 2>/dev/null' EXIT

stage packages system_packages
stage services services
stage typecheck npx tsc --noEmit
# The build need not check the same types again (next.config.ts).
[[ " ${SKIP_STAGES:-} " == *" typecheck "* ]] || export FIBEROPS_TYPECHECKED=1
stage lint npx biome check .
stage boundaries npm run --silent check:boundaries
stage db-check npm run --silent db:check
start_build
stage vitest npx vitest run
stage build finish_build
stage e2e with_next_lock npx playwright test

summary
echo
echo "npm test passed"
