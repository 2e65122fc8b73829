#!/usr/bin/env bash
# Bounded load test of kiosk circuits on 127.0.0.1 without a browser: the app published in Release on Kestrel with
# a fresh SQLite file, and bench/CircuitLoad opening KIOSKS Blazor Server circuits on /kiosk (SignalR, the
# "blazorpack" protocol, started as blazor.web.js starts them), each pressing "Check in or out" every EVERY seconds
# for SECONDS and sending ../shared/faces/probe/obama.jpg over the circuit as a JS data stream. The duplicate window
# is zero, so every still is a state change. Prints stills per second, press-to-result latency, outcomes, errors
# and the server's peak memory. (bench/load-kiosks.sh does the same with real pages in Chromium.)
# usage: bench/load-circuits.sh [KIOSKS=100] [SECONDS=60] [EVERY=5]
set -euo pipefail
kiosks=${1:-100}
seconds=${2:-60}
every=${3:-5}
# Stills, as before liveness existed: with Attendance:Liveness = Challenge (the default) every press would start a
# challenge, which this driver's still cannot answer. bench/load-peak.sh measures check-ins with the challenge.
export Attendance__Liveness=Off
# shellcheck source=bench/app.sh
source "$(dirname "$0")/app.sh"

start_app "${LOAD_PORT:-5189}"
dotnet build "$root/bench/CircuitLoad" -c Release -v quiet -nologo >&2
enroll "Barack Obama" "$faces/enroll/obama/2.jpg"

echo "== $kiosks kiosk circuits (no browser), a still every $every s each, $seconds s, $(nproc) cores"
status=0
dotnet "$root/bench/CircuitLoad/bin/Release/net10.0/CircuitLoad.dll" "$url" load@example.com "$admin_password" "$faces/probe/obama.jpg" "$kiosks" "$seconds" "$every" || status=$?
report_server
exit $status
