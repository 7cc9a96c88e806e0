#!/bin/bash
# The web stack's figure for an authenticated read: wrk on GET /api/partners/{id} with a partner's token, after 60 s
# of warm-up, with the service's CPU per request from /proc. Usage: bench/authenticated-read.sh <service exec jar> <name>
# Needs wrk (apt-get install wrk) and PostgreSQL on 127.0.0.1:5432 (user postgres, trust); creates and drops the
# database read_<name>.
set -euo pipefail
jar=$1; name=$2
db=read_$name; port=18080
. "$(dirname "$0")/service-on-postgres.sh"
start_service "$jar" "$db" $port "read_$name.log"
trap 'stop_service "$db"' EXIT
M=$(token pm@vendor.example '["PARTNER_MANAGER"]' '')
P=$(token anna@nordic.example '["PARTNER"]' ',"partner_id":"nordic"')
curl -s -o /dev/null -X POST localhost:$port/api/partners -H "Authorization: Bearer $M" -H 'Content-Type: application/json' \
  -d '{"partnerId":"nordic","name":"Nordic GRC","domains":["nordic.example"]}'
url=http://127.0.0.1:$port/api/partners/nordic
until curl -sf "$url" -H "Authorization: Bearer $P" >/dev/null; do sleep 0.2; done
wrk -t2 -c16 -d60s -H "Authorization: Bearer $P" "$url" >/dev/null
ticks() { awk '{print $14 + $15}' /proc/$pid/stat; }
before=$(ticks)
wrk -t2 -c16 -d30s --latency -H "Authorization: Bearer $P" "$url" > "read_$name.wrk"
after=$(ticks)
requests=$(grep -oP '^\s*\K\d+(?= requests in)' "read_$name.wrk")
echo "$name: $(grep Requests/sec "read_$name.wrk"); service CPU per request" \
  "$(echo "scale=3; ($after - $before) * 1000 / $(getconf CLK_TCK) / $requests" | bc) ms; p99 $(grep -oP '99%\s+\K\S+' "read_$name.wrk")"
if grep -q "Non-2xx" "read_$name.wrk"; then echo "some answers were not 2xx: see read_$name.wrk"; fi
