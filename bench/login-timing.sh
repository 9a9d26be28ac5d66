#!/usr/bin/env bash
# Login timing: does a failed login tell an attacker anything? Starts the built WAR on Payara Micro
# (127.0.0.1, a free port, a scratch database, throttling relaxed so every attempt reaches bcrypt),
# times ROUNDS logins of each kind interleaved, prints medians, stops the server. Wrong passwords for
# accounts that still hold an imported Django hash or a cheaper bcrypt one must take as long too.
#   mvn -B package -DskipTests && bench/login-timing.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-30}
WORK=$(mktemp -d)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
DB="$WORK/db/oauth2-jwt"
H2_JAR=$(ls ~/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar)
cat > "$WORK/users.json" <<'JSON'
{"johndoe": {"username": "johndoe", "hashed_password": "$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW"},
 "django": {"username": "django", "hashed_password": "pbkdf2_sha256$260000$sEcReTsAlT12$sWqj3GA0dX8SzcjiYPhcmARyqJNLOwZayogJKs8Sh6I="},
 "cheaper": {"username": "cheaper", "hashed_password": "$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a"}}
JSON

JWT_SECRET=$(openssl rand -hex 32) DB_URL="jdbc:h2:file:$DB;AUTO_SERVER=TRUE" USERS_IMPORT_FILE="$WORK/users.json" \
LOGIN_THROTTLE_MAX_FAILURES_PER_USER=1000000 LOGIN_THROTTLE_MAX_FAILURES_PER_ADDRESS=1000000 \
  timeout 600 java -jar target/payara-micro.jar --nohazelcast --disablephonehome --port "$PORT" \
  --prebootcommandfile src/main/payara/pre-boot.asadmin --deploy target/oauth2-jwt.war --contextroot / \
  > "$WORK/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 120); do grep -qs "ready in" "$WORK/server.log" && break; sleep 1; done
java -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:$DB;AUTO_SERVER=TRUE" -sql \
  "INSERT INTO users (id, username, hashed_password, subject) VALUES (NEXT VALUE FOR users_id_seq, 'corrupt', \
   '\$2b\$12\$not-a-readable-hash', CAST(RANDOM_UUID() AS VARCHAR))" > /dev/null

time_login() {   # username password -> seconds
  curl -s -o /dev/null -w '%{time_total}\n' -X POST "http://127.0.0.1:$PORT/token" \
    --data-urlencode "username=$1" --data-urlencode "password=$2"
}
LONG=$(printf 'secret%.0s' $(seq 1 15))   # 90 bytes, starts with the right password
for i in $(seq 1 "$ROUNDS"); do
  echo "wrong-password $(time_login johndoe wrong)"
  echo "unknown-user $(time_login nobody-$i wrong)"
  echo "corrupt-hash $(time_login corrupt wrong)"
  echo "over-72-bytes $(time_login johndoe "$LONG")"
  echo "django-hash $(time_login django wrong)"
  echo "bcrypt-cost-10 $(time_login cheaper wrong)"
  echo "right-password $(time_login johndoe secret)"
done > "$WORK/times.txt"

python3 - "$WORK/times.txt" "$ROUNDS" <<'PY'
import statistics, sys
times = {}
for line in open(sys.argv[1]):
    kind, seconds = line.split()
    times.setdefault(kind, []).append(float(seconds) * 1000)
base = statistics.median(times["wrong-password"])
print(f"login timing, {sys.argv[2]} rounds each, bcrypt cost 12, medians:")
print(f"{'case':16} {'median ms':>10} {'vs wrong password':>18}")
for kind in ["wrong-password", "unknown-user", "corrupt-hash", "over-72-bytes", "django-hash", "bcrypt-cost-10",
             "right-password"]:
    median = statistics.median(times[kind])
    print(f"{kind:16} {median:10.1f} {median / base - 1:+17.1%}")
PY
