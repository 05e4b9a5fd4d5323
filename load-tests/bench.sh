#!/usr/bin/env bash
# The standard benchmark, end to end on this machine (see load-tests/README.md):
#   1. the raw limits of the storage steps, measured before Surge starts so nothing competes with them:
#      Redis EVALSHA of the reservation script (redis-benchmark, private key prefix, removed afterwards) and
#      PostgreSQL's order transaction (pgbench with pgbench/order_tx.sql on a scratch database built from the
#      Flyway migrations, dropped afterwards);
#   2. Surge (the one at SURGE_BASE_URL when healthy, else the embedded default started here, recorded with
#      JFR): warm-up and peak search (PeakSearchSimulation), then the flash sale (FlashSaleSimulation), with
#      the app's CPU, GC and JVM figures around each;
#   3. the summary, markdown and JSON, in load-tests/target/bench/ beside Gatling's reports.
# Bounded: about 5-6 minutes with the defaults below. Every knob is an environment variable.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
out="$here/target/bench"
mvnw="$root/mvnw"

# Peak search: warm-up, then a staircase of checkout arrival rates (per second).
PEAK_WARM_UP_RATE="${BENCH_PEAK_WARM_UP_RATE:-10}"
PEAK_WARM_UP_SECONDS="${BENCH_PEAK_WARM_UP_SECONDS:-40}"
PEAK_START_RATE="${BENCH_PEAK_START_RATE:-5}"
PEAK_STEP="${BENCH_PEAK_STEP:-5}"
PEAK_LEVELS="${BENCH_PEAK_LEVELS:-8}"
PEAK_LEVEL_SECONDS="${BENCH_PEAK_LEVEL_SECONDS:-30}"
PEAK_RAMP_SECONDS="${BENCH_PEAK_RAMP_SECONDS:-5}"
# Flash sale: racers, units on offer, seconds over which the racers arrive.
FLASH_USERS="${BENCH_FLASH_USERS:-1000}"
FLASH_STOCK="${BENCH_FLASH_STOCK:-100}"
FLASH_SPREAD="${BENCH_FLASH_SPREAD_SECONDS:-40}"
# Admissions a second of a waiting room in front of the flash sale's SKU; 0: none (docs/limits.md).
FLASH_QUEUE="${BENCH_FLASH_QUEUE:-0}"
# A per-buyer limit on the flash sale's SKU (units); 0: none.
FLASH_PER_BUYER="${BENCH_FLASH_PER_BUYER:-0}"
# How often a queued shopper asks where they stand, ms (GET /api/v1/queue/{token}).
FLASH_QUEUE_POLL_MS="${BENCH_FLASH_QUEUE_POLL_MS:-1000}"
# Raw limits.
REDIS_URL_HOST="${BENCH_REDIS_HOST:-127.0.0.1}"
REDIS_URL_PORT="${BENCH_REDIS_PORT:-6379}"
REDIS_REQUESTS="${BENCH_REDIS_REQUESTS:-100000}"
PG_HOST="${BENCH_PG_HOST:-127.0.0.1}"
PG_PORT="${BENCH_PG_PORT:-5432}"
PG_USER="${BENCH_PG_USER:-postgres}"
PGBENCH_SECONDS="${BENCH_PGBENCH_SECONDS:-15}"
PGBENCH_CLIENTS="${BENCH_PGBENCH_CLIENTS:-4 16}"
# The embedded default's PostgreSQL commits durably (synchronous_commit=on, checked during the run): the
# reference limit is measured the same way (BENCH_PGBENCH_SYNC_COMMIT=off adds an asynchronous run first).
PGBENCH_REFERENCE_SYNC_COMMIT="${BENCH_PGBENCH_SYNC_COMMIT:-on}"
PROFILE="${BENCH_PROFILE:-1}"

log() { printf '\n== bench: %s\n' "$*"; }

# --- Surge under load (runs inside with-surge.sh) -------------------------------------------------------

snapshot() {
    local name="$1" pid="$2"
    local base_url="${SURGE_BASE_URL:-http://127.0.0.1:8080}"
    {
        echo "wall_ms $(date +%s%3N)"
        echo "clock_ticks $(getconf CLK_TCK)"
        [[ -n "$pid" && -r "/proc/$pid/stat" ]] && awk '{print "app_cpu_ticks", $14 + $15}' "/proc/$pid/stat"
        awk '/^cpu /{print "machine_busy_ticks", $2 + $3 + $4 + $7 + $8; print "machine_total_ticks", $2 + $3 + $4 + $5 + $6 + $7 + $8}' /proc/stat
    } >"$out/$name.cpu"
    "$here/metrics.sh" "$base_url" >"$out/$name.prom" || true
    work_counts "$name" "$pid"
}

# What the storage servers of the embedded default did so far, counted where noise cannot change it:
# PostgreSQL's committed and rolled-back transactions (pg_stat_database, request paths and background work
# together) and Redis's commands (INFO: server side, so the calls a script makes count too) and EVALSHA calls.
work_counts() {
    local name="$1" pid="${2:-}" log="$here/target/surge.log" pg_port redis_port
    pg_port="$(grep -o 'embedded PostgreSQL[^,]* on 127.0.0.1:[0-9]*' "$log" 2>/dev/null | head -1 | sed 's/.*://')" || true
    redis_port="$(grep -o 'embedded Redis on 127.0.0.1:[0-9]*' "$log" 2>/dev/null | head -1 | sed 's/.*://')" || true
    {
        if [[ -n "$pg_port" ]]; then
            psql -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -Atc \
                "select 'pg_commits ' || sum(xact_commit) || E'\npg_rollbacks ' || sum(xact_rollback) from pg_stat_database" 2>/dev/null
        fi
        if [[ -n "$redis_port" ]]; then
            redis-cli -h 127.0.0.1 -p "$redis_port" info stats 2>/dev/null | tr -d '\r' \
                | awk -F: '/^total_commands_processed:/{print "redis_commands", $2}'
            redis-cli -h 127.0.0.1 -p "$redis_port" info commandstats 2>/dev/null | tr -d '\r' \
                | awk -F'[:=,]' '/^cmdstat_evalsha:/{print "redis_evalsha", $3}'
        fi
        # CPU in ms per process so far (user + system, from /proc), for the per-journey split: Surge's JVM,
        # the Stripe stand-in's and the broker's (own processes, see SURGE_EMBEDDED_OWN_PROCESSES), every
        # PostgreSQL and Redis process (the machine's own servers idle while Surge is measured) and the
        # machine as a whole (what none of these used is the load generator's and the rest's).
        echo "cpu_ms_surge $(cpu_ms "$pid")"
        echo "cpu_ms_stripe_stub $(cpu_ms $(pgrep -f 'dev[.]surge[.]payments[.]stub[.]StripeStubProcess' || true))"
        echo "cpu_ms_kafka_broker $(cpu_ms $(pgrep -f 'kafka[.]Kafka ' || true))"
        echo "cpu_ms_postgres $(cpu_ms $(pgrep -x postgres || true))"
        echo "cpu_ms_redis $(cpu_ms $(pgrep -f '^[^ ]*redis-server' || true))"
        awk -v hz="$(getconf CLK_TCK)" '/^cpu /{printf "cpu_ms_machine %d\n", ($2 + $3 + $4 + $7 + $8) * 1000 / hz}' /proc/stat
    } >"$out/$name.counts" || true
}

cpu_ms() { # pids... -> their CPU (user + system) in ms, summed; 0 for none
    local hz ticks=0 pid
    hz="$(getconf CLK_TCK)"
    for pid in "$@"; do
        [[ -r "/proc/$pid/stat" ]] || continue
        # Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
        ticks=$((ticks + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    done
    echo $((ticks * 1000 / hz))
}

# Runs one simulation, then copies its HTML report (Gatling writes it to target/gatling/) beside the summary.
gatling() {
    local simulation="$1"
    shift
    local status=0
    "$mvnw" -B -ntp -Pload-tests -pl load-tests gatling:test \
        -Dgatling.simulationClass="dev.surge.loadtests.$simulation" "$@" || status=$?
    local report
    report="$(ls -td "$here"/target/gatling/"${simulation,,}"-*/ 2>/dev/null | head -1)"
    if [[ -n "$report" ]]; then
        mkdir -p "$out/gatling"
        cp -r "$report" "$out/gatling/${simulation,,}"
    fi
    return "$status"
}

under_load() {
    local pid=""
    [[ -r "$here/target/surge.pid" ]] && pid="$(cat "$here/target/surge.pid")"
    local pg_port
    pg_port="$(grep -o 'jdbc:postgresql://127.0.0.1:[0-9]*' "$here/target/surge.log" 2>/dev/null | head -1 | sed 's/.*://')" || true
    if [[ -n "$pg_port" ]]; then
        psql -h 127.0.0.1 -p "$pg_port" -U postgres -Atc 'show synchronous_commit' >"$out/surge-postgres-synchronous-commit.txt" 2>/dev/null || true
        psql -h 127.0.0.1 -p "$pg_port" -U postgres -Atc 'select version()' >"$out/surge-postgres-version.txt" 2>/dev/null || true
    fi

    # The JVM the app really runs on (./mvnw picks a JDK 21+ itself when the default java is older).
    [[ -n "$pid" ]] && echo "java=$("$(readlink -f "/proc/$pid/exe")" -version 2>&1 | head -1)" >>"$out/machine.txt"

    log "peak search (warm-up ${PEAK_WARM_UP_SECONDS}s at ${PEAK_WARM_UP_RATE}/s, then ${PEAK_LEVELS} levels from ${PEAK_START_RATE}/s by ${PEAK_STEP})"
    snapshot before-peak "$pid"
    local peak_status=0
    gatling PeakSearchSimulation -Dpeak.warmUpRate="$PEAK_WARM_UP_RATE" -Dpeak.warmUpSeconds="$PEAK_WARM_UP_SECONDS" \
        -Dpeak.startRate="$PEAK_START_RATE" -Dpeak.step="$PEAK_STEP" -Dpeak.levels="$PEAK_LEVELS" \
        -Dpeak.levelSeconds="$PEAK_LEVEL_SECONDS" -Dpeak.rampSeconds="$PEAK_RAMP_SECONDS" \
        -Dpeak.resultFile="$out/peak-search.json" 2>&1 | tee "$out/peak-search.log" || peak_status=$?
    snapshot after-peak "$pid"

    log "flash sale (${FLASH_USERS} users for ${FLASH_STOCK} units over ${FLASH_SPREAD}s)"
    local flash_status=0
    gatling FlashSaleSimulation -Dflash.users="$FLASH_USERS" -Dflash.stock="$FLASH_STOCK" \
        -Dflash.spread="$FLASH_SPREAD" -Dflash.queue="$FLASH_QUEUE" -Dflash.perBuyer="$FLASH_PER_BUYER" \
        -Dflash.queuePollMs="$FLASH_QUEUE_POLL_MS" -Dflash.verdictFile="$out/flash-sale.json" 2>&1 \
        | tee "$out/flash-sale.log" \
        || flash_status=$?
    snapshot after-flash "$pid"

    log "framework floor (wrk on routes that do no work of ours)"
    "$here/floor.sh" "$out/floor.json" 2>&1 | tee "$out/floor.log" || true
    echo "{\"peakSearch\": $peak_status, \"flashSale\": $flash_status}" >"$out/exit-codes.json"
}

if [[ "${1:-}" == "--under-load" ]]; then
    under_load
    exit 0
fi

# --- the benchmark ---------------------------------------------------------------------------------------

# Optional: serialise with other heavy work on a shared machine.
if [[ -n "${SURGE_BENCH_LOCK:-}" ]]; then
    exec 9>"$SURGE_BENCH_LOCK"
    flock 9
fi
started_at=$(date +%s)
rm -rf "$out"
mkdir -p "$out"

log "machine"
{
    echo "cpu_model=$(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)"
    echo "cpus=$(nproc)"
    echo "memory_mb=$(awk '/MemTotal/{print int($2 / 1024)}' /proc/meminfo)"
    echo "kernel=$(uname -r)"
    echo "postgres=$(psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d postgres -Atc 'show server_version' 2>/dev/null)"
    echo "redis=$(redis-cli -h "$REDIS_URL_HOST" -p "$REDIS_URL_PORT" info server | tr -d '\r' | awk -F: '/^redis_version/{print $2}')"
    echo "surge_commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- . 2>/dev/null || echo '+changes')"
} | tee "$out/machine.txt"

log "compiling the simulations"
"$mvnw" -B -ntp -q -Pload-tests -pl load-tests test-compile

log "Redis: EVALSHA of reserve.lua, ${REDIS_REQUESTS} one-line reservations at 64 connections"
redis_cli=(redis-cli -h "$REDIS_URL_HOST" -p "$REDIS_URL_PORT")
prefix="surgebench$$:"
cleanup_redis() { "${redis_cli[@]}" --scan --pattern "${prefix}*" | xargs -r -n 1000 "${redis_cli[@]}" UNLINK >/dev/null; }
trap cleanup_redis EXIT
scripts="$root/inventory/src/main/resources/dev/surge/inventory"
# As InventoryScripts loads it: the clock prelude, then the script.
sha="$("${redis_cli[@]}" SCRIPT LOAD "$(cat "$scripts/clock.lua" "$scripts/open_holds.lua" "$scripts/reserve.lua")")"
"${redis_cli[@]}" HSET "${prefix}inv:{BENCH-1}" onHand 1000000000 reserved 0 >/dev/null
# The keys and arguments RedisStockReservations sends on a single Redis (one group, tag 'all'): record,
# expiry index, stock, the SKU's buyers, its waiting room, directory entry, tag registry; a fresh reservation
# id per call; now and expiry from Redis's clock (''); no buyer (the SKU has no per-buyer limit), no queue
# token, a fresh token part, the admission validity, no bound on open holds; one unit.
for pipeline in 1 16; do
    redis-benchmark -h "$REDIS_URL_HOST" -p "$REDIS_URL_PORT" -n "$REDIS_REQUESTS" -c 64 -P "$pipeline" \
        -r 1000000000 --csv EVALSHA "$sha" 7 "${prefix}inv:{all}:res:__rand_int__" \
        "${prefix}inv:{all}:expiring" "${prefix}inv:{BENCH-1}" "${prefix}inv:{BENCH-1}:buyers" \
        "${prefix}inv:{BENCH-1}:queue" "${prefix}inv:dir:{__rand_int__}" "${prefix}inv:expiring-tags" \
        __rand_int__ "" 900000 "" 86400000 BENCH-1:1 "all=BENCH-1:1" all "" "" fresh 600000 "" 1 \
        | tail -1 | tee "$out/redis-evalsha-p$pipeline.csv"
done
cleanup_redis

log "PostgreSQL: the order transaction (pgbench/order_tx.sql), ${PGBENCH_SECONDS}s per run"
scratch="surge_bench_$$"
psql_scratch=(psql -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$scratch" -v ON_ERROR_STOP=1)
cleanup_postgres() { dropdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" --if-exists "$scratch" 2>/dev/null || true; }
trap 'cleanup_redis; cleanup_postgres' EXIT
createdb -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" "$scratch"
for migration in $(ls "$root"/api/src/main/resources/db/migration/V*.sql | sort -V); do
    "${psql_scratch[@]}" -f "$migration"
done
"${psql_scratch[@]}" -f "$here/pgbench/seed.sql"
for sync_commit in "$PGBENCH_REFERENCE_SYNC_COMMIT" on; do
    for clients in $PGBENCH_CLIENTS; do
        PGOPTIONS="-c synchronous_commit=$sync_commit" pgbench -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -n -M prepared \
            -f "$here/pgbench/order_tx.sql" -c "$clients" -j 2 -T "$PGBENCH_SECONDS" "$scratch" \
            >"$out/pgbench-sync-$sync_commit-c$clients.txt" 2>&1
        grep -E '^(tps|latency average)' "$out/pgbench-sync-$sync_commit-c$clients.txt" \
            | sed "s/^/synchronous_commit=$sync_commit, $clients clients: /"
    done
    if [[ "$sync_commit" == on ]]; then
        break
    fi
done
cleanup_postgres

log "Surge under load"
# The broker and the Stripe stand-in in JVMs of their own, so Surge's CPU is Surge's (BENCH_OWN_PROCESSES=false:
# all in one JVM, as the embedded default runs); SURGE_STRIPE_STUB_LATENCY (e.g. 250ms) delays every answer.
export SURGE_EMBEDDED_OWN_PROCESSES="${BENCH_OWN_PROCESSES:-true}"
if [[ "$PROFILE" == 1 ]]; then
    export SURGE_JFR="$out/surge.jfr"
fi
"$here/with-surge.sh" "$0" --under-load

if [[ -f "$out/surge.jfr" ]]; then
    log "profile (JFR): where the app JVM's CPU went"
    jfr="${JAVA_HOME:+$JAVA_HOME/bin/}jfr"
    python3 "$here/jfr_profile.py" "$out/surge.jfr" "$jfr" >"$out/jfr-profile.txt" 2>&1 || true
    "$jfr" view --width 160 hot-methods "$out/surge.jfr" >"$out/jfr-hot-methods.txt" 2>&1 || true
    "$jfr" view --width 160 gc-pauses "$out/surge.jfr" >"$out/jfr-gc-pauses.txt" 2>&1 || true
    head -45 "$out/jfr-profile.txt"
fi

echo "elapsed_seconds=$(($(date +%s) - started_at))" >>"$out/machine.txt"
log "summary"
python3 "$here/bench_summary.py" "$out"
