#!/usr/bin/env bash
# The ACL cost benchmark (#11): requests/s and latency of GET /v1/health/service/x on two agents in one run, one
# with ACLs off and one with acl { enabled = true, default_policy = "deny" } read with a token holding 50 policies
# (one grants service "x" and the nodes; 49 grant keys and other services, so resolving the token merges them all).
# Both agents hold the same 10 instances of x. Target: the ACL-on rate at least 90 % of the ACL-off rate (resolved
# tokens are cached until the ACL tables' index moves).
#
# Usage:  bench/acl/run.sh [seconds per agent, default 15] [connections, default 16]
#   PARLEY   the parley executable (default src/Parley.Cli/bin/Release/net10.0/parley; build it with -c Release)
#   WARMUP   seconds of load before each measured run (default 10)
# Needs wrk, curl, jq. Ports 28xxx. It prints the load average before and after: run it on a quiet machine.
set -uo pipefail
cd "$(dirname "$0")/../.."
PARLEY=${PARLEY:-src/Parley.Cli/bin/Release/net10.0/parley}
duration=${1:-15}
connections=${2:-16}
warmup=${WARMUP:-10}
root=9c3b1d2e-6a4f-4e0b-9d8c-7f1a2b3c4d5e
for tool in wrk curl jq; do
  command -v "$tool" >/dev/null || { echo "acl bench: $tool is missing (apt-get install -y $tool)" >&2; exit 2; }
done
[[ -x $PARLEY ]] || { echo "acl bench: no parley at $PARLEY; dotnet build src/Parley.Cli -c Release" >&2; exit 2; }

work=$(mktemp -d)
declare -A pid=()
cleanup() { for p in "${pid[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# agent "off" listens on 28500, agent "on" on 28600
http() { [[ $1 == off ]] && echo "http://127.0.0.1:28500" || echo "http://127.0.0.1:28600"; }
put() { curl -sf -X PUT -H "X-Consul-Token: $root" "$(http "$1")$2" --data-binary @- || { echo "PUT $2 on $1 failed" >&2; exit 1; }; }
until_ok() { local deadline=$((SECONDS + $1)); shift; until "$@" >/dev/null 2>&1; do ((SECONDS < deadline)) || return 1; sleep 0.3; done; }

echo "== machine: $(nproc) cores, $(grep MemTotal /proc/meminfo | awk '{printf "%.0f GiB", $2/1048576}'); $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

cat >"$work/acl.hcl" <<HCL
acl {
  enabled = true
  default_policy = "deny"
  tokens { initial_management = "$root" }
}
HCL
for which in off on; do
  port=$([[ $which == off ]] && echo 285 || echo 286)
  extra=()
  [[ $which == on ]] && extra=(-config-file "$work/acl.hcl")
  "$PARLEY" agent -dev -node "bench-$which" -log-level warn -http-port "${port}00" -grpc-port "${port}02" \
    -grpc-tls-port "${port}03" -server-port "${port}10" -dns-port -1 "${extra[@]}" >"$work/$which.log" 2>&1 &
  pid[$which]=$!
done
until_ok 60 curl -sf "$(http on)/v1/acl/token/self" -H "X-Consul-Token: $root" || { echo "the management token never appeared" >&2; exit 1; }
for which in off on; do
  until_ok 60 curl -sf "$(http "$which")/v1/status/leader" || { echo "agent $which has no leader" >&2; cat "$work/$which.log" >&2; exit 1; }
  for i in $(seq 1 10); do
    put "$which" /v1/catalog/register >/dev/null <<<"{\"Node\":\"n$i\",\"Address\":\"10.0.0.$i\",\"Service\":{\"ID\":\"x-$i\",\"Service\":\"x\",\"Port\":8080},\"Check\":{\"CheckID\":\"c$i\",\"Name\":\"c$i\",\"Status\":\"passing\",\"ServiceID\":\"x-$i\"}}"
  done
done

# 50 policies: p0 grants what the read needs, p1..p49 grant other things (keys, other services) so all of them merge.
links=""
for i in $(seq 0 49); do
  if ((i == 0)); then
    rules=$'service "x" { policy = "read" }\nnode_prefix "" { policy = "read" }'
  else
    rules="key_prefix \"app$i/\" { policy = \"write\" }"$'\n'"service \"svc-$i\" { policy = \"read\" }"$'\n'"service_prefix \"team$i-\" { policy = \"write\" }"
  fi
  jq -n --arg name "bench-p$i" --arg rules "$rules" '{Name: $name, Rules: $rules}' | put on /v1/acl/policy >/dev/null
  links+="${links:+,}{\"Name\":\"bench-p$i\"}"
done
secret=$(put on /v1/acl/token <<<"{\"Description\":\"bench\",\"Policies\":[$links]}" | jq -r .SecretID)
policies=$(curl -sf -H "X-Consul-Token: $secret" "$(http on)/v1/acl/token/self" | jq '.Policies | length')
rows_on=$(curl -sf -H "X-Consul-Token: $secret" "$(http on)/v1/health/service/x" | jq length)
rows_off=$(curl -sf "$(http off)/v1/health/service/x" | jq length)
echo "== token with $policies policies; rows: ACL on $rows_on, ACL off $rows_off"
[[ $rows_on == 10 && $rows_off == 10 && $policies == 50 ]] || { echo "setup is wrong" >&2; exit 1; }

measure() { # measure NAME URL [header]
  local name=$1 url=$2; shift 2
  wrk -t2 -c"$connections" -d"${warmup}s" "$@" "$url" >/dev/null
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" "$url" >"$work/$name.wrk"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$work/$name.wrk")
  p50=$(awk '$1 == "50%" {print $2}' "$work/$name.wrk")
  p99=$(awk '$1 == "99%" {print $2}' "$work/$name.wrk")
  errors=$(awk '/Non-2xx/ {print $5}' "$work/$name.wrk")
  printf '| %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "${errors:-0}"
  echo "$rps" >"$work/$name.rps"
}
echo
echo "| agent | requests/s | p50 | p99 | non-2xx |"
echo "|---|---:|---:|---:|---:|"
measure "ACL off" "$(http off)/v1/health/service/x"
measure "ACL on, 50 policies" "$(http on)/v1/health/service/x" -H "X-Consul-Token: $secret"
echo
awk -v on="$(cat "$work/ACL on, 50 policies.rps")" -v off="$(cat "$work/ACL off.rps")" \
  'BEGIN { printf "== ACL on / ACL off = %.1f %% (target >= 90 %%)\n", 100 * on / off }'
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
