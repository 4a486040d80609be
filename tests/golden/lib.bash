# lib.bash -- helpers for the golden scripts: a tiny pcap writer in shell (so the
# tests need no generator binary) and the tshark environment of the goldens.
#   pcap_file OUT LINKTYPE NSEC(0|1) then records on stdin, one per line:
#     SEC FRAC HEX [ORIGLEN]      (FRAC: usec, or nsec when NSEC=1)
#   eth DST SRC TYPE PAYLOADHEX / ipv4 SRC DST PROTO PAYLOADHEX / udp SP DP PAYLOADHEX
#   (addresses and ports in hex; lengths are computed, checksums left 0)
export LC_ALL=C.UTF-8 TZ=UTC
hex2bin() { local h="$1" i; for ((i = 0; i < ${#h}; i += 2)); do printf "\\x${h:i:2}"; done; }
le32() { local v=$((10#$1)); printf "%02x%02x%02x%02x" $((v & 255)) $((v >> 8 & 255)) $((v >> 16 & 255)) $((v >> 24 & 255)); }
be16() { printf '%04x' $(($1 & 65535)); }
pcap_file() { # OUT LINKTYPE NSEC
	local out="$1" lt="$2" ns="$3" sec frac hex orig
	{
		if [ "$ns" = 1 ]; then hex2bin 4d3cb2a1; else hex2bin d4c3b2a1; fi
		hex2bin "020004000000000000000000$(le32 262144)$(le32 "$lt")"
		while read -r sec frac hex orig; do
			[ -z "$sec" ] && continue
			local n=$((${#hex} / 2))
			hex2bin "$(le32 "$sec")$(le32 "$frac")$(le32 "$n")$(le32 "${orig:-$n}")$hex"
		done
	} > "$out"
}
eth() { echo "$1$2$3$4"; }
ipv4() { echo "4500$(be16 $((20 + ${#4} / 2)))0001000040$3""0000$1$2$4"; }
udp() { echo "$1$2$(be16 $((8 + ${#3} / 2)))0000$3"; }
# run the installed tshark the way goldens/make_goldens.sh does
tshark_clean() { WIRESHARK_CONFIG_DIR="$(mktemp -d)" tshark "$@"; }

# keep No. Time Source → Destination (padded to 12): the rest belongs to the dissectors
cut_cols() { awk '{ i = index($0, " → "); if (!i) { print; next }
	rest = substr($0, i + length(" → ")); j = index(rest, " "); if (j == 0) j = length(rest) + 1
	w = j - 1 < 12 ? 12 : j - 1; print substr($0, 1, i - 1 + length(" → ")) substr(rest, 1, w) }'; }

run_one() { # run_one BIN FILTER ARGS... -> stdout (FILTER cols: cut_cols, time: No. and Time), first stderr line (FILTER stderr: all of it), exit code
	local bin="$1" filter="$2"; shift 2
	local out err rc
	out="$(mktemp)"; err="$(mktemp)"
	"$bin" "$@" > "$out" 2> "$err"; rc=$?
	case "$filter" in
	cols) cut_cols < "$out" ;;
	time) awk '{ r = substr($0, 17); i = index(r, " "); print substr($0, 1, 16) substr(r, 1, i ? i - 1 : length(r)) }' < "$out" ;; # No. and Time
	*) cat "$out" ;;
	esac
	echo "--- stderr"
	local lines=1
	[ "$filter" = stderr ] && lines=100
	grep -v 'Running as user "root"' "$err" | sed "s|$D|\$D|g" | head -$lines
	echo "--- rc=$rc"
	rm -f "$out" "$err"
}


# The capture lists of the scripts that run every job over many captures; each
# appends to the caller's files array and says what it skipped (NAME: the script).
add_gen_files() { # add_gen_files NAME DIR: every capture `mkcap all` writes into DIR
	if [ -x "${MKCAP:-}" ]; then
		mkdir -p "$2"
		"$MKCAP" all "$2" > /dev/null || { echo "$1: $MKCAP all failed"; exit 1; }
		files+=("$2"/*)
	else
		echo "$1: no generator at ${MKCAP:-}: generated captures skipped"
	fi
}
add_lean_files() { # add_lean_files NAME DIR: lean_mkpcap.py's port reuse, VNC and FTP captures
	if command -v python3 > /dev/null; then
		local k here
		here="$(dirname "${BASH_SOURCE[0]}")"
		for k in vnc ftp reuse; do
			python3 "$here/lean_mkpcap.py" "$2/$k.pcap" "$k" && files+=("$2/$k.pcap")
		done
	else
		echo "$1: SKIP generated captures: python3 is needed to write them"
	fi
}
add_corpus_files() { # add_corpus_files NAME: every capture of ../shared/corpus/dev
	local corpus
	corpus="$(dirname "${BASH_SOURCE[0]}")/../../../shared/corpus/dev"
	if [ -d "$corpus" ]; then
		files+=("$corpus"/*)
	else
		echo "$1: SKIP corpus: ../shared/corpus not present"
	fi
}
