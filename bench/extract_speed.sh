#!/usr/bin/env bash
# The speed of `oborot extract` as a user runs it, on one core and on all of
# them, against the physical floor of a pass that reads every character
# (`wc -m` on the same file), all in one run:
#
#   bench/extract_speed.sh [BUILD=build] [MB=50] [THREADS=nproc] [FORMAT=jsonl]
#
# Writes the generated corpus (bench/corpus.h, seed 20240610) once to
# ${TMPDIR:-/tmp}/oborot_corpus_MBmb.jsonl (FORMAT=dir: a directory of files,
# with its Windows-1251 documents and HTML pages; FORMAT=pages: JSONL of whole
# news-site pages; FORMAT=warc: a .warc.gz of such pages), warms the page cache,
# then times `wc -m`, `oborot extract --threads 1` and `--threads THREADS`
# (each writing its JSONL to a file) and prints for each: wall seconds, CPU
# seconds (user + system), MB/s of input over wall time and per CPU second,
# peak RSS, and the wall and CPU time relative to `wc -m` (counting UTF-8
# characters, LC_ALL=C.UTF-8); then the scaling ratio (wall
# time with 1 thread / with THREADS) and whether the two outputs are
# byte-identical (cmp). MB are 10^6 bytes of the input file (for a WARC: of
# the uncompressed pages, as the corpus generator counts them).
#
# On a shared machine wall times depend on what else runs: the script prints
# the load average before and after; compare runs taken when it was low.
# Not part of the test suite.
set -euo pipefail
build=${1:-build}
mb=${2:-50}
threads=${3:-$(nproc)}
format=${4:-jsonl}
bin=$build/oborot
gen=$build/bench/oborot_corpus_gen
timer=/usr/bin/time
[[ -x $bin && -x $gen ]] || { echo "build oborot and oborot_corpus_gen first" >&2; exit 2; }
[[ -x $timer ]] || { echo "needs GNU time (Debian: time)" >&2; exit 2; }
tmp=${TMPDIR:-/tmp}
case $format in
  jsonl) corpus=$tmp/oborot_corpus_${mb}mb.jsonl; flags=() ;;
  pages) corpus=$tmp/oborot_pages_${mb}mb.jsonl; flags=(--pages) ;;
  warc) corpus=$tmp/oborot_pages_${mb}mb.warc.gz; flags=() ;;
  dir) corpus=$tmp/oborot_corpus_${mb}mb; flags=() ;;
  *) echo "FORMAT: jsonl, pages, warc or dir" >&2; exit 2 ;;
esac
if [[ ! -e $corpus || ! -e $corpus.info ]]; then
  rm -rf "$corpus"
  "$gen" --mb "$mb" "${flags[@]}" "$corpus" >"$corpus.info"
fi
input_mb=$(awk '{for (i = 1; i < NF; i++) if ($(i + 1) == "MB") print $i}' "$corpus.info")
disk_bytes=$(du -sb "$corpus" | cut -f1)
echo "corpus: $corpus ($(cat "$corpus.info"); $((disk_bytes / 1000000)) MB on disk)"
echo "machine: $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
# Label the binary timed, not the checkout the script sits in: the source tree
# the build directory was configured from, and whether it had local changes.
src=$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build/CMakeCache.txt" 2>/dev/null || true)
rev=unknown
if [[ -n $src ]] && rev=$(git -C "$src" rev-parse --short HEAD 2>/dev/null); then
  git -C "$src" diff --quiet HEAD 2>/dev/null || rev="$rev+local changes"
fi
echo "oborot: $("$bin" --version 2>/dev/null | head -1), built from $src at $rev"

# Page cache warm for every run alike.
if [[ -d $corpus ]]; then cat "$corpus"/* >/dev/null; else cat "$corpus" >/dev/null; fi
out=$tmp/oborot_speed_$$
trap 'rm -f "$out".*' EXIT

# run NAME CMD...: prints one row; sets wall_NAME.
declare -A wall
run() {
  local name=$1
  shift
  "$timer" -f "%e %U %S %M" -o "$out.time" "$@" >/dev/null 2>"$out.err" || true
  local e u s m
  read -r e u s m < <(tail -n 1 "$out.time")
  wall[$name]=$e
  local c
  c=$(echo "$u + $s" | bc)
  cpu[$name]=$c
  awk -v n="$name" -v e="$e" -v c="$c" -v m="$m" -v mb="$input_mb" -v w="${wall[wc]:-$e}" -v wc="${cpu[wc]:-$c}" \
    'function r(x, y) { return y > 0 ? x / y : 0 }
     BEGIN { printf "%-22s %8.2f %8.2f %9.1f %9.1f %8.1f %8.1fx %8.1fx\n", n, e, c, r(mb, e), r(mb, c), m / 1024,
             r(e, w), r(c, wc) }'
}
declare -A cpu

printf "%-22s %8s %8s %9s %9s %8s %9s %9s\n" "" "wall s" "CPU s" "MB/s" "MB/CPU-s" "peak MB" "wall/wc" "CPU/wc"
if [[ -d $corpus ]]; then
  run wc sh -c "cat '$corpus'/* | LC_ALL=C.UTF-8 wc -m"
else
  case $corpus in
    *.gz) run wc sh -c "zcat '$corpus' | LC_ALL=C.UTF-8 wc -m" ;;
    *) run wc env LC_ALL=C.UTF-8 wc -m "$corpus" ;;
  esac
fi
run "extract --threads 1" "$bin" extract --quiet --threads 1 --out "$out.1" "$corpus"
run "extract --threads $threads" "$bin" extract --quiet --threads "$threads" --out "$out.n" "$corpus"
awk -v a="${wall[extract --threads 1]}" -v b="${wall[extract --threads $threads]}" -v t="$threads" \
  'BEGIN { printf "scaling: %.2fx with %d threads (wall time of 1 thread / %d threads)\n", a / b, t, t }'
if cmp -s "$out.1" "$out.n"; then
  echo "output: identical for 1 and $threads threads ($(wc -l <"$out.1") lines, $(($(stat -c %s "$out.1") / 1000000)) MB)"
else
  echo "output: DIFFERS between 1 and $threads threads"
  exit 1
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
