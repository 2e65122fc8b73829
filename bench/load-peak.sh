#!/usr/bin/env bash
# The 09:00 peak over circuits, with liveness on: the app published in Release on Kestrel (bench/app.sh: a fresh SQLite file, or
# PostgreSQL when ATTENDANCE_LOAD_POSTGRES names a server), KIOSKS kiosk circuits pressing "Check in or out" every
# EVERY seconds and TABS personal tabs opening /me?checkin=true every TAB_EVERY seconds (a new circuit each time, as
# the app bar's button opens it), for SECONDS. Every check-in meets the liveness challenge (Attendance:Liveness =
# Challenge, the default: three steps, each a turn to the side drawn at random and back) and sends each step's frames
# over the circuit as the camera module packs them: in the first step a 1280 px still, then 480 px frames at 6 a
# second, handed over after the step's 3 s. The driver reads the side off the screen and sends a real turn to it:
# ../shared/faces-pose person-a and person-b, cut into steps; kiosks show person-a, the tabs belong to two Employee
# accounts linked to person-a and person-b. The same turns are sent over and over, which the app refuses as replayed
# recordings: the benchmark runs with Attendance:LivenessRefuseReplays = false (the check is still made, and logged),
# in an environment named Benchmark (the app does not start with that switch in Production). The duplicate window is
# zero, so every pass is a state change. Prints results per second, press-to-result time (the three steps' 9 s of
# recording included), outcomes and errors per kind, the server's peak memory and CPU seconds.
# usage: bench/load-peak.sh [KIOSKS=20] [TABS=20] [SECONDS=60] [EVERY=10] [TAB_EVERY=20]
set -euo pipefail
kiosks=${1:-20}
tabs=${2:-20}
seconds=${3:-60}
every=${4:-10}
tab_every=${5:-20}
pose=${ATTENDANCE_TEST_POSES:-$(cd "$(dirname "$0")/.." && pwd)/../shared/faces-pose}
[ -d "$pose" ] || { echo "no head-turn frames at $pose (set ATTENDANCE_TEST_POSES)" >&2; exit 1; }
command -v ffmpeg >/dev/null || { echo "ffmpeg is needed to size the frames as the kiosk does (apt-get install ffmpeg)" >&2; exit 1; }
export Attendance__Liveness=Challenge
export Attendance__LivenessRefuseReplays=false
export LOAD_ENVIRONMENT=Benchmark
export RateLimits__PersonalCheckInsPerMinute=1000000
# shellcheck source=bench/app.sh
source "$(dirname "$0")/app.sh"

start_app "${LOAD_PORT:-5191}"
dotnet build "$root/bench/CircuitLoad" -c Release -v quiet -nologo >&2

# A step as the camera module records it: FRAMES (indices into a sequence, 12.5 a second, so every second one is 6 a
# second) at 480 px, optionally mirrored, padded with the last frame to the 3 s of a step (18 frames).
step() {
  local from=$1 to=$2 flip=$3 n=0
  shift 3
  mkdir -p "$to"
  for i in "$@"; do
    ffmpeg -loglevel error -y -i "$from/$(printf %03d "$i").jpg" -vf "scale=480:-2${flip:+,hflip}" -q:v 4 "$to/$(printf %03d $n).jpg"
    n=$((n + 1))
  done
  while [ $n -lt 18 ]; do cp "$to/$(printf %03d $((n - 1))).jpg" "$to/$(printf %03d $n).jpg"; n=$((n + 1)); done
}
a="$pose/person-a/turn-right-then-left"
b="$pose/person-b/turn-right-left-right"
mkdir -p "$work/steps-a" "$work/steps-b"
ffmpeg -loglevel error -y -i "$a/000.jpg" -vf scale=1280:-2 -q:v 3 "$work/steps-a/still.jpg"
step "$a" "$work/steps-a/right" "" 0 2 4 6 8 10 12 14 16 17
step "$a" "$work/steps-a/left" "" 17 19 21 23 25 27 29 31 33 35 37
ffmpeg -loglevel error -y -i "$b/009.jpg" -vf scale=1280:-2 -q:v 3 "$work/steps-b/still.jpg"
step "$b" "$work/steps-b/left" "" 9 9 11 13 15 17 19
step "$b" "$work/steps-b/right" "flip" 9 9 11 13 15 17 19
enroll "Person A" "$work/steps-a/still.jpg"
enroll "Person B" "$work/steps-b/still.jpg"
account_password=Load-Test-Account-1
for who in a b; do
  ATTENDANCE_USER_PASSWORD=$account_password dotnet "$cli" user add --email "$who@example.com" --role Employee --person "Person ${who^^}" >&2
done

echo "== $kiosks kiosk circuits every $every s and $tabs personal tabs every $tab_every s, liveness challenge on, $seconds s, $(nproc) cores"
cpu_before=$(awk '{print $14 + $15}' "/proc/$server/stat")
status=0
# The driver shares the machine's cores with the server: its own CPU time is printed after its report.
/usr/bin/time -f "driver CPU: %U s user, %S s system" dotnet "$root/bench/CircuitLoad/bin/Release/net10.0/CircuitLoad.dll" "$url" load@example.com "$admin_password" "$work/steps-a/still.jpg" \
  "$kiosks" "$seconds" "$every" --steps "$work/steps-a" \
  --personal "$tabs" --personal-every "$tab_every" --account "a@example.com=$work/steps-a" --account "b@example.com=$work/steps-b" \
  --account-password "$account_password" || status=$?
cpu_after=$(awk '{print $14 + $15}' "/proc/$server/stat")
echo "server CPU: $(( (cpu_after - cpu_before) / $(getconf CLK_TCK) )) s over the run"
report_server
exit $status
