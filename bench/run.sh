#!/usr/bin/env bash
# octt benchmarks: builds what they need, runs them side by side, prints every figure with the
# command that produced it. Results (logs, reports, hyperfine JSON) go to bench/out/<timestamp>/.
#   bench/run.sh            everything (about 6-8 minutes on a 2-core machine)
#   BENCH_QUICK=1 bench/run.sh   shorter runs, for trying the script out (figures not for the record)
# Needs: a JDK 17+, Maven, openssl; optional: hyperfine, sslscan, /usr/bin/time (GNU time).
# JAVA_HOME selects the JDK for the benchmark JVMs and the CLI (default: java on the PATH).
# See docs/performance.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
OUT="${BENCH_OUT:-$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR="$ROOT/octt-bench/target/octt-bench.jar"
QUICK="${BENCH_QUICK:-}"
mkdir -p "$OUT"
cd "$ROOT"

if [[ -n "$QUICK" ]]; then
  WARMUP=50; RUNS=100; SECONDS_EACH=4; FLEET_SIZES="1 10 100"; FLEET_MAX=100; COLD_RUNS=3
else
  WARMUP=300; RUNS=300; SECONDS_EACH=10; FLEET_SIZES="1 10 100 1000"; FLEET_MAX=1000; COLD_RUNS=7
fi
FLEET_CONCURRENCY="${BENCH_FLEET_CONCURRENCY:-16}"
# The fleet runs are long-lived: C2 and the parallel collector (the launcher's defaults favour start-up).
FLEET_JAVA_OPTS="-Xmx256m" # the launcher's own settings (C1 only, serial GC) plus the heap bound

section() { printf '\n=== %s ===\n' "$*"; }
# Prints a command, then runs it.
show() { printf '$ %s\n' "$*" >&2; "$@"; }
have() { command -v "$1" >/dev/null 2>&1; }
# Starts an openssl s_server with an RSA-2048 and an ECDSA P-256 certificate (like the reference CS),
# its files in DIR; sets S_PORT and S_PID once it accepts connections.
start_s_server() {
  mkdir -p "$1"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1/rsa.key" -out "$1/rsa.pem" -subj /CN=localhost -days 2 2>/dev/null
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1/ec.key" -out "$1/ec.pem" \
    -subj /CN=localhost -days 2 2>/dev/null
  S_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  openssl s_server -accept "127.0.0.1:$S_PORT" -cert "$1/rsa.pem" -key "$1/rsa.key" \
    -dcert "$1/ec.pem" -dkey "$1/ec.key" -quiet </dev/null >"$1/s_server.log" 2>&1 &
  S_PID=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$S_PORT") 2>/dev/null && break; sleep 0.1; done
}

section "environment"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
"$JAVA" -version 2>&1 | head -1 | sed 's/^/java: /'
echo "cpus: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
openssl version | sed 's/^/openssl: /'
have sslscan && sslscan --version 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | grep -m1 -o '2\.[0-9.]*' | sed 's/^/sslscan: /' \
  || echo "sslscan: missing"
have hyperfine && hyperfine --version || echo "hyperfine: missing"
echo "output: $OUT"

section "build"
show mvn -B -q -o -Dstyle.color=never package -DskipTests -pl octt-cli,octt-bench -am >"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log"; exit 2; }
touch "$ROOT/octt-cli/target/octt-cli.jar" # tell the launcher the jar is current (it rebuilds otherwise)
# the launcher's class data sharing archive for this build, made now so that no measured run makes it
./octt list >"$OUT/launcher-first-run.txt" 2>&1 || { cat "$OUT/launcher-first-run.txt"; exit 2; }

section "1. warm latency (in-process, plain nanoTime harness)"
show "$JAVA" -XX:+UseParallelGC -jar "$BENCH_JAR" latency --warmup "$WARMUP" --runs "$RUNS" | tee "$OUT/latency.txt"

section "2. throughput against the handshake ceiling (in-process reference CS; openssl s_time against the same server)"
show "$JAVA" -XX:+UseParallelGC -jar "$BENCH_JAR" throughput --seconds "$SECONDS_EACH" --concurrency 1,4,8,16 \
  --s-time-seconds "$SECONDS_EACH" | tee "$OUT/throughput.txt"

section "2b. context: openssl s_time against openssl s_server (RSA-2048 + ECDSA P-256, like the reference CS)"
start_s_server "$OUT/s_server"
for args in "" "-tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256"; do
  echo "\$ openssl s_time -connect 127.0.0.1:$S_PORT -new -time $SECONDS_EACH $args"
  # shellcheck disable=SC2086
  openssl s_time -connect "127.0.0.1:$S_PORT" -new -time "$SECONDS_EACH" $args 2>&1 | grep 'connections in' \
    | sed 's/^/RESULT s_server: /'
done
kill "$S_PID" 2>/dev/null || true

section "3-5. the CLI as a process against reference Central Systems in a helper JVM"
FLEET="$OUT/fleet"; mkdir -p "$FLEET"
HOSTS_PER_SERVER=$(( (FLEET_MAX + 3) / 4 )) # 4 servers serve FLEET_MAX distinct host names, told apart by SNI
coproc SERVE { "$JAVA" -Xmx512m -XX:+UseParallelGC -jar "$BENCH_JAR" serve --dir "$FLEET" --servers 4 \
  --hosts-per-server "$HOSTS_PER_SERVER" 2>&1; }
SERVE_PID=$SERVE_PID
exec {TO_SERVE}>&"${SERVE[1]}" {FROM_SERVE}<&"${SERVE[0]}"
stop_serve() { # quit, then close both ends of the pipe, so the helper sees the end of its input
  echo quit >&"$TO_SERVE" 2>/dev/null || true
  exec {TO_SERVE}>&- 2>/dev/null || true
  [[ -n "${SERVE[1]:-}" ]] && eval "exec ${SERVE[1]}>&-" 2>/dev/null || true
  wait "$SERVE_PID" 2>/dev/null || true
}
trap stop_serve EXIT
read -r -t 120 -u "$FROM_SERVE" ready_line
echo "$ $JAVA -Xmx512m -XX:+UseParallelGC -jar $BENCH_JAR serve --dir $FLEET --servers 4 --hosts-per-server $HOSTS_PER_SERVER"
echo "$ready_line"
stats() { echo stats >&"$TO_SERVE"; read -r -t 30 -u "$FROM_SERVE" line; echo "$line"; }
field() { sed -n "s/.*$1=\([0-9]*\).*/\1/p" <<<"$2"; }
read -r HOST1 PORT1 < <(head -1 "$FLEET/servers.txt")

# targets files: row i is line i of servers.txt, one distinct host name each (cs1..cs4.octt.test, then
# t0005.octt.test...), in turn over the four servers, with its own resolve override and ChargePointId
python3 - "$FLEET" $FLEET_SIZES <<'PY'
import sys
d, sizes = sys.argv[1], [int(n) for n in sys.argv[2:]]
servers = [l.split() for l in open(d + '/servers.txt') if l.strip()]
if len({host for host, _ in servers}) != len(servers) or len(servers) < max(sizes):
    sys.exit(f'servers.txt has {len(servers)} lines, not {max(sizes)} distinct host names')
for n in sizes:
    with open(f'{d}/targets-{n}.csv', 'w') as f:
        f.write('url,resolve\n')
        for i in range(n):
            host, port = servers[i]
            f.write(f'wss://{host}:{port}/ocpp/CP{i + 1:04d},{host}:{port}:127.0.0.1\n')
PY
echo "targets files: $FLEET/targets-{${FLEET_SIZES// /,}}.csv (url,resolve; n distinct host names, cs1..cs4.octt.test then t0005.octt.test..., in turn over 4 servers of $HOSTS_PER_SERVER names each, told apart by SNI; one resolve override and one ChargePointId per row)"

# the handshake ceiling of the helper's servers, for the fleet ratio: measured before and after the
# fleet runs (the servers' JIT warms up during them), the ratio uses the mean
stime_rate() { # label -> prints the RESULT line, sets RATE
  local t0 t1 out conn
  t0=$(date +%s.%N)
  out=$(show openssl s_time -connect "127.0.0.1:$PORT1" -new -time "$SECONDS_EACH" 2>&1)
  t1=$(date +%s.%N)
  conn=$(sed -n 's/^\([0-9]*\) connections in [0-9.]*s;.*/\1/p' <<<"$out")
  RATE=$(python3 -c "print(f'{$conn/($t1-$t0):.1f}')")
  echo "RESULT fleet-ceiling $1: openssl s_time -new against cs1 ($HOST1:$PORT1): $conn connections in $(python3 -c "print(f'{$t1-$t0:.2f}')") s wall = $RATE handshakes/s"
}
openssl s_time -connect "127.0.0.1:$PORT1" -new -time 3 >/dev/null 2>&1 || true # warm-up of the server's JIT
stime_rate before
CEILING_BEFORE=$RATE
CEILING=$CEILING_BEFORE
FLEET_RATES="$OUT/fleet-rates.txt"; : >"$FLEET_RATES"

section "3-4. fleet and growth: $FLEET_SIZES targets, --concurrency $FLEET_CONCURRENCY, OCTT_JAVA_OPTS=\"$FLEET_JAVA_OPTS\""
if ! [[ -x /usr/bin/time ]]; then echo "GNU time missing (apt-get install -y time): no peak RSS"; fi
for n in $FLEET_SIZES; do
  before=$(stats)
  cmd=(./octt run TC_086_CSMS --targets "$FLEET/targets-$n.csv" --ca-file "$FLEET/root.pem"
       --basic-auth-password-file "$FLEET/password" --concurrency "$FLEET_CONCURRENCY"
       --report-json "$FLEET/report-$n.json")
  echo "\$ OCTT_JAVA_OPTS=\"$FLEET_JAVA_OPTS -Xlog:gc:file=$FLEET/gc-$n.log\" /usr/bin/time -v ${cmd[*]}"
  start=$(date +%s.%N)
  OCTT_JAVA_OPTS="$FLEET_JAVA_OPTS -Xlog:gc:file=$FLEET/gc-$n.log" /usr/bin/time -v -o "$FLEET/time-$n.txt" \
    "${cmd[@]}" >"$FLEET/out-$n.txt" 2>&1 &
  tpid=$!
  jpid=""; peak_threads=0
  while kill -0 "$tpid" 2>/dev/null; do
    [[ -z "$jpid" ]] && jpid=$(pgrep -P "$tpid" | head -1 || true)
    if [[ -n "$jpid" && -r /proc/$jpid/status ]]; then
      t=$(awk '/^Threads:/{print $2}' "/proc/$jpid/status" 2>/dev/null || echo 0)
      (( ${t:-0} > peak_threads )) && peak_threads=$t
    fi
    sleep 0.1
  done
  rc=0; wait "$tpid" || rc=$?
  end=$(date +%s.%N)
  after=$(stats)
  hs=$(( $(field handshakes "$after") - $(field handshakes "$before") ))
  conns=$(( $(field connections "$after") - $(field connections "$before") ))
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$FLEET/time-$n.txt")
  result=$(grep '^Result:' "$FLEET/out-$n.txt" || echo "no Result line: see $FLEET/out-$n.txt")
  heap=$(python3 - "$FLEET/gc-$n.log" <<'PY'
import re, sys
before, after = [], []
for line in open(sys.argv[1]):
    m = re.search(r'(\d+)M->(\d+)M\((\d+)M\)', line)
    if m:
        before.append(int(m.group(1))); after.append(int(m.group(2)))
print(f"peak heap used {max(before)} MB before a GC, at most {max(after)} MB live after one ({len(before)} GCs)" if before else "no GC")
PY
)
  python3 - "$n" "$start" "$end" "$hs" "$conns" "$CEILING" "$rss" "$peak_threads" "$rc" "$result" "$heap" <<'PY'
import sys
n, start, end, hs, conns, ceiling, rss, threads, rc, result, heap = sys.argv[1:]
wall = float(end) - float(start)
rate = int(hs) / wall
print(f"RESULT fleet {n} targets: wall {wall:.2f} s ({int(n)/wall:.1f} targets/s), exit code {rc}, {result}")
print(f"RESULT fleet {n} targets: server counted {conns} TCP connections, {hs} completed handshakes "
      f"({int(hs)/int(n):.2f} per target) = {rate:.1f} handshakes/s = {rate/float(ceiling):.2f} of the s_time ceiling before the fleet runs, {ceiling}/s "
      f"(see fleet-ratio below)")
print(f"RESULT fleet {n} targets: peak RSS {int(rss)/1024:.0f} MB, peak threads {threads}, {heap}")
PY
  python3 -c "print($n, f'{$hs/($end-$start):.1f}')" >>"$FLEET_RATES"
done
stime_rate after
CEILING_AFTER=$RATE
python3 - "$FLEET_RATES" "$CEILING_BEFORE" "$CEILING_AFTER" <<'PY'
import sys
before, after = float(sys.argv[2]), float(sys.argv[3])
mean = (before + after) / 2
for line in open(sys.argv[1]):
    n, rate = line.split()
    rate = float(rate)
    print(f"RESULT fleet-ratio {n} targets: {rate:.1f} handshakes/s / {mean:.1f} (mean of the s_time ceiling before {before:.1f} "
          f"and after {after:.1f}) = {rate/mean:.2f}; {rate/max(before, after):.2f} of the higher one"
          + (f" (target >= 0.5: {'MET' if rate/mean >= 0.5 else 'NOT MET'})" if n == '1000' else ""))
PY

section "5. cold start: the whole ./octt process vs sslscan (side by side, one hyperfine run)"
# octt against cs1 of the helper JVM; sslscan's full scan against an openssl s_server with both
# certificates (against the Bouncy Castle reference server sslscan 2.0.7 skips its TLS 1.2 scan)
start_s_server "$OUT/cold-s_server"
RUN1=(./octt run TC_086_CSMS --url "wss://$HOST1:$PORT1/ocpp/CP0001" --resolve "$HOST1:$PORT1:127.0.0.1"
      --ca-file "$FLEET/root.pem" --security-profile 2 --basic-auth-password-file "$FLEET/password")
# the first run makes the launcher's class data sharing archive if the build is new (not timed)
show "${RUN1[@]}" >"$OUT/cold-single.txt" 2>&1 && grep '^Result:' "$OUT/cold-single.txt"
if have hyperfine; then
  SSLSCAN="sslscan --no-colour 127.0.0.1:$S_PORT"
  have sslscan || SSLSCAN="true # sslscan missing"
  show hyperfine -N --warmup 1 --runs "$COLD_RUNS" --export-json "$OUT/cold.json" \
    "${RUN1[*]}" "env OCTT_NO_WARM_UP=1 ${RUN1[*]}" "env OCTT_NO_CDS=1 OCTT_NO_WARM_UP=1 ${RUN1[*]}" \
    "$SSLSCAN" 2>&1 | tee "$OUT/cold.txt"
  python3 - "$OUT/cold.json" <<'PY'
import json, sys
labels = ("./octt run (launcher defaults: CDS archive + warm-up thread)", "./octt run, OCTT_NO_WARM_UP=1",
          "./octt run, OCTT_NO_CDS=1 OCTT_NO_WARM_UP=1", "sslscan full scan of openssl s_server")
for r, label in zip(json.load(open(sys.argv[1]))['results'], labels):
    print(f"RESULT cold start {label}: median {r['median']:.3f} s, mean {r['mean']:.3f} s, "
          f"min {r['min']:.3f} s, max {r['max']:.3f} s (n={len(r['times'])})")
PY
else
  echo "hyperfine missing (apt-get install -y hyperfine): cold start not measured"
fi
kill "$S_PID" 2>/dev/null || true

section "helper servers"
stats | sed 's/^/total traffic: /'
stop_serve
trap - EXIT
echo "done in ${SECONDS}s: $OUT"
