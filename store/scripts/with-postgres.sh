#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster on a free local port, and
# stops and deletes the cluster afterwards, even when the command fails.
# The command sees SOCIALCARE_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:PORT/postgres.
set -euo pipefail

bin_dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$bin_dir" || ! -x "$bin_dir/initdb" ]]; then
  echo "with-postgres: PostgreSQL is not installed (run: make setup-postgres)" >&2
  exit 1
fi

# initdb and pg_ctl refuse to run as root: run them as the postgres user then.
as_owner=()
if [[ $(id -u) -eq 0 ]]; then
  as_owner=(runuser -u postgres --)
fi

cluster=$(mktemp -d /tmp/socialcare-pg.XXXXXX)
cleanup() {
  "${as_owner[@]}" "$bin_dir/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap cleanup EXIT INT TERM
if [[ $(id -u) -eq 0 ]]; then
  chown postgres: "$cluster"
fi

"${as_owner[@]}" "$bin_dir/initdb" -D "$cluster/data" -U postgres -A trust --no-sync >"$cluster/initdb.log" 2>&1 \
  || { cat "$cluster/initdb.log" >&2; exit 1; }

port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
started=""
for _ in $(seq 1 20); do
  port=$((20000 + RANDOM % 20000))
  port_is_free "$port" || continue
  if "${as_owner[@]}" "$bin_dir/pg_ctl" -D "$cluster/data" -l "$cluster/server.log" -w -t 60 \
      -o "-p $port -k $cluster -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null; then
    started=yes
    break
  fi
done
if [[ -z "$started" ]]; then
  echo "with-postgres: could not start PostgreSQL:" >&2
  cat "$cluster/server.log" >&2 || true
  exit 1
fi

echo "with-postgres: PostgreSQL $("$bin_dir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
export SOCIALCARE_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
"$@"
