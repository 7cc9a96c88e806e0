#!/bin/bash
# Counts the statements PostgreSQL executes for 20 deal lifecycles (100 commands) sent one command after the other,
# from its statement log. Usage: bench/statements-per-command.sh <service exec jar> <name>
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust) and the right to ALTER SYSTEM; creates and drops the
# database statements_<name>; turns log_statement on for the measured window only.
set -euo pipefail
jar=$1; name=$2
db=statements_$name; port=18081
. "$(dirname "$0")/service-on-postgres.sh"
LOG=${PG_LOG:-/var/log/postgresql/postgresql-15-main.log}   # the server's log file (Debian's by default)
start_service "$jar" "$db" $port "statements_$name.log"
trap 'psql -h 127.0.0.1 -U postgres -qc "ALTER SYSTEM RESET log_statement" -c "SELECT pg_reload_conf()" >/dev/null; stop_service "$db"' EXIT

M=$(token pm@vendor.example '["PARTNER_MANAGER"]' '')
P=$(token anna@nordic.example '["PARTNER"]' ',"partner_id":"nordic"')
JSON='Content-Type: application/json'
api() { curl -s -o /dev/null -w "%{http_code} " -X POST "localhost:$port/api$1" -H "Authorization: Bearer $2" -H "$JSON" -d "${3:-}"; }
api /partners "$M" '{"partnerId":"nordic","name":"Nordic GRC","domains":["nordic.example"]}' >/dev/null
lifecycle() {
  local id
  id=$(curl -s -X POST localhost:$port/api/deals -H "Authorization: Bearer $P" -H "$JSON" \
    -d "{\"customer\":{\"companyName\":\"Customer $1\",\"contactName\":\"Eva $1\",\"contactEmail\":\"eva@c$1-$name.example\",\"country\":\"FI\"},\"estimatedUsers\":10}" \
    | grep -oP '"dealId":"\K[^"]+')
  api "/deals/$id/accept" "$M"
  api "/deals/$id/stage" "$P" '{"stage":"NEWSLETTER_SUBSCRIPTION"}'
  api "/deals/$id/notes" "$P" '{"text":"Called Eva"}'
  api "/deals/$id/close-won" "$P" '{"billingOption":"INVOICE","annualValue":{"amount":"4800.00","currency":"EUR"}}'
  echo "$id"
}
for i in 1 2 3 4 5; do lifecycle "warm-up-$i" >/dev/null; done
sleep 2
psql -h 127.0.0.1 -U postgres -qc "ALTER SYSTEM SET log_statement = 'all'" -c "SELECT pg_reload_conf()" >/dev/null
sleep 2; start=$(wc -l < "$LOG")
for i in $(seq 1 20); do lifecycle "$i"; done > "statements_$name.answers"
sleep 3; end=$(wc -l < "$LOG")
window() { sed -n "$((start + 1)),${end}p" "$LOG" | grep "@$db " | grep -E "(statement|execute [^:]*):"; }
echo "$name: $(window | wc -l) statements for 100 commands, $(window | grep -c snapshot_event_entry || true) of them on snapshot_event_entry"
echo "answers (accept, stage, note, close; all should be 2xx):"; head -3 "statements_$name.answers"
echo "the most frequent statements (first 90 characters):"
window | sed -E 's/.*(statement|execute [^:]*): //' | cut -c1-90 | sort | uniq -c | sort -rn | head -25
