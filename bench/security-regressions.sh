#!/usr/bin/env bash
# The HTTP-level regression checks of the security review (../shared/reviews/security-review.md), run against a
# real server on 127.0.0.1 built from a checkout: this one by default, or another commit's (to show that the checks
# fail where the findings were: `git worktree add /tmp/old 44f17b8 && bench/security-regressions.sh /tmp/old`).
# Each check prints PASS or FAIL with the finding's number; the exit code is the number of failures. (The crowd's
# cost, finding 9, is not visible over HTTP: ACrowdIsRefusedAfterDetectionWithoutDescribingAnyFace counts it.)
# usage: bench/security-regressions.sh [CHECKOUT=this repository]
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "${1:-$here}" && pwd)
faces=${ATTENDANCE_TEST_FACES:-$here/../shared/faces}
[ -d "$faces" ] || { echo "no test photos at $faces (set ATTENDANCE_TEST_FACES)" >&2; exit 1; }
port=${REGRESSION_PORT:-5191}
url="http://127.0.0.1:$port"
work=$(mktemp -d)
password=Regression-Password-1
failures=0

echo "checkout: $root ($(git -C "$root" rev-parse --short HEAD))"
dotnet publish "$root/src/AttendanceBlazor.Web" -c Release -o "$work/app" -v quiet -nologo >&2 || exit 1
dotnet publish "$root/src/AttendanceBlazor.Cli" -c Release -o "$work/cli" -v quiet -nologo >&2 || exit 1
export ConnectionStrings__Attendance="Data Source=$work/attendance.db"
export DataProtection__KeysDirectory="$work/keys"
export ASPNETCORE_ENVIRONMENT=Production
export Attendance__TimeZone=Europe/Berlin
# The proxy in front of this server is on the same machine (a setting the old build ignores).
export Security__KnownProxies__0=127.0.0.1
server=
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT

start() {
  (cd "$work/app" && exec dotnet AttendanceBlazor.Web.dll --urls "$url") >>"$work/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "$url/openapi/v1.json" && return 0
    sleep 0.5
  done
  echo "the app did not start:" >&2; cat "$work/server.log" >&2; exit 1
}

check() { # check FINDING DESCRIPTION CONDITION...
  local finding=$1 what=$2; shift 2
  if "$@"; then echo "PASS  #$finding  $what"; else echo "FAIL  #$finding  $what"; failures=$((failures + 1)); fi
}

# A form page's antiforgery token, with its cookie kept in JAR: token PATH JAR
token() { curl -s -c "$2" -b "$2" "$url$1" | sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' | head -1; }

start

# 15: /setup needs the one-time code from the console; without it no admin is created.
jar=$work/setup.jar
t=$(token /setup "$jar")
curl -s -o "$work/setup.html" -w '%{http_code}' -c "$jar" -b "$jar" "$url/setup" \
  --data-urlencode "__RequestVerificationToken=$t" --data-urlencode _handler=setup --data-urlencode "Input.Email=intruder@example.com" \
  --data-urlencode "Input.Password=$password" --data-urlencode "Input.ConfirmPassword=$password" >"$work/setup.code"
setup_refused() { [ "$(cat "$work/setup.code")" != 302 ]; }
check 15 "/setup without the console's setup code creates no admin" setup_refused

ATTENDANCE_ADMIN_PASSWORD=$password dotnet "$work/cli/attendance.dll" admin create --email admin@example.com >/dev/null 2>&1 \
  || echo "(admin create: the setup above already made one)"
key=$(dotnet "$work/cli/attendance.dll" device add regression --scope all | tail -1)

# 1: five wrong passwords lock the account: the right one then leads to the lockout page.
jar=$work/login.jar
for i in 1 2 3 4 5; do
  t=$(token /Account/Login "$jar")
  curl -s -o /dev/null -c "$jar" -b "$jar" "$url/Account/Login" --data-urlencode "__RequestVerificationToken=$t" \
    --data-urlencode _handler=login --data-urlencode Input.Email=admin@example.com --data-urlencode "Input.Password=Wrong-$i-password"
done
t=$(token /Account/Login "$jar")
location=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" "$url/Account/Login" --data-urlencode "__RequestVerificationToken=$t" \
  --data-urlencode _handler=login --data-urlencode Input.Email=admin@example.com --data-urlencode "Input.Password=$password")
locked() { [[ $location == *Account/Lockout* ]]; }
check 1 "after 5 wrong passwords the right one gets the lockout page (got: ${location:-no redirect})" locked

# 1: 20 sign-in posts a minute from one address: throttled with 429.
codes=""
for i in $(seq 1 20); do
  t=$(token /Account/Login "$jar")
  codes+=" $(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$url/Account/Login" --data-urlencode "__RequestVerificationToken=$t" \
    --data-urlencode _handler=login --data-urlencode "Input.Email=nobody$i@example.com" --data-urlencode "Input.Password=Wrong-$i-password")"
done
throttled() { [[ $codes == *429* ]]; }
check 1 "20 sign-in posts in a minute from one address get 429 (codes:$codes)" throttled

# 2: consent=false is refused with 400 and nothing is stored.
code=$(curl -s -o "$work/consent.json" -w '%{http_code}' -H "X-Api-Key: $key" -F "image=@$faces/enroll/obama/1.jpg" \
  -F "name=Consent Refused" -F consent=false "$url/check_in_or_out")
stored=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $key" "$url/attendance?name=Consent%20Refused")
consent_refused() { [ "$code" = 400 ] && [ "$stored" = 404 ]; }
check 2 "consent=false answers 400 and stores nothing (got $code, then GET /attendance $stored)" consent_refused

# 8: behind a known proxy that terminates TLS, cookies are Secure and HSTS is sent.
headers=$(curl -s -D - -o /dev/null -H "Host: attendance.example" -H "X-Forwarded-Proto: https" "$url/Account/Login")
secure_cookies() { grep -i '^set-cookie' <<<"$headers" | grep -qi 'secure' && grep -qi '^strict-transport-security' <<<"$headers"; }
check 8 "X-Forwarded-Proto: https from the known proxy gives Secure cookies and HSTS" secure_cookies

# 9: a 6300 x 6300 PNG of one colour (a few hundred KB) is refused from its header.
python3 "$here/bench/huge-png.py" "$work/huge.png"
code=$(curl -s -o "$work/png.json" -w '%{http_code}' -H "X-Api-Key: $key" -F "image=@$work/huge.png" "$url/check_in_or_out")
png_refused() { [ "$code" = 400 ] && grep -q '6300 x 6300 pixels' "$work/png.json"; }
check 9 "a $(($(stat -c %s "$work/huge.png") / 1024)) KB PNG of 6300 x 6300 pixels is refused from its header (got $code: $(head -c 160 "$work/png.json"))" png_refused

# 21: no 'unsafe-inline' for scripts; the import map carries the response's nonce.
page=$(curl -s -D "$work/csp.headers" "$url/Account/Login")
csp=$(grep -i '^content-security-policy' "$work/csp.headers")
strict_csp() { ! grep -q "script-src[^;]*unsafe-inline" <<<"$csp" && grep -q 'type="importmap" nonce=' <<<"$page"; }
check 21 "scripts only from this origin or with the response's nonce" strict_csp

# 8 last: the wrong keys below would block the valid key of a build that has finding 8.
# 8: ten wrong keys from one address do not block a valid key from it.
for i in $(seq 1 12); do curl -s -o /dev/null -H "X-Api-Key: att_wrong$i" "$url/attendance?name=x"; done
code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Api-Key: $key" "$url/attendance?name=x")
valid_key_works() { [ "$code" = 404 ]; }
check 8 "after 12 wrong keys from this address a valid key still works (got $code)" valid_key_works

echo "$failures failed"
exit "$failures"
