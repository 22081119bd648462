#!/usr/bin/env bash
# Benchmarks sopdoc with hyperfine on generated corpora (examples/gen_corpus.rs).
#
#   bench/run.sh [html|pdf|all]
#
#   html (default)  check + build --format html
#   pdf             check + build --format pdf
#   all             check + build --format html + build --format pdf
#
# Corpora go to bench/.corpus/scale<N>/ (regenerated each run, same seed, same bytes), results to
# bench/results/scale<N>-<mode>.{md,json,csv}; both folders are git-ignored.
#
# Environment:
#   SCALES="1 10"   corpus scales (4 documents and ~65 000 words per unit)
#   SEED=42         corpus seed
#   WARMUP=2        hyperfine warm-up runs
#   RUNS=10         measured runs at scale 1 and below
#   RUNS_LARGE=5    measured runs at larger scales
#   SKIP_BUILD=1    do not run cargo (use the binaries already built)
#   SOPDOC=PATH     sopdoc binary (default: target/release/sopdoc)
#   GEN_CORPUS=PATH corpus generator (default: target/release/examples/gen_corpus)
set -euo pipefail

usage() { sed -n '2,23s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

mode=${1:-html}
case "$mode" in
  html | pdf | all) ;;
  -h | --help) usage; exit 0 ;;
  *) echo "bench/run.sh: unknown mode '$mode'" >&2; usage >&2; exit 2 ;;
esac

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
target_dir=${CARGO_TARGET_DIR:-$root/target}
corpus_root=$root/bench/.corpus
results_dir=$root/bench/results
scales=${SCALES:-1 10}
seed=${SEED:-42}
warmup=${WARMUP:-2}
runs=${RUNS:-10}
runs_large=${RUNS_LARGE:-5}

if ! command -v hyperfine >/dev/null 2>&1; then
  echo "bench: hyperfine is missing, installing it (Debian package hyperfine)" >&2
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get install -y hyperfine || { $sudo apt-get update && $sudo apt-get install -y hyperfine; }
fi

if [ -z "${SKIP_BUILD:-}" ]; then
  cargo build --release
  cargo build --release --example gen_corpus
fi
sopdoc=${SOPDOC:-$target_dir/release/sopdoc}
gen_corpus=${GEN_CORPUS:-$target_dir/release/examples/gen_corpus}
for bin in "$sopdoc" "$gen_corpus"; do
  [ -x "$bin" ] || { echo "bench: $bin not found (build it, or unset SKIP_BUILD)" >&2; exit 2; }
done

mkdir -p "$corpus_root" "$results_dir"
summary=()

for scale in $scales; do
  corpus=$corpus_root/scale$scale
  "$gen_corpus" "$corpus" --scale "$scale" --seed "$seed" --force
  rm -rf "$corpus/build"

  names=(check)
  cmds=("check")
  if [ "$mode" = html ] || [ "$mode" = all ]; then
    names+=(build-html)
    cmds+=("build --format html")
  fi
  if [ "$mode" = pdf ] || [ "$mode" = all ]; then
    names+=(build-pdf)
    cmds+=("build --format pdf")
  fi

  # One run of each command first: exit 1 (content errors) is still worth timing, anything
  # else means the binary cannot do the job and timing it would be meaningless.
  args=()
  ignore_failure=()
  for i in "${!cmds[@]}"; do
    # Word splitting of the subcommand is intended: "build --format html".
    # shellcheck disable=SC2206
    sub=(${cmds[$i]})
    rc=0
    "$sopdoc" --project "$corpus" --quiet "${sub[@]}" >/dev/null 2>"$results_dir/last-stderr.txt" || rc=$?
    case $rc in
      0) ;;
      1)
        echo "bench: '${cmds[$i]}' exits 1 (content errors) on scale $scale; timing it anyway" >&2
        ignore_failure=(--ignore-failure)
        ;;
      *)
        echo "bench: '${cmds[$i]}' failed with exit code $rc on scale $scale:" >&2
        head -n 20 "$results_dir/last-stderr.txt" >&2
        exit 1
        ;;
    esac
    args+=(--command-name "${names[$i]}"
      "$(printf '%q --project %q --quiet %s' "$sopdoc" "$corpus" "${cmds[$i]}")")
  done
  rm -f "$results_dir/last-stderr.txt"

  n=$runs
  [ "$scale" -le 1 ] || n=$runs_large
  out=$results_dir/scale$scale-$mode
  hyperfine --shell=none --warmup "$warmup" --runs "$n" "${ignore_failure[@]}" \
    --export-markdown "$out.md" --export-json "$out.json" --export-csv "$out.csv" \
    "${args[@]}"

  # CSV columns: command,mean,stddev,median,user,system,min,max (seconds).
  while IFS= read -r line; do
    summary+=("$line")
  done < <(awk -F, -v scale="$scale" 'NR > 1 {
      printf "scale %-3s %-11s median %8.1f ms   (mean %.1f ± %.1f ms, min %.1f, max %.1f)\n",
        scale, $1, $4 * 1000, $2 * 1000, $3 * 1000, $7 * 1000, $8 * 1000 }' "$out.csv")
done

echo
echo "Medians (results in ${results_dir#"$root"/}/):"
printf '  %s\n' "${summary[@]}"
