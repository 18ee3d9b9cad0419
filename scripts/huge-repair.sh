#!/usr/bin/env bash
# Repairs a recording of any size that lost its moov, with a small heap, and reports the time, the peak RSS
# and the peak heap: the issue's "a 50 GB file must repair with -Xmx256m".
#
# The broken file is built from real media: ffmpeg encodes 2 s of H.264 at 25 fps (testsrc2 with noise:
# about 80 Mbit/s at the default 1280x720, 180 Mbit/s at RES=1920x1080) + AAC stereo, and
# scripts/HugeBrokenFile.java repeats its media data behind an ftyp, a free box and an mdat header of size 0
# up to SIZE bytes. `bmff repair` (bmff-cli/target/bmff.jar) then repairs it with -Xmx$HEAP under /usr/bin/time -v and -Xlog:gc; the result's sample counts are checked against the
# copies made, and ffmpeg decodes its first and last second without an error.
#
# Usage (after `mvn -B -q -DskipTests package`):
#   scripts/huge-repair.sh 50G                     # 50 GiB, in place, -Xmx256m, in a temporary directory
#   WORK=/big/dir HEAP=64m MODE=copy RES=1920x1080 scripts/huge-repair.sh 4G
# SIZE takes a K, M or G (binary) suffix. MODE: in-place (default: the moov is appended to the broken file,
# no copy) or copy (a repaired copy is written beside it: twice the disk). KEEP=1 keeps the files.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=$ROOT/bmff-cli/target/bmff.jar
SIZE=${1:?usage: scripts/huge-repair.sh SIZE (e.g. 50G)}
HEAP=${HEAP:-256m}
RES=${RES:-1280x720}
MODE=${MODE:-in-place}
if [[ ! -f $JAR ]]; then
    echo "missing $JAR: build first (mvn -B -q -DskipTests package)" >&2
    exit 1
fi
for tool in ffmpeg ffprobe java /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 1; }
done
case $SIZE in
    *G) BYTES=$(( ${SIZE%G} * 1024 * 1024 * 1024 )) ;;
    *M) BYTES=$(( ${SIZE%M} * 1024 * 1024 )) ;;
    *K) BYTES=$(( ${SIZE%K} * 1024 )) ;;
    *) BYTES=$SIZE ;;
esac
if [[ -n ${WORK:-} ]]; then
    mkdir -p "$WORK"
else
    WORK=$(mktemp -d)
fi
cleanup() {
    if [[ ${KEEP:-0} != 1 ]]; then
        rm -f "$WORK/reference.mp4" "$WORK/broken.mp4" "$WORK/broken.mp4.bmff-undo" "$WORK/repaired.mp4"
    fi
}
trap cleanup EXIT

need=$BYTES
[[ $MODE == copy ]] && need=$(( 2 * BYTES ))
free=$(( $(df -P -k "$WORK" | awk 'NR == 2 { print $4 }') * 1024 ))
if (( free < need + 20 * 1024 * 1024 * 1024 )); then
    echo "not enough disk in $WORK: $(( free >> 30 )) GiB free, $(( need >> 30 )) GiB needed + 20 GiB to spare" >&2
    exit 1
fi

echo "== reference: 2 s of ${RES} H.264 at 25 fps with noise + AAC"
ffmpeg -v error -nostdin -y -f lavfi -i "testsrc2=size=$RES:rate=25:duration=2" \
    -f lavfi -i sine=frequency=440:sample_rate=48000:duration=2 \
    -vf noise=alls=30:allf=t -c:v libx264 -preset ultrafast -g 25 -pix_fmt yuv420p \
    -c:a aac -b:a 128k -ac 2 "$WORK/reference.mp4"
rm -f "$WORK/broken.mp4" "$WORK/broken.mp4.bmff-undo" "$WORK/repaired.mp4"

echo "== broken file of $BYTES bytes (moov lost, mdat size 0)"
start=$(date +%s.%N)
made=$(java "$ROOT/scripts/HugeBrokenFile.java" "$WORK/reference.mp4" "$WORK/broken.mp4" "$BYTES")
copies=$(sed -n 's/^copies=\([0-9]*\).*/\1/p' <<<"$made")
actual=$(stat -c %s "$WORK/broken.mp4")
printf 'written: %s bytes, %s copies, %.1f s\n' "$actual" "$copies" "$(echo "$(date +%s.%N) - $start" | bc)"

echo "== bmff repair ($MODE) with -Xmx$HEAP"
args=(repair)
out=$WORK/repaired.mp4
result=$out
if [[ $MODE == in-place ]]; then
    args+=(--in-place)
    result=$WORK/broken.mp4
fi
set +e
/usr/bin/time -v -o "$WORK/time.txt" java "-Xmx$HEAP" "-Xlog:gc:file=$WORK/gc.log" -jar "$JAR" \
    "${args[@]}" "$WORK/reference.mp4" "$WORK/broken.mp4" "$out" >"$WORK/report.txt" 2>"$WORK/progress.txt"
code=$?
set -e
cat "$WORK/report.txt"
if [[ $code != 0 ]]; then
    echo "bmff repair exited $code" >&2
    tail -5 "$WORK/progress.txt" >&2
    exit 1
fi
wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time.txt")
rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
# -Xlog:gc lines end "... 30M->5M(256M) 3.2ms": the heap in use before each collection.
peak_heap=$(grep -o '[0-9]*[KMG]->' "$WORK/gc.log" | tr -d '>-' | awk '
    /K$/ { v = $0 / 1024 } /M$/ { v = $0 + 0 } /G$/ { v = $0 * 1024 } { if (v > max) max = v } END { print max + 0 }')
# ... and after it: the most the repair held at once (what grows with the sample count).
live_heap=$(grep -o -- '->[0-9]*[KMG]' "$WORK/gc.log" | tr -d '>-' | awk '
    /K$/ { v = $0 / 1024 } /M$/ { v = $0 + 0 } /G$/ { v = $0 * 1024 } { if (v > max) max = v } END { print max + 0 }')
collections=$(grep -c 'Pause' "$WORK/gc.log" || true)

echo "== check: sample counts and a clean decode at both ends"
for stream in v a; do
    want=$(ffprobe -v error -select_streams "$stream:0" -show_entries stream=nb_frames -of csv=p=0 "$WORK/reference.mp4")
    got=$(ffprobe -v error -select_streams "$stream:0" -show_entries stream=nb_frames -of csv=p=0 "$result")
    if [[ $got != $(( want * copies )) ]]; then
        echo "stream $stream: $got samples, expected $copies x $want" >&2
        exit 1
    fi
    echo "stream $stream: $got samples ($copies x $want)"
done
duration=$(ffprobe -v error -show_entries format=duration -of csv=p=0 "$result")
for from in 0 "$(echo "$duration - 1.5" | bc)"; do
    errors=$(ffmpeg -v error -nostdin -ss "$from" -i "$result" -t 1 -f null - 2>&1)
    if [[ -n $errors ]]; then
        echo "ffmpeg from $from s: $errors" >&2
        exit 1
    fi
done
echo "decodes without errors at 0 s and at $(echo "$duration - 1.5" | bc) s"

seconds=$(awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }' <<<"$wall")
echo
echo "== result"
printf 'file:        %s bytes (%.1f GB), %s copies, %s s of media\n' "$actual" "$(echo "$actual / 1000000000" | bc -l)" \
    "$copies" "$duration"
printf 'repair:      %s (%s), %.0f MB/s\n' "$wall" "$MODE" "$(echo "$actual / 1000000 / $seconds" | bc -l)"
printf 'heap:        -Xmx%s, peak in use %s MiB before a collection, at most %s MiB live after one (%s collections)\n' \
    "$HEAP" "$peak_heap" "$live_heap" "$collections"
printf 'peak RSS:    %s MiB\n' "$(( rss_kb / 1024 ))"
