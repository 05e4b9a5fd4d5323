#!/usr/bin/env bash
# Prints Surge's Prometheus metrics (/actuator/prometheus), which only operators may read. The token is
# SURGE_METRICS_TOKEN when set (a Surge with your identity provider), else an operator token from the
# embedded/demo runtime's token endpoint.
#
#   load-tests/metrics.sh [base-url]     (default SURGE_BASE_URL, else http://127.0.0.1:8080)
set -euo pipefail
base_url="${1:-${SURGE_BASE_URL:-http://127.0.0.1:8080}}"
token="${SURGE_METRICS_TOKEN:-}"
if [[ -z "$token" ]]; then
    token="$(curl -fsS --max-time 5 -X POST "$base_url/api/v1/dev/tokens" -H 'Content-Type: application/json' \
        -d '{"role":"operator","subject":"metrics-reader"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')"
fi
curl -fsS --max-time 5 "$base_url/actuator/prometheus" -H "Authorization: Bearer $token"
