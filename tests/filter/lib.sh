# lib.sh -- shared by make_cases.sh and ../golden/filter.sh.
# Frame lists are kept compressed ("1-3,7"); stderr is kept on one line with
# "\n" for newlines and "\\" for backslashes.

# compress: frame numbers (one a line) on stdin -> "1-3,7" ("none" when empty)
fc_compress() {
	awk 'BEGIN{s=-1}
	{ n=$1+0; if (s<0) {s=n; p=n} else if (n==p+1) p=n; else { out=out sep (s==p? s : s "-" p); sep=","; s=n; p=n } }
	END{ if (s>=0) out=out sep (s==p? s : s "-" p); print (out==""? "none" : out) }'
}

# encode: stdin -> one line, without tshark's "Running as user" banner
fc_encode() {
	grep -v '^Running as user' | awk 'BEGIN{ORS=""} { gsub(/\\/, "\\\\"); if (NR>1) print "\\n"; print }'
}

# capture path for "gen:NAME" / "corpus:FILE"; $FC_GEN_DIR and $FC_CORPUS must be set
fc_path() {
	case "$1" in
	gen:*) echo "$FC_GEN_DIR/${1#gen:}.pcap" ;;
	corpus:*) echo "$FC_CORPUS/${1#corpus:}" ;;
	esac
}

# run one case with binary $1 (tshark or wiresift): prints the expectation text
fc_run() {
	local bin="$1" cap="$2" filt="$3" out err rc
	err="$(mktemp)"
	out="$("$bin" -n -r "$(fc_path "$cap")" -Y "$filt" -T fields -e frame.number 2>"$err")"
	rc=$?
	if [ $rc -ne 0 ]; then
		printf 'error:%d:%s\n' "$rc" "$(fc_encode <"$err")"
	else
		printf '%s\n' "$out" | sed '/^$/d' | fc_compress
	fi
	rm -f "$err"
}

# two-pass case: tshark -2 -R FILTER, frame numbers and times, one encoded line
fc_run2() {
	local bin="$1" cap="$2" filt="$3" err rc out
	err="$(mktemp)"
	out="$("$bin" -n -r "$(fc_path "$cap")" -2 -R "$filt" -T fields -e frame.number \
		-e frame.time_delta -e frame.time_relative 2>"$err" | fc_encode)"
	rc=${PIPESTATUS[0]}
	printf '%d:%s|%s\n' "$rc" "$out" "$(fc_encode <"$err")"
	rm -f "$err"
}
