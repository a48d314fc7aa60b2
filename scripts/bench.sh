#!/usr/bin/env bash
# Throughput benchmark on the Article-Bias-Prediction corpus (37,554 real
# articles, ../shared/data/abp-articles.jsonl.gz). The publishers' text is
# never copied into the repository: the samples are made in a temporary
# directory and removed afterwards.
#
#   scripts/bench.sh            5,000, 10,000, 20,000 and all articles
#   scripts/bench.sh --smoke    200 articles (CI)
#   scripts/bench.sh 1000 3000  any sizes ("all" for the whole corpus)
#
# Prints one row per size: documents, MB of text, wall seconds, documents/s,
# MB/s, peak memory (GNU time), events formed and findings. When both 10,000
# and all articles were run, it prints how many times longer the whole corpus
# took, flagged when over 4.5 (time should grow near-linearly: 3.76 times the
# documents). The lead regenerates the README's table with
#   scripts/bench.sh | tee bench.md
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${CLAIMDIFF_CORPUS:-../shared/data/abp-articles.jsonl.gz}
bin=${CLAIMDIFF_BIN:-${CARGO_TARGET_DIR:-target}/release/claimdiff}
if [ ! -f "$corpus" ]; then
  echo "bench: $corpus not found; skipping" >&2
  exit 0
fi
sizes=("$@")
if [ "${1:-}" = "--smoke" ]; then
  sizes=(200)
elif [ ${#sizes[@]} -eq 0 ]; then
  sizes=(5000 10000 20000 all)
fi
if [ ! -x "$bin" ]; then
  cargo build --release --locked >&2
fi
timer=/usr/bin/time
if [ ! -x "$timer" ]; then
  echo "bench: GNU time (/usr/bin/time) is needed for peak memory" >&2
  exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf 'machine: %s (%s), %s cores, %s GB; load average before: %s\n' \
  "$(uname -m)" "$(awk -F': *' '/model name/ {print $2; exit}' /proc/cpuinfo)" "$(nproc)" \
  "$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| documents | MB of text | wall s | documents/s | MB/s | peak memory MB | events formed | findings |\n'
printf '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n'
for n in "${sizes[@]}"; do
  # Every size is read compressed, as a desk would read its intake: the
  # whole corpus as it is, the first n articles recompressed, so that
  # decompression (on the reader thread, beside the workers) is in every
  # row and the rows compare like with like.
  sample="$tmp/abp-$n.jsonl.gz"
  if [ "$n" = all ]; then
    ln -s "$(realpath "$corpus")" "$sample"
  else
    zcat "$corpus" | head -n "$n" | gzip -1 > "$sample" || true
  fi
  read -r docs mb < <(zcat "$sample" | python3 scripts/text_size.py)
  "$timer" -f '%e %M' -o "$tmp/time" \
    "$bin" compare --no-config --exit-zero --timings --format json "$sample" \
    > "$tmp/out.json" 2> "$tmp/err"
  read -r wall peak_kb < "$tmp/time"
  events=$(awk -F': *' '/events formed/ {print $2}' "$tmp/err")
  findings=$(awk -F': *' '/^ *findings/ {print $2}' "$tmp/err")
  awk -v d="$docs" -v mb="$mb" -v w="$wall" -v k="$peak_kb" -v e="$events" -v f="$findings" \
    'BEGIN { printf "| %d | %.1f | %.1f | %.0f | %.2f | %.0f | %d | %d |\n", d, mb, w, d / w, mb / w, k / 1024, e, f }'
  rm -f "$sample" "$tmp/out.json"
  echo "$n $docs $wall" >> "$tmp/walls"
done

# Near-linear growth: the whole corpus against 10,000 articles.
if [ -f "$tmp/walls" ]; then
  awk '
    $1 == 10000 { d10 = $2; w10 = $3 }
    $1 == "all" { da = $2; wa = $3 }
    END {
      if (w10 > 0 && wa > 0) {
        r = wa / w10
        printf "\n%d versus %d articles: %.2f times the documents, %.2f times the time (limit 4.5): %s\n",
          da, d10, da / d10, r, (r <= 4.5 ? "ok, near-linear" : "FLAG: over 4.5, growth is worse than linear")
      }
    }' "$tmp/walls"
fi
