#!/usr/bin/env bash
# Bounded load test of kiosk circuits on 127.0.0.1: the Release build of the app on Kestrel with a fresh SQLite
# file, and bench/KioskLoad driving KIOSKS real kiosk pages in Debian's Chromium (one SignalR circuit each, a fake
# camera showing ../shared/faces/enroll/obama/1.jpg), each pressing "Check in or out" every EVERY seconds for
# SECONDS. Stills travel over the circuit as streams, as in production. The duplicate window is zero, so every
# still is a state change. Prints stills per second, click-to-result latency, outcomes, errors and the server's
# peak memory. Needs chromium and ffmpeg (bash tests/run.sh installs both).
# usage: bench/load-kiosks.sh [KIOSKS=100] [SECONDS=60] [EVERY=5]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kiosks=${1:-100}
seconds=${2:-60}
every=${3:-5}
faces=${ATTENDANCE_TEST_FACES:-$root/../shared/faces}
port=${LOAD_PORT:-5188}
for tool in chromium ffmpeg; do command -v $tool >/dev/null || { echo "$tool is missing: bash tests/run.sh installs it" >&2; exit 1; }; done

work=$(mktemp -d)
# Published, as in production: a plain build run outside Development does not serve the packages' static assets.
dotnet publish "$root/src/AttendanceBlazor.Web" -c Release -o "$work/app" -v quiet -nologo >&2
dotnet build "$root/src/AttendanceBlazor.Cli" -c Release -v quiet -nologo >&2
dotnet build "$root/bench/KioskLoad" -c Release -v quiet -nologo >&2
export ConnectionStrings__Attendance="Data Source=$work/attendance.db"
export DataProtection__KeysDirectory="$work/keys"
export RateLimits__ApiPermitsPerMinute=1000000
export Attendance__DuplicateWindow=00:00:00
export Attendance__KioskResultDuration=00:00:01
export Attendance__TimeZone=Europe/Berlin
export ASPNETCORE_ENVIRONMENT=Production
export Logging__LogLevel__Default=Warning
cli="$root/src/AttendanceBlazor.Cli/bin/Release/net10.0/attendance.dll"
ATTENDANCE_ADMIN_PASSWORD=Load-Test-Password-1 dotnet "$cli" admin create --email load@example.com >&2
key=$(dotnet "$cli" device add load-test --scope all | tail -1)
ffmpeg -loglevel error -y -loop 1 -i "$faces/enroll/obama/1.jpg" -t 2 -r 2 -vf "scale=480:-2,format=yuv420p" "$work/camera.y4m"

(cd "$work/app" && exec dotnet AttendanceBlazor.Web.dll --urls "http://127.0.0.1:$port") >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/openapi/v1.json" && break
  sleep 0.5
done
curl -fs -o /dev/null -H "X-Api-Key: $key" -F "image=@$faces/enroll/obama/2.jpg" -F "name=Barack Obama" "http://127.0.0.1:$port/check_in_or_out"

echo "== $kiosks kiosk circuits, a still every $every s each, $seconds s, $(nproc) cores, browser and server on the same machine"
status=0
dotnet "$root/bench/KioskLoad/bin/Release/net10.0/KioskLoad.dll" "http://127.0.0.1:$port" load@example.com Load-Test-Password-1 "$work/camera.y4m" "$kiosks" "$seconds" "$every" || status=$?
echo "attendance records written: $(sqlite3 "$work/attendance.db" 'select count(*) from AttendanceRecords;' 2>/dev/null || echo '?')"
awk '/VmHWM|VmRSS/ {printf "server %s %.0f MiB\n", $1, $2 / 1024}' "/proc/$server/status"
grep -c -i "fail\|exception" "$work/server.log" | awk '{print "server log lines with fail/exception: " $1}'
exit $status
