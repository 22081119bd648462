#!/usr/bin/env bash
# Runs every test: installs the outside tools the tests need, then the whole suite in the
# release profile (the same build as `cargo run --release -- build`, so nothing builds twice).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-test-deps.sh
exec cargo test --release --all-targets "$@"
