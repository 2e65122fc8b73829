#!/usr/bin/env bash
# Which descriptor separates the people of ../shared/faces-hard best: as seen, mirrored and averaged, and with
# confirmed check-ins added as templates. Embeds every still and a mirrored copy of it (ffmpeg hflip) with the CLI
# (fast detector, as the web app), then compares them (bench/faces-hard-descriptors.py).
# usage: bench/faces-hard-descriptors.sh [DIR=../shared/faces-hard]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
hard=${1:-$root/../shared/faces-hard}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/seen" "$work/mirrored"
for f in "$hard"/*.gif; do
  b=$(basename "$f" .gif)
  ffmpeg -loglevel error -y -i "$f" "$work/seen/$b.png"
  ffmpeg -loglevel error -y -i "$f" -vf hflip "$work/mirrored/$b.png"
done
dotnet build -c Release "$root/src/AttendanceBlazor.Cli" -v quiet -nologo >&2
cli="$root/src/AttendanceBlazor.Cli/bin/Release/net10.0/attendance.dll"
dotnet "$cli" embed --detector fast "$work"/seen/*.png > "$work/seen.jsonl"
dotnet "$cli" embed --detector fast "$work"/mirrored/*.png > "$work/mirrored.jsonl"
python3 "$root/bench/faces-hard-descriptors.py" "$work/seen.jsonl" "$work/mirrored.jsonl"
