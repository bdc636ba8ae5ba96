#!/usr/bin/env bash
# The library as an application embeds it: builds this Maven project against the installed rhmlab artifacts and runs
# EmbeddedCheck in a JVM started without anything the launcher sets (no DJL_OFFLINE, OPT_OUT_TRACKING, MKL_CBWR).
# Fails when the output holds an SLF4J warning, or DJL is not offline, or MKL's mode did not reach native code.
# Needs `mvn install -DskipTests` in the repository root first (`./rhmlab test` runs it after the tests).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -ntp ${MAVEN_OFFLINE:+-o} package
mvn -B -q -ntp ${MAVEN_OFFLINE:+-o} dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >/dev/null
fail() { echo "samples/java/check.sh: FAILED: $1" >&2; exit 1; }
status=0
out="$(env -u DJL_OFFLINE -u OPT_OUT_TRACKING -u MKL_CBWR -u GLIBC_TUNABLES -u RHMLAB_JAVA_OPTS \
        java -cp "target/classes:$(cat target/classpath.txt)" io.rhmlab.samples.EmbeddedCheck 2>&1)" || status=$?
printf '%s\n' "$out"
[ "$status" = 0 ] || fail "EmbeddedCheck exited with $status"
if grep -q 'SLF4J' <<<"$out"; then fail "an SLF4J warning at startup"; fi
grep -qx 'trained=1' <<<"$out" || fail "the curve did not train its one run"
grep -qx 'ai.djl.offline=true' <<<"$out" || fail "DJL's offline mode was not set"
grep -qx 'OPT_OUT_TRACKING=true' <<<"$out" || fail "DJL's telemetry opt-out was not set"
grep -qx 'MKL_CBWR(native)=AVX2,STRICT' <<<"$out" || fail "MKL_CBWR did not reach the native environment"
echo "samples/java/check.sh: the embedded library ran offline, with MKL_CBWR in process and no SLF4J warning"
