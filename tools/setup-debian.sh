#!/usr/bin/env bash
# setup-debian.sh -- install the Debian 12 packages wiresift builds and tests with.
# Idempotent; runs apt-get only for packages that are missing.
set -eu
PKGS=(build-essential clang pkg-config git gawk libpcap-dev zlib1g-dev libzstd-dev
  liblua5.4-dev libsqlite3-dev sqlite3 libmaxminddb-dev libpcre2-dev clang-format gzip zstd time
  libmaxmind-db-writer-perl chromium libxml2-utils python3)
# node and npm for the Parquet read-back test: Debian's, unless a node (with its own npm,
# which Debian's npm package conflicts with) is already there
command -v node > /dev/null || PKGS+=(nodejs)
command -v npm > /dev/null || PKGS+=(npm)
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
# the independent Parquet reader of tests/analyses/parquet.sh (versions pinned by the lockfile)
cd "$(dirname "${BASH_SOURCE[0]}")/../tests/parquet"
if [ ! -d node_modules/hyparquet ]; then
	npm ci --no-audit --no-fund --loglevel=error || echo "setup-debian: npm ci in tests/parquet failed: parquet read-back will SKIP"
fi
