#!/usr/bin/env bash
# octt benchmarks: builds what they need, runs them side by side, prints every figure with the
# command that produced it. Results (logs, reports, hyperfine JSON) go to bench/out/<timestamp>/.
#   bench/run.sh            everything (about 10 minutes on a 2-core machine)
#   BENCH_QUICK=1 bench/run.sh   shorter runs, for trying the script out (figures not for the record)
#   BENCH_COLD_ONLY=1 bench/run.sh   only sections 5 and 8 (cold start, floor; about 2 minutes)
# Needs: a JDK 17+, Maven, openssl; optional: hyperfine, sslscan, nginx, /usr/bin/time (GNU time).
# JAVA_HOME selects the JDK for the benchmark JVMs and the CLI (default: java on the PATH).
# See docs/performance.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
OUT="${BENCH_OUT:-$ROOT/bench/out/$(date +%Y%m%d-%H%M%S)}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
BENCH_JAR="$ROOT/octt-bench/target/octt-bench.jar"
QUICK="${BENCH_QUICK:-}"
COLD_ONLY="${BENCH_COLD_ONLY:-}"
mkdir -p "$OUT"
cd "$ROOT"

if [[ -n "$QUICK" ]]; then
  WARMUP=50; RUNS=100; LATENCY_JVMS=1; SECONDS_EACH=4; FLEET_SIZES="1 10 100"; FLEET_MAX=100; COLD_RUNS=3
else
  WARMUP=3000; RUNS=500; LATENCY_JVMS=3; SECONDS_EACH=10; FLEET_SIZES="1 10 100 1000"; FLEET_MAX=1000; COLD_RUNS=7
fi
[[ -n "$COLD_ONLY" ]] && { FLEET_SIZES="1"; FLEET_MAX=4; } # section 5 needs the helper's cs1 only
FLEET_CONCURRENCY="${BENCH_FLEET_CONCURRENCY:-16}"
# The fleet runs are long-lived: C2 and the parallel collector (the launcher's defaults favour start-up).
FLEET_JAVA_OPTS="-Xmx256m" # the launcher's own settings (C1 only, serial GC) plus the heap bound

section() { printf '\n=== %s ===\n' "$*"; }
# Prints a command, then runs it.
show() { printf '$ %s\n' "$*" >&2; "$@"; }
have() { command -v "$1" >/dev/null 2>&1; }
# Makes a small PKI in DIR: a root (ECDSA P-256, root.pem) and two server certificates signed by it,
# RSA-2048 (rsa.pem, rsa.key) and ECDSA P-256 (ec.pem, ec.key), both for the host name in $2
# (commonName and subjectAltName), as the reference Central System has them.
make_server_pki() {
  mkdir -p "$1"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1/root.key" -out "$1/root.pem" \
    -subj "/CN=octt bench root" -days 2 -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  local kind key
  for kind in rsa ec; do
    if [[ $kind == rsa ]]; then key=(-newkey rsa:2048); else key=(-newkey ec -pkeyopt ec_paramgen_curve:P-256); fi
    openssl req "${key[@]}" -nodes -keyout "$1/$kind.key" -out "$1/$kind.csr" -subj "/CN=$2" 2>/dev/null
    printf 'subjectAltName=DNS:%s\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n' \
      "$2" >"$1/$kind.ext"
    openssl x509 -req -in "$1/$kind.csr" -CA "$1/root.pem" -CAkey "$1/root.key" -CAcreateserial -days 2 \
      -extfile "$1/$kind.ext" -out "$1/$kind.pem" 2>/dev/null
  done
}
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done; return 1; }
# Starts an openssl s_server with the RSA-2048 and ECDSA P-256 certificates of the PKI in DIR (made
# by make_server_pki if missing); sets S_PORT and S_PID once it accepts connections.
start_s_server() {
  [[ -f "$1/rsa.pem" ]] || make_server_pki "$1" localhost
  S_PORT=$(free_port)
  openssl s_server -accept "127.0.0.1:$S_PORT" -cert "$1/rsa.pem" -key "$1/rsa.key" \
    -dcert "$1/ec.pem" -dkey "$1/ec.key" -quiet </dev/null >"$1/s_server.log" 2>&1 &
  S_PID=$!
  wait_port "$S_PORT"
}
# Starts nginx (Debian's package) as a foreground process from a configuration of its own in DIR:
# TLS 1.2 and 1.3 on 127.0.0.1 with the same two certificates (PKI in $2, as start_s_server uses
# them), terminating TLS and passing the WebSocket on (Upgrade headers) to the reference Central
# System at https://$3:$4 (host name $3, port $4 on 127.0.0.1, its root certificate $5), as a real
# deployment does. Unprivileged: run as root, it runs as nobody (setpriv) from its own copies of the
# files. Sets N_PORT and N_PID once it accepts connections.
start_nginx() {
  local dir="$1" pki="$2" up_host="$3" up_port="$4" up_root="$5"
  mkdir -p "$dir/tmp"
  cp "$pki/rsa.pem" "$pki/rsa.key" "$pki/ec.pem" "$pki/ec.key" "$dir/"
  cp "$up_root" "$dir/upstream-root.pem"
  N_PORT=$(free_port)
  cat >"$dir/nginx.conf" <<CONF
# made by bench/run.sh for the cold-start comparison (docs/performance.md)
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  server {
    listen 127.0.0.1:$N_PORT ssl;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_certificate $dir/rsa.pem;
    ssl_certificate_key $dir/rsa.key;
    ssl_certificate $dir/ec.pem;
    ssl_certificate_key $dir/ec.key;
    location / {
      proxy_pass https://127.0.0.1:$up_port;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection "upgrade";
      proxy_set_header Host $up_host:$up_port;
      proxy_ssl_server_name on;
      proxy_ssl_name $up_host;
      proxy_ssl_trusted_certificate $dir/upstream-root.pem;
      proxy_ssl_verify on;
      proxy_read_timeout 60s;
    }
  }
}
CONF
  local as_user=()
  if [[ $EUID -eq 0 ]] && command -v setpriv >/dev/null 2>&1; then
    chown -R nobody "$dir"
    as_user=(setpriv --reuid=nobody --regid="$(id -g nobody)" --clear-groups)
  fi
  "${as_user[@]}" nginx -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" -g 'daemon off;' >"$dir/stdout.log" 2>&1 &
  N_PID=$!
  wait_port "$N_PORT" || { cat "$dir/error.log" "$dir/stdout.log" >&2; return 1; }
}

section "environment"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
"$JAVA" -version 2>&1 | head -1 | sed 's/^/java: /'
echo "cpus: $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
openssl version | sed 's/^/openssl: /'
have sslscan && sslscan --version 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | grep -m1 -o '2\.[0-9.]*' | sed 's/^/sslscan: /' \
  || echo "sslscan: missing"
have hyperfine && hyperfine --version || echo "hyperfine: missing"
have nginx && nginx -v 2>&1 | sed 's/^nginx version: /nginx: /' || echo "nginx: missing"
echo "output: $OUT"

section "build"
show mvn -B -q -o -Dstyle.color=never package -DskipTests -pl octt-cli,octt-bench -am >"$OUT/build.log" 2>&1 \
  || { cat "$OUT/build.log"; exit 2; }
touch "$ROOT/octt-cli/target/octt-cli.jar" # tell the launcher the jar is current (it rebuilds otherwise)
# the launcher's class data sharing archive for this build, made now so that no measured run makes it
./octt list >"$OUT/launcher-first-run.txt" 2>&1 || { cat "$OUT/launcher-first-run.txt"; exit 2; }

if [[ -z "$COLD_ONLY" ]]; then
section "1. warm latency (in-process, plain nanoTime harness)"
# 3,000 warm-up runs: after 300 the C2 compiler was still busy (about 20 ms of GC and JIT CPU per run,
# against 2 ms after 3,000); one JVM's compilation decisions move its median by several ms, so the
# command runs in LATENCY_JVMS separate JVMs and the figure is the median of their medians
for jvm in $(seq "$LATENCY_JVMS"); do
  show "$JAVA" -XX:+UseParallelGC -jar "$BENCH_JAR" latency --warmup "$WARMUP" --runs "$RUNS" | tee "$OUT/latency-$jvm.txt"
done
python3 - "$OUT" "$LATENCY_JVMS" <<'PY'
import re, statistics, sys
d, n = sys.argv[1], int(sys.argv[2])
medians = [float(re.search(r'RESULT latency median ([0-9.]+) ms', open(f'{d}/latency-{i}.txt').read()).group(1))
           for i in range(1, n + 1)]
m = statistics.median(medians)
print(f"RESULT latency-jvms medians {', '.join(f'{x:.1f}' for x in medians)} ms in {n} JVMs; median of medians "
      f"{m:.1f} ms vs target < 15 ms: {'MET' if m < 15 else 'NOT MET'}")
PY

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

fi # not COLD_ONLY

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
  # and the servers of section 5, if it was stopped in the middle
  if [[ -n "${N_PID:-}" ]]; then kill "$N_PID" 2>/dev/null || true; fi
  if [[ -n "${S_PID:-}" ]]; then kill "$S_PID" 2>/dev/null || true; fi
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

if [[ -z "$COLD_ONLY" ]]; then
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

fi # not COLD_ONLY

section "5. cold start: whole processes side by side (octt, sslscan; nginx and openssl s_server)"
# One PKI (root, RSA-2048 and ECDSA P-256 server certificates for nginx.octt.test) serves both
# openssl s_server and nginx; nginx terminates TLS and passes the WebSocket on to cs1 of the helper
# JVM, so TC_086_CSMS passes against it. The commands run in rounds: each round runs every command
# once, in the order below (one hyperfine invocation per round, --runs 1), so that octt and sslscan
# alternate and the machine's drift touches them alike; the medians are over the rounds.
COLD="$OUT/cold"; mkdir -p "$COLD"
make_server_pki "$COLD/pki" nginx.octt.test
start_s_server "$COLD/pki"
N_PID=""
if have nginx; then
  start_nginx "$COLD/nginx" "$COLD/pki" "$HOST1" "$PORT1" "$FLEET/root.pem"
else
  echo "nginx missing (apt-get install -y nginx): the nginx figures are not measured"
fi
PASSWORD_FILE="$FLEET/password"
RUN_CS=(./octt run TC_086_CSMS --url "wss://$HOST1:$PORT1/ocpp/CP0001" --resolve "$HOST1:$PORT1:127.0.0.1"
        --ca-file "$FLEET/root.pem" --security-profile 2 --basic-auth-password-file "$PASSWORD_FILE")
NGINX_TARGET=(--url "wss://nginx.octt.test:${N_PORT:-0}/ocpp/CP0001" --resolve "nginx.octt.test:${N_PORT:-0}:127.0.0.1"
              --ca-file "$COLD/pki/root.pem" --security-profile 2 --basic-auth-password-file "$PASSWORD_FILE")
RUN_NGINX=(./octt run TC_086_CSMS "${NGINX_TARGET[@]}")
SUITE_NGINX=(./octt run --suite ocpp16-security --no-actions "${NGINX_TARGET[@]}")  # the automatic cards: TC_085, TC_086, TC_088, X_BASIC_AUTH_INVALID
# the first run makes the launcher's class data sharing archive if the build is new (not timed);
# every octt command must pass, or the section stops
show "${RUN_CS[@]}" >"$COLD/single-cs.txt" 2>&1 && grep '^Result:' "$COLD/single-cs.txt" \
  || { cat "$COLD/single-cs.txt"; exit 2; }
if [[ -n "$N_PID" ]]; then
  for cmd in RUN_NGINX SUITE_NGINX; do
    declare -n c=$cmd
    show "${c[@]}" >"$COLD/$cmd.txt" 2>&1 && grep '^Result:' "$COLD/$cmd.txt" || { cat "$COLD/$cmd.txt"; exit 2; }
    unset -n c
  done
fi
# the floor: one secured WebSocket session alone on octt's stack (Reactor Netty, JDK TLS), no octt code,
# with its own class data sharing archive and the launcher's JVM options (docs/performance.md, section 8)
FLOOR=()
if [[ -n "$N_PID" ]]; then
  FLOOR_ARGS=(wss-floor --url "wss://nginx.octt.test:$N_PORT/ocpp/CP0001" --connect "127.0.0.1:$N_PORT"
              --ca-file "$COLD/pki/root.pem" --password-file "$PASSWORD_FILE")
  show "$JAVA" -XX:ArchiveClassesAtExit="$COLD/floor.jsa" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -jar "$BENCH_JAR" "${FLOOR_ARGS[@]}" >"$COLD/floor-training.txt" 2>&1 \
    && grep '^RESULT' "$COLD/floor-training.txt" || { cat "$COLD/floor-training.txt"; exit 2; }
  FLOOR=("$JAVA" -XX:TieredStopAtLevel=1 -Xshare:auto -XX:+UseSerialGC -XX:SharedArchiveFile="$COLD/floor.jsa"
         -Xlog:cds=off -Xlog:cds+dynamic=off -jar "$BENCH_JAR" "${FLOOR_ARGS[@]}")
fi
if have hyperfine; then
  labels=(); commands=()
  add() { labels+=("$1"); commands+=("$2"); }
  if [[ -n "$N_PID" ]]; then
    add "octt TC_086_CSMS @ nginx" "${RUN_NGINX[*]}"
    have sslscan && add "sslscan --show-certificate @ nginx" "sslscan --no-colour --show-certificate 127.0.0.1:$N_PORT"
    add "octt --suite ocpp16-security --no-actions (profile 2) @ nginx" "${SUITE_NGINX[*]}"
    add "floor: one wss session on Reactor Netty + JDK TLS @ nginx" "${FLOOR[*]}"
  fi
  add "octt TC_086_CSMS @ reference CS" "${RUN_CS[*]}"
  have sslscan && add "sslscan --show-certificate @ s_server" "sslscan --no-colour --show-certificate 127.0.0.1:$S_PORT"
  add "octt --version" "./octt --version"
  add "octt TC_086_CSMS @ reference CS, OCTT_NO_WARM_UP=1" "env OCTT_NO_WARM_UP=1 ${RUN_CS[*]}"
  add "octt TC_086_CSMS @ reference CS, OCTT_NO_CDS=1 OCTT_NO_WARM_UP=1" "env OCTT_NO_CDS=1 OCTT_NO_WARM_UP=1 ${RUN_CS[*]}"
  printf '%s\n' "${labels[@]}" >"$COLD/labels.txt"
  echo "\$ for round in 1..$COLD_RUNS: hyperfine -N --runs 1 --export-json $COLD/round-<round>.json <these commands, in this order>"
  printf '    %s\n' "${commands[@]}"
  hyperfine -N --runs 1 --export-json "$COLD/round-0.json" "${commands[@]}" >"$COLD/warm-up-round.txt" 2>&1 \
    || { cat "$COLD/warm-up-round.txt"; exit 2; } # one untimed round: page cache, the JIT of nothing
  for round in $(seq "$COLD_RUNS"); do
    hyperfine -N --runs 1 --export-json "$COLD/round-$round.json" "${commands[@]}" >"$COLD/round-$round.txt" 2>&1 \
      || { cat "$COLD/round-$round.txt"; exit 2; }
  done
  python3 - "$COLD" "$COLD_RUNS" <<'PY'
import json, statistics, sys
d, rounds = sys.argv[1], int(sys.argv[2])
labels = open(f'{d}/labels.txt').read().splitlines()
wall = {l: [] for l in labels}; cpu = {l: [] for l in labels}
for r in range(1, rounds + 1):
    for label, res in zip(labels, json.load(open(f'{d}/round-{r}.json'))['results']):
        wall[label].append(res['times'][0]); cpu[label].append(res['user'] + res['system'])
med = {l: statistics.median(wall[l]) for l in labels}
for l in labels:
    print(f"RESULT cold start {l}: median {med[l]:.3f} s, min {min(wall[l]):.3f} s, max {max(wall[l]):.3f} s; "
          f"CPU (user+system) median {statistics.median(cpu[l]):.3f} s (n={len(wall[l])})")
def ratio(name, a, b, target, better):
    if a in med and b in med:
        r = med[a] / med[b]
        print(f"RESULT cold-ratio {name}: {med[a]:.3f} s / {med[b]:.3f} s = {r:.2f} (target {target}: "
              f"{'MET' if better(r) else 'NOT MET'})")
ratio("octt TC_086 @ nginx / sslscan @ nginx", "octt TC_086_CSMS @ nginx", "sslscan --show-certificate @ nginx",
      "<= 1.5", lambda r: r <= 1.5)
ratio("octt TC_086 @ nginx / sslscan @ s_server", "octt TC_086_CSMS @ nginx", "sslscan --show-certificate @ s_server",
      "< 1", lambda r: r < 1)
ratio("octt TC_086 @ reference CS / sslscan @ s_server", "octt TC_086_CSMS @ reference CS",
      "sslscan --show-certificate @ s_server", "< 1", lambda r: r < 1)
ratio("floor (one wss session, no octt code) @ nginx / sslscan @ nginx",
      "floor: one wss session on Reactor Netty + JDK TLS @ nginx", "sslscan --show-certificate @ nginx",
      "<= 1.5 (the TC_086 target)", lambda r: r <= 1.5)
ratio("suite (4 test cases) / TC_086, both @ nginx", "octt --suite ocpp16-security --no-actions (profile 2) @ nginx",
      "octt TC_086_CSMS @ nginx", "<= 1.3", lambda r: r <= 1.3)
PY
else
  echo "hyperfine missing (apt-get install -y hyperfine): cold start not measured"
fi
kill "$S_PID" 2>/dev/null || true
if [[ -n "$N_PID" ]]; then kill "$N_PID" 2>/dev/null || true; wait "$N_PID" 2>/dev/null || true; fi

section "helper servers"
stats | sed 's/^/total traffic: /'
stop_serve
trap - EXIT
echo "done in ${SECONDS}s: $OUT"
