#!/usr/bin/env bash
# Load test of `oborot serve` with wrk: 200 concurrent connections for 10 s
# each against /api/parties, a party page's data (/api/parties/RU-KLU), the
# page itself and /api/parties again with Accept-Encoding: gzip, on a
# knowledge base built from the bundled sample corpus.
# Prints p50/p99 latency and requests/s per endpoint; the goal is p99 < 20 ms.
# Loopback only; the server runs with --rate 0 (no per-IP limit, since every
# wrk connection comes from 127.0.0.1).
#
# wrk runs on the same machine as the server. With two or more cores (and
# taskset, from util-linux) the two are pinned apart: the server to core 0
# with one event thread, wrk to core 1 with one thread, so that the load
# generator does not take the server's core in the middle of a request.
# Unpinned (one core, or OBOROT_BENCH_PIN=0) wrk uses two threads and both
# compete for every core (see bench/RESULTS.md, "Dashboard under load").
#
#   bench/serve_load.sh [build/oborot] [--strict]    # --strict: exit 1 when a p99 misses the goal
#   OBOROT_SERVE_ARGS="--threads 2" bench/serve_load.sh   # extra `oborot serve` options
#   OBOROT_BENCH_PIN=0 bench/serve_load.sh               # no pinning
#   OBOROT_BENCH_DURATION=30s OBOROT_BENCH_CONNECTIONS=400 bench/serve_load.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bin="$root/build/oborot"
strict=0
for arg in "$@"; do
  if [[ $arg == --strict ]]; then strict=1; else bin="$arg"; fi
done
bin="$(realpath "$bin")"
duration=${OBOROT_BENCH_DURATION:-10s}
connections=${OBOROT_BENCH_CONNECTIONS:-200}
goal_ms=20

if ! command -v wrk >/dev/null; then
  sudo=""; [[ $(id -u) != 0 ]] && sudo="sudo"
  $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
[[ -x $bin ]] || { echo "serve_load: no oborot binary at $bin" >&2; exit 2; }

pin=${OBOROT_BENCH_PIN:-1}
server_cmd=("$bin")
wrk_cmd=(wrk -t2)
if [[ $pin == 1 ]] && command -v taskset >/dev/null && (($(nproc) >= 2)); then
  server_cmd=(taskset -c 0 "$bin")
  wrk_cmd=(taskset -c 1 wrk -t1)
  serve_args=(--threads 1)
  echo "server on core 0 (one event thread), wrk on core 1 (one thread)"
else
  serve_args=()
  echo "unpinned: server and wrk (two threads) share every core"
fi

work="$(mktemp -d)"
server=""
cleanup() { [[ -n $server ]] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
"$bin" ingest --quiet --db "$work/bench.db" "$root/data/sample"
"${server_cmd[@]}" serve --db "$work/bench.db" --port 0 --rate 0 "${serve_args[@]}" ${OBOROT_SERVE_ARGS:-} \
  >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do grep -q "http://" "$work/serve.log" && break; sleep 0.1; done
base="$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log")"
[[ -n $base ]] || { echo "serve_load: server did not start: $(cat "$work/serve.log")" >&2; exit 1; }

# wrk prints latencies as 1.23ms / 456.00us / 1.02s: convert to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }

missed=0
printf '%-24s %10s %10s %12s %8s\n' endpoint p50_ms p99_ms requests/s errors
# The last row asks as browsers do (Accept-Encoding: gzip): the overview's
# answer then goes out gzipped, as compressed once when it was computed.
for row in /api/parties /api/parties/RU-KLU / "/api/parties gzip"; do
  path="${row%% *}"
  headers=()
  [[ $row == *gzip ]] && headers=(-H "Accept-Encoding: gzip")
  "${wrk_cmd[@]}" -c"$connections" -d2s "${headers[@]}" "$base$path" >/dev/null  # warm-up: connections, cache
  out="$("${wrk_cmd[@]}" -c"$connections" -d"$duration" --latency "${headers[@]}" "$base$path")"
  p50="$(to_ms "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
  rps="$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/ { sub(/^ +/, ""); printf "%s; ", $0 }' <<<"$out")"
  printf '%-24s %10s %10s %12s %8s\n' "$row" "$p50" "$p99" "$rps" "${errors:-0}"
  if awk -v p="$p99" -v g="$goal_ms" 'BEGIN { exit !(p >= g) }'; then missed=1; fi
done
if ((missed)); then
  echo "p99 goal (< ${goal_ms} ms): missed"
  ((strict)) && exit 1
else
  echo "p99 goal (< ${goal_ms} ms): met"
fi
