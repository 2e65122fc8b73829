#!/usr/bin/env bash
# The 09:00 peak over circuits, with liveness on: the app published in Release on Kestrel (bench/app.sh: a fresh SQLite file, or
# PostgreSQL when ATTENDANCE_LOAD_POSTGRES names a server), KIOSKS kiosk circuits pressing "Check in or out" every
# EVERY seconds and TABS personal tabs opening /me?checkin=true every TAB_EVERY seconds (a new circuit each time, as
# the app bar's button opens it), for SECONDS. Every check-in meets the liveness challenge (Attendance:Liveness =
# Challenge, the default; here only "turn right, then left", so the recorded turns answer it) and sends a real burst
# over the circuit as the kiosk's camera module packs it: a 1280 px still, then 480 px frames at 6 a second, handed
# over after the 4 s of recording. The turns are ../shared/faces-pose person-a and person-b; kiosks show person-a,
# the tabs belong to two Employee accounts linked to person-a and person-b. The duplicate window is zero, so every
# pass is a state change. Prints results per second, press-to-result time (the 4 s recording included), outcomes and
# errors per kind, the server's peak memory and CPU seconds.
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
export Attendance__LivenessChallenges__0=TurnRightThenLeft
export RateLimits__PersonalCheckInsPerMinute=1000000
# shellcheck source=bench/app.sh
source "$(dirname "$0")/app.sh"

start_app "${LOAD_PORT:-5191}"
dotnet build "$root/bench/CircuitLoad" -c Release -v quiet -nologo >&2

# A burst as the kiosk records it: the first frame at 1280 px, then every second frame (6 a second) at 480 px, 4 s.
burst() {
  local from=$1 to=$2 i=0 n=0
  mkdir -p "$to"
  for f in "$from"/*.jpg; do
    if [ $i -eq 0 ]; then
      ffmpeg -loglevel error -y -i "$f" -vf scale=1280:-2 -q:v 3 "$to/000.jpg"
    elif [ $((i % 2)) -eq 1 ] && [ $n -lt 24 ]; then
      n=$((n + 1))
      ffmpeg -loglevel error -y -i "$f" -vf scale=480:-2 -q:v 4 "$to/$(printf %03d $n).jpg"
    fi
    i=$((i + 1))
  done
}
burst "$pose/person-a/turn-right-then-left" "$work/burst-a"
burst "$pose/person-b/turn-right-left-right" "$work/burst-b"
enroll "Person A" "$work/burst-a/000.jpg"
enroll "Person B" "$work/burst-b/000.jpg"
account_password=Load-Test-Account-1
for who in a b; do
  ATTENDANCE_USER_PASSWORD=$account_password dotnet "$cli" user add --email "$who@example.com" --role Employee --person "Person ${who^^}" >&2
done

echo "== $kiosks kiosk circuits every $every s and $tabs personal tabs every $tab_every s, liveness challenge on, $seconds s, $(nproc) cores"
cpu_before=$(awk '{print $14 + $15}' "/proc/$server/stat")
status=0
# The driver shares the machine's cores with the server: its own CPU time is printed after its report.
/usr/bin/time -f "driver CPU: %U s user, %S s system" dotnet "$root/bench/CircuitLoad/bin/Release/net10.0/CircuitLoad.dll" "$url" load@example.com "$admin_password" "$work/burst-a/000.jpg" \
  "$kiosks" "$seconds" "$every" --burst "$work/burst-a" \
  --personal "$tabs" --personal-every "$tab_every" --account "a@example.com=$work/burst-a" --account "b@example.com=$work/burst-b" \
  --account-password "$account_password" || status=$?
cpu_after=$(awk '{print $14 + $15}' "/proc/$server/stat")
echo "server CPU: $(( (cpu_after - cpu_before) / $(getconf CLK_TCK) )) s over the run"
report_server
exit $status
