# Sourced by the bench scripts: the executable jar on a fresh PostgreSQL database, and tokens it accepts.
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust authentication) and openssl.

SECRET=bench-only-secret-0123456789abcdef0123456789
MASTER_KEY=YmVuY2gtb25seS1tYXN0ZXIta2V5LTAxMjM0NTY3ODk=   # Base64 of "bench-only-master-key-0123456789"

b64() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# An HS256 token signed with SECRET, valid for an hour: subject, roles as JSON, extra claims (",\"k\":\"v\"" or '').
token() {
  local now h p s
  now=$(date +%s); h=$(printf '{"alg":"HS256","typ":"JWT"}' | b64)
  p=$(printf '{"sub":"%s","iat":%d,"exp":%d,"roles":%s%s}' "$1" "$now" $((now + 3600)) "$2" "$3" | b64)
  s=$(printf '%s.%s' "$h" "$p" | openssl dgst -sha256 -hmac "$SECRET" -binary | b64)
  echo "$h.$p.$s"
}

# The service's JVM options, as the throughput benchmark's default (SERVICE_JVM_OPTIONS overrides; runs recorded
# before 2026-11-30 22:00 UTC used -Xmx1g alone).
SERVICE_JVM_OPTIONS=${SERVICE_JVM_OPTIONS:--Xms1g -Xmx1g}

# Starts the jar on a fresh database and waits until it answers: jar, database, port, log file. Sets $pid.
start_service() {
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2" >/dev/null
  # shellcheck disable=SC2086 # the options are words
  java $SERVICE_JVM_OPTIONS -jar "$1" --spring.profiles.active=postgres --server.port="$3" \
    --spring.datasource.url="jdbc:postgresql://127.0.0.1:5432/$2" --portal.security.hmac-secret=$SECRET \
    --portal.personal-data.master-key=$MASTER_KEY > "$4" 2>&1 &
  pid=$!
  until curl -sf "localhost:$3/actuator/health" >/dev/null; do sleep 1; done
}

# Stops the service and drops its database: database.
stop_service() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $1" >/dev/null
}
