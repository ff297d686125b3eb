#!/usr/bin/env bash
# Styra's benchmark, run by hand (not a test; see docs/benchmarks.md). Generates a Kolada-shaped data set, imports it
# with Styra and with each database's own CSV loader (sqlite3 .import, psql \copy) into fresh databases, then times
# requests to the web app on the database Styra filled. Prints the machine and the results as Markdown.
#
#   bench/run.sh                        # 10,000,000 values, SQLite and a private PostgreSQL server
#   bench/run.sh --values 1000000       # a quick run
#   bench/run.sh --postgres "Host=127.0.0.1;Port=55432;Username=postgres"   # an existing server instead of a private one
#   bench/run.sh --no-postgres          # SQLite only
#
# Other options: --dir DIR (work folder, default /tmp/styra-bench; the data set is kept there and reused),
# --seed N, --warmups N (20), --requests N (200), --no-web (imports only), --sqlite-variants N (also time N values
# through Microsoft.Data.Sqlite in variants of Styra's SQLite statement, to see where its time goes).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

values=10000000
dir=/tmp/styra-bench
postgres=""
own_postgres=1
web=1
pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --values) values="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --postgres) postgres="$2"; own_postgres=0; shift 2 ;;
    --no-postgres) own_postgres=0; shift ;;
    --no-web) web=0; shift ;;
    --seed|--warmups|--requests|--sqlite-variants) pass+=("$1" "$2"); shift 2 ;;
    *) echo "unknown option $1 (see the top of bench/run.sh)" >&2; exit 2 ;;
  esac
done
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

echo "Building (Release) ..." >&2
dotnet build -c Release -v q -nologo bench/Styra.Bench/Styra.Bench.csproj >&2
[ "$web" -eq 1 ] && dotnet build -c Release -v q -nologo src/Styra.Web/Styra.Web.csproj >&2

if [ "$own_postgres" -eq 1 ]; then
  # A private PostgreSQL server with the default settings, owned by the postgres user when we are root.
  pg_bin=""
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pg_bin="$d"; done
  [ -z "$pg_bin" ] && pg_bin=$(dirname "$(command -v initdb)")
  pg_dir="$dir/pg"
  run_pg() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
  [ -d "$pg_dir" ] && run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$pg_dir"; mkdir -p "$pg_dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_dir"
  pg_user=$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)
  pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
  stop_pg() { run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m fast stop" >/dev/null 2>&1 || true; rm -rf "$pg_dir"; }
  trap stop_pg EXIT
  run_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U '$pg_user' --auth=trust -E UTF8 --locale=C.UTF-8" >"$pg_dir/initdb.log" 2>&1
  run_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -l '$pg_dir/server.log' -w -o \"-h 127.0.0.1 -p $pg_port -k '$pg_dir'\" start" >/dev/null
  postgres="Host=127.0.0.1;Port=$pg_port;Username=$pg_user"
  echo "PostgreSQL (private, default settings) on 127.0.0.1:$pg_port" >&2
fi

args=(--values "$values" --dir "$dir" "${pass[@]}")
[ -n "$postgres" ] && args+=(--postgres "$postgres")
[ "$web" -eq 1 ] && args+=(--web "$root/src/Styra.Web/bin/Release/net10.0/Styra.Web.dll")

echo "## Machine"
echo
echo "- $(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
echo "- $(free -g | awk '/^Mem:/ {print $2}') GiB RAM; $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r)"
echo "- .NET SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}')"
echo "- \`bench/run.sh --values $values\`, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "## Results"
echo
dotnet "$root/bench/Styra.Bench/bin/Release/net10.0/Styra.Bench.dll" "${args[@]}"
