#!/bin/sh
# Fetch the pinned Debian sources of lwIP, BearSSL and jsmn into third_party/
# (git-ignored), for the lwIP host harness and the firmware cross build.
#
#   third_party/dl/        the .dsc/.orig/.debian archives apt-get downloaded
#   third_party/<name>/    the unpacked source (dpkg-source -x, patches applied)
#   third_party/<name>/.ck-version   stamp: the version that is unpacked there
#
# Idempotent: a source already unpacked at the pinned version is left alone,
# so a second run touches neither apt nor the network. Needs root (or sudo)
# only the first time, to add the deb-src entry, update the package lists and
# install dpkg-dev.
set -eu

cd "$(dirname "$0")/.."
TP=third_party
DL=$TP/dl

# name=version; the directory under third_party/ is the source package name.
PINS="lwip=2.1.3+dfsg1-2 bearssl=0.6+dfsg.1-3 jsmn=1.1.0-2"

SRC_LIST=/etc/apt/sources.list.d/ckafka-src.sources
DEB_SOURCES=/etc/apt/sources.list.d/debian.sources

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
	SUDO=sudo
fi

needed=""
for pin in $PINS; do
	name=${pin%%=*}
	version=${pin#*=}
	if [ -f "$TP/$name/.ck-version" ] \
		&& [ "$(cat "$TP/$name/.ck-version")" = "$version" ]
	then
		continue
	fi
	needed="$needed $pin"
done
[ -z "$needed" ] && exit 0

# The deb-src entry mirrors the first stanza of debian.sources (same URIs and
# suites), main only: that is where lwip, bearssl and jsmn live.
add_source_entry() {
	[ -f "$SRC_LIST" ] && return 0
	[ -f "$DEB_SOURCES" ] || {
		echo "fetch-third-party: $DEB_SOURCES not found; add a deb-src entry by hand" >&2
		exit 1
	}
	tmp=$(mktemp)
	awk '
		/^[[:space:]]*$/ { if (seen) exit; next }
		/^URIs:/ || /^Suites:/ || /^Signed-By:/ { print; seen = 1 }
	' "$DEB_SOURCES" >"$tmp"
	if ! grep -q '^URIs:' "$tmp" || ! grep -q '^Suites:' "$tmp"; then
		rm -f "$tmp"
		echo "fetch-third-party: no URIs/Suites in $DEB_SOURCES" >&2
		exit 1
	fi
	{
		echo "# Added by ckafka-offsets scripts/fetch-third-party.sh"
		echo "Types: deb-src"
		grep '^URIs:' "$tmp"
		grep '^Suites:' "$tmp"
		echo "Components: main"
		grep '^Signed-By:' "$tmp" || true
	} | $SUDO tee "$SRC_LIST" >/dev/null
	rm -f "$tmp"
	echo "fetch-third-party: added $SRC_LIST" >&2
}

# `apt-get source` needs the Sources index of our entry; update only when apt
# does not know the pinned version yet.
have_source_index() {
	apt-cache showsrc "$1" 2>/dev/null | grep -qx "Version: $2"
}

add_source_entry
first=${needed# }
first=${first%% *}
if ! have_source_index "${first%%=*}" "${first#*=}"; then
	$SUDO apt-get update -q >/dev/null
fi
if ! command -v dpkg-source >/dev/null 2>&1; then
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q \
		--no-install-recommends dpkg-dev >/dev/null
fi

# The sha256 the .dsc lists for `file`.
dsc_sha256() {
	awk -v f="$2" '
		/^Checksums-Sha256:/ { on = 1; next }
		/^[^ ]/ { on = 0 }
		on && $3 == f { print $1 }
	' "$1"
}

# Unpack `dsc` into `dir`. The archive behind this machine lacks some Debian
# packaging tarballs (jsmn's .debian.tar.xz answers 404): then the upstream
# tarball alone is unpacked, after checking it against the .dsc. That is
# enough here: only jsmn.h is used, and it is identical in both.
unpack() {
	dsc=$1 dir=$2
	if (cd "$DL" && dpkg-source -q -x "$(basename "$dsc")" "$dir" >/dev/null 2>&1); then
		return 0
	fi
	rm -rf "${DL:?}/${dir:?}"
	orig=$(awk '/^Files:/ { on = 1; next } /^[^ ]/ { on = 0 }
		on && $3 ~ /\.orig\.tar\./ { print $3 }' "$dsc")
	[ -n "$orig" ] && [ -f "$DL/$orig" ] || return 1
	want=$(dsc_sha256 "$dsc" "$orig")
	got=$(sha256sum "$DL/$orig" | cut -d' ' -f1)
	if [ -z "$want" ] || [ "$want" != "$got" ]; then
		echo "fetch-third-party: $orig does not match $dsc" >&2
		return 1
	fi
	mkdir -p "$DL/$dir"
	tar -C "$DL/$dir" --strip-components=1 -xf "$DL/$orig"
	echo "fetch-third-party: $(basename "$dsc"): Debian packaging not" \
		"available, unpacked the verified upstream tarball only" >&2
}

mkdir -p "$DL"
for pin in $needed; do
	name=${pin%%=*}
	version=${pin#*=}
	dsc="$DL/${name}_${version#*:}.dsc"
	# A missing packaging tarball makes apt-get fail after it fetched the
	# rest; unpack() decides whether what came is enough.
	# A passing network fault gets two more tries, a few seconds apart.
	for try in 1 2 3; do
		(cd "$DL" && apt-get source -q --download-only "$pin" \
			>/dev/null 2>&1) || true
		[ -f "$dsc" ] && break
		[ "$try" -lt 3 ] && sleep $((try * 5))
	done
	[ -f "$dsc" ] || {
		echo "fetch-third-party: apt-get source $pin failed" >&2
		exit 1
	}
	# Unpacked inside dl/ (dpkg-source puts the upstream tarball beside
	# its target) and renamed into place last, so an interrupted run never
	# leaves a half-extracted tree behind a valid stamp.
	rm -rf "${TP:?}/${name:?}" "${DL:?}/${name:?}.tmp"
	unpack "$dsc" "$name.tmp" || {
		echo "fetch-third-party: cannot unpack $dsc" >&2
		exit 1
	}
	printf '%s\n' "$version" >"$DL/$name.tmp/.ck-version"
	mv "$DL/$name.tmp" "$TP/$name"
	echo "fetch-third-party: $name $version in $TP/$name" >&2
done
