#!/usr/bin/env bash
# Bounded load test of POST /check_in_or_out on 127.0.0.1 with wrk (Debian package): the app published in Release
# on Kestrel (bench/app.sh), a fresh SQLite file, five people enrolled from ../shared/faces, then CONNECTIONS clients
# sending their probe photos for DURATION. The duplicate window is set to zero so that every request is a real
# state change (a check-in or a check-out written to the database), and the per-device rate limit is lifted, as a
# load test must not measure the limiter. Prints throughput, p50/p95/p99 latency and the server's peak memory.
# With STILL_SIZE set (for example 1280x720, what the kiosk asks its camera for, or 640x480), each probe is first
# fitted into a frame of that size (ffmpeg, which tests/run.sh installs), as a camera still would be; the people are still
# enrolled from the full photos.
# The app runs with its own appsettings.json (the fast detector); Recognition__DetectorMode=Reference in the
# environment measures the reference detector instead.
# With ATTENDANCE_LOAD_POSTGRES set (bench/app.sh) the app runs on PostgreSQL, and the rows each check-in wrote, per
# table, are read from PostgreSQL's statistics around the measured run.
# ENGINE=1 also times the engine alone (attendance bench, with the app's recognition settings) on the same stills in the
# same run, and prints the ratio of the server's CPU a request to it. PROFILE=1 samples the server with perf during the
# measured run and splits its CPU by stage (bench/perf-stages.py).
# usage: [STILL_SIZE=1280x720] [WARMUP=60s] [WINDOWS=1] [ENGINE=1] [PROFILE=1] [ATTENDANCE_LOAD_POSTGRES=...] [LOAD_CPUS=0] bench/load-api.sh [CONNECTIONS=4] [DURATION=30s]
set -euo pipefail
connections=${1:-4}
duration=${2:-30s}
# shellcheck source=bench/app.sh
# JIT code in a plain mapping, and its symbols in /tmp/perf-PID.map, so perf can name managed frames.
[ -z "${PROFILE:-}" ] || export DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0
source "$(dirname "$0")/app.sh"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }

start_app "${LOAD_PORT:-5187}"
people="obama biden kit_harington rose_leslie alex_lacamoire"
# Names without "_": the API takes letters, digits, spaces and a few marks in a name.
for p in $people; do enroll "${p//_/ }" "$faces/enroll/$p/1.jpg"; done
probes="$faces/probe/obama.jpg:$faces/enroll/biden/2.jpg:$faces/probe/kit_harington.jpg:$faces/enroll/rose_leslie/2.jpg:$faces/probe/alex_lacamoire.jpg"
if [ -n "${STILL_SIZE:-}" ]; then
  scaled=""
  i=0
  for f in ${probes//:/ }; do
    i=$((i + 1))
    # Fitted inside the frame and padded, as a camera frame of that size would hold the photo.
    w=${STILL_SIZE%x*} h=${STILL_SIZE#*x}
    ffmpeg -loglevel error -y -i "$f" -q:v 3 \
      -vf "scale=$w:$h:force_original_aspect_ratio=decrease,pad=$w:$h:(ow-iw)/2:(oh-ih)/2:color=gray" "$work/still$i.jpg"
    scaled="$scaled${scaled:+:}$work/still$i.jpg"
  done
  probes=$scaled
fi

# Warm-up at the measured concurrency, then the measured run. A minute, because the runtime keeps recompiling hot
# methods at higher tiers for about that long under load (tiered compilation with dynamic PGO; docs/benchmarks.md
# shows the server settling with WARMUP=1s WINDOWS=5).
warmup=${WARMUP:-60s}
LOAD_KEY=$key LOAD_IMAGES=$probes wrk -t1 -c"$connections" -d"$warmup" --timeout 10s -s "$root/bench/wrk-checkin.lua" "$url/check_in_or_out" >/dev/null
echo "== POST /check_in_or_out, stills ${STILL_SIZE:-full size}, detector ${Recognition__DetectorMode:-as configured (fast)}, $connections connections, $duration after $warmup warm-up, $(nproc) cores: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}')"
# WINDOWS=N measures N runs of DURATION back to back (to watch a server settle after a short WARMUP).
for _ in $(seq 1 "${WINDOWS:-1}"); do
  [ -z "${pg_database:-}" ] || { sleep 1; db_stats > "$work/db-before"; }
  cpu_before=$(awk '{print $14 + $15}' "/proc/$server/stat")
  if [ -n "${PROFILE:-}" ]; then
    perf record -F 499 -g -p "$server" -o "$work/perf.data" -- sleep "${duration%s}" >/dev/null 2>&1 &
    profiler=$!
  fi
  # One wrk thread: it drives hundreds of connections, and a second one would take CPU from the server on two cores.
  LOAD_KEY=$key LOAD_IMAGES=$probes wrk -t1 -c"$connections" -d"$duration" --timeout 10s -s "$root/bench/wrk-checkin.lua" "$url/check_in_or_out" \
    | tee "$work/wrk.out" | grep -E '^(requests|latency_ms|socket)'
  cpu_after=$(awk '{print $14 + $15}' "/proc/$server/stat")
  per_request=$(awk -v t="$(( (cpu_after - cpu_before) * 1000 / $(getconf CLK_TCK) ))" '/^requests/ {printf "%.1f", t / $2}' "$work/wrk.out")
  echo "server CPU: $per_request ms a request"
  if [ -n "${PROFILE:-}" ]; then
    wait "$profiler" || true
    echo "where the server's CPU went (perf, $(perf script -i "$work/perf.data" 2>/dev/null | grep -c '^[^ \t]' || true) samples):"
    perf script -i "$work/perf.data" 2>/dev/null | python3 "$root/bench/perf-stages.py" "$per_request" | tail -n +2
    # PROFILE_KEEP=FILE keeps the samples (perf report -i FILE; the JIT symbols stay in /tmp/perf-PID.map).
    [ -z "${PROFILE_KEEP:-}" ] || cp "$work/perf.data" "$PROFILE_KEEP"
  fi
  if [ -n "${pg_database:-}" ]; then
    # What the database wrote for these requests, per table and per request (every request here is a check-in or a
    # check-out: the duplicate window is zero).
    sleep 1
    db_stats > "$work/db-after"
    requests=$(awk '/^requests/ {print $2}' "$work/wrk.out")
    echo "database writes per request (rows inserted / updated / deleted), PostgreSQL statistics over $requests requests:"
    awk -F'\t' -v n="$requests" 'NR == FNR { i[$1] = $2; u[$1] = $3; d[$1] = $4; next }
      { di = $2 - i[$1]; du = $3 - u[$1]; dd = $4 - d[$1]
        if (di + du + dd > 0) printf "  %-28s %6.2f %6.2f %6.2f\n", $1, di / n, du / n, dd / n }' "$work/db-before" "$work/db-after"
  fi
done
if [ -n "${ENGINE:-}" ]; then
  # The engine alone on the same stills, with the app's recognition settings (appsettings.json and the environment).
  mkdir -p "$work/stills"
  for f in ${probes//:/ }; do cp "$f" "$work/stills/"; done
  mirrored=$(sed -n 's/.*"MirroredDescriptors": *\([a-z]*\).*/\1/p' "$root/src/AttendanceBlazor.Web/appsettings.json")
  threads=$(sed -n 's/.*"IntraOpThreads": *\([0-9]*\).*/\1/p' "$root/src/AttendanceBlazor.Web/appsettings.json")
  Recognition__MirroredDescriptors=${Recognition__MirroredDescriptors:-$mirrored} Recognition__IntraOpThreads=${Recognition__IntraOpThreads:-$threads} \
    dotnet "$cli" bench --images "$work/stills" --runs 20 --index 0 --parallel 2 --detector "${Recognition__DetectorMode:-fast}" > "$work/engine.out"
  engine=$(awk '$1 == "total" {print $2}' "$work/engine.out")
  engine2=$(awk '$2 == "at" && $3 == "once:" {print $4}' "$work/engine.out")
  echo "engine alone on the same stills (attendance bench): median $engine ms one at a time, $engine2 ms of CPU a still two at once (as the server's two slots run them)"
  echo "server CPU a request / engine: $(awk -v a="$per_request" -v b="$engine" 'BEGIN {printf "%.2f", a / b}') against one at a time, $(awk -v a="$per_request" -v b="$engine2" 'BEGIN {printf "%.2f", a / b}') against two at once"
fi
report_server
