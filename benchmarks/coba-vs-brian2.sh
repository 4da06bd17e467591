#!/usr/bin/env bash
# Runs Hebb's COBA and Brian2's C++ standalone COBA side by side and writes benchmarks/results/coba-vs-brian2.json,
# or with --plastic (additive STDP on E->E in both) benchmarks/results/plastic-coba-vs-brian2.json.
# Usage: benchmarks/coba-vs-brian2.sh [--plastic] [repeats] [duration_ms] [sizes...]   (defaults: 3 10000 4000 16000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
mvn -B -ntp -q -f "$root/pom.xml" install -DskipTests
exec java -Dhebb.root="$root" -cp "$root/benchmarks/target/hebb-benchmarks.jar" org.hebb.benchmarks.CobaVsBrian2 "$@"
