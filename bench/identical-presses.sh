#!/usr/bin/env bash
# The 09:00 peak's double press, through the published app on 127.0.0.1 with the real clock: COPIES identical
# POST /check_in_or_out sent at once, with a 2-second duplicate window and one recognition slot, so that the queue
# outlasts the window. Each copy is judged by when it arrived, not by when its turn came: exactly one changes the
# state, the others are answered 409 (duplicate) or 503 busy with Retry-After. With ATTENDANCE_LOAD_POSTGRES set, two
# nodes on one PostgreSQL database share the copies (the person's row is the lock across them). Prints the answers
# per status and the events the database holds; exits 1 unless exactly one changed the state.
# usage: [ATTENDANCE_LOAD_POSTGRES=...] bench/identical-presses.sh [COPIES=40]
set -euo pipefail
copies=${1:-40}
export LOAD_DUPLICATE_WINDOW=00:00:02
export Recognition__MaxConcurrentAnalyses=1
# shellcheck source=bench/app.sh
source "$(dirname "$0")/app.sh"

start_app "${LOAD_PORT:-5193}"
urls=("$url")
if [ -n "${ATTENDANCE_LOAD_POSTGRES:-}" ]; then
  second_server "${LOAD_PORT2:-5194}"
  urls+=("$url2")
fi
enroll "Barack Obama" "$faces/enroll/obama/1.jpg"
# Known on every node (the change feed), and the registration's check-in out of the window.
sleep 3
events_before=$(sql 'select count(*) + count("CheckOutUtc") from "AttendanceRecords";')

echo "== $copies identical check-ins at once, window 2 s, 1 recognition slot, ${#urls[@]} node(s), $(nproc) cores"
mkdir -p "$work/answers"
pids=()
started=$(date +%s.%N)
for i in $(seq 1 "$copies"); do
  target=${urls[$((i % ${#urls[@]}))]}
  curl -s -o "$work/answers/$i.json" -D "$work/answers/$i.headers" -w '%{http_code}\n' -H "X-Api-Key: $key" \
    -F "image=@$faces/probe/obama.jpg" "$target/check_in_or_out" > "$work/answers/$i.code" &
  pids+=($!)
done
# The requests only (a bare wait would wait for the server too).
wait "${pids[@]}"
echo "all answered in $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s (the window is 2 s)"
sleep 1
echo "answers:"
cat "$work/answers/"*.code | sort | uniq -c | sed 's/^/  /'
busy=$(cat "$work/answers/"*.code | grep -c '^503' || true)
retry=$(grep -il '^retry-after:' "$work/answers/"*.headers | wc -l || true)
echo "busy answers with Retry-After: $retry of $busy"
events_after=$(sql 'select count(*) + count("CheckOutUtc") from "AttendanceRecords";')
changes=$((events_after - events_before))
echo "state changes recorded: $changes"
report_server
[ "$changes" -eq 1 ] && [ "$(cat "$work/answers/"*.code | grep -c '^200' || true)" -eq 1 ]
