#!/usr/bin/env bash
# Builds the upgrade fixture: a SQLite database written by the app as it was at commit 44f17b8 (before the
# application layer), with people registered through the real REST API (face templates and thumbnails), open and
# closed records, a changed Settings row, a Kiosk account and a device key. The upgrade test
# (tests/AttendanceBlazor.Web.Tests/UpgradeTests.cs) opens a copy, migrates it with today's code and checks that
# everything still works. Run it again only to rebuild the fixture; it needs git, the .NET SDK, npm, curl, sqlite3.
#
#   bash tests/upgrade-fixture/make-44f17b8.sh [CHECKOUT]
#
# CHECKOUT is a built checkout of 44f17b8 (default: a fresh git worktree, built here).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
commit=44f17b8
faces=${ATTENDANCE_TEST_FACES:-$repo/../shared/faces}
[ -d "$faces/enroll" ] || { echo "the test photos are not at $faces (set ATTENDANCE_TEST_FACES)" >&2; exit 1; }

work=$(mktemp -d)
trap 'kill $app 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
app=

checkout=${1:-}
if [ -z "$checkout" ]; then
  checkout=$work/src
  git -C "$repo" worktree add --detach "$checkout" "$commit" >&2
  trap 'kill $app 2>/dev/null || true; wait 2>/dev/null || true; git -C "$repo" worktree remove --force "$checkout"; rm -rf "$work"' EXIT
  dotnet build "$checkout/src/AttendanceBlazor.Web" -v q >&2
  dotnet build "$checkout/src/AttendanceBlazor.Cli" -v q >&2
fi
[ "$(git -C "$checkout" rev-parse --short=7 HEAD)" = "$commit" ] || { echo "$checkout is not at $commit" >&2; exit 1; }

db=$work/attendance.db
export ConnectionStrings__Attendance="Data Source=$db"
export DataProtection__KeysDirectory=$work/keys
export Attendance__TimeZone=Europe/Berlin
cli() { (cd "$checkout/src/AttendanceBlazor.Cli/bin/Debug/net10.0" && dotnet attendance.dll "$@"); }

ATTENDANCE_ADMIN_PASSWORD=Admin-Password-1 cli admin create --email admin@example.com >&2
# 44f17b8's CLI creates administrators only; the kiosk account is made one, then given the Kiosk role below.
ATTENDANCE_ADMIN_PASSWORD=Kiosk-Password-1 cli admin create --email kiosk@example.com >&2
key=$(cli device add front-door --scope all | tail -n 1)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$checkout/src/AttendanceBlazor.Web/bin/Debug/net10.0" && ASPNETCORE_ENVIRONMENT=Production \
  exec dotnet AttendanceBlazor.Web.dll --urls "http://127.0.0.1:$port" >"$work/app.log" 2>&1) &
app=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/openapi/v1.json" >/dev/null && break; sleep 1; done

post() { curl -s -o /dev/stderr -w '%{http_code}\n' -H "X-Api-Key: $key" -F "image=@$1" ${2:+-F "name=$2"} "http://127.0.0.1:$port/check_in_or_out"; echo >&2; }
# Registered (and checked in) through the API, as a device registers people.
post "$faces/enroll/obama/1.jpg" "Barack Obama"
post "$faces/enroll/kit_harington/1.jpg" "Kit Harington"
post "$faces/enroll/alex_lacamoire/1.jpg" "Alex Lacamoire"
# 44f17b8's duplicate window is 60 s: wait it out, then check Kit out (a closed record).
sleep 61
post "$faces/enroll/kit_harington/2.jpg"
kill $app; wait $app 2>/dev/null || true; app=

sqlite3 "$db" <<'SQL'
UPDATE AspNetUserRoles SET RoleId = (SELECT Id FROM AspNetRoles WHERE Name = 'Kiosk')
  WHERE UserId = (SELECT Id FROM AspNetUsers WHERE Email = 'kiosk@example.com');
UPDATE Settings SET MatchThreshold = 0.55, DuplicateWindow = '00:02:00', TimeZone = 'Europe/Berlin', RetentionDays = 400;
PRAGMA wal_checkpoint(TRUNCATE);
PRAGMA journal_mode = DELETE;
VACUUM;
SQL

mkdir -p "$repo/tests/AttendanceBlazor.Web.Tests/Fixtures"
cp "$db" "$repo/tests/AttendanceBlazor.Web.Tests/Fixtures/upgrade-44f17b8.db"
cat > "$repo/tests/AttendanceBlazor.Web.Tests/Fixtures/upgrade-44f17b8.json" <<JSON
{
  "commit": "$commit",
  "device_key": "$key",
  "device_name": "front-door",
  "admin": { "email": "admin@example.com", "password": "Admin-Password-1" },
  "kiosk": { "email": "kiosk@example.com", "password": "Kiosk-Password-1" },
  "people": { "Barack Obama": "open", "Kit Harington": "closed", "Alex Lacamoire": "open" },
  "settings": { "match_threshold": 0.55, "duplicate_window": "00:02:00", "time_zone": "Europe/Berlin", "retention_days": 400 }
}
JSON
ls -l "$repo/tests/AttendanceBlazor.Web.Tests/Fixtures/" >&2
