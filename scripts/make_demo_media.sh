#!/usr/bin/env bash
# Regenerate the committed demo media under resources/demo/ (needs ffmpeg with libx264 and drawtext).
#
#   video/classroom_{a,b,c,d}.mp4  12 s, 640x360, H.264 + AAC, faststart: coloured background, a caption,
#                                  a big running timecode (HH:MM:SS.mmm) and a moving test pattern inset,
#                                  plus a sine tone whose pitch differs per clip.
#   video/red_then_green.mp4       4 s: 2 s pure red then 2 s pure green (no text), 1 kHz tone; a key
#                                  frame every 0.5 s so seek tests can check the pixel colour.
#   broken/truncated.mp4           classroom_a.mp4 cut to 45 % of its bytes: the moov box is intact,
#                                  the mdat box claims more bytes than the file holds.
#   broken/corrupt.pdf             a PDF header followed by garbage: no objects, no xref, no trailer.
#
# The outputs are committed; run this only when they need to change:  scripts/make_demo_media.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/resources/demo"
FONT="${DEMO_FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf}"
MONO="${DEMO_MONO_FONT:-/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf}"
for f in "$FONT" "$MONO"; do
    [[ -f "$f" ]] || { echo "font $f not found (apt-get install fonts-dejavu-core)" >&2; exit 1; }
done
command -v ffmpeg >/dev/null || { echo "ffmpeg not found (apt-get install ffmpeg)" >&2; exit 1; }
mkdir -p "$OUT/video" "$OUT/broken"

# Bit-exact output across runs: no encoder/version tags, fixed creation time, single-threaded x264.
FF=(ffmpeg -hide_banner -loglevel error -y)
ENC=(-c:v libx264 -preset medium -profile:v main -pix_fmt yuv420p -threads 1
     -c:a aac -b:a 64k -ac 1 -ar 44100
     -map_metadata -1 -fflags +bitexact -flags:v +bitexact -flags:a +bitexact
     -metadata creation_time=2026-01-01T00:00:00Z -movflags +faststart)

clip() {  # name colour tone_hz label caption
    local name=$1 colour=$2 tone=$3 label=$4 caption=$5
    local dur=12
    "${FF[@]}" \
        -f lavfi -i "color=c=${colour}:s=640x360:r=25:d=${dur}" \
        -f lavfi -i "testsrc2=s=160x90:r=25:d=${dur}" \
        -f lavfi -i "sine=frequency=${tone}:sample_rate=44100:duration=${dur}" \
        -filter_complex "\
[1:v]format=yuv420p[inset];\
[0:v][inset]overlay=x=460+10*sin(t*2):y=250[bg];\
[bg]drawtext=fontfile=${FONT}:text='${label}':fontsize=30:fontcolor=white:x=24:y=20,\
drawtext=fontfile=${FONT}:text='${caption}':fontsize=22:fontcolor=white@0.9:x=24:y=62,\
drawtext=fontfile=${MONO}:text='%{pts\:hms}':fontsize=64:fontcolor=white:box=1:boxcolor=black@0.45:\
boxborderw=12:x=(w-tw)/2:y=(h-th)/2,\
drawtext=fontfile=${MONO}:text='frame %{frame_num}':fontsize=20:fontcolor=white:x=24:y=h-44[v]" \
        -map "[v]" -map 2:a "${ENC[@]}" -crf 30 -g 50 -t "$dur" "$OUT/video/$name.mp4"
}

clip classroom_a "0x1f5f8b" 440 "Classroom A" "Whole-class questioning"
clip classroom_b "0x2e7d32" 523 "Classroom B" "Think-pair-share"
clip classroom_c "0x8e3b46" 659 "Classroom C" "Hinge question with mini whiteboards"
clip classroom_d "0x6a4c93" 784 "Classroom D" "Small-group turn and talk"

"${FF[@]}" \
    -f lavfi -i "color=c=0xFF0000:s=640x360:r=25:d=2" \
    -f lavfi -i "color=c=0x00FF00:s=640x360:r=25:d=2" \
    -f lavfi -i "sine=frequency=1000:sample_rate=44100:duration=4" \
    -filter_complex "[0:v][1:v]concat=n=2:v=1:a=0[v]" \
    -map "[v]" -map 2:a "${ENC[@]}" -crf 23 -g 12 -keyint_min 12 -t 4 "$OUT/video/red_then_green.mp4"

size=$(stat -c %s "$OUT/video/classroom_a.mp4")
head -c $((size * 45 / 100)) "$OUT/video/classroom_a.mp4" > "$OUT/broken/truncated.mp4"

{
    printf '%%PDF-1.7\n%%\xe2\xe3\xcf\xd3\n'
    printf 'This is not a PDF body: the objects, the cross-reference table and the trailer are missing.\n'
    head -c 2048 /dev/zero | tr '\0' '\377'
    printf '\n'
} > "$OUT/broken/corrupt.pdf"

ls -l "$OUT/video" "$OUT/broken"
du -cb "$OUT" | tail -1
