#!/usr/bin/env bash
# Start-up figures of #14: `parley agent -dev` until it has a leader and until it is ready (its own node registered
# as the `consul` service, what `parley members` and every catalog read then see), and the wall time of the CLI
# commands `parley members` and `parley peering list` against it. Wall times are medians; the agent's CPU time
# (user + system, from /proc) until ready is printed too, as it moves less than wall time on a shared machine.
#
#   dotnet build src/Parley.Cli -c Release && bench/startup/run.sh [agent starts (5)] [CLI runs (15)]
#
# Ports 4700-4704 (clear of the tests' ranges; listed in tests/Parley.Testing/FreePorts.cs).
set -euo pipefail
starts=${1:-5}
runs=${2:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
parley=$root/src/Parley.Cli/bin/Release/net10.0/parley
[ -x "$parley" ] || { echo "build first: dotnet build src/Parley.Cli -c Release" >&2; exit 1; }
http=4700
export CONSUL_HTTP_ADDR=127.0.0.1:$http
log=$(mktemp)
agent=
cleanup() { [ -n "$agent" ] && kill "$agent" 2>/dev/null && wait "$agent" 2>/dev/null; rm -f "$log"; }
trap cleanup EXIT

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$1/stat"; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

start_agent() {
  "$parley" agent -dev -http-port $http -grpc-port 4701 -grpc-tls-port 4702 -server-port 4703 -dns-port 4704 >"$log" 2>&1 &
  agent=$!
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
leaders=() readies=() cpus=()
for _ in $(seq "$starts"); do
  t0=$(now_ms)
  start_agent
  until [ "$(curl -sf "http://$CONSUL_HTTP_ADDR/v1/status/leader" 2>/dev/null || true)" != "" ] \
    && [ "$(curl -sf "http://$CONSUL_HTTP_ADDR/v1/status/leader")" != '""' ]; do
    kill -0 "$agent" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.005
  done
  leaders+=($(( $(now_ms) - t0 )))
  until curl -sf "http://$CONSUL_HTTP_ADDR/v1/catalog/service/consul" | grep -q '"ServiceID"'; do sleep 0.005; done
  readies+=($(( $(now_ms) - t0 )))
  cpus+=($(cpu_ms "$agent"))
  kill "$agent"; wait "$agent" 2>/dev/null || true; agent=
done

start_agent
until curl -sf "http://$CONSUL_HTTP_ADDR/v1/catalog/service/consul" | grep -q '"ServiceID"'; do sleep 0.01; done
cli() {
  local first=1 times=()
  for _ in $(seq $(( runs + 1 ))); do
    t0=$(now_ms); "$parley" "$@" >/dev/null; t=$(( $(now_ms) - t0 ))
    # The first run pays for a cold page cache: reported apart, left out of the median.
    if [ $first = 1 ]; then echo "  first run $t ms" >&2; first=0; else times+=("$t"); fi
  done
  printf '%s\n' "${times[@]}" | median
}
members=$(cli members)
peerings=$(cli peering list)

echo "agent -dev, $starts starts: to leader median $(printf '%s\n' "${leaders[@]}" | median) ms (${leaders[*]}); to ready median $(printf '%s\n' "${readies[@]}" | median) ms (${readies[*]}); CPU until ready median $(printf '%s\n' "${cpus[@]}" | median) ms"
echo "parley members: median $members ms of $runs runs"
echo "parley peering list: median $peerings ms of $runs runs"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
