#!/usr/bin/env bash
# Abuse and overload on this machine, after bench.sh has found the peak (see load-tests/README.md):
#   1. honest shoppers at STRESS_ABUSE_RATE/s without abusers, then the same with abusers beside them
#      (AbuseSimulation; STRESS_ABUSE_PAIRS pairs, back to back): the honest checkout p99 with and without;
#   2. overload (OverloadSimulation): STRESS_NORMAL_RATE/s, then STRESS_OVERLOAD_RATE/s for
#      STRESS_OVERLOAD_SECONDS, then the normal rate again: what was shed, how fast, what was served and how
#      fast, how soon latency came back; Surge must still be healthy after.
# One Surge for all (the embedded default unless SURGE_BASE_URL answers), trusting the loopback as a proxy so
# the abusers' X-Forwarded-For addresses count as clients of their own while the honest shoppers (the
# loopback itself) stay unthrottled. Verdicts in load-tests/target/stress/, one JSON per run. Bounded: about
# 3 minutes per abuse pair plus 2.5 minutes per overload run (STRESS_OVERLOAD_RUNS) with the defaults;
# STRESS_ABUSE_PAIRS=0 runs the overload alone.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/target/stress"
mvnw="$root/mvnw"

ABUSE_RATE="${STRESS_ABUSE_RATE:-30}"
ABUSE_SECONDS="${STRESS_ABUSE_SECONDS:-60}"
ABUSE_PAIRS="${STRESS_ABUSE_PAIRS:-1}"
# The cart bot's carts a second; 0: as fast as Surge answers it (a flood from one address).
ABUSE_BOT_RATE="${STRESS_ABUSE_BOT_RATE:-0}"
NORMAL_RATE="${STRESS_NORMAL_RATE:-30}"
OVERLOAD_RATE="${STRESS_OVERLOAD_RATE:-150}"
OVERLOAD_SECONDS="${STRESS_OVERLOAD_SECONDS:-60}"
# Overload runs back to back (3 for medians); the first also warms a fresh Surge up.
OVERLOAD_RUNS="${STRESS_OVERLOAD_RUNS:-1}"

simulation() {
    local class="$1" name="$2"
    shift 2
    local status=0
    "$mvnw" -B -ntp -q -Pload-tests -pl load-tests gatling:test -Dgatling.simulationClass="dev.surge.loadtests.$class" \
        "$@" 2>&1 | tee "$out/$name.log" | grep -E "verdict|started|BUILD|ERROR" || status=$?
    return "$status"
}

if [[ "${1:-}" == "--under-load" ]]; then
    for pair in $(seq 1 "$ABUSE_PAIRS"); do
        simulation AbuseSimulation "abuse-off-$pair" -Dabuse.rate="$ABUSE_RATE" -Dabuse.seconds="$ABUSE_SECONDS" \
            -Dabuse.abusers=false -Dabuse.verdictFile="$out/abuse-off-$pair.json" || true
        simulation AbuseSimulation "abuse-on-$pair" -Dabuse.rate="$ABUSE_RATE" -Dabuse.seconds="$ABUSE_SECONDS" \
            -Dabuse.abusers=true -Dabuse.botRate="$ABUSE_BOT_RATE" -Dabuse.verdictFile="$out/abuse-on-$pair.json" || true
    done
    for run in $(seq 1 "$OVERLOAD_RUNS"); do
        name="overload"
        [[ "$OVERLOAD_RUNS" == 1 ]] || name="overload-$run"
        simulation OverloadSimulation "$name" -Doverload.normalRate="$NORMAL_RATE" -Doverload.rate="$OVERLOAD_RATE" \
            -Doverload.seconds="$OVERLOAD_SECONDS" -Doverload.verdictFile="$out/$name.json" || true
    done
    "$here/metrics.sh" "${SURGE_BASE_URL:-http://127.0.0.1:8080}" >"$out/after.prom" || true
    exit 0
fi

rm -rf "$out"
mkdir -p "$out"
"$mvnw" -B -ntp -q -Pload-tests -pl load-tests test-compile
export SURGE_HTTP_TRUSTED_PROXIES="${SURGE_HTTP_TRUSTED_PROXIES:-127.0.0.1/32,::1/128}"
export SURGE_EMBEDDED_OWN_PROCESSES="${STRESS_OWN_PROCESSES:-true}"
"$here/with-surge.sh" "$0" --under-load
echo
for verdict in "$out"/*.json; do
    echo "$(basename "$verdict" .json): $(cat "$verdict")"
done
