#!/usr/bin/env bash
# A local cluster anyone can start: a throwaway PostgreSQL, three app nodes on 127.0.0.1 and Debian's haproxy in
# front (cookie affinity, WebSockets passed through, health checks on /healthz/ready). Ctrl-C stops them all and
# removes everything it made.
#
#   deploy/cluster/run.sh           runs until Ctrl-C; prints the address and the first admin's password
#   deploy/cluster/run.sh --check   starts it, checks it as a load balancer sees it, and stops (exit 0 when it holds)
#
# Needs the .NET SDK, npm (the build fetches the face models), and Debian's postgresql and haproxy (installed here
# with apt-get when missing and run as root).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
check=false
[ "${1:-}" = "--check" ] && check=true

missing=()
command -v haproxy >/dev/null || missing+=(haproxy)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then echo "Install ${missing[*]} first (apt-get install ${missing[*]})." >&2; exit 1; fi
  echo "Installing ${missing[*]} from Debian's packages ..." >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
fi

work=$(mktemp -d /tmp/attendance-cluster.XXXXXX)
pids=()
cleanup() {
  trap - EXIT INT TERM
  echo "Stopping the cluster ..." >&2
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash tests/postgres.sh stop "$work/pg" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
trap 'echo "deploy/cluster/run.sh: failed at line $LINENO" >&2' ERR

free_port() {
  while :; do
    local port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

echo "Publishing the web app and the CLI (Release) into $work ..." >&2
dotnet publish src/AttendanceBlazor.Web -c Release -o "$work/web" --nologo -v q >&2
dotnet publish src/AttendanceBlazor.Cli -c Release -o "$work/cli" --nologo -v q >&2

server=$(bash tests/postgres.sh start "$work/pg")
export Database__Provider=PostgreSQL
export ConnectionStrings__Attendance="${server/Database=postgres/Database=attendance}"
# One PIN pepper for every node (it is kept out of the database by design): a PIN set through one node must verify
# on the others.
Attendance__PinPepper=$(head -c 32 /dev/urandom | base64)
export Attendance__PinPepper

# The first administrator, made by the CLI (which creates and migrates the database), so every node starts past
# first-run setup: a setup code is per node, and a balancer would send the browser to any of them.
password="Cluster-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')-1"
ATTENDANCE_ADMIN_PASSWORD="$password" dotnet "$work/cli/attendance.dll" admin create --email admin@example.com >&2

nodes=""
ports=()
for i in 1 2 3; do
  port=$(free_port)
  ports+=("$port")
  # Forwarded headers believed from haproxy only (127.0.0.1). Data Protection keys are in the database
  # (PostgreSQL), so a sign-in made through one node is valid on the others.
  (cd "$work/web" && ASPNETCORE_URLS="http://127.0.0.1:$port" Security__KnownProxies__0=127.0.0.1 \
    exec dotnet AttendanceBlazor.Web.dll >"$work/node$i.log" 2>&1) &
  pids+=($!)
  nodes+="    server node$i 127.0.0.1:$port check cookie node$i"$'\n'
done

front=$(free_port)
sed -e "s/@PORT@/$front/" -e "/@NODES@/{r /dev/stdin" -e "d}" deploy/cluster/haproxy.cfg.template <<<"$nodes" >"$work/haproxy.cfg"
haproxy -c -q -f "$work/haproxy.cfg" >&2
haproxy -db -f "$work/haproxy.cfg" >"$work/haproxy.log" 2>&1 &
pids+=($!)

echo "Waiting for the three nodes to be ready ..." >&2
for port in "${ports[@]}"; do
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null && break
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null || { echo "node on $port did not become ready; its log:" >&2; tail -n 40 "$work"/node*.log >&2; exit 1; }
done
url="http://127.0.0.1:$front"
# haproxy marked the nodes down while they were starting; its checks bring them back within a few seconds.
for _ in $(seq 1 60); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz/ready")" = 200 ] && break
  sleep 0.5
done

if ! $check; then
  echo
  echo "AttendanceBlazor cluster: $url (sign in as admin@example.com with password $password)"
  echo "Nodes on ports ${ports[*]}, logs in $work. Ctrl-C stops everything."
  wait
  exit 0
fi

# --check: what a load balancer and a device see.
fail() { echo "CHECK FAILED: $*" >&2; exit 1; }
faces=${ATTENDANCE_TEST_FACES:-$root/../shared/faces}
[ -f "$faces/enroll/obama/1.jpg" ] || fail "the test photos are not at $faces (set ATTENDANCE_TEST_FACES)"

# Affinity: the first answer sets the node cookie, and the page is the sign-in page through the balancer.
headers=$(curl -s -D - -o /dev/null "$url/Account/Login")
grep -qi '^set-cookie: ATT_NODE=node[123]' <<<"$headers" || fail "no affinity cookie from haproxy"
echo "ok: haproxy sets the affinity cookie" >&2

# A device key, made by the CLI; a registration through node 1, recognised through node 2 (the change feed).
key=$(dotnet "$work/cli/attendance.dll" device add "cluster-check" | tail -n 1)
code=$(curl -s -o "$work/register.json" -w '%{http_code}' -H "X-Api-Key: $key" -F "image=@$faces/enroll/obama/1.jpg" -F "name=Barack Obama" "http://127.0.0.1:${ports[0]}/check_in_or_out")
[ "$code" = 200 ] || fail "registration through node 1 answered $code: $(cat "$work/register.json")"
sleep 2
code=$(curl -s -o "$work/recognise.json" -w '%{http_code}' -H "X-Api-Key: $key" -F "image=@$faces/probe/obama.jpg" "http://127.0.0.1:${ports[1]}/check_in_or_out")
# Within the duplicate window the answer is 409 'duplicate' naming the person: node 2 knows the face.
grep -q 'Barack Obama' "$work/recognise.json" || fail "node 2 did not recognise the face node 1 registered ($code): $(cat "$work/recognise.json")"
echo "ok: a face registered through node 1 is recognised by node 2" >&2

# The balancer keeps serving while a node is down: stop node 3 and ask through haproxy until its check notices.
kill "${pids[2]}"
sleep 5
for _ in $(seq 1 10); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$url/healthz/ready")
  [ "$code" = 200 ] || fail "with node 3 down, haproxy answered $code"
done
echo "ok: with one node down, haproxy answers from the others" >&2
echo "cluster check passed" >&2
