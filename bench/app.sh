# shellcheck shell=bash
# Shared by the load scripts (sourced, not run): the app published in Release and started on 127.0.0.1 with a
# fresh SQLite file and load-test settings: the duplicate window at zero so every still is a state change, the
# per-device, sign-in and kiosk-page limits lifted (a load test must not measure the limiters: its 100 kiosks sign in
# from one address), and a kiosk result shown for 1 s.
# After start_app PORT: $work (temporary folder, removed on exit), $server (PID), $url, $key (an all-scopes device
# key) and an administrator load@example.com with password $admin_password.
# ATTENDANCE_LOAD_POSTGRES=<Npgsql connection string of a server> runs the app on PostgreSQL instead, in a database of
# its own that is dropped at the end (tests/postgres.sh starts a throwaway server); then db_stats reads what the run
# wrote, per table, from PostgreSQL's statistics. LOAD_CPUS=<list> pins the server to those cores (taskset), for a
# figure per core.

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
faces=${ATTENDANCE_TEST_FACES:-$root/../shared/faces}
admin_password=Load-Test-Password-1
[ -d "$faces" ] || { echo "no test photos at $faces (set ATTENDANCE_TEST_FACES)" >&2; exit 1; }

start_app() {
  local port=$1
  work=$(mktemp -d)
  # Published, as in production: a plain build run outside Development does not serve the packages' static assets.
  dotnet publish "$root/src/AttendanceBlazor.Web" -c Release -o "$work/app" -v quiet -nologo >&2
  dotnet build "$root/src/AttendanceBlazor.Cli" -c Release -v quiet -nologo >&2
  if [ -n "${ATTENDANCE_LOAD_POSTGRES:-}" ]; then
    pg_database="attendance_load_$$"
    export Database__Provider=PostgreSQL
    export ConnectionStrings__Attendance="$ATTENDANCE_LOAD_POSTGRES;Database=$pg_database"
    pg_host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$ATTENDANCE_LOAD_POSTGRES")
    pg_port=$(sed -n 's/.*Port=\([^;]*\).*/\1/p' <<<"$ATTENDANCE_LOAD_POSTGRES")
  else
    export ConnectionStrings__Attendance="Data Source=$work/attendance.db"
  fi
  export DataProtection__KeysDirectory="$work/keys"
  export RateLimits__ApiPermitsPerMinute=1000000
  export RateLimits__SignInPerAddressPerMinute=1000000
  export RateLimits__KioskCapturesPerMinute=1000000
  export RateLimits__CircuitsPerAccount=100000
  export RateLimits__CircuitsPerKiosk=100000
  export Attendance__DuplicateWindow=${LOAD_DUPLICATE_WINDOW:-00:00:00}
  export Attendance__KioskResultDuration=00:00:01
  export Attendance__TimeZone=Europe/Berlin
  export ASPNETCORE_ENVIRONMENT=${LOAD_ENVIRONMENT:-Production}
  export Logging__LogLevel__Default=Warning
  cli="$root/src/AttendanceBlazor.Cli/bin/Release/net10.0/attendance.dll"
  ATTENDANCE_ADMIN_PASSWORD=$admin_password dotnet "$cli" admin create --email load@example.com >&2
  key=$(dotnet "$cli" device add load-test --scope all | tail -1)
  url="http://127.0.0.1:$port"
  trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; drop_database; rm -rf "$work"' EXIT
  run_server
}

# Starts the published app on $url and waits until it answers (start_app has prepared everything).
run_server() {
  (cd "$work/app" && exec ${LOAD_CPUS:+taskset -c "$LOAD_CPUS"} dotnet AttendanceBlazor.Web.dll --urls "$url") >>"$work/server.log" 2>&1 &
  server=$!
  wait_for "$url"
}

# A second node on the same database (PostgreSQL): second_server PORT sets $url2 and $server2.
second_server() {
  url2="http://127.0.0.1:$1"
  (cd "$work/app" && exec dotnet AttendanceBlazor.Web.dll --urls "$url2") >>"$work/server2.log" 2>&1 &
  server2=$!
  trap 'kill $server $server2 2>/dev/null || true; wait $server $server2 2>/dev/null || true; drop_database; rm -rf "$work"' EXIT
  wait_for "$url2"
}

wait_for() {
  for _ in $(seq 1 120); do
    curl -fs -o /dev/null "$1/openapi/v1.json" && return 0
    sleep 0.5
  done
  echo "the app did not start:" >&2
  cat "$work/server.log" >&2
  exit 1
}

# Stops the app and starts it again on the same database (it loads its face index anew).
restart_app() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  run_server
}

# Registers a person through the REST API: enroll NAME PHOTO
enroll() {
  curl --fail-with-body -sS -o "$work/enroll.json" -H "X-Api-Key: $key" -F "image=@$2" -F "name=$1" "$url/check_in_or_out" \
    || { echo "enrolling $1 failed: $(cat "$work/enroll.json" 2>/dev/null)" >&2; exit 1; }
}

# One SQL statement on the app's database, its rows tab-separated.
sql() {
  if [ -n "${pg_database:-}" ]; then
    psql -h "$pg_host" -p "$pg_port" -U postgres -d "$pg_database" -tAF $'\t' -c "$1"
  else
    sqlite3 -separator $'\t' "$work/attendance.db" "$1"
  fi
}

drop_database() {
  [ -n "${pg_database:-}" ] || return 0
  psql -h "$pg_host" -p "$pg_port" -U postgres -d postgres -qc "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1 || true
}

# PostgreSQL only: rows inserted, updated and deleted per table and transactions committed, since the server started
# (the statistics reach the view within a second of each commit: read them a moment after the load).
db_stats() {
  sql "select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables union all
       select '(transactions committed)', xact_commit, 0, 0 from pg_stat_database where datname = current_database()
       order by 1"
}

# What the run left behind: records written, the server's peak and current memory, errors it logged.
report_server() {
  echo "attendance records written: $(sql 'select count(*) from "AttendanceRecords";' 2>/dev/null || echo '?')"
  awk '/VmHWM|VmRSS/ {printf "server %s %.0f MiB\n", $1, $2 / 1024}' "/proc/$server/status"
  { grep -c -i "fail\|exception" "$work/server.log" || true; } | awk '{print "server log lines with fail/exception: " $1}'
  # LOAD_LOG=<file> keeps the server's log (the work folder goes at exit).
  [ -z "${LOAD_LOG:-}" ] || cp "$work/server.log" "$LOAD_LOG"
}
