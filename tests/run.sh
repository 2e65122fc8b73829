#!/usr/bin/env bash
# Runs every test of the solution. First makes sure the tests have what they need: Debian's chromium (Playwright
# drives /usr/bin/chromium; nothing is downloaded by Playwright itself), ffmpeg (writes the fake camera's video),
# postgresql (a throwaway cluster for the tests that run on PostgreSQL as well as SQLite, started below and stopped
# at the end) and haproxy (in front of the three app nodes of ClusterTests, as deploy/cluster runs them). The face
# models come from npm during the build. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v haproxy >/dev/null || missing+=(haproxy)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} from Debian's packages ..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  elif command -v sudo >/dev/null; then
    sudo apt-get update -qq >&2
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  else
    echo "The browser tests need: ${missing[*]}. Install them (apt-get install ${missing[*]}) and run again." >&2
    exit 1
  fi
fi
command -v npm >/dev/null || { echo "npm is required (Node.js 20+): the build fetches the face models with it" >&2; exit 1; }

pg=$(mktemp -d)
trap 'bash tests/postgres.sh stop "$pg/cluster"; rm -rf "$pg"' EXIT
ATTENDANCE_TEST_POSTGRES=$(bash tests/postgres.sh start "$pg/cluster")
export ATTENDANCE_TEST_POSTGRES
echo "PostgreSQL for the tests: $ATTENDANCE_TEST_POSTGRES" >&2

dotnet test AttendanceBlazor.sln "$@"
