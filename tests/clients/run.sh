#!/usr/bin/env bash
# Consul clients nobody here wrote, driven against a real `parley agent -dev`: Debian's python3-consul2 and the npm
# `consul` package (tests/clients/package.json), through catalog, health, the agent, KV with CAS, blocking reads,
# sessions and locks, transactions and ?filter=. test.sh installs them and runs this; by hand:
#   PARLEY=src/Parley.Cli/bin/Release/net10.0/parley flock /work/ports.lock bash tests/clients/run.sh
# The agent listens on 17500 (HTTP), 17502/17503 (gRPC), 17300 (server), 17600 (DNS).
# Prints PASS/FAIL per test and "N passed, M failed" last; exits 1 on any failure. KEEP=1 keeps the agent's log.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
PARLEY=${PARLEY:-$(ls -1 "$here"/../../src/Parley.Cli/bin/Release/*/parley 2>/dev/null | head -n 1)}
if [[ -z ${PARLEY} || ! -x ${PARLEY} ]]; then
  echo "clients: no parley executable; build it or set PARLEY" >&2
  echo "0 passed, 1 failed"; exit 1
fi
work=$(mktemp -d)
agent=
passed=0 failed=0
cleanup() {
  [[ -n $agent ]] && kill "$agent" 2>/dev/null && wait "$agent" 2>/dev/null
  if [[ ${KEEP:-0} == 1 || $failed -gt 0 ]]; then echo "agent log: $work/agent.log"; else rm -rf "$work"; fi
}
trap cleanup EXIT

"$PARLEY" agent -dev -node clients-test -http-port 17500 -grpc-port 17502 -grpc-tls-port 17503 \
  -server-port 17300 -dns-port 17600 >"$work/agent.log" 2>&1 &
agent=$!
export CONSUL_HTTP_ADDR=127.0.0.1:17500
for _ in $(seq 1 150); do
  [[ -n $(curl -sf "http://$CONSUL_HTTP_ADDR/v1/status/leader" | tr -d '"') ]] && break
  sleep 0.2
done

count() { # count OUTPUT: adds its PASS/FAIL lines
  local out=$1
  echo "$out"
  passed=$((passed + $(grep -c '^PASS ' <<<"$out")))
  failed=$((failed + $(grep -c '^FAIL ' <<<"$out")))
}

echo "==> python3-consul2 (Debian)"
out=$(timeout 120 /usr/bin/python3 "$here/python_client_test.py" 2>&1); code=$?
count "$out"
if ((code != 0)) && ! grep -q '^FAIL ' <<<"$out"; then echo "FAIL python-consul2: exit $code"; failed=$((failed + 1)); fi

echo "==> consul (npm)"
# node's test runner in TAP: "ok N - name" / "not ok N - name", turned into PASS/FAIL lines.
out=$(cd "$here" && timeout 120 node --test --test-reporter=tap node-client.test.mjs 2>&1); code=$?
tap=$(sed -nE 's/^ok [0-9]+ - (.*)/PASS npm-consul \1/p; s/^not ok [0-9]+ - (.*)/FAIL npm-consul \1/p' <<<"$out")
count "$tap"
if ((code != 0)); then
  echo "$out" | grep -E "error|expected|actual|Error" | head -n 20
  grep -q '^FAIL ' <<<"$tap" || { echo "FAIL npm-consul: exit $code"; failed=$((failed + 1)); }
fi

echo "$passed passed, $failed failed"
((failed == 0))
