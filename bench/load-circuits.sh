#!/usr/bin/env bash
# Bounded load test of kiosk circuits on 127.0.0.1 without a browser: the app published in Release on Kestrel with
# a fresh SQLite file, and bench/CircuitLoad opening KIOSKS Blazor Server circuits on /kiosk (SignalR, the
# "blazorpack" protocol, started as blazor.web.js starts them), each pressing "Check in or out" every EVERY seconds
# for SECONDS and sending ../shared/faces/probe/obama.jpg over the circuit as a JS data stream. The duplicate window
# is zero, so every still is a state change. Prints stills per second, press-to-result latency, outcomes, errors
# and the server's peak memory. (bench/load-kiosks.sh does the same with real pages in Chromium.)
# usage: bench/load-circuits.sh [KIOSKS=100] [SECONDS=60] [EVERY=5]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
kiosks=${1:-100}
seconds=${2:-60}
every=${3:-5}
faces=${ATTENDANCE_TEST_FACES:-$root/../shared/faces}
port=${LOAD_PORT:-5189}

work=$(mktemp -d)
# Published, as in production: a plain build run outside Development does not serve the packages' static assets.
dotnet publish "$root/src/AttendanceBlazor.Web" -c Release -o "$work/app" -v quiet -nologo >&2
dotnet build "$root/src/AttendanceBlazor.Cli" -c Release -v quiet -nologo >&2
dotnet build "$root/bench/CircuitLoad" -c Release -v quiet -nologo >&2
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

(cd "$work/app" && exec dotnet AttendanceBlazor.Web.dll --urls "http://127.0.0.1:$port") >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/openapi/v1.json" && break
  sleep 0.5
done
curl -fs -o /dev/null -H "X-Api-Key: $key" -F "image=@$faces/enroll/obama/2.jpg" -F "name=Barack Obama" "http://127.0.0.1:$port/check_in_or_out"

echo "== $kiosks kiosk circuits (no browser), a still every $every s each, $seconds s, $(nproc) cores"
status=0
dotnet "$root/bench/CircuitLoad/bin/Release/net10.0/CircuitLoad.dll" "http://127.0.0.1:$port" load@example.com Load-Test-Password-1 "$faces/probe/obama.jpg" "$kiosks" "$seconds" "$every" || status=$?
echo "attendance records written: $(sqlite3 "$work/attendance.db" 'select count(*) from AttendanceRecords;' 2>/dev/null || echo '?')"
awk '/VmHWM|VmRSS/ {printf "server %s %.0f MiB\n", $1, $2 / 1024}' "/proc/$server/status"
grep -c -i "fail\|exception" "$work/server.log" | awk '{print "server log lines with fail/exception: " $1}'
exit $status
