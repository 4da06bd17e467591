#!/usr/bin/env bash
# Everything Hebb checks and measures on a GPU, in one run of under 8 minutes.
#
# On the development machine:  benchmarks/gpu-check.sh pack
#   builds Hebb and packs a Java 17 runtime (jlink), Hebb's jars, the OpenCL tests and an OpenCL ICD loader into
#   .gpu-pack/pack.tar.xz (about 45 MB, ignored by git), for a GPU machine that has a driver but no Java.
# On the GPU machine, in the repository root:  benchmarks/gpu-check.sh run [--smoke] OUTDIR
#   unpacks the pack, makes the vendor's OpenCL driver visible when no ICD file names it, logs the OpenCL loader,
#   drivers and devices it finds, then
#   1. measures COBA at 10^5 neurons (3 repeats) and 10^6 (1), and plastic COBA at 10^6, Java with 2 threads
#      against the OpenCL backend, alternating (BackendScaling): OUTDIR/benchmarks/results/opencl.json, the
#      repository's file with these rows added, each as soon as it is measured, each OpenCL row saying whether the
#      device ended the run in the Java backend's state, bit for bit (a count of both kinds goes into the log);
#   2. runs the full-scale microcircuit (Poisson background) on the OpenCL backend:
#      OUTDIR/benchmarks/results/microcircuit.json, the repository's file with this run added (with python3; the
#      run's own result is kept as OUTDIR/microcircuit-OPENCL.json in any case);
#   3. runs every OpenCL test (the conformance suite: Java against the device, bit for bit, both work shapes) and
#      the microcircuit's device test, through JUnit's console launcher, each test named as it starts and ends, a
#      missing device failing them: OUTDIR/tests.txt (the failed tests, and those a time limit stopped, also in the
#      log); where some failed, their classes again with each launch waiting for its kernel, so that a kernel
#      failing on the device is named: OUTDIR/tests-checked.txt. The measurements come first: the suite builds
#      about 500 OpenCL programs (207 different ones, of 63,000 to 100,000 characters each), and a driver that
#      compiles slowly may not finish it in the time left;
#   4. as the budget allows, a profile of every kernel (-Dhebb.opencl.profile=true, into the log) of COBA and
#      plastic COBA at 10^6 and of 200 ms of the microcircuit, COBA at 10^6 once more with the gpu shape's gathering
#      delivery and at 10^5 with its step launched kernel by kernel (-Dhebb.opencl.gpuStep=launches), and the
#      microcircuit on Java with 2 threads;
#   and logs everything to OUTDIR/gpu-check.log. Copy the two JSON files over the repository's and commit them.
#   The whole run, unpacking included, keeps within a budget of 480 s (each step's limit is cut to what is left; see
#   within). A step that fails or runs out of time is logged and the next one runs.
#   --smoke: small sizes (10^4 and 2 x 10^4 neurons, the microcircuit at scale 0.05), to try the script on a CPU
#   device such as PoCL.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pack_dir="$root/.gpu-pack"

pack() {
  # package, not install: the reactor hands each module its siblings, and the local repository stays untouched
  mvn -B -ntp -q -f "$root/pom.xml" package -DskipTests
  local stage
  stage="$(mktemp -d)"
  jlink --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.sql,java.xml,jdk.management,\
jdk.unsupported \
    --strip-debug --no-header-files --no-man-pages --strip-native-debug-symbols=exclude-debuginfo-files \
    --output "$stage/jre"
  cp "$root/benchmarks/target/hebb-benchmarks.jar" "$stage/"
  # the GPU machine has no network: JOCL must find its native library inside the jar
  if ! jar tf "$stage/hebb-benchmarks.jar" | grep -q '^lib/libJOCL_.*-linux-x86_64\.so$'; then
    echo "hebb-benchmarks.jar lacks JOCL's native library for linux-x86_64 (lib/libJOCL_*-linux-x86_64.so)" >&2
    exit 1
  fi
  cp "$root/simulator/target/"hebb-simulator-*-tests.jar "$stage/simulator-tests.jar"
  cp -r "$root/plasticity/target/test-classes" "$stage/plasticity-tests"
  cp -r "$root/opencl-kernels/target/test-classes" "$stage/opencl-tests"
  cp -r "$root/experiments/target/test-classes" "$stage/experiments-tests"
  local junit=1.14.1
  local console="org.junit.platform:junit-platform-console-standalone:$junit"
  local launcher="$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit/\
junit-platform-console-standalone-$junit.jar"
  if [ ! -f "$launcher" ]; then
    mvn -B -ntp -q dependency:get -Dartifact="$console" >&2 || true
  fi
  if [ ! -f "$launcher" ]; then
    echo "JUnit's console launcher is not in ~/.m2 and could not be fetched: run mvn dependency:get" \
      "-Dartifact=$console" >&2
    exit 1
  fi
  cp "$launcher" "$stage/junit-console.jar"
  mkdir -p "$stage/lib"
  cp -L /usr/lib/x86_64-linux-gnu/libOpenCL.so.1 "$stage/lib/"
  git -C "$root" rev-parse --short HEAD > "$stage/commit"
  mkdir -p "$pack_dir"
  tar cJf "$pack_dir/pack.tar.xz.partial" -C "$stage" .
  mv "$pack_dir/pack.tar.xz.partial" "$pack_dir/pack.tar.xz"
  rm -rf "$stage"
  echo "packed $pack_dir/pack.tar.xz ($(du -h "$pack_dir/pack.tar.xz" | cut -f1));" \
    "on the GPU machine, carrying .gpu-pack:"
  echo "  bash benchmarks/gpu-check.sh run \"\$OUT\""
}

# Makes an OpenCL driver visible: the pack's ICD loader when the system has none, and an ICD file for NVIDIA's
# library when none names it.
opencl_setup() {
  local work="$1"
  # read whole before it is searched: under pipefail a search that stops early would fail the pipeline
  local libraries
  libraries="$(ldconfig -p 2>/dev/null || true)"
  if ! grep -q 'libOpenCL.so.1 ' <<< "$libraries"; then
    export LD_LIBRARY_PATH="$work/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
  fi
  if [ -z "$(ls /etc/OpenCL/vendors/*.icd 2>/dev/null)" ]; then
    local nvidia
    nvidia="$(awk '/libnvidia-opencl.so.1 /{print $NF; exit}' <<< "$libraries")"
    if [ -z "$nvidia" ]; then
      # find fails for a start folder that does not exist, even when another holds the library
      nvidia="$(find /usr/local/nvidia /usr/lib /usr/lib64 -name 'libnvidia-opencl.so.1' 2>/dev/null | head -1 || true)"
    fi
    if [ -n "$nvidia" ]; then
      mkdir -p "$work/vendors"
      echo "$nvidia" > "$work/vendors/nvidia.icd"
      export OCL_ICD_VENDORS="$work/vendors"
    fi
  fi
}

run() {
  local smoke=no
  if [ "${1:-}" = --smoke ]; then smoke=yes; shift; fi
  local out="${1:?usage: gpu-check.sh run [--smoke] OUTDIR}"
  mkdir -p "$out/benchmarks/results"
  out="$(cd "$out" && pwd)"
  if [ ! -f "$pack_dir/pack.tar.xz" ]; then
    echo "no $pack_dir/pack.tar.xz: run benchmarks/gpu-check.sh pack on the development machine and carry .gpu-pack" >&2
    exit 1
  fi
  local log="$out/gpu-check.log"
  : > "$log"
  # Each step runs under the smaller of its own limit and what is left of the whole run's budget (counted from here,
  # the unpacking included), a step with under 10 s left is skipped, and a step that ignores the end of its time is
  # killed 10 s later, so that the check ends within one call of the device however the steps go. PoCL on a small CPU
  # compiles every kernel of the suite cold, which takes it longer than a GPU's driver.
  local sizes=(100000 1000000) micro_scale=1.0 heap=64g tests_limit=300 budget=480
  if [ "$smoke" = yes ]; then sizes=(10000 20000); micro_scale=0.05; heap=4g; tests_limit=900; budget=1500; fi
  local started=$SECONDS
  within() {
    local left=$((budget - (SECONDS - started)))
    local limit=$(($1 < left ? $1 : left))
    shift
    if [ "$left" -lt 10 ]; then
      echo "skipped, the budget of $budget s is spent: ${*: -2}" | tee -a "$log"
      return 124
    fi
    timeout -k 10 "$limit" "$@"
  }
  local work=/tmp/hebb-gpu-check
  rm -rf "$work" && mkdir -p "$work"
  if command -v xz >/dev/null; then
    tar xJf "$pack_dir/pack.tar.xz" -C "$work"
  elif command -v python3 >/dev/null; then
    python3 -c 'import sys, tarfile; tarfile.open(sys.argv[1], "r:xz").extractall(sys.argv[2])' \
      "$pack_dir/pack.tar.xz" "$work"
  else
    echo "neither xz nor python3 is on this machine: the pack cannot be unpacked" | tee -a "$log" >&2
    exit 1
  fi
  opencl_setup "$work"
  local java="$work/jre/bin/java"
  local jsig="$work/jre/lib/server/libjsig.so"
  [ -f "$jsig" ] || jsig="$work/jre/lib/libjsig.so"
  export LD_PRELOAD="$jsig${LD_PRELOAD:+:$LD_PRELOAD}"
  export POCL_CACHE_DIR="$work/pocl-cache"
  local machine
  local gpu
  gpu="$(nvidia-smi --query-gpu=name,driver_version --format=csv,noheader 2>/dev/null | head -1 || true)"
  machine="$(nproc) cores, ${gpu:-no NVIDIA GPU}, Hebb at $(cat "$work/commit"), $(date -u +%F)"
  echo "machine: $machine" | tee -a "$log"
  # what a failure to find or use the device needs to be understood
  {
    echo "OpenCL loader: $(ldconfig -p 2>/dev/null | awk '/libOpenCL.so.1 /{print $NF; exit}')" \
      "${LD_LIBRARY_PATH:+(LD_LIBRARY_PATH=$LD_LIBRARY_PATH)}"
    echo "OpenCL drivers: $(cat "${OCL_ICD_VENDORS:-/etc/OpenCL/vendors}"/*.icd 2>/dev/null | tr '\n' ' ')" \
      "${OCL_ICD_VENDORS:+(OCL_ICD_VENDORS=$OCL_ICD_VENDORS)}"
    echo "LD_PRELOAD=$LD_PRELOAD; python3: $(command -v python3 || echo "none, so the microcircuit's results are" \
      "kept as OUTDIR/microcircuit-*.json and not merged")"
  } | tee -a "$log"
  within 30 "$java" -cp "$work/hebb-benchmarks.jar" org.hebb.experiments.HebbCommand devices 2>&1 | tee -a "$log" \
    || echo "devices: exit $?" | tee -a "$log"

  echo "== 1. COBA and plastic COBA, Java 2 threads against OpenCL" | tee -a "$log"
  cp "$root/benchmarks/results/opencl.json" "$out/benchmarks/results/opencl.json"
  local scaling=("$java" "-Xmx$heap" -Dhebb.root="$out" -Dhebb.machine="$machine" -Dhebb.backends=java-2,opencl
    -cp "$work/hebb-benchmarks.jar")
  within 75 "${scaling[@]}" -Dhebb.models=coba org.hebb.benchmarks.BackendScaling 3 "${sizes[0]}" >> "$log" 2>&1 \
    || echo "coba ${sizes[0]}: exit $?" | tee -a "$log"
  within 120 "${scaling[@]}" -Dhebb.models=coba,plastic-coba org.hebb.benchmarks.BackendScaling 1 "${sizes[1]}" \
    >> "$log" 2>&1 || echo "coba ${sizes[1]}: exit $?" | tee -a "$log"
  echo "OpenCL rows that ended where Java did, bit for bit: $(grep -c 'final_state_equal_to_java=true' "$log");" \
    "that did not: $(grep -c 'final_state_equal_to_java=false' "$log")" | tee -a "$log"

  echo "== 2. Microcircuit, scale $micro_scale, Poisson background, OpenCL" | tee -a "$log"
  cp "$root/benchmarks/results/microcircuit.json" "$out/benchmarks/results/microcircuit.json"
  microcircuit OPENCL 0

  echo "== 3. OpenCL tests" | tee -a "$log"
  # a test that finds no OpenCL device fails, naming what is missing, rather than being skipped as it is on a
  # machine without a driver: here a skip would hide that the device was not reached
  export HEBB_REQUIRE_ALL_TESTS=true
  # each test named as it starts and ends, so that a run stopped by its time limit shows what was running
  local tests=("$java" -jar "$work/junit-console.jar" execute --disable-banner --details=testfeed
    --disable-ansi-colors
    --class-path "$work/hebb-benchmarks.jar:$work/simulator-tests.jar:$work/plasticity-tests:$work/opencl-tests:\
$work/experiments-tests")
  within "$tests_limit" "${tests[@]}" --select-package org.hebb.opencl \
    --select-method "org.hebb.experiments.microcircuit.MicrocircuitTest#openClRunsTheCircuitAsJavaDoes(\
org.hebb.experiments.microcircuit.Microcircuit\$Background)" \
    > "$out/tests.txt" 2>&1 || echo "tests: exit $?" | tee -a "$log"
  grep -E 'tests (successful|failed|skipped)' "$out/tests.txt" | tee -a "$log" || true
  grep -E ' :: (FAILED|ABORTED)$' "$out/tests.txt" | tee -a "$log" || true
  # tests started and not ended: those running when the time limit stopped the launcher
  awk -F' :: ' '/ :: STARTED$/ { running[$1] = 1 } / :: (SUCCESSFUL|FAILED|ABORTED|SKIPPED)$/ { delete running[$1] }
    END { for (t in running) print "still running when stopped: " t }' "$out/tests.txt" | tee -a "$log" || true
  if grep -Eq ' :: FAILED$' "$out/tests.txt"; then
    # each launch waiting for its kernel, so that a kernel failing on the device is named (slower)
    echo "== 3b. The failed tests' classes again, with -Dhebb.opencl.checkLaunches=true" | tee -a "$log"
    local selected=() name file
    # "JUnit Jupiter > Class > test :: FAILED": the class by its simple name, found among the packed test classes
    for name in $(grep -E ' :: FAILED$' "$out/tests.txt" | awk -F' > ' '{ sub(/ :: FAILED$/, "", $2); print $2 }' \
        | sort -u); do
      file="$(cd "$work/opencl-tests" && find . -name "$name.class" | head -1 || true)"
      if [ -n "$file" ]; then
        file="${file#./}"
        selected+=(--select-class "$(echo "${file%.class}" | tr / .)")
      elif [ "$name" = MicrocircuitTest ]; then
        selected+=(--select-class org.hebb.experiments.microcircuit.MicrocircuitTest)
      fi
    done
    if [ ${#selected[@]} -gt 0 ]; then
      within 90 "${tests[@]:0:1}" -Dhebb.opencl.checkLaunches=true "${tests[@]:1}" "${selected[@]}" \
        > "$out/tests-checked.txt" 2>&1 || echo "tests, checked: exit $?" | tee -a "$log"
    fi
  fi

  echo "== 4. Kernel profiles, the gpu shape's other ways, the microcircuit on Java with 2 threads, as time allows" \
    | tee -a "$log"
  # per kernel: launches, mean run time, mean idle gap before it (OpenCL profiling events; rows kept out of the JSON)
  mkdir -p "$work/profiled/benchmarks/results"
  within 60 "$java" "-Xmx$heap" -Dhebb.root="$work/profiled" -Dhebb.machine="$machine" -Dhebb.backends=opencl \
    -Dhebb.opencl.profile=true -Dhebb.models=coba,plastic-coba -cp "$work/hebb-benchmarks.jar" \
    org.hebb.benchmarks.BackendScaling 1 "${sizes[1]}" >> "$log" 2>&1 || echo "profiled ${sizes[1]}: exit $?" \
    | tee -a "$log"
  within 45 "$java" "-Xmx$heap" -Dhebb.opencl.profile=true -cp "$work/hebb-benchmarks.jar" \
    org.hebb.experiments.HebbCommand microcircuit --scale "$micro_scale" --backend OPENCL --duration 200 \
    --warmup 20 --out "$work/microcircuit-profiled" >> "$log" 2>&1 || echo "profiled microcircuit: exit $?" \
    | tee -a "$log"
  within 45 "${scaling[@]}" -Dhebb.models=coba -Dhebb.backends=opencl -Dhebb.opencl.gpuDelivery=gather \
    org.hebb.benchmarks.BackendScaling 1 "${sizes[1]}" >> "$log" 2>&1 \
    || echo "gather ${sizes[1]}: exit $?" | tee -a "$log"
  within 30 "${scaling[@]}" -Dhebb.models=coba -Dhebb.backends=opencl -Dhebb.opencl.gpuStep=launches \
    org.hebb.benchmarks.BackendScaling 1 "${sizes[0]}" >> "$log" 2>&1 \
    || echo "launches ${sizes[0]}: exit $?" | tee -a "$log"
  microcircuit JAVA 2
  echo "== done in $((SECONDS - started)) s of a budget of $budget s" | tee -a "$log"
}

# The microcircuit on BACKEND with THREADS threads (0: the backend's choice), its result added to microcircuit.json;
# uses run's variables.
microcircuit() {
  local backend="$1" threads="$2"
  local dir="$work/microcircuit-$backend" status=0
  within 60 "$java" "-Xmx$heap" -cp "$work/hebb-benchmarks.jar" org.hebb.experiments.HebbCommand microcircuit \
    --scale "$micro_scale" --backend "$backend" --threads "$threads" --out "$dir" >> "$log" 2>&1 || status=$?
  if [ "$status" -ne 0 ] || [ ! -f "$dir/result.json" ]; then
    echo "microcircuit $backend: exit $status" | tee -a "$log"
    return 0
  fi
  # kept as measured, so that a failing merge (no python3 on the machine) loses nothing
  cp "$dir/result.json" "$out/microcircuit-$backend.json"
  if merge_microcircuit "$dir/result.json" >> "$log" 2>&1; then
    echo "microcircuit $backend: added to benchmarks/results/microcircuit.json" | tee -a "$log"
  else
    echo "microcircuit $backend: not merged (see above); its result is OUTDIR/microcircuit-$backend.json" \
      | tee -a "$log"
  fi
}

# Adds the run in FILE, tagged with the machine, to OUTDIR's microcircuit.json (with python3); uses run's variables.
merge_microcircuit() {
  python3 - "$1" "$machine" <<'PY' || return 1
import json, sys
run = json.load(open(sys.argv[1]))
run["machine"] = sys.argv[2]
json.dump(run, open(sys.argv[1], "w"), indent=2)
PY
  python3 "$root/benchmarks/microcircuit_merge.py" "$out/benchmarks/results/microcircuit.json" "$1"
}

case "${1:-}" in
  pack) pack ;;
  run) shift; run "$@" ;;
  *) echo "usage: $0 pack | run [--smoke] OUTDIR" >&2; exit 2 ;;
esac
