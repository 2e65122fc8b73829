#!/usr/bin/env bash
# Runs the original face-api.js (tfjs 4.22, WASM backend, Node) and this engine (attendance bench) on the same
# folder of stills in one run, and prints the medians (decode to descriptors, per still) and the ratios, for the
# engine's reference-faithful detector, its 8-bit fast detector (docs/decisions/008-fast-detector.md) and the camera
# detector for kiosk stills (BlazeFace, docs/decisions/015-camera-detector.md). With STILL_SIZE (for example 1280x720,
# what the kiosk asks its camera for) the probes of the folder are first fitted into frames of that size (ffmpeg), as
# camera stills would be. The engine runs with one ONNX Runtime thread a session, as the web app does.
# usage: [STILL_SIZE=1280x720] bench/compare-faceapi.sh [IMAGES_DIR] [RUNS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
images=${1:-${ATTENDANCE_TEST_FACES:-$root/../shared/faces}}
runs=${2:-3}
export Recognition__IntraOpThreads=${Recognition__IntraOpThreads:-1}
if [ -n "${STILL_SIZE:-}" ]; then
  stills=$(mktemp -d)
  trap 'rm -rf "$stills"' EXIT
  w=${STILL_SIZE%x*} h=${STILL_SIZE#*x}
  for f in "$images"/probe/*.jpg "$images"/enroll/*/*.jpg; do
    [ -f "$f" ] || continue
    ffmpeg -loglevel error -y -i "$f" -q:v 3 -vf "scale=$w:$h:force_original_aspect_ratio=decrease,pad=$w:$h:(ow-iw)/2:(oh-ih)/2:color=gray" \
      "$stills/$(echo "${f#$images/}" | tr / _)"
  done
  images=$stills
fi
(cd "$root/tests/faceapi-reference" && { [ -d node_modules/@vladmandic/face-api ] || npm ci --ignore-scripts --no-audit --no-fund >&2; })
dotnet build "$root/src/AttendanceBlazor.Cli" -c Release -v quiet -nologo >&2

echo "== face-api.js"
faceapi_out=$(node "$root/tests/faceapi-reference/bench.mjs" --images "$images" --runs "$runs")
echo "$faceapi_out"
dll="$root/src/AttendanceBlazor.Cli/bin/Release/net10.0/attendance.dll"
echo "== AttendanceBlazor engine, reference detector"
reference_out=$(dotnet "$dll" bench --images "$images" --runs "$runs" --index 0 --detector reference)
echo "$reference_out"
echo "== AttendanceBlazor engine, fast detector"
fast_out=$(dotnet "$dll" bench --images "$images" --runs "$runs" --index 0 --detector fast)
echo "$fast_out"
echo "== AttendanceBlazor engine, camera detector (kiosk stills)"
camera_out=$(dotnet "$dll" bench --images "$images" --runs "$runs" --index 0 --detector camera)
echo "$camera_out"

faceapi_median=$(echo "$faceapi_out" | awk '/^median_ms/ {print $2}')
reference_median=$(echo "$reference_out" | awk '$1 == "total" {print $2}')
fast_median=$(echo "$fast_out" | awk '$1 == "total" {print $2}')
camera_median=$(echo "$camera_out" | awk '$1 == "total" {print $2}')
echo "== summary"
echo "face-api.js median:             ${faceapi_median} ms per still"
awk -v a="$faceapi_median" -v b="$reference_median" 'BEGIN { printf "engine (reference) median: %8.2f ms per still, %.1fx faster\n", b, a / b }'
awk -v a="$faceapi_median" -v b="$fast_median" 'BEGIN { printf "engine (fast) median:      %8.2f ms per still, %.1fx faster\n", b, a / b }'
awk -v a="$faceapi_median" -v b="$camera_median" 'BEGIN { printf "engine (camera) median:    %8.2f ms per still, %.1fx faster\n", b, a / b }'
