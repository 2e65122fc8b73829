#!/usr/bin/env bash
# Memory under a burst of bursts: the app published in Release (bench/app.sh), liveness on, and KIOSKS kiosk circuits
# (20) pressing at the same moment, each sending the largest step the camera module's format allows: a still just under
# Recognition:MaxImageBytes (a face photo blown up with noise, about 19 MiB) and 63 small frames of about 125 kB
# (480 px with noise, as large as a camera draws them), about 27 MiB a step, 540 MiB for twenty. A picture passes no
# step, so each press is three tries, each starting with such a step. Steps are read only once their size fits the byte budget
# (Recognition:MaxBufferedBytes, 256 MiB), so the server's resident memory stays bounded; the script prints its peak
# (VmHWM) and what the kiosks were answered. The per-kiosk limits are lifted as in every load test (the twenty circuits
# share one account), so what is measured is the budget, not the limiters.
# usage: bench/load-bursts.sh [KIOSKS=20] [PRESSES=1]
set -euo pipefail
kiosks=${1:-20}
presses=${2:-1}
command -v ffmpeg >/dev/null || { echo "ffmpeg is needed (apt-get install ffmpeg)" >&2; exit 1; }
export Attendance__Liveness=Challenge
# shellcheck source=bench/app.sh
source "$(dirname "$0")/app.sh"

start_app "${LOAD_PORT:-5195}"
dotnet build "$root/bench/CircuitLoad" -c Release -v quiet -nologo >&2
burst="$work/steps-max"
mkdir -p "$burst/left" "$burst/right"
# The still: the largest that stays within 20 MiB (noise makes JPEG incompressible).
for size in 6400x4800 6000x4500 5600x4200 5200x3900 4600x3450 4200x3150; do
  ffmpeg -loglevel error -y -i "$faces/probe/obama.jpg" -vf "scale=${size/x/:},noise=alls=60:allf=t" -q:v 1 "$burst/still.jpg"
  [ "$(stat -c %s "$burst/still.jpg")" -lt $((20 * 1024 * 1024)) ] && break
done
frame=$(mktemp --suffix=.jpg)
for q in 1 2 3 4 5 6; do
  ffmpeg -loglevel error -y -i "$faces/probe/obama.jpg" -vf "scale=480:-2,noise=alls=100:allf=t" -q:v $q "$frame"
  [ "$(stat -c %s "$frame")" -lt $((256 * 1024)) ] && break
done
for i in $(seq 1 63); do cp "$frame" "$burst/left/$(printf %03d "$i").jpg"; cp "$frame" "$burst/right/$(printf %03d "$i").jpg"; done
total=$(du -cb "$burst"/still.jpg "$burst"/left/*.jpg | tail -1 | cut -f1)
echo "== $kiosks kiosk circuits pressing at once, $presses press(es) each, steps of $((total / 1024 / 1024)) MiB (still $(($(stat -c %s "$burst/still.jpg") / 1024 / 1024)) MiB, 63 frames of $(($(stat -c %s "$frame") / 1024)) kB), $(nproc) cores"
awk '/VmRSS/ {printf "server at rest: %.0f MiB\n", $2 / 1024}' "/proc/$server/status"
status=0
# Every kiosk presses once at the start (EVERY longer than the run), as a crowd at 09:00 would.
dotnet "$root/bench/CircuitLoad/bin/Release/net10.0/CircuitLoad.dll" "$url" load@example.com "$admin_password" "$burst/still.jpg" \
  "$kiosks" "$((presses * 40))" 40 --steps "$burst" --at-once || status=$?
report_server
exit $status
