#!/usr/bin/env bash
# Bad input and abuse through the real server (published in Release, Production settings, 127.0.0.1), as the
# security issue asks: a 6300 x 6300 PNG, 30 large stills at once, a crowd photo, 20 wrong passwords, 20 wrong keys
# from one address and then a valid key, 8 and 30 huge PNGs at once while the server's resident memory is sampled,
# and 30 small stills at once. Prints every answer's status codes; fails when any answer is a 5xx other than a 503
# with Retry-After, when the valid key is refused, when a small still gets a 503, or when the peak resident memory
# during the 8 PNGs reaches 1.5 GiB.
# usage: bench/abuse-run.sh
set -euo pipefail
# shellcheck source=bench/app.sh
source "$(dirname "$0")/app.sh"
start_app "${LOAD_PORT:-5193}"
# app.sh lifts the per-device limit for load tests; this run wants the shipped limits, so it starts again without.
unset RateLimits__ApiPermitsPerMinute RateLimits__SignInPerAddressPerMinute RateLimits__KioskCapturesPerMinute Attendance__DuplicateWindow
restart_app
problems=0

rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status"; }

# Sends N copies of FILE at once with KEY; the answers' status codes and Retry-After go to $work/blast.txt: blast N FILE [KEY]
blast() {
  local n=$1 file=$2 with=${3:-$key}
  seq 1 "$n" | xargs -P "$n" -I{} sh -c \
    "curl -s -o /dev/null -D - -w 'STATUS %{http_code}\n' -H 'X-Api-Key: $with' -F 'image=@$file' '$url/check_in_or_out' | grep -i -E '^STATUS|^retry-after' | tr -d '\r' | paste -sd' '" \
    >"$work/blast.txt"
}

# Prints the last blast's answers, counted; a 5xx other than 503 with Retry-After is a problem.
answers() {
  sort "$work/blast.txt" | uniq -c | sed 's/^/    /'
  if grep -E 'STATUS 5[0-9][0-9]' "$work/blast.txt" | grep -v -i -E 'STATUS 503 retry-after' | grep -q .; then
    echo "    ^ a 5xx other than 503 with Retry-After"; problems=$((problems + 1))
  fi
}

# Runs a blast while sampling the server's resident memory every 50 ms; prints the peak in MiB: peak_while ARGS...
peak_while() {
  local peak=0 pid now
  blast "$@" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    now=$(rss_mib); [ "$now" -gt "$peak" ] && peak=$now
    sleep 0.05
  done
  wait "$pid" || true
  echo "$peak"
}

python3 "$(dirname "$0")/huge-png.py" "$work/huge.png"
# A large camera still: a real face scaled to 6000 px wide (27 MP, over the 16 MP limit: decoded scaled down).
ffmpeg -loglevel error -y -i "$faces/probe/obama.jpg" -vf scale=6000:-1 -q:v 3 "$work/large.jpg"
enroll "Barack Obama" "$faces/enroll/obama/1.jpg"
echo "server at rest: $(rss_mib) MiB"

echo "1. one 6300 x 6300 PNG ($(($(stat -c %s "$work/huge.png") / 1024)) KB):"
blast 1 "$work/huge.png"; answers
echo "2. 30 large stills at once ($(($(stat -c %s "$work/large.jpg") / 1024)) KB, 6000 px wide):"
peak=$(peak_while 30 "$work/large.jpg"); answers
echo "    peak resident memory: $peak MiB"
echo "    one more, its answer: $(curl -s -H "X-Api-Key: $key" -F "image=@$work/large.jpg" "$url/check_in_or_out" | head -c 200)"
echo "3. a crowd photo:"
blast 1 "$faces/edge/obama_and_biden.jpg"; answers

echo "4. 20 wrong passwords from one address:"
jar=$work/jar
codes=""
for i in $(seq 1 20); do
  t=$(curl -s -c "$jar" -b "$jar" "$url/Account/Login" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1)
  codes+=" $(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$url/Account/Login" --data-urlencode "__RequestVerificationToken=$t" \
    --data-urlencode _handler=login --data-urlencode Input.Email=load@example.com --data-urlencode "Input.Password=Wrong-$i-password")"
done
echo "    $codes"
[[ $codes == *" 5"* ]] && { echo "    ^ a 5xx"; problems=$((problems + 1)); }

echo "5. 20 wrong keys from one address, then the valid key:"
codes=""
for i in $(seq 1 20); do codes+=" $(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: att_wrong$i" "$url/attendance?name=x")"; done
valid=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $key" "$url/attendance?name=Barack%20Obama")
echo "    wrong keys:$codes; valid key: $valid"
[ "$valid" = 200 ] || { echo "    ^ the valid key was refused"; problems=$((problems + 1)); }

echo "6. 8 huge PNGs at once:"
peak=$(peak_while 8 "$work/huge.png"); answers
echo "    peak resident memory: $peak MiB (limit 1536)"
[ "$peak" -lt 1536 ] || { echo "    ^ over 1.5 GiB"; problems=$((problems + 1)); }
echo "7. 30 huge PNGs at once:"
peak=$(peak_while 30 "$work/huge.png"); answers
echo "    peak resident memory: $peak MiB"

# A second device, so the first one's 120 calls a minute (all of the above) do not answer these 429.
second=$(dotnet "$cli" device add abuse-second --scope all | tail -1)
echo "8. 30 small stills at once (the registered face, from a second device):"
blast 30 "$faces/probe/obama.jpg" "$second"; answers
grep -q 'STATUS 503' "$work/blast.txt" && { echo "    ^ a small still got 503"; problems=$((problems + 1)); }

report_server
grep -i "fail\|exception" "$work/server.log" | sed -E 's/[0-9a-f]{8,}|[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+/_/g' | sort | uniq -c | sed 's/^/    /'
echo "$problems problems"
exit "$problems"
