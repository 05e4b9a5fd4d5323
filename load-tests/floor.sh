#!/usr/bin/env bash
# The framework floor: requests per second of cheap routes under wrk, through Surge's whole filter chain,
# against a running Surge (SURGE_BASE_URL, default http://127.0.0.1:8080). After a warm-up (so the JIT has
# compiled the path), each route is measured FLOOR_RUNS times; the median is printed and written as JSON.
#
#   load-tests/floor.sh [out.json]
#
# FLOOR_WARM_UP_SECONDS (20), FLOOR_SECONDS (10), FLOOR_RUNS (3), FLOOR_THREADS (2), FLOOR_CONNECTIONS (64)
# Needs wrk (Debian's package `wrk`; installed here when missing and apt-get is allowed).
set -euo pipefail

base_url="${SURGE_BASE_URL:-http://127.0.0.1:8080}"
out="${1:-}"
warm_up="${FLOOR_WARM_UP_SECONDS:-20}"
seconds="${FLOOR_SECONDS:-10}"
runs="${FLOOR_RUNS:-3}"
threads="${FLOOR_THREADS:-2}"
connections="${FLOOR_CONNECTIONS:-64}"

if ! command -v wrk >/dev/null; then
    echo "floor: installing wrk (Debian package)"
    { apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; } >/dev/null 2>&1 \
        || { echo "floor: wrk is missing and could not be installed" >&2; exit 1; }
fi

# name path: what a request costs with nothing behind it (liveness, an unknown path answering 404 as a
# problem document) and the cheapest catalog read.
routes=(
    "liveness /actuator/health/liveness"
    "not-found /api/v1/nothing-here"
)

rate() { # path seconds -> requests/s
    wrk -t "$threads" -c "$connections" -d "${2}s" --latency "$base_url$1" 2>/dev/null \
        | awk '/^Requests\/sec:/{print $2}'
}

json="{"
for route in "${routes[@]}"; do
    read -r name path <<<"$route"
    rate "$path" "$warm_up" >/dev/null
    figures=()
    for _ in $(seq 1 "$runs"); do
        figures+=("$(rate "$path" "$seconds")")
    done
    median="$(printf '%s\n' "${figures[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')"
    echo "floor: $name ($path): median ${median} req/s of ${figures[*]} (wrk -t$threads -c$connections, ${seconds}s each)"
    json+="\"$name\": {\"path\": \"$path\", \"medianPerSecond\": $median, \"runs\": [$(IFS=,; echo "${figures[*]}")]},"
done
json="${json%,}}"
if [[ -n "$out" ]]; then
    echo "$json" >"$out"
fi
