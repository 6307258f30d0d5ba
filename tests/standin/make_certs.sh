#!/bin/sh
# make_certs.sh OUTDIR: the throw-away PKI the stand-in endpoint serves.
#
#   ca.pem, ca.key             test CA (RSA-2048, 3650 days)
#   server.pem, server.key     server cert signed by it, SAN
#                              DNS:ckafka.intl.tencentcloudapi.com,
#                              DNS:ckafka.tencentcloudapi.com, CA:FALSE, serverAuth
#   other-ca.pem, other-ca.key an unrelated CA, for the wrong-trust-anchor test
#
# Only the openssl CLI is used. Files that already exist are kept, so running
# it twice is cheap; delete OUTDIR to start over.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 1
fi
out=$1
mkdir -p "$out"
cd "$out"

DAYS=3650

# Run openssl silently, but show what it said if it failed.
quiet() {
	if ! log=$("$@" 2>&1); then
		printf '%s\n' "$log" >&2
		echo "make_certs.sh: failed: $*" >&2
		return 1
	fi
}

# A CA the verifier accepts as a trust anchor: self-signed, CA:TRUE, keyCertSign.
make_ca() {
	name=$1 subject=$2
	[ -s "$name.pem" ] && [ -s "$name.key" ] && return 0
	quiet openssl req -x509 -new -newkey rsa:2048 -nodes -sha256 -days "$DAYS" \
		-keyout "$name.key" -out "$name.pem" -subj "$subject" \
		-addext "basicConstraints=critical,CA:TRUE" \
		-addext "keyUsage=critical,keyCertSign,cRLSign" \
		-addext "subjectKeyIdentifier=hash"
}

make_ca ca "/CN=ckafka-offsets test CA"
make_ca other-ca "/CN=unrelated test CA"

if ! { [ -s server.pem ] && [ -s server.key ]; }; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cat > "$tmp/ext.cnf" <<'CNF'
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:ckafka.intl.tencentcloudapi.com,DNS:ckafka.tencentcloudapi.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
	quiet openssl req -new -newkey rsa:2048 -nodes -sha256 \
		-keyout "$tmp/server.key" -out "$tmp/server.csr" \
		-subj "/CN=ckafka.intl.tencentcloudapi.com"
	quiet openssl x509 -req -in "$tmp/server.csr" -CA ca.pem -CAkey ca.key \
		-set_serial "0x$(openssl rand -hex 8)" -days "$DAYS" -sha256 \
		-extfile "$tmp/ext.cnf" -out "$tmp/server.pem"
	# Move the key first and the cert last so an interrupted run
	# never leaves a cert without its key.
	mv "$tmp/server.key" server.key
	mv "$tmp/server.pem" server.pem
fi
chmod 600 ca.key other-ca.key server.key
