#!/usr/bin/env bash
# Runs every Styra test: installs what the tests need when it is missing (Chromium for the browser tests,
# poppler-utils for the generated reports' PDF checks, a PostgreSQL server), starts a throw-away PostgreSQL on 127.0.0.1, runs
# `dotnet test` on the whole solution and ends with the line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need_apt+=(fonts-dejavu-core)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)  # the independent Kolada client (tests/kolada-client)
pg_bin=""
for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
[ -z "$pg_bin" ] && ! command -v initdb >/dev/null 2>&1 && need_apt+=(postgresql)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing ${need_apt[*]} ..."
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need_apt[@]}" >/dev/null \
    || { echo "Could not install ${need_apt[*]}"; echo "0 passed, 1 failed"; exit 1; }
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && pg_bin="$dir"; done
fi
[ -z "$pg_bin" ] && pg_bin=$(dirname "$(command -v initdb)")

# A private PostgreSQL cluster, owned by the postgres user when we are root (initdb refuses to run as root).
pg_dir=$(mktemp -d /tmp/styra-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 55432)
run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
pg_user=$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)
cleanup() { run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1; rm -rf "$pg_dir"; }
trap cleanup EXIT
if ! run_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U '$pg_user' --auth=trust -E UTF8 --locale=C.UTF-8" >"$pg_dir/initdb.log" 2>&1 \
  || ! run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w -o \"-h 127.0.0.1 -p $pg_port -k '$pg_dir'\" start" >/dev/null 2>&1; then
  echo "PostgreSQL did not start:"; cat "$pg_dir/initdb.log" "$pg_dir/server.log" 2>/dev/null | tail -20
  echo "0 passed, 1 failed"; exit 1
fi
export STYRA_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=$pg_user;Database=postgres"
export STYRA_TEST_CHROMIUM="${STYRA_TEST_CHROMIUM:-$(command -v chromium)}"
echo "PostgreSQL on 127.0.0.1:$pg_port; Chromium at $STYRA_TEST_CHROMIUM"

results="$root/TestResults"
rm -rf "$results"
dotnet test "$root/Styra.sln" --logger "trx;LogFilePrefix=styra" --results-directory "$results" "$@"
status=$?

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A build error or a crashed test host leaves no counts: count it as a failure.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit $status
