#!/usr/bin/env bash
# Whole commands beside the programs a user would run instead (issue 16), in one run so that every ratio
# comes from one machine state: each bmff command and its peer are timed by hyperfine in the same
# invocation, as whole processes, with the page cache warm, and the table of docs/benchmarks.md is printed.
#
#   repair to a new file        bmff repair REF BROKEN OUT        vs  cp BROKEN COPY          (goal: cp/bmff >= 0.5)
#                                                                  and cp followed by `sync COPY` (as durable as ours)
#   repair in place             bmff repair --in-place ...        vs  dd if=BROKEN of=/dev/null (goal: >= 0.5)
#   the same two on 8 GiB       (ONLY=big, or BIG=1 with the rest): where the JVM's start no longer dominates
#   AAC-heavy repair            the same on low-bitrate video with 256 kbit/s AAC: the walk alone (the default),
#                               and with AAC lookahead threads on every core but one (-Dbmff.repair.helpers=N)
#   frag / defrag               bmff frag|defrag IN OUT           vs  ffmpeg -c copy          (goal: bmff/ffmpeg <= 1.0)
#                               and ffmpeg followed by sync (bmff forces its output before renaming it; ffmpeg does not)
#   finalize to a new file      bmff finalize TORN OUT            vs  ffmpeg -c copy of TORN  (no goal in the issue)
#
# The media is generated into target/bench-commands on first use (never committed): a 1 GiB 1080p H.264 +
# AAC recording that lost its moov (scripts/HugeBrokenFile.java repeating 2 s of noisy 1080p), a 256 MiB
# AAC-heavy one (10 s of 320x240 at 100 kbit/s and noise as 256 kbit/s AAC, repeated), about 230 MB of 1080p as
# a standard and as a fragmented MP4 (ffmpeg), and the fragmented one torn at 200 MB.
#
# Usage (after `mvn -B -q -DskipTests package`):
#   scripts/bench-commands.sh                 # everything, 5 runs each (about 5 minutes on 2 idle cores)
#   RUNS=10 ONLY=frag scripts/bench-commands.sh
# Settings: RUNS (timed runs per command, 5), WARMUP (1), ONLY (repair, inplace, aac, frag, finalize, big: one group),
# BIG (1: the 8 GiB group too; it needs 18 GB of disk and of page cache), OUT (target/bench-commands),
# BEFORE (another bmff.jar, e.g. a copy of main's: frag and defrag also run with it in the same hyperfine invocation,
# an A/B comparison that a busy machine cannot tilt). Needs java 17, ffmpeg, hyperfine (Debian: apt-get install
# hyperfine), python3.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/bmff-cli/target/bmff.jar
OUT=${OUT:-$ROOT/target/bench-commands}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
ONLY=${ONLY:-}
BEFORE=${BEFORE:-}
if [[ ! -f $JAR ]]; then
    echo "missing $JAR: build first (mvn -B -q -DskipTests package)" >&2
    exit 1
fi
for tool in ffmpeg java hyperfine python3 dd cp; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
mkdir -p "$OUT"
cd "$OUT"
BMFF=(java -jar "$JAR")

echo "== media (first run only) in $OUT" >&2
if [[ ! -f broken-1080.mp4 ]]; then
    ffmpeg -v error -nostdin -y -f lavfi -i "testsrc2=size=1920x1080:rate=25:duration=2" \
        -f lavfi -i sine=frequency=440:sample_rate=48000:duration=2 \
        -vf noise=alls=30:allf=t -c:v libx264 -preset ultrafast -g 25 -pix_fmt yuv420p \
        -c:a aac -b:a 128k -ac 2 ref-1080.mp4
    java "$ROOT/scripts/HugeBrokenFile.java" ref-1080.mp4 broken-1080.part $((1 << 30)) >/dev/null
    mv broken-1080.part broken-1080.mp4
fi
if [[ ! -f broken-aac.mp4 ]]; then
    ffmpeg -v error -nostdin -y -f lavfi -i "testsrc2=size=320x240:rate=25:duration=10" \
        -f lavfi -i "anoisesrc=sample_rate=48000:duration=10:amplitude=0.3" \
        -f lavfi -i "sine=frequency=440:sample_rate=48000:duration=10" \
        -filter_complex "[1:a][2:a]amerge=inputs=2[a]" -map 0:v -map "[a]" \
        -c:v libx264 -preset ultrafast -b:v 100k -g 250 -pix_fmt yuv420p -c:a aac -b:a 256k -ac 2 ref-aac.mp4
    java "$ROOT/scripts/HugeBrokenFile.java" ref-aac.mp4 broken-aac.part $((256 << 20)) >/dev/null
    mv broken-aac.part broken-aac.mp4
fi
if [[ ${BIG:-} == 1 || $ONLY == big ]] && [[ ! -f broken-8g.mp4 ]]; then
    java "$ROOT/scripts/HugeBrokenFile.java" ref-1080.mp4 broken-8g.part $((8 << 30)) >/dev/null
    mv broken-8g.part broken-8g.mp4
fi
if [[ ! -f torn-200.mp4 ]]; then
    for _ in 1 2 3 4 5; do echo "file 'ref-1080.mp4'"; done > concat.txt
    ffmpeg -v error -nostdin -y -f concat -safe 0 -i concat.txt -c copy std-200.mp4
    ffmpeg -v error -nostdin -y -i std-200.mp4 -c copy -movflags +frag_keyframe+empty_moov+default_base_moof \
        frag-200.mp4
    head -c 200000000 frag-200.mp4 > torn-200.part
    mv torn-200.part torn-200.mp4
fi
# The in-place repair changes its input: a copy of its own, undone before each run.
[[ -f inplace.mp4 ]] || cp broken-1080.mp4 inplace.mp4
"${BMFF[@]}" undo inplace.mp4 >/dev/null 2>&1 || true
for f in broken-1080.mp4 broken-aac.mp4 std-200.mp4 frag-200.mp4 torn-200.mp4 inplace.mp4; do
    cat "$f" > /dev/null   # into the page cache
done

# Each bmff command also runs with an application class-data archive made by one run of it (what a launcher with
# AppCDS gives): how much of its time is the JVM starting and loading classes.
if [[ ! -f repair.jsa || ! -f remux.jsa || $JAR -nt repair.jsa ]]; then
    rm -f out.mp4
    java -XX:ArchiveClassesAtExit=repair.jsa -jar "$JAR" repair --no-progress ref-aac.mp4 broken-aac.mp4 out.mp4 \
        >/dev/null 2>&1
    rm -f out.mp4
    java -XX:ArchiveClassesAtExit=remux.jsa -jar "$JAR" frag --no-progress std-200.mp4 out.mp4 >/dev/null 2>&1
    rm -f out.mp4
fi
CDS_REPAIR="java -XX:SharedArchiveFile=repair.jsa -jar $JAR"
CDS_REMUX="java -XX:SharedArchiveFile=remux.jsa -jar $JAR"
# The launcher a user runs (bmff-cli/src/main/sh/bmff, built beside the jar): its own archive and short-run flags.
LAUNCHER=$ROOT/bmff-cli/target/bmff

run() {   # NAME, then hyperfine arguments
    local name=$1
    shift
    echo "== $name" >&2
    hyperfine --style basic -w "$WARMUP" -r "$RUNS" --export-json "$OUT/$name.json" "$@" >&2
}
want() {
    [[ -z $ONLY || $ONLY == "$1" ]]
}
want_big() {
    [[ $ONLY == big || ( -z $ONLY && ${BIG:-} == 1 ) ]]
}
CLEAN='rm -f out.mp4 copy.mp4 ff.mp4'

if want repair; then
    run repair --prepare "$CLEAN" \
        "cp broken-1080.mp4 copy.mp4" \
        "sh -c 'cp broken-1080.mp4 copy.mp4 && sync copy.mp4'" \
        "${BMFF[*]} repair --no-progress ref-1080.mp4 broken-1080.mp4 out.mp4" \
        "$CDS_REPAIR repair --no-progress ref-1080.mp4 broken-1080.mp4 out.mp4"
fi
if want inplace; then
    run inplace --prepare "${BMFF[*]} undo inplace.mp4 >/dev/null 2>&1 || true" \
        "dd if=inplace.mp4 of=/dev/null bs=1M" \
        "${BMFF[*]} repair --in-place --no-progress ref-1080.mp4 inplace.mp4 out.mp4" \
        "$CDS_REPAIR repair --in-place --no-progress ref-1080.mp4 inplace.mp4 out.mp4"
    "${BMFF[@]}" undo inplace.mp4 >/dev/null
fi
if want_big; then
    cat broken-8g.mp4 > /dev/null
    run inplace-big --prepare "${BMFF[*]} undo broken-8g.mp4 >/dev/null 2>&1 || true" \
        "dd if=broken-8g.mp4 of=/dev/null bs=1M" \
        "${BMFF[*]} repair --in-place --no-progress ref-1080.mp4 broken-8g.mp4 out.mp4" \
        "$CDS_REPAIR repair --in-place --no-progress ref-1080.mp4 broken-8g.mp4 out.mp4"
    "${BMFF[@]}" undo broken-8g.mp4 >/dev/null
fi
if want aac; then
    # The default (the walk alone), and AAC lookahead helpers on every core but one (-Dbmff.repair.helpers=N).
    HELPERS=-Dbmff.repair.helpers=$(( $(nproc) - 1 ))
    run aac --prepare "$CLEAN" \
        "cp broken-aac.mp4 copy.mp4" \
        "${BMFF[*]} repair --no-progress ref-aac.mp4 broken-aac.mp4 out.mp4" \
        "$CDS_REPAIR repair --no-progress ref-aac.mp4 broken-aac.mp4 out.mp4" \
        "java $HELPERS -jar $JAR repair --no-progress ref-aac.mp4 broken-aac.mp4 out.mp4"
fi
if want frag; then
    AB=()
    [[ -z $BEFORE ]] || AB=("java -jar $BEFORE frag --no-progress std-200.mp4 out.mp4")
    run frag --prepare "$CLEAN" \
        "ffmpeg -v error -nostdin -y -i std-200.mp4 -c copy -movflags +frag_keyframe+empty_moov+default_base_moof ff.mp4" \
        "${BMFF[*]} frag --no-progress std-200.mp4 out.mp4" \
        "$CDS_REMUX frag --no-progress std-200.mp4 out.mp4" \
        "$LAUNCHER frag --no-progress std-200.mp4 out.mp4" "${AB[@]}" \
        "sh -c 'ffmpeg -v error -nostdin -y -i std-200.mp4 -c copy -movflags +frag_keyframe+empty_moov+default_base_moof ff.mp4 && sync ff.mp4'"
    [[ -z $BEFORE ]] || AB=("java -jar $BEFORE defrag --no-progress frag-200.mp4 out.mp4")
    run defrag --prepare "$CLEAN" \
        "ffmpeg -v error -nostdin -y -i frag-200.mp4 -c copy ff.mp4" \
        "${BMFF[*]} defrag --no-progress frag-200.mp4 out.mp4" \
        "$CDS_REMUX defrag --no-progress frag-200.mp4 out.mp4" \
        "$LAUNCHER defrag --no-progress frag-200.mp4 out.mp4" "${AB[@]}" \
        "sh -c 'ffmpeg -v error -nostdin -y -i frag-200.mp4 -c copy ff.mp4 && sync ff.mp4'"
fi
if want finalize; then
    # A torn file is repaired in part: bmff finalize exits 2 (partly recovered), which -i lets pass.
    run finalize -i --prepare "$CLEAN" \
        "ffmpeg -v error -nostdin -y -i torn-200.mp4 -c copy ff.mp4" \
        "cp torn-200.mp4 copy.mp4" \
        "${BMFF[*]} finalize --no-progress torn-200.mp4 out.mp4" \
        "$CDS_REPAIR finalize --no-progress torn-200.mp4 out.mp4"
fi
rm -f out.mp4 copy.mp4 ff.mp4

echo "== results ($(date -u +%F), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))" >&2
python3 - "$OUT" "$(stat -c %s broken-1080.mp4)" "$(stat -c %s broken-aac.mp4)" \
    "$(stat -c %s broken-8g.mp4 2>/dev/null || echo 0)" <<'PY'
import json, os, sys
out, big, aac, huge = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])

def load(name):
    p = os.path.join(out, name + ".json")
    if not os.path.exists(p):
        return None
    return [(r["command"], r["median"], r["min"]) for r in json.load(open(p))["results"]]

print("| work | bmff median s | with AppCDS s | peer | peer median s | ratio (AppCDS) | goal | met |")
print("|---|---|---|---|---|---|---|---|")

def row(work, bmff, cds, peer_name, peer, ratio, goal, met):
    print(f"| {work} | {bmff:.3f} | {cds:.3f} | {peer_name} | {peer:.3f} | {ratio} | {goal} | {'yes' if met else 'no'} |")

r = load("repair")
if r and len(r) == 4:
    cp, cpsync, rep, cds = r[0][1], r[1][1], r[2][1], r[3][1]
    row(f"repair to a new file, {big / 1e9:.2f} GB 1080p ({big / 1e6 / rep:.0f} MB/s)", rep, cds, "cp", cp,
        f"{cp / rep:.2f}x the speed of cp ({cp / cds:.2f}x)", ">= 0.5x", cp / rep >= 0.5)
    row("the same, against a copy as durable as ours", rep, cds, "cp, then sync", cpsync,
        f"{cpsync / rep:.2f}x its speed ({cpsync / cds:.2f}x)", "", cpsync / rep >= 0.5)
r = load("inplace")
if r:
    dd, rep, cds = r[0][1], r[1][1], r[2][1]
    row("repair --in-place, same file", rep, cds, "dd (read)", dd,
        f"{dd / rep:.2f}x the speed of dd ({dd / cds:.2f}x)", ">= 0.5x", dd / rep >= 0.5)
r = load("inplace-big")
if r and huge:
    dd, rep, cds = r[0][1], r[1][1], r[2][1]
    row(f"repair --in-place, {huge / 1e9:.2f} GB 1080p", rep, cds, "dd (read)", dd,
        f"{dd / rep:.2f}x the speed of dd ({dd / cds:.2f}x)", ">= 0.5x", dd / rep >= 0.5)
r = load("aac")
if r:
    cp, rep, cds, helped = r[0][1], r[1][1], r[2][1], r[3][1]
    row(f"AAC-heavy repair, {aac / 1e6:.0f} MB ({aac / 1e6 / rep:.0f} MB/s; with lookahead helpers:"
        f" {helped:.3f} s, {rep / helped:.2f}x the walk's speed)", rep, cds, "cp", cp,
        f"{cp / rep:.2f}x the speed of cp ({cp / cds:.2f}x)", "page-cache speed", cp / rep >= 0.5)
for name in ("frag", "defrag"):
    r = load(name)
    if r:
        ff, b, cds = r[0][1], r[1][1], r[2][1]
        row(f"bmff {name}, 230 MB", b, cds, "ffmpeg -c copy", ff, f"{b / ff:.2f}x the time of ffmpeg ({cds / ff:.2f}x)",
            "<= 1.0x", b / ff <= 1.0)
        launcher = r[3][1]
        row(f"the same, the bmff launcher", launcher, float("nan"), "ffmpeg -c copy", ff,
            f"{launcher / ff:.2f}x the time of ffmpeg", "<= 1.0x", launcher / ff <= 1.0)
        # The last command: ffmpeg, then sync, as durable as our output (frag and defrag force it before the rename).
        ffsync = r[-1][1]
        row(f"the same, against a remux as durable as ours", launcher, float("nan"), "ffmpeg -c copy, then sync",
            ffsync, f"{launcher / ffsync:.2f}x its time (launcher)", "", launcher / ffsync <= 1.0)
        if len(r) > 5:
            before = r[4][1]
            row(f"the same, BEFORE's jar", before, float("nan"), "ffmpeg -c copy", ff,
                f"{before / ff:.2f}x the time of ffmpeg", "<= 1.0x", before / ff <= 1.0)
r = load("finalize")
if r:
    ff, cp, b, cds = r[0][1], r[1][1], r[2][1], r[3][1]
    row(f"finalize to a new file, torn at 200 MB (cp: {cp:.3f} s, {cp / b:.2f}x its speed)", b, cds,
        "ffmpeg -c copy", ff, f"{b / ff:.2f}x the time of ffmpeg ({cds / ff:.2f}x)", "(none)", True)
PY
