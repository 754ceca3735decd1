#!/usr/bin/env bash
# The mesh data plane benchmark (#10): requests/s and p50/p99 latency of one HTTP GET on four paths, all in
# one run on one machine, with wrk as the client and HAProxy as both the anchor and the backend:
#
#   direct      wrk -> backend
#   sidecars    wrk -> caller's sidecar -> mTLS -> backend's sidecar -> backend            (one cluster)
#   gateways    wrk -> caller's sidecar -> its mesh gateway -> the peer's mesh gateway
#                   -> backend's sidecar -> backend                                      (two peered clusters)
#   haproxy     wrk -> HAProxy -> TLS with client certificates -> HAProxy -> backend      (the anchor for "sidecars")
#
# The backend is an HAProxy frontend answering from memory, so it never limits the figures. The proxies run
# with protocol "http" (L7: the chain and intentions per request) and mesh gateway mode "local".
#
# Usage:  bench/mesh/run.sh [seconds-per-path, default 15] [connections, default 32]
#   PARLEY   the parley executable (default src/Parley.Cli/bin/Release/net10.0/parley; build it with -c Release)
#   WARMUP   seconds of load before each measured run (default 20: a sidecar that has just started is still
#            compiling its hot paths (tiered JIT with PGO) for ten seconds or more; a proxy runs for days)
#   PATHS    which paths to measure (default "direct haproxy sidecars gateways"), e.g. PATHS="haproxy sidecars" for an A/B
# Needs wrk, haproxy, openssl, curl, jq (apt-get install -y wrk haproxy openssl curl jq). Ports 21xxx, 22xxx, 26xxx, 27xxx.
# Run it on a quiet machine: it prints the load average before and after.
set -uo pipefail
cd "$(dirname "$0")/../.."
PARLEY=${PARLEY:-src/Parley.Cli/bin/Release/net10.0/parley}
duration=${1:-15}
connections=${2:-32}
for tool in wrk haproxy openssl curl jq; do
  command -v "$tool" >/dev/null || { echo "mesh bench: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done
[[ -x $PARLEY ]] || { echo "mesh bench: no parley at $PARLEY; dotnet build src/Parley.Cli -c Release" >&2; exit 2; }

work=$(mktemp -d)
declare -A pid=()
cleanup() { for p in "${pid[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# cluster N listens on 2N500 (HTTP), 2N502 (gRPC), 2N503 (gRPC TLS), 2N300 (server), 2N443 (its gateway)
http() { echo "http://127.0.0.1:2${1}500"; }
cli() { local n=$1; shift; CONSUL_HTTP_ADDR="127.0.0.1:2${n}500" timeout 30 "$PARLEY" "$@"; }
put() { curl -sf -X PUT "$(http "$1")$2" --data-binary @- >/dev/null || { echo "PUT $2 on cluster $1 failed" >&2; exit 1; }; }
until_ok() { local deadline=$((SECONDS + $1)); shift; until "$@" >/dev/null 2>&1; do ((SECONDS < deadline)) || return 1; sleep 0.3; done; }
start() { local name=$1; shift; "$@" >"$work/$name.log" 2>&1 & pid[$name]=$!; }

backend=26000 haproxy_in=26100 haproxy_hop=26101 up_local=26201 up_peer=26202

echo "== machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{printf "%.0f GiB", $2/1048576}'); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- certificates for the HAProxy anchor: one CA, a server and a client certificate
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=bench-ca \
  -keyout "$work/ca.key" -out "$work/ca.pem" 2>/dev/null
for who in server client; do
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$who" \
    -keyout "$work/$who.key" -out "$work/$who.csr" 2>/dev/null
  openssl x509 -req -in "$work/$who.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 1 \
    -out "$work/$who.crt" 2>/dev/null
  cat "$work/$who.crt" "$work/$who.key" >"$work/$who.pem"
done

# The backend, and the two HAProxy hops (two processes, as two sidecars are)
haproxy_config() { # haproxy_config NAME <<< SECTIONS: the shared global and defaults, then the sections
  { printf 'global\n  maxconn 4096\ndefaults\n  mode http\n  timeout connect 5s\n  timeout client 30s\n  timeout server 30s\n'; cat; } >"$work/$1.cfg"
}
haproxy_config backend <<EOF
frontend backend
  bind 127.0.0.1:$backend
  http-request return status 200 content-type text/plain string "backend"
EOF
haproxy_config hop1 <<EOF
frontend caller
  bind 127.0.0.1:$haproxy_in
  default_backend peer
backend peer
  server hop2 127.0.0.1:$haproxy_hop ssl crt $work/client.pem ca-file $work/ca.pem verify required sni str(server)
EOF
haproxy_config hop2 <<EOF
frontend callee
  bind 127.0.0.1:$haproxy_hop ssl crt $work/server.pem ca-file $work/ca.pem verify required
  default_backend app
backend app
  server app 127.0.0.1:$backend
EOF
for cfg in backend hop1 hop2; do start "haproxy-$cfg" haproxy -db -f "$work/$cfg.cfg"; done

# ---- two Parley clusters, peered; backend in cluster 1 exported to cluster 2; a caller in each
for n in 1 2; do
  start "agent-$n" "$PARLEY" agent -dev -datacenter "dc$n" -node "server-dc$n" -log-level warn \
    -http-port "2${n}500" -grpc-port "2${n}502" -grpc-tls-port "2${n}503" -server-port "2${n}300" -dns-port -1
done
for n in 1 2; do
  until_ok 60 curl -sf "$(http "$n")/v1/status/leader" || { echo "cluster $n has no leader" >&2; exit 1; }
  put "$n" /v1/config <<<'{"Kind":"proxy-defaults","Name":"global","Config":{"protocol":"http"},"MeshGateway":{"Mode":"local"}}'
done
token=$(cli 1 peering generate-token -name cluster-02)
cli 2 peering establish -name cluster-01 -peering-token "$token" >/dev/null || { echo "peering failed" >&2; exit 1; }
put 1 /v1/config <<<'{"Kind":"exported-services","Name":"default","Services":[{"Name":"backend","Consumers":[{"Peer":"cluster-02"}]}]}'
put 1 /v1/agent/service/register <<<"{\"Name\":\"backend\",\"Port\":$backend,\"Connect\":{\"SidecarService\":{\"Port\":26301}}}"
put 1 /v1/agent/service/register <<<"{\"Name\":\"caller\",\"Port\":1,\"Connect\":{\"SidecarService\":{\"Port\":26302,\"Proxy\":{\"Upstreams\":[{\"DestinationName\":\"backend\",\"LocalBindPort\":$up_local}]}}}}"
put 2 /v1/agent/service/register <<<"{\"Name\":\"caller\",\"Port\":1,\"Connect\":{\"SidecarService\":{\"Port\":27302,\"Proxy\":{\"Upstreams\":[{\"DestinationName\":\"backend\",\"DestinationPeer\":\"cluster-01\",\"LocalBindPort\":$up_peer}]}}}}"
for n in 1 2; do
  start "gateway-$n" env CONSUL_HTTP_ADDR="127.0.0.1:2${n}500" "$PARLEY" connect proxy -gateway mesh -register \
    -service mesh-gateway -address "127.0.0.1:2${n}443" -wan-address "127.0.0.1:2${n}443" -log-level warn
done
start sidecar-backend env CONSUL_HTTP_ADDR="127.0.0.1:21500" "$PARLEY" connect proxy -sidecar-for backend -log-level warn
start sidecar-caller-1 env CONSUL_HTTP_ADDR="127.0.0.1:21500" "$PARLEY" connect proxy -sidecar-for caller -log-level warn
start sidecar-caller-2 env CONSUL_HTTP_ADDR="127.0.0.1:22500" "$PARLEY" connect proxy -sidecar-for caller -log-level warn

for port in $backend $haproxy_in $up_local $up_peer; do
  until_ok 90 curl -sf "http://127.0.0.1:$port/" || { echo "no answer on :$port"; tail -n 5 "$work"/*.log; exit 1; }
done

# ---- measure: a warm-up, then the run; wrk's latency distribution gives p50 and p99
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 } printf "%.2f", v }'; }
declare -A rps=() p50=() p99=()
# CPU time (user + system, clock ticks) used so far by the named processes: divided by the requests served it gives
# the CPU each request costs the path's proxies, a figure that other load on the machine disturbs far less than req/s.
ticks() { local t=0 name; for name in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/${pid[$name]}/stat"))); done; echo "$t"; }
declare -A cpu=()
measure() { # measure NAME PORT PROCESS...
  local name=$1 port=$2; shift 2
  wrk -t2 -c"$connections" -d"${WARMUP:-20}s" "http://127.0.0.1:$port/" >/dev/null
  local before; before=$(ticks "$@")
  local out; out=$(wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port/")
  local used=$(($(ticks "$@") - before))
  set -- "$name" "$port"
  grep -qE "Non-2xx|Socket errors" <<<"$out" && echo "   ($1: $(grep -E 'Non-2xx|Socket errors' <<<"$out" | tr -s ' '))"
  rps[$1]=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  p50[$1]=$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)
  p99[$1]=$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)
  local requests; requests=$(awk '/requests in/ {print $1}' <<<"$out")
  cpu[$1]=$(awk -v t="$used" -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { printf "%.0f", (n > 0 ? t / hz * 1e6 / n : 0) }')
  echo "   $1: ${rps[$1]} req/s, p50 ${p50[$1]} ms, p99 ${p99[$1]} ms, ${cpu[$1]} us CPU per request in the proxies"
}
echo "== wrk -t2 -c$connections -d${duration}s --latency, HTTP/1.1 GET /"
declare -A port_of=([direct]=$backend [haproxy]=$haproxy_in [sidecars]=$up_local [gateways]=$up_peer)
declare -A proxies_of=([direct]="" [haproxy]="haproxy-hop1 haproxy-hop2" [sidecars]="sidecar-caller-1 sidecar-backend"
  [gateways]="sidecar-caller-2 gateway-2 gateway-1 sidecar-backend")
for path in ${PATHS:-direct haproxy sidecars gateways}; do
  # shellcheck disable=SC2086 # the process names are words
  measure "$path" "${port_of[$path]}" ${proxies_of[$path]}
done
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f %%", 100 * a / b }'; }
hop() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { printf "%.2f", (a - b) / n }'; }
[[ -n ${PATHS:-} ]] && exit 0  # the table and the ratios need every path
echo
echo "| path | hops | req/s | p50 ms | p99 ms |"
echo "|---|---|---|---|---|"
echo "| direct | 0 | ${rps[direct]} | ${p50[direct]} | ${p99[direct]} |"
echo "| HAProxy -> TLS -> HAProxy | 2 | ${rps[haproxy]} | ${p50[haproxy]} | ${p99[haproxy]} |"
echo "| sidecar -> mTLS -> sidecar | 2 | ${rps[sidecars]} | ${p50[sidecars]} | ${p99[sidecars]} |"
echo "| sidecar -> gateway -> gateway -> sidecar | 4 | ${rps[gateways]} | ${p50[gateways]} | ${p99[gateways]} |"
echo
echo "sidecars vs HAProxy: $(ratio "${rps[sidecars]}" "${rps[haproxy]}") of the requests/s; CPU per request ${cpu[sidecars]} us vs ${cpu[haproxy]} us"
echo "added p50 per hop: HAProxy $(hop "${p50[haproxy]}" "${p50[direct]}" 2) ms, sidecars $(hop "${p50[sidecars]}" "${p50[direct]}" 2) ms, gateway path $(hop "${p50[gateways]}" "${p50[direct]}" 4) ms"
