#!/usr/bin/env bash
# Whole `bmff` commands beside the tools a user would run instead, in one run, page cache warm:
#   - start-up: `bmff samples` and `bmff verify` of a small and a 1.2 GB file through the launcher
#     (bmff-cli/target/bmff: class-data-sharing archive, short-run flags) and as `java -jar bmff.jar`;
#   - `bmff samples` of the 1.2 GB MP4 beside `ffprobe -show_packets` (both print every packet);
#   - `bmff record` of the same video as 1.2 GB of Annex B H.264 into a hybrid MP4 (fragments forced to the
#     device as they are written, then finalized; and with `--sync-every never`) beside `ffmpeg -c copy` into
#     an MP4, and beside `ffmpeg -c copy` followed by `sync` of its output (our recorder forces; ffmpeg does
#     not). RECORD_BEFORE=DIR adds the launcher in DIR (a copy of another build's bmff, bmff.jar, bmff.jsa)
#     as "bmff record (before)". The record commands take turns: RECORD_RUNS rounds of one run of each, so a
#     change in the host's load (other builds on the machine) falls on all of them alike.
# Prints one markdown table: mean wall time and CPU (user + system) of each command, and each row's ratio
# to its peer measured in the same run. Outputs are checked (same packets as the source; a record of the
# same frames as ffmpeg's).
#
# Usage, after `mvn -B -q -DskipTests package`:
#   scripts/bench-cli.sh                         # media in target/bench-cli (made once, about 2.5 GB)
#   RUNS=10 RECORD_RUNS=3 WORK=/tmp/b scripts/bench-cli.sh
#   RECORD_BEFORE=/tmp/main-bmff RECORD_RUNS=8 scripts/bench-cli.sh   # A/B against another build
# Needs java 17, ffmpeg, ffprobe, hyperfine (apt-get install -y hyperfine) and python3.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BMFF=$ROOT/bmff-cli/target/bmff
JAR=$ROOT/bmff-cli/target/bmff.jar
WORK=${WORK:-$ROOT/target/bench-cli}
RUNS=${RUNS:-10}
RECORD_RUNS=${RECORD_RUNS:-3}
for f in "$BMFF" "$JAR"; do
    [[ -f $f ]] || { echo "missing $f: build first (mvn -B -q -DskipTests package)" >&2; exit 1; }
done
for tool in java ffmpeg ffprobe hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
mkdir -p "$WORK"
SMALL=$ROOT/fixtures/h264-aac.mp4
SEED=$WORK/seed.mp4
BIG=$WORK/big.mp4
ANNEXB=$WORK/big.h264

if [[ ! -f $BIG || ! -f $ANNEXB ]]; then
    echo "generating $BIG and $ANNEXB (720p25 H.264 with B-frames at 12 Mbit/s + AAC, 40 s repeated 20 times)" >&2
    ffmpeg -nostdin -v error -y -f lavfi -i "testsrc2=size=1280x720:rate=25" \
        -f lavfi -i "sine=frequency=440:sample_rate=48000" -t 40 -vf "noise=alls=30:allf=t" \
        -c:v libx264 -preset ultrafast -bf 2 -g 50 -b:v 12M -maxrate 12M -bufsize 6M \
        -c:a aac -b:a 128k "$SEED"
    ffmpeg -nostdin -v error -y -stream_loop 19 -i "$SEED" -map 0 -c copy "$BIG"
    ffmpeg -nostdin -v error -y -i "$BIG" -map 0:v -c:v copy -bsf:v h264_mp4toannexb -f h264 "$ANNEXB"
fi
cat "$BIG" "$ANNEXB" >/dev/null # into the page cache

# The archive-less launcher: the same script beside a copy of the jar without bmff.jsa.
NOCDS=$WORK/no-archive
mkdir -p "$NOCDS"
cp "$BMFF" "$JAR" "$NOCDS/"
rm -f "$NOCDS/bmff.jsa"

OUT=$WORK/results
mkdir -p "$OUT"
bench() { # NAME RUNS COMMAND...: hyperfine's JSON in $OUT/NAME.json
    local name=$1 runs=$2
    shift 2
    hyperfine -N -w 1 -r "$runs" --output=null --export-json "$OUT/$name.json" "$@" >/dev/null
}

echo "start-up and samples ($RUNS runs each)..." >&2
bench small-samples "$RUNS" -n launcher "$BMFF samples $SMALL" -n "launcher, no archive" "$NOCDS/bmff samples $SMALL" \
    -n "java -jar" "java -jar $JAR samples $SMALL" -n ffprobe "ffprobe -v error -show_packets $SMALL"
bench small-verify "$RUNS" -n launcher "$BMFF verify $SMALL" -n "launcher, no archive" "$NOCDS/bmff verify $SMALL" \
    -n "java -jar" "java -jar $JAR verify $SMALL"
bench big-samples "$RUNS" -n launcher "$BMFF samples $BIG" -n "launcher, no archive" "$NOCDS/bmff samples $BIG" \
    -n "java -jar" "java -jar $JAR samples $BIG" -n ffprobe "ffprobe -v error -show_packets $BIG"
bench big-verify "$RUNS" -n launcher "$BMFF verify $BIG" -n "launcher, no archive" "$NOCDS/bmff verify $BIG" \
    -n "java -jar" "java -jar $JAR verify $BIG"

echo "record ($RECORD_RUNS runs each)..." >&2
REC=$WORK/record.mp4
FF=$WORK/ffmpeg.mp4
RECORD_COMMANDS=(-n "bmff record (launcher)" "$BMFF record --video $ANNEXB $REC"
    -n "bmff record --sync-every never" "$BMFF record --sync-every never --video $ANNEXB $REC")
if [[ -n ${RECORD_BEFORE:-} ]]; then
    RECORD_COMMANDS+=(-n "bmff record (before)" "$RECORD_BEFORE/bmff record --video $ANNEXB $REC")
fi
RECORD_COMMANDS+=(-n "ffmpeg -c copy" "ffmpeg -nostdin -v error -y -f h264 -framerate 25 -i $ANNEXB -c copy $FF"
    -n "ffmpeg -c copy, then sync" "sh -c 'ffmpeg -nostdin -v error -y -f h264 -framerate 25 -i $ANNEXB -c copy $FF && sync $FF'")
for round in $(seq 1 "$RECORD_RUNS"); do
    hyperfine -N -w 0 -r 1 --output=null --export-json "$OUT/record-$round.json" --prepare "rm -f $REC $FF" \
        "${RECORD_COMMANDS[@]}" >/dev/null
done
# The rounds as one result per command, in hyperfine's form.
python3 - "$OUT" "$RECORD_RUNS" <<'EOF'
import json, os, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
runs = {}
for i in range(1, rounds + 1):
    for r in json.load(open(os.path.join(out, "record-%d.json" % i)))["results"]:
        c = runs.setdefault(r["command"], {"times": [], "user": [], "system": []})
        c["times"] += r["times"]
        c["user"].append(r["user"])
        c["system"].append(r["system"])
results = [{"command": k, "mean": statistics.mean(v["times"]), "median": statistics.median(v["times"]),
            "stddev": statistics.stdev(v["times"]) if len(v["times"]) > 1 else 0,
            "user": statistics.mean(v["user"]), "system": statistics.mean(v["system"]), "times": v["times"]}
           for k, v in runs.items()]
json.dump({"results": results}, open(os.path.join(out, "record.json"), "w"), indent=1)
EOF
# The outputs hold the same pictures: as many, keyframes at the same places, and the same size for every
# other picture (ffmpeg keeps the SPS and PPS in each keyframe; we move them into avcC).
"$BMFF" record --video "$ANNEXB" "$REC" >/dev/null
ffmpeg -nostdin -v error -y -f h264 -framerate 25 -i "$ANNEXB" -c copy "$FF"
pictures() {
    ffprobe -v error -select_streams v -show_entries packet=size,flags -of csv=p=0 "$1" \
        | awk -F, '{ print ($2 ~ /K/) ? "key" : $1 }' | md5sum
}
[[ $(pictures "$REC") == "$(pictures "$FF")" ]] || { echo "record: not the pictures ffmpeg's output holds" >&2; exit 1; }

python3 - "$OUT" "$(du -m "$BIG" | cut -f1)" <<'EOF'
import json, sys, os
out, big_mb = sys.argv[1], sys.argv[2]
def load(name):
    return {r["command"]: r for r in json.load(open(os.path.join(out, name + ".json")))["results"]}
def row(work, r, peer_name, peer):
    mean, cpu = r["mean"], r["user"] + r["system"]
    ratio = "" if peer is None else "%.2f" % (mean / peer["mean"])
    cpu_ratio = "" if peer is None else "%.2f" % (cpu / (peer["user"] + peer["system"]))
    print("| %s | %s | %.3f ± %.3f | %.3f | %s | %s | %s |" % (work, r["command"], mean, r["stddev"] or 0, cpu,
          peer_name or "", ratio, cpu_ratio))
print("| work | command | wall s (mean ± sd) | CPU s (user+sys) | peer | wall / peer | CPU / peer |")
print("|---|---|---|---|---|---|---|")
for name, work, peer in [("small-samples", "samples, 56 kB file", "java -jar"),
                         ("small-verify", "verify, 56 kB file", "java -jar"),
                         ("big-samples", "samples, %s MB file" % big_mb, "java -jar"),
                         ("big-verify", "verify, %s MB file" % big_mb, "java -jar")]:
    rs = load(name)
    for cmd, r in rs.items():
        if cmd not in (peer, "ffprobe"):
            row(work, r, peer, rs[peer])
    row(work, rs[peer], None, None)
for name, work in [("small-samples", "samples, 56 kB file"), ("big-samples", "samples, %s MB file" % big_mb)]:
    rs = load(name)
    row(work, rs["launcher"], "ffprobe", rs["ffprobe"])
    row(work, rs["ffprobe"], None, None)
rs = load("record")
for ours in ["bmff record (launcher)", "bmff record --sync-every never", "bmff record (before)"]:
    if ours in rs:
        for peer in ["ffmpeg -c copy", "ffmpeg -c copy, then sync"]:
            row("record, Annex B -> hybrid MP4", rs[ours], peer, rs[peer])
row("record, Annex B -> MP4", rs["ffmpeg -c copy"], None, None)
row("record, Annex B -> MP4", rs["ffmpeg -c copy, then sync"], None, None)
EOF
echo "$(date -u +%F), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load average $(cut -d' ' -f1-3 /proc/loadavg)"
