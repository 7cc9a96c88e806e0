#!/bin/bash
# What a transaction and a statement cost this machine's PostgreSQL: pgbench (16 clients, 2 threads, prepared, 20 s)
# on a table shaped like the event table (20,000 aggregates of 6 events of 600 bytes), three transactions in turn,
# twice: read an aggregate's events and append one (the command-shaped limit); four such pairs in one transaction;
# one pair and four one-row reads. Prints each one's rate and the server's CPU per transaction (the machine's busy
# time from /proc/stat less pgbench's own). Usage: bench/transaction-cost.sh (needs PostgreSQL on 127.0.0.1:5432,
# user postgres, trust; creates and drops the database transaction_cost). Run it alone on the machine.
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"; psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS transaction_cost" 2>/dev/null' EXIT
psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS transaction_cost" -c "CREATE DATABASE transaction_cost"
cat > "$work/setup.sql" <<'SQL'
DROP TABLE IF EXISTS ev;
CREATE TABLE ev (gi bigserial PRIMARY KEY, agg varchar(36) NOT NULL, seq bigint NOT NULL, payload text NOT NULL, UNIQUE (agg, seq));
INSERT INTO ev (agg, seq, payload) SELECT 'a' || a, s, repeat('x', 600) FROM generate_series(1, 20000) a, generate_series(1, 6) s;
VACUUM ANALYZE ev;
SQL
pair() {
  echo "SELECT seq, payload FROM ev WHERE agg = 'a' || :a$1 ORDER BY seq;"
  echo "INSERT INTO ev (agg, seq, payload) SELECT 'a' || :a$1, coalesce(max(seq), 0) + 1, repeat('y', 600) FROM ev WHERE agg = 'a' || :a$1 ON CONFLICT DO NOTHING;"
}
for k in 1 4; do
  { for i in $(seq 1 "$k"); do echo "\\set a$i random(1, 20000)"; done
    echo "BEGIN;"; for i in $(seq 1 "$k"); do pair "$i"; done; echo "COMMIT;"; } > "$work/pairs$k.sql"
done
{ echo "\\set a1 random(1, 20000)"; for i in 1 2 3 4; do echo "\\set b$i random(1, 20000)"; done
  echo "BEGIN;"; pair 1; for i in 1 2 3 4; do echo "SELECT seq FROM ev WHERE agg = 'a' || :b$i AND seq = 1;"; done
  echo "COMMIT;"; } > "$work/small4.sql"
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }
ticks=$(getconf CLK_TCK)
for round in 1 2; do
  for script in pairs1 pairs4 small4; do
    psql -h 127.0.0.1 -U postgres -d transaction_cost -q -f "$work/setup.sql"
    before=$(busy)
    /usr/bin/time -f "%U %S" -o "$work/time" pgbench -h 127.0.0.1 -U postgres -n -M prepared -c 16 -j 2 -T 20 \
      -f "$work/$script.sql" transaction_cost > "$work/out" 2>&1
    after=$(busy)
    tps=$(grep -oP 'tps = \K[0-9.]+' "$work/out" | head -1)
    read -r user system < "$work/time"
    awk -v s="$script" -v r="$round" -v tps="$tps" -v busy=$((after - before)) -v hz="$ticks" -v client="$user $system" 'BEGIN {
      split(client, c, " "); n = tps * 20; cpu = busy / hz; own = c[1] + c[2]
      printf "%s, round %d: %.0f transactions/s; per transaction: the server %.3f ms, pgbench %.3f ms\n", s, r, tps, (cpu - own) / n * 1000, own / n * 1000 }'
  done
done
