#!/usr/bin/env bash
# The short benchmark profile of issue 7 (under 10 minutes on 2 cores), in one go so that every ratio
# comes from one run on one machine state:
#   1. the *ScanBenchmark JMH classes (baseline, reference, fast, scalar for every signature, on zero-heavy
#      CAVLC and noisy CABAC H.264, on the heap and in a loaded mapped file), JSON in $OUT/scan.json;
#   2. a whole-file scan through a FileChannel (dev.bmff.benchmarks.scan.FilePass) against
#      `dd bs=1M` of the same 1 GiB file from the page cache, dd before and after the Java passes;
#   3. the table of docs/benchmarks.md: GB/s and the ratios fast/baseline, fast/reference, scalar/baseline.
#
# Usage (from anywhere, after `mvn -B -q -DskipTests package`):
#   scripts/bench.sh
# Settings: OUT (bmff-benchmarks/target/bench), JMH_OPTS (extra JMH options, e.g. "-p data=cabac"),
# RUNS (whole-file passes of each kind, 5). Needs java 17, ffmpeg (the media is generated into
# bmff-benchmarks/target/scan-data on first use, never committed), dd and python3.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
JAR=bmff-benchmarks/target/benchmarks.jar
OUT=${OUT:-bmff-benchmarks/target/bench}
RUNS=${RUNS:-5}
if [[ ! -f $JAR ]]; then
    echo "missing $JAR: build first (mvn -B -q -DskipTests package)" >&2
    exit 1
fi
for tool in ffmpeg java dd python3; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
mkdir -p "$OUT"
start=$(date +%s)

echo "== generating the media (first run only)"
java -cp "$JAR" dev.bmff.benchmarks.scan.ScanData >/dev/null

echo "== JMH: *ScanBenchmark"
# Short: one fork, 1 warm-up and 2 measured iterations of 1 s per benchmark and parameter set.
# shellcheck disable=SC2086
# The machine may be shared: another JMH run holding /tmp/jmh.lock must not stop this one.
java -Djmh.ignoreLock=true -jar "$JAR" 'ScanBenchmark' -f 1 -wi 1 -i 2 -w 1s -r 1s -rf json -rff "$OUT/scan.json" ${JMH_OPTS:-} \
    > "$OUT/scan.log"
tail -n 3 "$OUT/scan.log"

echo "== whole-file pass against dd bs=1M"
DATA=bmff-benchmarks/target/scan-data
BIG=$DATA/whole-1g.bin
if [[ ! -f $BIG ]]; then
    # 1 GiB: the noisy CABAC MP4 data sixteen times.
    for _ in $(seq 16); do cat "$DATA/cabac-mp4.bin"; done > "$BIG.part"
    mv "$BIG.part" "$BIG"
fi
cat "$BIG" > /dev/null   # into the page cache
dd_runs() {
    for _ in $(seq "$RUNS"); do
        # dd's last line: "N bytes (...) copied, S s, R GB/s"
        dd if="$BIG" of=/dev/null bs=1M 2>&1 | awk -v n="$(stat -c %s "$BIG")" '/copied/ {
            for (i = 1; i <= NF; i++) if ($(i) == "s,") { printf "%.3f\n", n / $(i - 1) / 1e9 } }'
    done
}
dd_runs > "$OUT/dd.txt"
java --add-modules jdk.incubator.vector -cp "$JAR" dev.bmff.benchmarks.scan.FilePass "$BIG" "$RUNS" \
    2>/dev/null > "$OUT/filepass.txt"
dd_runs >> "$OUT/dd.txt"

echo "== results"
python3 - "$OUT/scan.json" "$OUT/dd.txt" "$OUT/filepass.txt" <<'PY'
import json, statistics, sys
MIB = 1 << 20
runs = json.load(open(sys.argv[1]))
score = {}
for r in runs:
    cls, method = r["benchmark"].rsplit(".", 2)[-2:]
    key = (cls.replace("ScanBenchmark", ""), r["params"]["data"], r["params"]["memory"])
    score.setdefault(key, {})[method] = MIB / 1e6 / r["primaryMetric"]["score"]   # ms per MiB -> GB/s
order = ["StartCode", "AvcAud", "HevcAud", "Rtmd", "BoxHeader"]
print("| scanner | data | memory | baseline GB/s | fast GB/s | scalar GB/s | reference GB/s "
      "| fast/baseline (>= 0.6) | fast/reference (>= 8) | scalar/baseline (>= 0.25) |")
print("|---|---|---|---|---|---|---|---|---|---|")
missed = []
for key in sorted(score, key=lambda k: (order.index(k[0]) if k[0] in order else 99, k[1], k[2])):
    s = score[key]
    if not all(m in s for m in ("baseline", "fast", "scalar", "reference")):
        continue
    fb, fr, sb = s["fast"] / s["baseline"], s["fast"] / s["reference"], s["scalar"] / s["baseline"]
    mark = lambda v, t: ("%.2f" % v) + ("" if v >= t else " (no)")
    for name, v, t in (("fast/baseline", fb, 0.6), ("fast/reference", fr, 8), ("scalar/baseline", sb, 0.25)):
        if v < t:
            missed.append("%s %s %s: %s %.2f" % (key + (name, v)))
    print("| %s | %s | %s | %.2f | %.2f | %.2f | %.3f | %s | %s | %s |" % (key + (
        s["baseline"], s["fast"], s["scalar"], s["reference"], mark(fb, 0.6), mark(fr, 8), mark(sb, 0.25))))
dd = [float(x) for x in open(sys.argv[2]).read().split()]
print()
print("| whole-file pass, 1 GiB from the page cache | median GB/s | best GB/s | vs median of dd (>= 0.5) |")
print("|---|---|---|---|")
ddm = statistics.median(dd)
print("| dd bs=1M (%d runs, before and after) | %.2f | %.2f | 1.00 |" % (len(dd), ddm, max(dd)))
for line in open(sys.argv[3]):
    mode, med, best, matches, kernel = line.split()
    ratio = float(med) / ddm
    if ratio < 0.5:
        missed.append("whole-file %s: %.2f of dd" % (mode, ratio))
    print("| ChannelScanner (%s windows, H.264 AUD, %s kernel, %s matches) | %s | %s | %s |" % (
        mode, kernel, matches, med, best, ("%.2f" % ratio) + ("" if ratio >= 0.5 else " (no)")))
print()
print("targets missed in this run: " + ("none" if not missed else "; ".join(missed)))
PY
echo "(bench.sh took $(( $(date +%s) - start )) s)"
