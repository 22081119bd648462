#!/usr/bin/env bash
# Runs each cargo-fuzz target for MINUTES minutes (default 3) with the nightly toolchain and
# the address sanitizer. Outside CI: the sanitizer build recompiles Typst (15-25 min cold).
# The fuzz crate is excluded from the workspace, so `cargo test` at the root never builds it.
# A crash is saved under fuzz/artifacts/TARGET/; turn it into an ordinary test on stable.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
minutes="${1:-3}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for target in $(cargo +nightly fuzz list); do
  mkdir -p "corpus/$target"
  echo "== $target ($minutes min)"
  nice -n 10 cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time=$((minutes * 60)) -max_len=65536
done
