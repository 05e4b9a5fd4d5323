#!/usr/bin/env bash
# The search benchmark (issue #14): a generated catalog of SEARCH_PRODUCTS approved products (100,000) in a
# database of its own on the local PostgreSQL, the embedded Surge on it (its own Redis, broker and Stripe
# stand-in), then FacetedSearchSimulation: a warm-up, then SEARCH_RUNS runs (3) of SEARCH_SECONDS (60) with
# SEARCH_USERS (1) searchers back to back (one: each query's own latency; more: throughput and queueing).
# Summary: load-tests/target/search-bench/summary.md. Loopback only, bounded in time; one heavy job at a time
# on this machine (no build beside it). Results: docs/benchmarks.md, "Search".
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
products="${SEARCH_PRODUCTS:-100000}"
runs="${SEARCH_RUNS:-3}"
seconds="${SEARCH_SECONDS:-60}"
users="${SEARCH_USERS:-1}"
server="${SEARCH_POSTGRES_SERVER:-postgresql://postgres@127.0.0.1:5432}"
database="surge_search_bench"
out="$here/target/search-bench"
rm -rf "$out" && mkdir -p "$out"

psql -q "$server/postgres" -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database"
export SURGE_POSTGRES_URL="$server/$database"
export SURGE_LOG="$out/surge.log"
export SEARCH_PRODUCTS="$products" SEARCH_RUNS="$runs" SEARCH_SECONDS="$seconds" SEARCH_USERS="$users"
export SEARCH_OUT="$out" SEARCH_ROOT="$root" SEARCH_HERE="$here"

"$here/with-surge.sh" bash -c '
set -euo pipefail
started=$(date +%s)
psql -q "$SURGE_POSTGRES_URL" -v products="$SEARCH_PRODUCTS" -f "$SEARCH_HERE/search/generate-catalog.sql"
echo "generated $SEARCH_PRODUCTS products in $(( $(date +%s) - started )) s" | tee "$SEARCH_OUT/generate.txt"
# The catalog in memory reloads on the change notification; wait until it lists them all.
for _ in $(seq 1 300); do
    listed=$("$SEARCH_HERE/metrics.sh" | awk "/^surge_catalog_listed_products/{print int(\$2)}")
    [[ "${listed:-0}" -ge "$SEARCH_PRODUCTS" ]] && break
    sleep 1
done
echo "catalog in memory lists ${listed:-0} products" | tee -a "$SEARCH_OUT/generate.txt"
psql -qAt "$SURGE_POSTGRES_URL" -c "SELECT count(*) FROM products WHERE status = '"'"'APPROVED'"'"'" \
    -c "SELECT pg_size_pretty(pg_total_relation_size('"'"'products'"'"'))" >> "$SEARCH_OUT/generate.txt"
cd "$SEARCH_ROOT"
gatling() {
    ./mvnw -B -ntp -Pload-tests -pl load-tests gatling:test -Dgatling.simulationClass=dev.surge.loadtests.FacetedSearchSimulation \
        -Dsearch.users="$SEARCH_USERS" "$@"
}
gatling -Dsearch.duration=20 -Dsearch.p95Ms=100000 > "$SEARCH_OUT/warm-up.log" 2>&1 || true
for run in $(seq 1 "$SEARCH_RUNS"); do
    gatling -Dsearch.duration="$SEARCH_SECONDS" > "$SEARCH_OUT/run-$run.log" 2>&1 || true
    report="$(ls -td "$SEARCH_HERE"/target/gatling/facetedsearchsimulation-*/ | head -1)"
    mkdir -p "$SEARCH_OUT/gatling" && cp -r "$report" "$SEARCH_OUT/gatling/run-$run"
done
python3 "$SEARCH_HERE/search/search_summary.py" "$SEARCH_OUT"
'
echo "search-bench: summary in $out/summary.md"
