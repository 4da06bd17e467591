#!/usr/bin/env bash
# Times two commands as whole processes, in turn (A B A B ...), and prints each run's wall seconds and peak resident
# memory, their medians, and the median of the wall-time ratios A/B taken pair by pair: on a host whose speed drifts,
# pairs keep the ratio meaningful.
#
# Usage: benchmarks/alternate.sh RUNS 'COMMAND_A' 'COMMAND_B'
#   Each command is run by sh -c with its output thrown away (redirect it inside the command to keep it). WARMUP=N
#   (default 1) runs each command N times first, not counted. Needs GNU time (/usr/bin/time; apt-get install time).
set -euo pipefail

if [[ $# -ne 3 ]] || ! [[ $1 =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 RUNS 'COMMAND_A' 'COMMAND_B' (RUNS a whole number >= 1; WARMUP=N runs N of each first)" >&2
    exit 2
fi
runs=$1
commands=("$2" "$3")
warmup=${WARMUP:-1}
if ! [[ $warmup =~ ^[0-9]+$ ]]; then
    echo "WARMUP = $warmup is not allowed: must be a whole number >= 0" >&2
    exit 2
fi
if [[ ! -x /usr/bin/time ]]; then
    echo "/usr/bin/time (GNU time) is missing: apt-get install time" >&2
    exit 2
fi
measured=$(mktemp)
trap 'rm -f "$measured"' EXIT

# prints "WALL_SECONDS PEAK_KIB" of one run of command $1; fails, naming the command, if it fails
once() {
    if ! /usr/bin/time -f '%e %M' -o "$measured" sh -c "$1" > /dev/null 2>&1; then
        echo "failed ($(head -n 1 "$measured")): $1" >&2
        return 1
    fi
    tail -n 1 "$measured"
}

median() {
    sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

for ((k = 0; k < warmup; k++)); do
    once "${commands[0]}" > /dev/null
    once "${commands[1]}" > /dev/null
done
echo "A = ${commands[0]}"
echo "B = ${commands[1]}"
mib() { awk '{ printf "%.1f", $1 / 1024 }'; }
printf '%4s %10s %10s %12s %12s %8s\n' run "A wall s" "B wall s" "A peak MiB" "B peak MiB" "A/B"
wall_a=() wall_b=() peak_a=() peak_b=() ratios=()
for ((k = 1; k <= runs; k++)); do
    read -r wa pa < <(once "${commands[0]}")
    read -r wb pb < <(once "${commands[1]}")
    ratio=$(awk -v a="$wa" -v b="$wb" 'BEGIN { printf "%.4f", a / b }')
    printf '%4d %10.2f %10.2f %12s %12s %8s\n' "$k" "$wa" "$wb" "$(echo "$pa" | mib)" "$(echo "$pb" | mib)" "$ratio"
    wall_a+=("$wa") wall_b+=("$wb") peak_a+=("$pa") peak_b+=("$pb") ratios+=("$ratio")
done
printf 'median %8.2f %10.2f %12s %12s %8s\n' "$(printf '%s\n' "${wall_a[@]}" | median)" \
    "$(printf '%s\n' "${wall_b[@]}" | median)" "$(printf '%s\n' "${peak_a[@]}" | median | mib)" \
    "$(printf '%s\n' "${peak_b[@]}" | median | mib)" "$(printf '%s\n' "${ratios[@]}" | median)"
