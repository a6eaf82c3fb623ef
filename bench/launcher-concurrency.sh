#!/usr/bin/env bash
# The ./octt launcher in a fresh copy of the repository (its tracked and untracked, not ignored
# files: uncommitted changes included, no target/ folders), checked end to end:
#   1. without Maven on the PATH it prints one line on stderr and exits 2;
#   2. five `./octt demo` started at once all exit 0 and pass: one builds, the others wait for it;
#      (--timeout 30s: five JVMs on two busy cores may take more than the default 2 s per step)
#      one trains the class data sharing archive, the others run without it meanwhile;
#   3. stderr holds no "WARNING" (e.g. JDK 24+'s restricted-method warnings), on the default JDK
#      and, when present, on JDK 25 (OCTT_JDK25, default /usr/lib/jvm/temurin-25-jdk-amd64);
#   4. `./octt demo` stopped by SIGINT and by SIGTERM in the middle of its run leaves nothing in
#      its temporary folder.
# Prints its figures and "launcher-concurrency: OK", or the failed check and exits 1.
#   bench/launcher-concurrency.sh                     (about 1-2 minutes on a 2-core machine)
#   OCTT_MAVEN_OFFLINE=1 bench/launcher-concurrency.sh   builds with mvn -o (no network)
# Needs: git, a JDK 17+, Maven, flock (util-linux). JAVA_HOME selects the default JDK.
set -euo pipefail
set -m # background jobs get their own process group and keep SIGINT (not ignored as in a script)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
JDK25="${OCTT_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}"
N=5
WORK="$(mktemp -d "${TMPDIR:-/tmp}/octt-launcher-concurrency.XXXXXX")"
trap 'if [[ -z "${OCTT_KEEP:-}" ]]; then rm -rf "$WORK"; else echo "kept: $WORK" >&2; fi' EXIT
COPY="$WORK/octt"
started=$SECONDS

fail() {
  echo "launcher-concurrency: FAILED: $*" >&2
  exit 1
}
# Fails unless the file holds no "WARNING".
no_warning() {
  if grep -q WARNING "$1"; then
    cat "$1" >&2
    fail "$2: stderr has a WARNING (above)"
  fi
}

mkdir -p "$COPY"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
  [[ -e "$f" ]] && printf '%s\0' "$f"
done | tar --null -T - -cf -) | tar -xf - -C "$COPY"
if [[ -n "${OCTT_MAVEN_OFFLINE:-}" ]]; then
  mkdir -p "$COPY/.mvn" && echo "-o" >"$COPY/.mvn/maven.config"
fi
[[ ! -e "$COPY/octt-cli/target" ]] || fail "the copy has a target folder"

# 1. No Maven: a PATH with only what the launcher needs before it looks for mvn.
mkdir -p "$WORK/no-mvn-bin"
for tool in dirname find; do ln -s "$(command -v "$tool")" "$WORK/no-mvn-bin/$tool"; done
set +e
env PATH="$WORK/no-mvn-bin" "$(command -v bash)" "$COPY/octt" list >"$WORK/no-mvn.out" 2>"$WORK/no-mvn.err"
code=$?
set -e
[[ $code -eq 2 ]] || fail "without Maven: exit $code, expected 2"
[[ "$(wc -l <"$WORK/no-mvn.err")" -eq 1 ]] || { cat "$WORK/no-mvn.err" >&2; fail "without Maven: not one line on stderr"; }
grep -q "Maven (mvn) is needed" "$WORK/no-mvn.err" || fail "without Maven: $(cat "$WORK/no-mvn.err")"
echo "without Maven: exit 2, one line: $(cat "$WORK/no-mvn.err")"

# 2. Five launchers at once in the fresh copy.
t0=$SECONDS
pids=()
for i in $(seq 1 $N); do
  "$COPY/octt" demo --timeout 30s >"$WORK/demo$i.out" 2>"$WORK/demo$i.err" </dev/null &
  pids+=($!)
done
failed=0
for i in $(seq 1 $N); do
  if ! wait "${pids[$((i - 1))]}"; then
    echo "--- launcher $i failed; stderr:" >&2
    cat "$WORK/demo$i.err" >&2
    failed=$((failed + 1))
  fi
done
[[ $failed -eq 0 ]] || fail "$failed of $N launchers failed"
builds=$(cat "$WORK"/demo*.err | grep -c "building octt" || true)
waits=$(cat "$WORK"/demo*.err | grep -c "waiting for another octt launcher" || true)
trainings=$(cat "$WORK"/demo*.err | grep -c "preparing a class data sharing archive" || true)
for i in $(seq 1 $N); do
  grep -q "Result: PASSED" "$WORK/demo$i.out" || fail "launcher $i: no 'Result: PASSED'"
  no_warning "$WORK/demo$i.err" "launcher $i"
done
[[ $builds -eq 1 ]] || fail "$builds builds, expected 1"
[[ $trainings -le 1 ]] || fail "$trainings CDS trainings, expected at most 1"
echo "$N launchers at once: all exit 0 and pass in $((SECONDS - t0)) s; builds: $builds, waited: $waits, CDS trainings: $trainings"

# 3. JDK 25: no restricted-method warnings (the first run also trains the JDK's archive).
if [[ -x "$JDK25/bin/java" ]]; then
  for run in first second; do
    JAVA_HOME="$JDK25" "$COPY/octt" demo --timeout 30s >"$WORK/jdk25.out" 2>"$WORK/jdk25.err" </dev/null \
      || { cat "$WORK/jdk25.err" >&2; fail "JDK 25 ($run run): the demo failed"; }
    grep -q "Result: PASSED" "$WORK/jdk25.out" || fail "JDK 25 ($run run): no 'Result: PASSED'"
    no_warning "$WORK/jdk25.err" "JDK 25 ($run run)"
  done
  echo "JDK 25: ./octt demo passes twice, no WARNING on stderr"
else
  echo "JDK 25 not found at $JDK25: skipping the JDK 25 check"
fi

# 4. An interrupted demo leaves nothing in its temporary folder. The reference Central System never
# answers the ClientHello (no-tls-answer), so the run waits for the signal.
for signal in INT TERM; do
  tmp="$WORK/tmp-$signal"
  mkdir -p "$tmp" "$WORK/netty-$signal"
  OCTT_JAVA_OPTS="-Djava.io.tmpdir=$tmp -Dio.netty.native.workdir=$WORK/netty-$signal" \
    "$COPY/octt" demo --fault no-tls-answer --timeout 60s >"$WORK/sig$signal.out" 2>"$WORK/sig$signal.err" </dev/null &
  pid=$!
  for _ in $(seq 1 300); do
    grep -q '^\$ .*octt run ' "$WORK/sig$signal.out" && break
    sleep 0.1
  done
  grep -q '^\$ .*octt run ' "$WORK/sig$signal.out" || { kill -KILL "$pid"; fail "SIG$signal: the run did not begin"; }
  [[ -z "$(ls -A "$tmp")" ]] || fail "SIG$signal: during the run the temporary folder holds: $(ls -A "$tmp")"
  kill -"$signal" "$pid"
  set +e
  wait "$pid"
  code=$?
  set -e
  [[ -z "$(ls -A "$tmp")" ]] || fail "SIG$signal: after the signal the temporary folder holds: $(ls -A "$tmp")"
  no_warning "$WORK/sig$signal.err" "SIG$signal"
  echo "SIG$signal in the middle of the run: exit $code, nothing in the temporary folder"
done

echo "launcher-concurrency: OK in $((SECONDS - started)) s"
