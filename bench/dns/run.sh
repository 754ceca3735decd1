#!/usr/bin/env bash
# The DNS benchmark (#13): queries/s for `x.service.consul A` (10 healthy instances) with dnsperf, against Parley and,
# in the same run, Debian's unbound answering the same 10 records from local data (its fastest path: no recursion,
# no cache). Target: Parley at least the anchor's rate.
#
# Usage:  bench/dns/run.sh [seconds per server, default 20] [dnsperf clients, default 8]
#   PARLEY   the parley executable (default src/Parley.Cli/bin/Release/net10.0/parley; build it with -c Release)
#   WARMUP   seconds of load before each measured run (default 5)
# Needs dnsperf, unbound, dig, curl (apt-get install -y dnsperf unbound bind9-dnsutils curl). Ports 287xx.
# It prints the load average before and after: run it on a quiet machine.
set -uo pipefail
cd "$(dirname "$0")/../.."
PARLEY=${PARLEY:-src/Parley.Cli/bin/Release/net10.0/parley}
duration=${1:-20}
clients=${2:-8}
warmup=${WARMUP:-5}
for tool in dnsperf unbound dig curl; do
  command -v "$tool" >/dev/null || { echo "dns bench: $tool is missing (apt-get install -y dnsperf unbound bind9-dnsutils curl)" >&2; exit 2; }
done
[[ -x $PARLEY ]] || { echo "dns bench: no parley at $PARLEY; dotnet build src/Parley.Cli -c Release" >&2; exit 2; }

work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
http=http://127.0.0.1:28700
parley_dns=28753
unbound_dns=28754
until_ok() { local deadline=$((SECONDS + $1)); shift; until "$@" >/dev/null 2>&1; do ((SECONDS < deadline)) || return 1; sleep 0.3; done; }

echo "== machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{printf "%.0f GiB", $2/1048576}'); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

"$PARLEY" agent -dev -node bench-dns -log-level warn -http-port 28700 -grpc-port 28702 -grpc-tls-port 28703 \
  -server-port 28710 -dns-port "$parley_dns" >"$work/parley.log" 2>&1 &
pids+=($!)
until_ok 60 curl -sf "$http/v1/status/leader" || { echo "parley has no leader" >&2; cat "$work/parley.log" >&2; exit 1; }
{
  echo 'server:'
  echo "  interface: 127.0.0.1@$unbound_dns"
  echo '  do-daemonize: no'
  echo '  use-syslog: no'
  echo '  chroot: ""'
  echo '  username: ""'
  echo '  pidfile: ""'
  echo "  num-threads: $(nproc)"
  echo '  access-control: 127.0.0.0/8 allow'
  echo '  local-zone: "consul." static'
} >"$work/unbound.conf"
for i in $(seq 1 10); do
  curl -sf -X PUT "$http/v1/catalog/register" --data-binary @- >/dev/null <<<"{\"Node\":\"n$i\",\"Address\":\"10.0.0.$i\",\"Service\":{\"ID\":\"x-$i\",\"Service\":\"x\",\"Port\":8080},\"Check\":{\"CheckID\":\"c$i\",\"Name\":\"c$i\",\"Status\":\"passing\",\"ServiceID\":\"x-$i\"}}" ||
    { echo "register n$i failed" >&2; exit 1; }
  # TTL 0, as Consul's (and Parley's) default service_ttl answers.
  echo "  local-data: \"x.service.consul. 0 IN A 10.0.0.$i\"" >>"$work/unbound.conf"
done
unbound -c "$work/unbound.conf" >"$work/unbound.log" 2>&1 &
pids+=($!)

answers() { dig +short +tries=1 +time=2 @127.0.0.1 -p "$1" x.service.consul A | grep -c '^10\.0\.0\.'; }
until_ok 30 test "$(answers $unbound_dns)" = 10 || { echo "unbound does not answer 10 records" >&2; cat "$work/unbound.log" >&2; exit 1; }
until_ok 30 test "$(answers $parley_dns)" = 10 || { echo "parley does not answer 10 records" >&2; exit 1; }
echo "== both answer x.service.consul with 10 A records"
echo "x.service.consul A" >"$work/queries"

measure() { # measure NAME PORT
  # -e: EDNS, as resolvers send it, so Parley answers all 10 records as unbound does (without EDNS Consul's
  # udp_answer_limit cuts a reply to 3, which would make Parley's replies the smaller ones).
  dnsperf -e -s 127.0.0.1 -p "$2" -d "$work/queries" -c "$clients" -l "$warmup" >/dev/null 2>&1
  dnsperf -e -s 127.0.0.1 -p "$2" -d "$work/queries" -c "$clients" -l "$duration" >"$work/$1.out" 2>&1
  local qps lost avg
  qps=$(awk '/Queries per second/ {print $4}' "$work/$1.out")
  lost=$(awk '/Queries lost/ {print $3}' "$work/$1.out")
  avg=$(awk '/Average Latency/ {print $4}' "$work/$1.out")
  printf '| %s | %.0f | %s | %s |\n' "$1" "$qps" "$avg" "$lost"
  echo "$qps" >"$work/$1.qps"
}
echo "| server | queries/s | average latency (s) | lost |"
echo "|---|---|---|---|"
measure unbound "$unbound_dns"
measure parley "$parley_dns"
ratio=$(awk -v p="$(cat "$work/parley.qps")" -v u="$(cat "$work/unbound.qps")" 'BEGIN { printf "%.1f", 100 * p / u }')
echo "== parley / unbound = $ratio % (target >= 100 %)"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
