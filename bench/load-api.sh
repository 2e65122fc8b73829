#!/usr/bin/env bash
# Bounded load test of POST /check_in_or_out on 127.0.0.1 with wrk (Debian package): the app published in Release
# on Kestrel (bench/app.sh), a fresh SQLite file, five people enrolled from ../shared/faces, then CONNECTIONS clients
# sending their probe photos for DURATION. The duplicate window is set to zero so that every request is a real
# state change (a check-in or a check-out written to the database), and the per-device rate limit is lifted, as a
# load test must not measure the limiter. Prints throughput, p50/p95/p99 latency and the server's peak memory.
# With STILL_WIDTH set (for example 640), the probes are first scaled to that width, as a kiosk camera's stills
# would be (ImageMagick's convert); the people are still enrolled from the full photos.
# usage: [STILL_WIDTH=640] bench/load-api.sh [CONNECTIONS=4] [DURATION=30s]
set -euo pipefail
connections=${1:-4}
duration=${2:-30s}
# shellcheck source=bench/app.sh
source "$(dirname "$0")/app.sh"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

start_app "${LOAD_PORT:-5187}"
people="obama biden kit_harington rose_leslie alex_lacamoire"
for p in $people; do enroll "$p" "$faces/enroll/$p/1.jpg"; done
probes="$faces/probe/obama.jpg:$faces/enroll/biden/2.jpg:$faces/probe/kit_harington.jpg:$faces/enroll/rose_leslie/2.jpg:$faces/probe/alex_lacamoire.jpg"
if [ -n "${STILL_WIDTH:-}" ]; then
  scaled=""
  i=0
  for f in ${probes//:/ }; do
    i=$((i + 1))
    convert "$f" -resize "${STILL_WIDTH}x" -quality 90 "$work/still$i.jpg"
    scaled="$scaled${scaled:+:}$work/still$i.jpg"
  done
  probes=$scaled
fi

# A short warm-up (JIT, ONNX Runtime's first runs), then the measured run.
LOAD_KEY=$key LOAD_IMAGES=$probes wrk -t1 -c1 -d5s -s "$root/bench/wrk-checkin.lua" "$url/check_in_or_out" >/dev/null
echo "== POST /check_in_or_out, stills ${STILL_WIDTH:-full size}, $connections connections, $duration, $(nproc) cores: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}')"
LOAD_KEY=$key LOAD_IMAGES=$probes wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"$duration" --timeout 10s -s "$root/bench/wrk-checkin.lua" "$url/check_in_or_out" \
  | grep -E '^(requests|latency_ms|socket)'
report_server
