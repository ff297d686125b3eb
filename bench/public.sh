#!/usr/bin/env bash
# The public read endpoints under load, run by hand (not a test; see docs/benchmarks.md, "Public pages and open data").
# Needs the 10M-value SQLite database of bench/run.sh (made here when it is missing: bench/run.sh --no-postgres --no-web),
# copies it, starts the built web app (Production) on the copy as one process, and loads each public route from a
# second process over loopback: a fixed number of requests in flight, a bounded time and count per route.
#
#   bench/public.sh                          # 16 in flight, 15 s per route after a 3 s warm-up
#   bench/public.sh --concurrency 32 --seconds 30
#   bench/public.sh --bust-cache             # every request a cache miss: the cost without the output cache
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
dir=/tmp/styra-bench
source_db="$dir/db/styra_bench_styra.db"
if [ ! -f "$source_db" ]; then
  echo "No 10M database in $dir/db: making it (bench/run.sh --no-postgres --no-web) ..." >&2
  bench/run.sh --no-postgres --no-web >"$dir/run.md"
fi
echo "Building (Release) ..." >&2
dotnet build -c Release -v q -nologo bench/Styra.Bench/Styra.Bench.csproj >&2
dotnet build -c Release -v q -nologo src/Styra.Web/Styra.Web.csproj >&2
db="$dir/public.db"
rm -f "$db" "$db-wal" "$db-shm"
cp "$source_db" "$db"
values=$(sqlite3 "$db" 'SELECT COUNT(*) FROM Measurements' 2>/dev/null || echo "?")

routes=(
  /kolada/v3/data/kpi/N00923/municipality/0013,0000/year/2018,2019,2020,2021,2022
  /kolada/v3/data/kpi/N00923/year/2022
  /kolada/v3/kpi/N00923
  /kolada/v3/municipality
  /api/open/v1/regions/13/indicators
  /api/open/v1/regions/13/indicators/N00923/values
  /api/open/v1/regions/13/goals
  /api/open/v1/regions/13/goals.csv
  /public/13
)
args=()
# --route PATH (repeatable) replaces the list above.
if printf '%s\n' "$@" | grep -q -- '^--route$'; then routes=(); fi
for r in "${routes[@]}"; do args+=(--route "$r"); done

echo "- $(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(free -g | awk '/^Mem:/ {print $2}') GiB RAM"
echo "- .NET SDK $(dotnet --version), runtime $(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ {v=$2} END {print v}'); SQLite database with $values values"
echo "- \`bench/public.sh $*\`, $(date -u +%Y-%m-%dT%H:%MZ); web app and load generator on the same machine, over loopback"
echo
dotnet "$root/bench/Styra.Bench/bin/Release/net10.0/Styra.Bench.dll" public --web "$root/src/Styra.Web/bin/Release/net10.0/Styra.Web.dll" \
  --db "$db" --log "$dir/public-web.log" "${args[@]}" "$@"
