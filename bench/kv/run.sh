#!/usr/bin/env bash
# The KV benchmark (#12): KV puts (committed) and gets per second on one Parley server and, in the same run, one etcd
# member doing puts and ranges of the same keys and 64-byte values (etcd's v3 JSON gateway). Target: Parley at least
# etcd's rate. Runs with 1 and --clients concurrent clients; prints a Markdown table.
#
# Usage:  bench/kv/run.sh [--requests N (2000)] [--warmup N (200)] [--clients N (32)] [--etcd PATH|none] [--smoke]
#   PARLEY   the parley executable (default src/Parley.Cli/bin/Release/net10.0/parley)
# Needs etcd on the PATH for the anchor rows (apt-get install -y etcd-server). --smoke: a few requests per run, every
# answer checked (test.sh runs it). Take figures on a quiet machine: the load average is printed before and after.
set -euo pipefail
cd "$(dirname "$0")/../.."
args=()
while (($#)); do
  case $1 in
    --requests) args+=(--writes "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[[ -n ${PARLEY:-} ]] && args+=(--parley "$PARLEY")
dotnet build bench/Parley.ClusterBench -c Release -nologo -clp:ErrorsOnly -v q >/dev/null
dotnet build src/Parley.Cli -c Release -nologo -clp:ErrorsOnly -v q >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
code=0
dotnet bench/Parley.ClusterBench/bin/Release/net10.0/Parley.ClusterBench.dll kv "${args[@]}" || code=$?
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $code
