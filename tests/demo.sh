#!/bin/sh
# demo.sh TOOL: one realistic call of the tool against the bundled stand-in.
#
# Makes a test PKI in build/demo-certs, starts tests/standin/ckafka_standin.py
# on a free loopback port, runs TOOL to set offsets 42 and 1337 on
# partitions 0 and 1 of topic-a for group demo-group of instance ckafka-demo,
# shows the stand-in's view of the group, stops the stand-in and exits with
# the tool's exit code. Run from the repo root; PYTHON overrides python3.
set -u

if [ $# -ne 1 ]; then
	echo "usage: $0 TOOL" >&2
	exit 1
fi
tool=$1
PYTHON=${PYTHON:-python3}
certs=build/demo-certs

tests/standin/make_certs.sh "$certs" || exit 1

work=$(mktemp -d)
standin=
cleanup() {
	if [ -n "$standin" ]; then
		kill "$standin" 2>/dev/null
		wait "$standin" 2>/dev/null
	fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$PYTHON" tests/standin/ckafka_standin.py --cert "$certs/server.pem" \
	--key "$certs/server.key" --port 0 --port-file "$work/port" \
	>"$work/standin.log" 2>&1 &
standin=$!
i=0
while [ ! -s "$work/port" ]; do
	if [ $i -ge 100 ] || ! kill -0 "$standin" 2>/dev/null; then
		echo "demo: the stand-in did not start:" >&2
		cat "$work/standin.log" >&2
		exit 1
	fi
	sleep 0.1
	i=$((i + 1))
done
port=$(cat "$work/port")
echo "demo: stand-in CKafka endpoint listening on 127.0.0.1:$port"

# The stand-in's demo credentials (see tests/standin/ckafka_standin.py).
TENCENTCLOUD_SECRET_ID=AKIDstandindemo000000000000000000000
TENCENTCLOUD_SECRET_KEY=standin-demo-secret-key-0000000000
export TENCENTCLOUD_SECRET_ID TENCENTCLOUD_SECRET_KEY

set -- "$tool" --instance-id ckafka-demo --group demo-group \
	--partition 0=42 --partition 1=1337 --topic topic-a \
	--region ap-guangzhou --connect "127.0.0.1:$port" --cacert "$certs/ca.pem"
echo "demo: TENCENTCLOUD_SECRET_ID=$TENCENTCLOUD_SECRET_ID TENCENTCLOUD_SECRET_KEY=<demo key>"
echo "demo: \$ $*"
"$@"
rc=$?
echo "demo: exit status $rc"

echo "demo: the stand-in's offsets for ckafka-demo/demo-group:"
"$PYTHON" - "$port" "$certs/ca.pem" <<'PY'
import json, ssl, sys, http.client
ctx = ssl.create_default_context(cafile=sys.argv[2])
ctx.check_hostname = False  # the certificate names the API hosts, not 127.0.0.1
conn = http.client.HTTPSConnection("127.0.0.1", int(sys.argv[1]), context=ctx,
                                   timeout=10)
conn.request("GET", "/_standin/state")
state = json.loads(conn.getresponse().read())
group = state["offsets"].get("ckafka-demo", {}).get("demo-group", {})
print(json.dumps(group, indent=2, sort_keys=True))
print("(%d API request(s) received)" % state["requests"])
PY
exit $rc
