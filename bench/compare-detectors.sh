#!/usr/bin/env bash
# Runs `attendance embed` with the reference and with the fast detector on the same stills and compares them
# (bench/compare-detectors.mjs): faces found, box IoU, descriptor distance; with LABELS (a labels.csv whose paths
# are relative to its folder, as ../shared/faces has), also the genuine and impostor distances of each mode.
# usage: bench/compare-detectors.sh [IMAGES_DIR] [LABELS]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
images=${1:-${ATTENDANCE_TEST_FACES:-$root/../shared/faces}}
labels=${2:-}
[ -z "$labels" ] && [ -f "$images/labels.csv" ] && labels=$images/labels.csv
dotnet build "$root/src/AttendanceBlazor.Cli" -c Release -v quiet -nologo >&2
dll="$root/src/AttendanceBlazor.Cli/bin/Release/net10.0/attendance.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t files < <(find "$images" -type f \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' \) | sort)
dotnet "$dll" embed --detector reference "${files[@]}" > "$work/reference.jsonl"
dotnet "$dll" embed --detector fast "${files[@]}" > "$work/fast.jsonl"
if [ -n "$labels" ]; then
  node "$root/bench/compare-detectors.mjs" "$work/reference.jsonl" "$work/fast.jsonl" "$labels" "$(dirname "$labels")"
else
  node "$root/bench/compare-detectors.mjs" "$work/reference.jsonl" "$work/fast.jsonl"
fi
