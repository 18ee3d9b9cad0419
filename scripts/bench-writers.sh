#!/usr/bin/env bash
# Times `ffmpeg -c copy` remuxing a generated H.264 (B-frames) + AAC MP4 of about 200 MB against our
# StandardWriter and HybridWriter writing the same samples (dev.bmff.benchmarks.WriterRemux reads them
# with SampleIndex). Each tool runs RUNS times on a warm page cache; the median wall time is reported,
# and every output is checked to hold as many packets as the source.
#
# Usage (from anywhere, after `mvn -q -B install -DskipTests`):
#   scripts/bench-writers.sh                  # source in a temporary directory, removed afterwards
#   WORK=/tmp/bench RUNS=5 scripts/bench-writers.sh   # keep (and reuse) the source in /tmp/bench
# Settings: DURATION (seconds of source, 136 gives about 200 MB), RUNS (3).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/bmff-benchmarks/target/benchmarks.jar
DURATION=${DURATION:-136}
RUNS=${RUNS:-3}
if [[ ! -f $JAR ]]; then
    echo "missing $JAR: build first (mvn -q -B install -DskipTests)" >&2
    exit 1
fi
for tool in ffmpeg ffprobe java; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
if [[ -n ${WORK:-} ]]; then
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d)
    trap 'rm -rf "$WORK"' EXIT
fi
SRC=$WORK/source.mp4

if [[ ! -f $SRC ]]; then
    echo "generating $SRC ($DURATION s of 720p25 H.264 with B-frames at 12 Mbit/s + AAC)..." >&2
    # Noise keeps the encoder at its bitrate, so the size is predictable: about 1.47 MB a second.
    ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=25" \
        -f lavfi -i "sine=frequency=440:sample_rate=48000" -t "$DURATION" -vf "noise=alls=30:allf=t" \
        -c:v libx264 -preset ultrafast -bf 2 -g 50 -b:v 12M -maxrate 12M -bufsize 6M \
        -c:a aac -b:a 128k "$SRC"
fi
SIZE=$(stat -c %s "$SRC")
packets() {
    ffprobe -v error -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$1" | paste -sd+ | bc
}
EXPECTED=$(packets "$SRC")

# Runs "$@" RUNS times; prints the median wall time in seconds.
median_time() {
    local times=()
    for _ in $(seq "$RUNS"); do
        cat "$SRC" >/dev/null # the source stays in the page cache: the figure is the writer's
        local t0 t1
        t0=$(date +%s.%N)
        "$@" >/dev/null 2>&1
        t1=$(date +%s.%N)
        times+=("$(echo "$t1 - $t0" | bc)")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f\n", a[int((NR + 1) / 2)]}'
}

check() {
    local got
    got=$(packets "$1")
    if [[ $got != "$EXPECTED" ]]; then
        echo "$1 holds $got packets, the source $EXPECTED" >&2
        exit 1
    fi
}

FFMPEG=$(median_time ffmpeg -nostdin -v error -y -i "$SRC" -map 0 -c copy "$WORK/ffmpeg.mp4")
check "$WORK/ffmpeg.mp4"
# Our writers force the file to the device (StandardWriter at close, HybridWriter after every fragment
# by default); ffmpeg does not. This row adds an fsync of ffmpeg's output, to compare like with like.
FFMPEG_SYNC=$(median_time sh -c 'ffmpeg -nostdin -v error -y -i "$1" -map 0 -c copy "$2" && sync "$2"' sh \
    "$SRC" "$WORK/ffmpeg.mp4")
STANDARD=$(median_time java -cp "$JAR" dev.bmff.benchmarks.WriterRemux standard "$SRC" "$WORK/standard.mp4")
check "$WORK/standard.mp4"
HYBRID=$(median_time java -cp "$JAR" dev.bmff.benchmarks.WriterRemux hybrid "$SRC" "$WORK/hybrid.mp4")
check "$WORK/hybrid.mp4"
# The JVM's start is part of the wall time above; this is the remux alone, as WriterRemux measures it.
# Median of RUNS runs of the remux as WriterRemux times it ("LAYOUT: N samples in S s").
median_inner() {
    for _ in $(seq "$RUNS"); do
        java -cp "$JAR" dev.bmff.benchmarks.WriterRemux "$1" "$SRC" "$WORK/$1.mp4" | awk '{print $(NF-1)}'
    done | sort -n | awk '{a[NR]=$1} END {printf "%.2f\n", a[int((NR + 1) / 2)]}'
}
INNER_STANDARD=$(median_inner standard)
INNER_HYBRID=$(median_inner hybrid)
JVM_START=$(median_time java -version)

mb=$(echo "scale=1; $SIZE / 1000000" | bc)
rate() { echo "scale=0; $SIZE / 1000000 / $1" | bc; }
echo "source: $mb MB, $EXPECTED packets, $RUNS runs each (median), $(date -u +%F)"
echo "| tool | wall time (s) | MB/s | remux alone, without JVM start (s) |"
echo "|---|---|---|---|"
echo "| ffmpeg -c copy | $FFMPEG | $(rate "$FFMPEG") | - |"
echo "| ffmpeg -c copy, then sync OUT | $FFMPEG_SYNC | $(rate "$FFMPEG_SYNC") | - |"
echo "| StandardWriter | $STANDARD | $(rate "$STANDARD") | $INNER_STANDARD |"
echo "| HybridWriter | $HYBRID | $(rate "$HYBRID") | $INNER_HYBRID |"
echo "(java -version alone: $JVM_START s)"
