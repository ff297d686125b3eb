#!/usr/bin/env bash
# The report benchmark, run by hand (not a test; see docs/benchmarks.md, "Reports"): loads the demo into a fresh SQLite
# file, then builds Halland's annual report 2024 and UR2 2024 (drafts: everything written so far) in DOCX, PDF and
# XLSX, RUNS times after a warm-up, and prints the machine and a Markdown table. The files are left in DIR to look at.
#
#   bench/reports.sh [DIR] [RUNS]        # defaults: /tmp/styra-bench-reports 10
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/styra-bench-reports}
runs=${2:-10}
echo "Building (Release) ..." >&2
dotnet build -c Release -v q -nologo bench/Styra.Bench/Styra.Bench.csproj >&2
echo "- $(nproc) cores: $(lscpu | sed -n 's/^Model name: *//p' | head -1); $(free -g | awk '/^Mem:/ {print $2}') GiB RAM"
echo "- .NET SDK $(dotnet --version); \`bench/reports.sh $dir $runs\`, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
dotnet bench/Styra.Bench/bin/Release/net10.0/Styra.Bench.dll reports "$dir" "$runs"
