#!/usr/bin/env bash
# Open-set identification through POST /check_in_or_out on 127.0.0.1, as a device registers people: the app
# published in Release (bench/app.sh), each person of ../shared/faces-hard registered with their `normal` still (a
# registration held as a lookalike is confirmed with `attendance review confirm`, as HR would on the Review page),
# every other still sent as a check-in (members); then each person in turn erased (`attendance person erase`, the
# app restarted so its index is read anew) and their stills sent again (strangers). A stranger answered 200 is the
# failure this measures; a 409 doubtful_match (a question) is allowed.
# usage: bench/faces-hard-api.sh [DIR=../shared/faces-hard]
set -euo pipefail
# shellcheck source=bench/app.sh
source "$(dirname "$0")/app.sh"
hard=${1:-$root/../shared/faces-hard}
[ -f "$hard/subject01.normal.gif" ] || { echo "no faces-hard stills in $hard" >&2; exit 1; }

start_app "${LOAD_PORT:-5189}"
people=$(ls "$hard" | grep '\.gif$' | cut -d. -f1 | sort -u)
held=0

register() {
  local code
  code=$(curl -s -o "$work/answer.json" -w '%{http_code}' -H "X-Api-Key: $key" -F "image=@$hard/$1.normal.gif" -F "name=Person $1" -F consent=true "$url/check_in_or_out")
  if [ "$code" = 409 ] && grep -q '"code":"lookalike"' "$work/answer.json"; then
    held=$((held + 1))
    local id
    id=$(dotnet "$cli" review list | awk -F'\t' -v n="Person $1" '$3 == "PendingRegistration" && $4 == n {print $1}' | tail -1)
    dotnet "$cli" review confirm "$id" >/dev/null
    restart_app
  elif [ "$code" != 200 ]; then
    echo "registering $1: $code $(cat "$work/answer.json")" >&2
    exit 1
  fi
}

# probe FILE: prints sure:NAME, asked, or unknown
probe() {
  local code
  code=$(curl -s -o "$work/answer.json" -w '%{http_code}' -H "X-Api-Key: $key" -F "image=@$1" "$url/check_in_or_out")
  if [ "$code" = 200 ]; then
    echo "sure:$(sed -n 's/.*"name":"\([^"]*\)".*/\1/p' "$work/answer.json")"
  elif grep -q '"code":"doubtful_match"\|"outcome":"ambiguous"' "$work/answer.json"; then
    echo asked
  else
    echo unknown
  fi
}

for p in $people; do register "$p"; done
members=0 sure=0 asked=0 unknown=0 wrong=0
for f in "$hard"/*.gif; do
  p=$(basename "$f" | cut -d. -f1)
  [ "$(basename "$f" | cut -d. -f2)" = normal ] && continue
  members=$((members + 1))
  case $(probe "$f") in
    "sure:Person $p") sure=$((sure + 1)) ;;
    sure:*) wrong=$((wrong + 1)) ;;
    asked) asked=$((asked + 1)) ;;
    *) unknown=$((unknown + 1)) ;;
  esac
done

strangers=0 s_sure=0 s_asked=0 s_unknown=0
for p in $people; do
  dotnet "$cli" person erase "Person $p" --yes --reason "open-set benchmark" >/dev/null
  restart_app
  for f in "$hard/$p".*.gif; do
    strangers=$((strangers + 1))
    case $(probe "$f") in
      sure:*) s_sure=$((s_sure + 1)) ;;
      asked) s_asked=$((s_asked + 1)) ;;
      *) s_unknown=$((s_unknown + 1)) ;;
    esac
  done
  register "$p"
done

echo "== faces-hard through POST /check_in_or_out, one still per person, $(nproc) cores: $(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2}')"
echo "people: $(echo "$people" | wc -w), held as lookalikes and confirmed: $held"
awk -v m=$members -v s=$sure -v a=$asked -v u=$unknown -v w=$wrong 'BEGIN {printf "members: %d stills: %d sure (%.1f%%), %d asked, %d unknown, %d taken for someone else\n", m, s, 100 * s / m, a, u, w}'
echo "strangers: $strangers stills: $s_sure answered 200 (taken for someone), $s_asked asked (409 doubtful_match), $s_unknown unknown"
