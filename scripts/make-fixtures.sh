#!/usr/bin/env bash
# Regenerates the small test media in fixtures/ from ffmpeg's synthetic
# sources (testsrc2 video, sine audio). Re-runnable: existing files are
# overwritten. Needs ffmpeg (with libx264, libx265) and ffprobe on PATH.
#
# Output is as deterministic as ffmpeg allows (bitexact flags, no metadata,
# single-threaded encoders), but may differ slightly between ffmpeg, x264 and
# x265 versions. Tests must compare against ffprobe run at test time, never
# against numbers stored from one particular run; the one exception, the golden
# dumps in fixtures/dumps/, describe these exact files and are rewritten after
# this script (see fixtures/README.md).
#
# Usage: scripts/make-fixtures.sh [output-dir]   (default: <repo>/fixtures)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/fixtures}"
FFMPEG="${FFMPEG:-ffmpeg}"
FFPROBE="${FFPROBE:-ffprobe}"

for tool in "$FFMPEG" "$FFPROBE"; do
    command -v "$tool" >/dev/null 2>&1 || { echo "error: $tool not found" >&2; exit 1; }
done

mkdir -p "$OUT"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/bmff-fixtures.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

DUR=2
# Synthetic inputs.
VSRC=(-f lavfi -i "testsrc2=size=320x240:rate=25")
ASRC=(-f lavfi -i "sine=frequency=440:sample_rate=48000")

# Common flags: quiet, overwrite, bit-exact, no metadata copied from inputs.
FF=("$FFMPEG" -hide_banner -nostdin -v error -y)
BITEXACT=(-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1)

# H.264 High profile with B-frames, fixed GOP, single-threaded.
X264_HIGH=(-c:v libx264 -profile:v high -preset medium -crf 30 -g 25 -keyint_min 25
           -sc_threshold 0 -bf 2 -pix_fmt yuv420p -threads 1 -x264-params threads=1)
# H.264 Baseline (no B-frames).
X264_BASE=(-c:v libx264 -profile:v baseline -preset medium -crf 30 -g 25 -keyint_min 25
           -sc_threshold 0 -bf 0 -pix_fmt yuv420p -threads 1 -x264-params threads=1)
# HEVC, single-threaded, no thread pool.
X265=(-c:v libx265 -tag:v hvc1 -preset medium -crf 30 -g 25 -pix_fmt yuv420p -threads 1
      -x265-params pools=none:frame-threads=1:log-level=error:keyint=25:min-keyint=25:scenecut=0)
# AAC-LC stereo 48 kHz.
AAC=(-c:a aac -b:a 64k -ac 2 -ar 48000)

# ---------------------------------------------------------------------------
# 1. H.264 High + AAC, plain MP4 (moov after mdat).
"${FF[@]}" "${VSRC[@]}" "${ASRC[@]}" -map 0:v -map 1:a -t "$DUR" \
    "${X264_HIGH[@]}" "${AAC[@]}" "${BITEXACT[@]}" "$OUT/h264-aac.mp4"

# 2.-4. Same content, remuxed (-c copy) with different layouts.
"${FF[@]}" -i "$OUT/h264-aac.mp4" -map 0 -c copy "${BITEXACT[@]}" \
    -movflags +faststart "$OUT/h264-aac-faststart.mp4"
"${FF[@]}" -i "$OUT/h264-aac.mp4" -map 0 -c copy "${BITEXACT[@]}" \
    -movflags frag_keyframe+empty_moov "$OUT/h264-aac-frag.mp4"
"${FF[@]}" -i "$OUT/h264-aac.mp4" -map 0 -c copy "${BITEXACT[@]}" \
    -movflags frag_keyframe+empty_moov+default_base_moof "$OUT/h264-aac-frag-dbm.mp4"

# 5. H.264 Baseline, video only.
"${FF[@]}" "${VSRC[@]}" -map 0:v -t "$DUR" \
    "${X264_BASE[@]}" "${BITEXACT[@]}" "$OUT/h264-baseline.mp4"

# 6. HEVC (hvc1) + AAC.
"${FF[@]}" "${VSRC[@]}" "${ASRC[@]}" -map 0:v -map 1:a -t "$DUR" \
    "${X265[@]}" "${AAC[@]}" "${BITEXACT[@]}" "$OUT/hevc-aac.mp4"

# 7.-8. QuickTime .mov: H.264 + mono 48 kHz PCM s16 big endian ('twos') / little
#        endian ('sowt'); mono keeps the uncompressed audio small.
"${FF[@]}" "${VSRC[@]}" "${ASRC[@]}" -map 0:v -map 1:a -t "$DUR" \
    "${X264_HIGH[@]}" -c:a pcm_s16be -ac 1 -ar 48000 "${BITEXACT[@]}" "$OUT/h264-twos.mov"
"${FF[@]}" "${VSRC[@]}" "${ASRC[@]}" -map 0:v -map 1:a -t "$DUR" \
    "${X264_HIGH[@]}" -c:a pcm_s16le -ac 1 -ar 48000 "${BITEXACT[@]}" "$OUT/h264-sowt.mov"

# 9. Edit list with an empty edit: video starts 0.5 s after audio.
#    Encode video and audio separately, then remux with -itsoffset on the video
#    input; the mp4 muxer writes elst = [empty edit 0.5 s, media edit].
"${FF[@]}" "${VSRC[@]}" -map 0:v -t "$DUR" \
    "${X264_BASE[@]}" "${BITEXACT[@]}" "$TMP/editlist-v.mp4"
"${FF[@]}" "${ASRC[@]}" -map 0:a -t 3 \
    "${AAC[@]}" "${BITEXACT[@]}" "$TMP/editlist-a.m4a"
"${FF[@]}" -itsoffset 0.5 -i "$TMP/editlist-v.mp4" -i "$TMP/editlist-a.m4a" \
    -map 0:v -map 1:a -c copy "${BITEXACT[@]}" "$OUT/h264-editlist.mp4"

# 11.-14. More container layouts, same content remuxed:
#   CMAF (trun version 1 with negative composition offsets, sidx),
#   negative ctts offsets without an edit list (ctts version 1),
#   AAC in QuickTime .mov (sound description version 1 with a 'wave' box) with a timecode track.
"${FF[@]}" -i "$OUT/h264-aac.mp4" -map 0 -c copy "${BITEXACT[@]}" \
    -movflags +dash+cmaf -f mp4 "$OUT/h264-aac-cmaf.mp4"
"${FF[@]}" -i "$OUT/h264-aac.mp4" -map 0 -c copy "${BITEXACT[@]}" \
    -movflags +negative_cts_offsets -use_editlist 0 "$OUT/h264-aac-negcts.mp4"
"${FF[@]}" -i "$OUT/h264-aac.mp4" -map 0 -c copy "${BITEXACT[@]}" \
    -timecode 01:00:00:00 "$OUT/h264-aac-tmcd.mov"
# 24-bit PCM in .mov ('in24', sound description version 1).
"${FF[@]}" "${VSRC[@]}" "${ASRC[@]}" -map 0:v -map 1:a -t 1 \
    "${X264_BASE[@]}" -s 160x120 -c:a pcm_s24le -ac 1 -ar 48000 "${BITEXACT[@]}" "$OUT/h264-in24.mov"

# 15.-20. Codec variety for bmff-codecs (video only, 1 s, 160x120): H.264 Main,
#   High 10, High 4:2:2, High 4:4:4, interlaced (field coding); HEVC Main 10.
SMALL=(-t 1 -s 160x120)
X264_COMMON=(-c:v libx264 -preset medium -crf 30 -g 12 -keyint_min 12 -sc_threshold 0 -threads 1 -x264-params threads=1)
"${FF[@]}" "${VSRC[@]}" -map 0:v "${SMALL[@]}" "${X264_COMMON[@]}" -profile:v main -bf 2 -pix_fmt yuv420p \
    "${BITEXACT[@]}" "$OUT/h264-main.mp4"
"${FF[@]}" "${VSRC[@]}" -map 0:v "${SMALL[@]}" "${X264_COMMON[@]}" -profile:v high10 -bf 2 -pix_fmt yuv420p10le \
    "${BITEXACT[@]}" "$OUT/h264-high10.mp4"
"${FF[@]}" "${VSRC[@]}" -map 0:v "${SMALL[@]}" "${X264_COMMON[@]}" -profile:v high422 -bf 2 -pix_fmt yuv422p \
    "${BITEXACT[@]}" "$OUT/h264-422.mp4"
"${FF[@]}" "${VSRC[@]}" -map 0:v "${SMALL[@]}" "${X264_COMMON[@]}" -profile:v high444 -bf 2 -pix_fmt yuv444p \
    "${BITEXACT[@]}" "$OUT/h264-444.mp4"
"${FF[@]}" "${VSRC[@]}" -map 0:v "${SMALL[@]}" "${X264_COMMON[@]}" -profile:v high -bf 2 -pix_fmt yuv420p \
    -flags +ilme+ildct -x264-params threads=1:tff=1 "${BITEXACT[@]}" "$OUT/h264-interlaced.mp4"
"${FF[@]}" "${VSRC[@]}" -map 0:v "${SMALL[@]}" -c:v libx265 -tag:v hvc1 -preset medium -crf 30 -g 12 \
    -pix_fmt yuv420p10le -threads 1 \
    -x265-params pools=none:frame-threads=1:log-level=error:keyint=12:min-keyint=12:scenecut=0 \
    "${BITEXACT[@]}" "$OUT/hevc-main10.mp4"

# 21.-23. AAC variety (audio only): mono at a low bitrate, stereo at a high one, 5.1.
"${FF[@]}" -f lavfi -i "sine=frequency=440:sample_rate=44100" -map 0:a -t 2 \
    -c:a aac -b:a 32k -ac 1 "${BITEXACT[@]}" "$OUT/aac-mono.m4a"
"${FF[@]}" -f lavfi -i "anoisesrc=color=pink:sample_rate=48000:amplitude=0.3:seed=1" -map 0:a -t 2 \
    -c:a aac -b:a 256k -ac 2 "${BITEXACT[@]}" "$OUT/aac-stereo-256k.m4a"
"${FF[@]}" -f lavfi -i "anoisesrc=color=white:sample_rate=48000:amplitude=0.2:seed=2" -map 0:a -t 1 \
    -af "pan=5.1|c0=c0|c1=0.8*c0|c2=0.6*c0|c3=0.1*c0|c4=0.5*c0|c5=0.4*c0" \
    -c:a aac -b:a 192k -ac 6 "${BITEXACT[@]}" "$OUT/aac-51.m4a"

# 10. h264-multi-stsd.mp4 (video track with two sample descriptions) is NOT
#     generated: ffmpeg 5.1's mov/mp4 muxer always writes stsd entry_count 1
#     (concatenating streams with different SPS via the concat demuxer or a raw
#     Annex B stream with -c copy keeps only the first avcC).

# ---------------------------------------------------------------------------
# Checks: every file exists, is non-empty, probes and decodes without any
# message, and has the expected streams.
FILES=(
    h264-aac.mp4
    h264-aac-faststart.mp4
    h264-aac-frag.mp4
    h264-aac-frag-dbm.mp4
    h264-baseline.mp4
    hevc-aac.mp4
    h264-twos.mov
    h264-sowt.mov
    h264-editlist.mp4
    h264-aac-cmaf.mp4
    h264-aac-negcts.mp4
    h264-aac-tmcd.mov
    h264-in24.mov
    h264-main.mp4
    h264-high10.mp4
    h264-422.mp4
    h264-444.mp4
    h264-interlaced.mp4
    hevc-main10.mp4
    aac-mono.m4a
    aac-stereo-256k.m4a
    aac-51.m4a
)
# Expected "codec_name/codec_tag_string" per stream, in stream order.
declare -A EXPECT=(
    [h264-aac.mp4]="h264/avc1 aac/mp4a"
    [h264-aac-faststart.mp4]="h264/avc1 aac/mp4a"
    [h264-aac-frag.mp4]="h264/avc1 aac/mp4a"
    [h264-aac-frag-dbm.mp4]="h264/avc1 aac/mp4a"
    [h264-baseline.mp4]="h264/avc1"
    [hevc-aac.mp4]="hevc/hvc1 aac/mp4a"
    [h264-twos.mov]="h264/avc1 pcm_s16be/twos"
    [h264-sowt.mov]="h264/avc1 pcm_s16le/sowt"
    [h264-editlist.mp4]="h264/avc1 aac/mp4a"
    [h264-aac-cmaf.mp4]="h264/avc1 aac/mp4a"
    [h264-aac-negcts.mp4]="h264/avc1 aac/mp4a"
    [h264-aac-tmcd.mov]="h264/avc1 aac/mp4a unknown/tmcd"
    [h264-in24.mov]="h264/avc1 pcm_s24le/in24"
    [h264-main.mp4]="h264/avc1"
    [h264-high10.mp4]="h264/avc1"
    [h264-422.mp4]="h264/avc1"
    [h264-444.mp4]="h264/avc1"
    [h264-interlaced.mp4]="h264/avc1"
    [hevc-main10.mp4]="hevc/hvc1"
    [aac-mono.m4a]="aac/mp4a"
    [aac-stereo-256k.m4a]="aac/mp4a"
    [aac-51.m4a]="aac/mp4a"
)

fail=0
for f in "${FILES[@]}"; do
    p="$OUT/$f"
    if [[ ! -s "$p" ]]; then
        echo "FAIL $f: missing or empty" >&2; fail=1; continue
    fi
    if ! probe_err="$("$FFPROBE" -v error -show_streams "$p" 2>&1 >/dev/null)" || [[ -n "$probe_err" ]]; then
        echo "FAIL $f: ffprobe: $probe_err" >&2; fail=1; continue
    fi
    if ! dec_err="$("${FF[@]}" -i "$p" -f null - 2>&1)" || [[ -n "$dec_err" ]]; then
        echo "FAIL $f: decode: $dec_err" >&2; fail=1; continue
    fi
    got="$("$FFPROBE" -v error -show_entries stream=codec_name,codec_tag_string \
        -of csv=p=0:s=/ "$p" | tr '\n' ' ')"
    got="${got% }"
    if [[ "$got" != "${EXPECT[$f]}" ]]; then
        echo "FAIL $f: streams '$got', expected '${EXPECT[$f]}'" >&2; fail=1; continue
    fi
    printf '%-26s %8d bytes  %s\n' "$f" "$(wc -c < "$p")" "$got"
done

if [[ $fail -ne 0 ]]; then
    echo "fixture generation FAILED" >&2
    exit 1
fi

# The sample bundled in bmff.jar for `bmff demo` is the first fixture, copied
# (only when the fixtures are made in the repository itself).
if [[ "$OUT" == "$ROOT/fixtures" ]]; then
    DEMO="$ROOT/bmff-cli/src/main/resources/dev/bmff/cli/demo/sample.mp4"
    mkdir -p "$(dirname "$DEMO")"
    cp "$OUT/h264-aac.mp4" "$DEMO"
    echo "copied h264-aac.mp4 to ${DEMO#$ROOT/} (the sample of bmff demo)"
fi
total="$(cat "${FILES[@]/#/$OUT/}" | wc -c)"
echo "ok: ${#FILES[@]} files, $total bytes total in $OUT"
if [[ "$OUT" == "$ROOT/fixtures" ]]; then
    echo "now rewrite the golden dumps and review their diff: mvn -B -pl bmff-codecs -am verify" \
        "-Dtest=GoldenDumpTest -Dsurefire.failIfNoSpecifiedTests=false -Dbmff.updateDumps=true"
fi
