#!/usr/bin/env bash
# The framework floor: requests per second of cheap routes under wrk, through Surge's whole filter chain,
# against a running Surge (SURGE_BASE_URL, default http://127.0.0.1:8080). After a warm-up (so the JIT has
# compiled the path), each route is measured FLOOR_RUNS times; the median is printed and written as JSON.
#
#   load-tests/floor.sh [out.json]
#
# FLOOR_WARM_UP_SECONDS (60: C2 on two busy cores takes that long to compile the path), FLOOR_SECONDS (10), FLOOR_RUNS (3), FLOOR_THREADS (2), FLOOR_CONNECTIONS (64)
# Needs wrk (Debian's package `wrk`; installed here when missing and apt-get is allowed).
set -euo pipefail

base_url="${SURGE_BASE_URL:-http://127.0.0.1:8080}"
out="${1:-}"
warm_up="${FLOOR_WARM_UP_SECONDS:-60}"
seconds="${FLOOR_SECONDS:-10}"
runs="${FLOOR_RUNS:-3}"
threads="${FLOOR_THREADS:-2}"
connections="${FLOOR_CONNECTIONS:-64}"

if ! command -v wrk >/dev/null; then
    echo "floor: installing wrk (Debian package)"
    { apt-get install -y wrk || { apt-get update && apt-get install -y wrk; }; } >/dev/null 2>&1 \
        || { echo "floor: wrk is missing and could not be installed" >&2; exit 1; }
fi

# name path status: what a request costs with nothing behind it, through the whole chain every API request
# passes (liveness; an unknown health group answering 404).
routes=(
    "liveness /actuator/health/liveness 200"
    "not-found /actuator/health/nothing-here 404"
)

rate() { # path seconds expected-status -> requests/s (0 when wrk failed or the route answered otherwise)
    local report figure
    report="$(wrk -t "$threads" -c "$connections" -d "${2}s" "$base_url$1" 2>&1)" || true
    figure="$(awk '/^Requests\/sec:/{print $2}' <<<"$report")"
    if [[ "$3" == 200 ]] && grep -q 'Non-2xx or 3xx responses' <<<"$report"; then
        echo "floor: $1 did not answer 200 throughout: $(grep 'Non-2xx' <<<"$report")" >&2
        figure=0
    fi
    echo "${figure:-0}"
}

json="{"
for route in "${routes[@]}"; do
    read -r name path status <<<"$route"
    rate "$path" "$warm_up" "$status" >/dev/null
    figures=()
    for _ in $(seq 1 "$runs"); do
        figures+=("$(rate "$path" "$seconds" "$status")")
    done
    median="$(printf '%s\n' "${figures[@]}" | sort -g | awk '{a[NR]=$1} END{print a[int((NR+1)/2)]}')"
    echo "floor: $name ($path): median ${median} req/s of ${figures[*]} (wrk -t$threads -c$connections, ${seconds}s each)"
    json+="\"$name\": {\"path\": \"$path\", \"medianPerSecond\": $median, \"runs\": [$(IFS=,; echo "${figures[*]}")]},"
done
json="${json%,}}"
if [[ -n "$out" ]]; then
    echo "$json" >"$out"
fi
