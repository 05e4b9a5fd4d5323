#!/usr/bin/env bash
# Runs a command against a live Surge: the one at SURGE_BASE_URL when it answers healthy, else the
# embedded default started here (./mvnw -pl api -am spring-boot:test-run) and stopped afterwards.
#
#   load-tests/with-surge.sh ./mvnw -B -Pload-tests -pl load-tests gatling:test -Dgatling.simulationClass=...
#
# SURGE_JFR=<file.jfr>  record the app JVM with Java Flight Recorder while the command runs (embedded only)
# SURGE_LOG=<file>      where the embedded Surge logs (default load-tests/target/surge.log)
# SURGE_CPUS=<list>     pin the embedded Surge and the processes it starts (PostgreSQL, Redis, Kafka, the
#                       Stripe stand-in) to these CPUs (taskset -c), and the command to
# GENERATOR_CPUS=<list> these: the load generator then cannot take Surge's CPU time (embedded only)
# The started app's pid is written to load-tests/target/surge.pid for the caller's measurements.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
base_url="${SURGE_BASE_URL:-http://127.0.0.1:8080}"
jcmd="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
log="${SURGE_LOG:-$here/target/surge.log}"
mkdir -p "$here/target"

healthy() {
    curl -fsS --max-time 2 "$base_url/actuator/health" 2>/dev/null | grep -q '"status":"UP"'
}

if healthy; then
    echo "with-surge: using the Surge already running at $base_url"
    exec "$@"
fi
if [[ -n "${SURGE_BASE_URL:-}" && "$base_url" != "http://127.0.0.1:8080" ]]; then
    echo "with-surge: SURGE_BASE_URL=$base_url does not answer healthy" >&2
    exit 1
fi

echo "with-surge: starting the embedded default (log: $log)"
# The load generator runs here and calls from the loopback address: as one client it would meet the
# per-address rate limits (docs/limits.md) at once. It is a trusted client, unthrottled, so load figures
# measure the engine and stay comparable; set SURGE_LIMITS_UNTHROTTLED= (empty) to measure the limits.
export SURGE_LIMITS_UNTHROTTLED="${SURGE_LIMITS_UNTHROTTLED-127.0.0.0/8,::1/128}"
# A session of its own, so the whole tree (Maven, the app JVM, its PostgreSQL) is stopped together.
# optimizedLaunch=false: spring-boot:test-run otherwise starts the app with -XX:TieredStopAtLevel=1 (no
# C2), which starts faster and runs slower: not what a load test should measure. The property is the
# test-run goal's own (spring-boot.run.optimizedLaunch is ignored by test-run); checked below.
surge_pin=()
generator_pin=()
if [[ -n "${SURGE_CPUS:-}" ]]; then
    surge_pin=(taskset -c "$SURGE_CPUS")
    echo "with-surge: Surge pinned to CPUs $SURGE_CPUS"
fi
if [[ -n "${GENERATOR_CPUS:-}" ]]; then
    generator_pin=(taskset -c "$GENERATOR_CPUS")
    echo "with-surge: the command pinned to CPUs $GENERATOR_CPUS"
fi
(cd "$root" && exec setsid "${surge_pin[@]}" ./mvnw -B -ntp -q -pl api -am spring-boot:test-run \
    -Dspring-boot.test-run.optimizedLaunch=false >"$log" 2>&1) &
launcher=$!

app_pid() {
    # The app JVM is the java process in our launcher's session whose command names the test launcher.
    pgrep -s "$launcher" -f 'dev.surge.api.TestSurgeApplication' | head -1
}

stop() {
    local status=$?
    if kill -0 "$launcher" 2>/dev/null; then
        local pid
        pid="$(app_pid || true)"
        if [[ -n "${SURGE_JFR:-}" && -n "$pid" ]]; then
            "$jcmd" "$pid" JFR.dump name=surge filename="$SURGE_JFR" >/dev/null 2>&1 || true
        fi
        echo "with-surge: stopping the embedded default"
        # The app first (its shutdown hook stops PostgreSQL, Redis, Kafka), then whatever is left.
        [[ -n "$pid" ]] && kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 40); do
            [[ -z "$(app_pid || true)" ]] && break
            sleep 0.5
        done
        kill -TERM -- "-$launcher" 2>/dev/null || true
        sleep 1
        kill -KILL -- "-$launcher" 2>/dev/null || true
    fi
    exit "$status"
}
trap stop EXIT INT TERM

# First starts build the modules; later ones take about 30 s.
for _ in $(seq 1 600); do
    healthy && break
    if ! kill -0 "$launcher" 2>/dev/null; then
        echo "with-surge: Surge did not start; last lines of $log:" >&2
        tail -40 "$log" >&2
        exit 1
    fi
    sleep 1
done
healthy || { echo "with-surge: Surge not healthy after 10 minutes" >&2; exit 1; }
pid="$(app_pid)"
echo "$pid" >"$here/target/surge.pid"
echo "with-surge: Surge is up (pid $pid)"

# Measure the JVM that production runs: with the C2 compiler. A JVM stopped at tier 1 (C1 only) runs the
# hot path several times slower, and every figure taken on it would be wrong.
flags="$("$jcmd" "$pid" VM.flags 2>/dev/null || true)"
if [[ -z "$flags" ]]; then
    echo "with-surge: cannot read the app JVM's flags (jcmd $pid VM.flags)" >&2
    exit 1
fi
if grep -Eq 'TieredStopAtLevel=[0-3]( |$)' <<<"$flags"; then
    echo "with-surge: the app JVM runs without C2 ($(grep -Eo 'TieredStopAtLevel=[0-9]' <<<"$flags")): refusing to measure it" >&2
    exit 1
fi
echo "with-surge: the app JVM compiles with C2"

if [[ -n "${SURGE_JFR:-}" ]]; then
    "$jcmd" "$pid" JFR.start name=surge settings=profile >/dev/null
    echo "with-surge: recording JFR into $SURGE_JFR"
fi

"${generator_pin[@]}" "$@"
