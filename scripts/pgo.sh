#!/usr/bin/env bash
# Builds claimdiff with profile-guided optimization: an instrumented build
# runs a training set, and the release build is optimized with what it
# recorded (branch layout, inlining). It is an ordinary release build
# otherwise, with the same output; only faster.
#
#   scripts/pgo.sh            builds target/pgo/release/claimdiff
#   CLAIMDIFF_BIN=target/pgo/release/claimdiff scripts/bench.sh
#
# Training set: the seeds, the public cases, the fixtures, and the first
# 2,000 articles of the benchmark corpus when ../shared/data has it.
# Needs rustup's llvm-tools component (for llvm-profdata), which it installs.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CLAIMDIFF_CORPUS:-../shared/data/abp-articles.jsonl.gz}
target=${CARGO_TARGET_DIR:-target}/pgo
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  rustup component add llvm-tools >&2
fi

profiles=$(mktemp -d)
trap 'rm -rf "$profiles"' EXIT

echo "pgo: instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$profiles/raw" \
  cargo build --release --locked --target-dir "$target/generate" >&2
trainer="$target/generate/release/claimdiff"

echo "pgo: training" >&2
# Some fixtures are bad input on purpose (exit status 2): that is trained too.
train() { "$trainer" compare --no-config --exit-zero --format json "$@" > /dev/null 2>&1 || true; }
train seeds
[ -d ../shared/cases ] && train ../shared/cases/*/
train fixtures/*/*/
if [ -f "$corpus" ]; then
  zcat "$corpus" | head -n 2000 > "$profiles/sample.jsonl" || true
  train "$profiles/sample.jsonl"
fi

"$profdata" merge -o "$profiles/merged.profdata" "$profiles/raw"

echo "pgo: optimized build" >&2
RUSTFLAGS="-Cprofile-use=$profiles/merged.profdata" \
  cargo build --release --locked --target-dir "$target" >&2
echo "$target/release/claimdiff"
