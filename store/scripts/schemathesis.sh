#!/usr/bin/env bash
# Property-based API testing of the store against its own /openapi.json.
#
#   store/scripts/schemathesis.sh SCHEMATHESIS STORE_BINARY
#
# Creates a team and an admin token with the store's own CLI on a fresh SQLite file,
# starts `socialcare-store serve` on a free loopback port, and runs Schemathesis
# (every check; examples, coverage, fuzzing and stateful phases) against it. Exits
# non-zero on any disagreement between the document and the store. The store is
# stopped and the files deleted on exit, even on failure.
#
# Bounds (environment): SCHEMATHESIS_MAX_EXAMPLES (default 50 per operation and phase in
# each cycle), SCHEMATHESIS_MAX_TIME (default 90 s: Schemathesis repeats fuzzing and
# stateful cycles until it is spent, then stops); SCHEMATHESIS_SEED (default 1, so a
# failure is reproducible; "random" for a new seed each run).
set -euo pipefail

schemathesis=$(realpath "${1:?usage: schemathesis.sh SCHEMATHESIS STORE_BINARY}")
store=$(realpath "${2:?usage: schemathesis.sh SCHEMATHESIS STORE_BINARY}")
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d /tmp/socialcare-schemathesis.XXXXXX)
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

db=(--db "$work/store.db")
"$store" team create contract "${db[@]}" >"$work/cli.log" 2>&1 || { cat "$work/cli.log" >&2; exit 1; }
"$store" token issue --team contract --name "Schemathesis" --initials ST --role admin "${db[@]}" \
  >"$work/token.out" 2>"$work/cli.log" || { cat "$work/cli.log" >&2; exit 1; }
token=$(grep -o 'sct_[0-9a-f]*_[0-9a-f]*' "$work/token.out")

# The run exercises the contract, not the rate limiter: lift the per-token limit.
: >"$work/serve.out"
"$store" serve "${db[@]}" --listen 127.0.0.1:0 --rate-limit 1000000 --rate-burst 1000000 \
  >"$work/serve.out" 2>"$work/serve.log" &
server_pid=$!
address=""
for _ in $(seq 1 200); do
  address=$(grep -o 'listening on http://[0-9.:]*' "$work/serve.out" | sed 's|listening on ||' || true)
  [[ -n "$address" ]] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$address" ]]; then
  echo "schemathesis: the store did not start:" >&2
  cat "$work/serve.log" >&2
  exit 1
fi

seed=${SCHEMATHESIS_SEED:-1}
seed_args=()
[[ "$seed" == random ]] || seed_args=(--seed "$seed")

echo "schemathesis: $("$schemathesis" --version) against socialcare-store at $address"
started=$SECONDS
status=0
# From the temporary directory, so Schemathesis's cache (.schemathesis/) goes with it.
cd "$work"
SCHEMATHESIS_HOOKS="$here/schemathesis/hooks.py" "$schemathesis" \
  --config-file "$here/schemathesis/schemathesis.toml" --no-color \
  run "$address/openapi.json" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --phases examples,coverage,fuzzing,stateful \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-50}" \
  --max-time "${SCHEMATHESIS_MAX_TIME:-90}" \
  --workers 2 \
  --request-timeout 10 \
  --generation-database none \
  "${seed_args[@]}" || status=$?
echo "schemathesis: finished in $((SECONDS - started)) s with status $status"
if [[ $status -ne 0 ]]; then
  echo "schemathesis: the store's log:" >&2
  tail -n 50 "$work/serve.log" >&2
fi
exit "$status"
