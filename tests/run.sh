#!/usr/bin/env bash
# Runs every test of the solution. First makes sure the browser tests have what they need: Debian's chromium
# (Playwright drives /usr/bin/chromium; nothing is downloaded by Playwright itself) and ffmpeg (writes the fake
# camera's video). The face models come from npm during the build. Extra arguments go to `dotnet test`.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v ffmpeg >/dev/null || missing+=(ffmpeg)
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

dotnet test AttendanceBlazor.sln "$@"
