#!/usr/bin/env bash
# setup-debian.sh -- install the Debian 12 packages wiresift builds and tests with.
# Idempotent; runs apt-get only for packages that are missing.
set -eu
PKGS=(build-essential clang pkg-config git gawk libpcap-dev zlib1g-dev libzstd-dev
  liblua5.4-dev libsqlite3-dev sqlite3 libmaxminddb-dev libpcre2-dev clang-format gzip zstd time
  libmaxmind-db-writer-perl chromium libxml2-utils python3)
missing=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
	$SUDO apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "setup-debian: all packages present"
