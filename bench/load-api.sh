#!/usr/bin/env bash
# Bounded load test of POST /check_in_or_out on 127.0.0.1 with wrk (Debian package): the Release build of the
# app on Kestrel, a fresh SQLite file, five people enrolled from ../shared/faces, then CONNECTIONS clients
# sending their probe photos for DURATION. The duplicate window is set to zero so that every request is a real
# state change (a check-in or a check-out written to the database), and the per-device rate limit is lifted, as a
# load test must not measure the limiter. Prints throughput, p50/p95/p99 latency and the server's peak memory.
# With STILL_WIDTH set (for example 640), the probes are first scaled to that width, as a kiosk camera's stills
# would be (ImageMagick's convert); the people are still enrolled from the full photos.
# usage: [STILL_WIDTH=640] bench/load-api.sh [CONNECTIONS=4] [DURATION=30s]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
connections=${1:-4}
duration=${2:-30s}
faces=${ATTENDANCE_TEST_FACES:-$root/../shared/faces}
port=${LOAD_PORT:-5187}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -d "$faces" ] || { echo "no test photos at $faces (set ATTENDANCE_TEST_FACES)" >&2; exit 1; }

dotnet build "$root/src/AttendanceBlazor.Web" -c Release -v quiet -nologo >&2
dotnet build "$root/src/AttendanceBlazor.Cli" -c Release -v quiet -nologo >&2
work=$(mktemp -d)
export ConnectionStrings__Attendance="Data Source=$work/attendance.db"
export DataProtection__KeysDirectory="$work/keys"
export RateLimits__ApiPermitsPerMinute=1000000
export Attendance__DuplicateWindow=00:00:00
export Attendance__TimeZone=Europe/Berlin
export ASPNETCORE_ENVIRONMENT=Production
export Logging__LogLevel__Default=Warning

key=$(dotnet "$root/src/AttendanceBlazor.Cli/bin/Release/net10.0/attendance.dll" device add load-test --scope all | tail -1)
(cd "$root/src/AttendanceBlazor.Web" && exec dotnet bin/Release/net10.0/AttendanceBlazor.Web.dll --urls "http://127.0.0.1:$port") >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null -H "X-Api-Key: $key" "http://127.0.0.1:$port/openapi/v1.json" && break
  sleep 0.5
done

people="obama biden kit_harington rose_leslie alex_lacamoire"
for p in $people; do
  curl -fs -o /dev/null -H "X-Api-Key: $key" -F "image=@$faces/enroll/$p/1.jpg" -F "name=$p" "http://127.0.0.1:$port/check_in_or_out" \
    || { echo "enrolling $p failed" >&2; cat "$work/server.log" >&2; exit 1; }
done
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
LOAD_KEY=$key LOAD_IMAGES=$probes wrk -t1 -c1 -d5s -s "$root/bench/wrk-checkin.lua" "http://127.0.0.1:$port/check_in_or_out" >/dev/null
echo "== POST /check_in_or_out, stills ${STILL_WIDTH:-full size}, $connections connections, $duration, $(nproc) cores: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}')"
LOAD_KEY=$key LOAD_IMAGES=$probes wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"$duration" --timeout 10s -s "$root/bench/wrk-checkin.lua" "http://127.0.0.1:$port/check_in_or_out" \
  | grep -E '^(requests|latency_ms|socket)'
records=$(sqlite3 "$work/attendance.db" "select count(*) from AttendanceRecords;" 2>/dev/null || echo "?")
echo "attendance records written: $records"
awk '/VmHWM|VmRSS/ {printf "server %s %.0f MiB\n", $1, $2 / 1024}' "/proc/$server/status"
