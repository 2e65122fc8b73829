#!/usr/bin/env bash
# Bounded load test of kiosk circuits on 127.0.0.1: the Release build of the app on Kestrel with a fresh SQLite
# file, and bench/KioskLoad driving KIOSKS real kiosk pages in Debian's Chromium (one SignalR circuit each, a fake
# camera showing ../shared/faces/enroll/obama/1.jpg), each pressing "Check in or out" every EVERY seconds for
# SECONDS. Stills travel over the circuit as streams, as in production. The duplicate window is zero, so every
# still is a state change. Prints stills per second, click-to-result latency, outcomes, errors and the server's
# peak memory. Needs chromium and ffmpeg (bash tests/run.sh installs both).
# usage: bench/load-kiosks.sh [KIOSKS=100] [SECONDS=60] [EVERY=5]
set -euo pipefail
kiosks=${1:-100}
seconds=${2:-60}
every=${3:-5}
# Stills, as before liveness existed: with Attendance:Liveness = Challenge (the default) every press would start a
# challenge, which this driver's still cannot answer. bench/load-peak.sh measures check-ins with the challenge.
export Attendance__Liveness=Off
# shellcheck source=bench/app.sh
source "$(dirname "$0")/app.sh"
for tool in chromium ffmpeg; do command -v $tool >/dev/null || { echo "$tool is missing: bash tests/run.sh installs it" >&2; exit 1; }; done

start_app "${LOAD_PORT:-5188}"
dotnet build "$root/bench/KioskLoad" -c Release -v quiet -nologo >&2
enroll "Barack Obama" "$faces/enroll/obama/2.jpg"
ffmpeg -loglevel error -y -loop 1 -i "$faces/enroll/obama/1.jpg" -t 2 -r 2 -vf "scale=480:-2,format=yuv420p" "$work/camera.y4m"

echo "== $kiosks kiosk circuits, a still every $every s each, $seconds s, $(nproc) cores, browser and server on the same machine"
status=0
dotnet "$root/bench/KioskLoad/bin/Release/net10.0/KioskLoad.dll" "$url" load@example.com "$admin_password" "$work/camera.y4m" "$kiosks" "$seconds" "$every" || status=$?
report_server
exit $status
