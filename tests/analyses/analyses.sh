#!/usr/bin/env bash
# analyses.sh -- the analysis subcommands on captures made by our generator
# (mkcap) and by mk_esp.py: expected counts, the writers (SQLite read back with
# the sqlite3 CLI, NDJSON parsed), GeoIP against tshark with a generated
# database, the HTML report rendered by headless Chromium.  Parts whose tool
# is missing say SKIP and pass.
set -u
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
WIRESIFT="${WIRESIFT:-./wiresift}"; MKCAP="${MKCAP:-build/rel/mkcap}"
export LC_ALL=C.UTF-8 TZ=UTC
T="$(mktemp -d)"
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok   $1"; }
no() { echo "FAIL $1"; fail=1; }
check() { # NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then ok "$1"; else no "$1: want [$2] got [$3]"; fi
}
col() { # TSV-FILE COLUMN-NAME ROW(1-based data row)
	awk -F'\t' -v c="$2" -v r="$3" 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == c) k = i; next } NR == r + 1 { print $k }' "$1"
}

"$MKCAP" tcp_analysis "$T/tcp.pcap" && "$MKCAP" basic "$T/basic.pcap" || { no "mkcap"; exit 1; }
python3 tests/analyses/mk_esp.py "$T/esp.pcap"

# --- streams: the generator's scenario, and every flag equal to our own -T fields
"$WIRESIFT" streams "$T/tcp.pcap" > "$T/s.tsv"
got=""
for c in pkts_ab pkts_ba retransmission fast_retransmission out_of_order lost_segment duplicate_ack zero_window zero_window_probe window_update keep_alive keep_alive_ack syn fin rst state; do
	got="$got $c=$(col "$T/s.tsv" $c 1)"
done
check "streams tcp_analysis" " pkts_ab=17 pkts_ba=13 retransmission=2 fast_retransmission=1 out_of_order=1 lost_segment=1 duplicate_ack=3 zero_window=2 zero_window_probe=1 window_update=1 keep_alive=1 keep_alive_ack=1 syn=1 fin=2 rst=0 state=closed" "$got"
for cap in tcp basic; do
	for f in retransmission duplicate_ack zero_window out_of_order lost_segment keep_alive window_update; do
		want=$("$WIRESIFT" -r "$T/$cap.pcap" -T fields -e tcp.stream -e tcp.analysis.$f -E occurrence=f |
			awk -F'\t' '$1 != "" && $2 != "" { n[$1]++ } END { for (s in n) print s, n[s] }' | sort)
		have=$("$WIRESIFT" streams "$T/$cap.pcap" | awk -F'\t' -v f=$f 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == f) k = i; next }
			$1 == "tcp" && $k > 0 { print $2, $k }' | sort)
		[ "$want" = "$have" ] || no "streams $cap $f: -T fields [$want] table [$have]"
	done
done
ok "streams flags = -T fields grouped by tcp.stream"
check "streams udp rows (basic)" "1" "$("$WIRESIFT" streams "$T/basic.pcap" | awk -F'\t' '$1 == "udp"' | wc -l)"

check "streams -Y ip.addr==" "1" "$("$WIRESIFT" streams "$T/basic.pcap" -Y 'ip.addr==93.184.216.34' | awk 'NR > 1' | wc -l)"
check "streams -Y unknown field exit 1" "1" "$("$WIRESIFT" streams "$T/basic.pcap" -Y 'no.such.field' 2>/dev/null; echo $?)"

# --- sessions
"$WIRESIFT" sessions "$T/tcp.pcap" --format csv > "$T/sess.csv"
check "sessions csv" "0.000000,,1,1,100.000000,1,100.000000,1,100.000000" "$(sed -n 2p "$T/sess.csv")"
check "sessions --port filter" "0" "$("$WIRESIFT" sessions "$T/tcp.pcap" --port 1 | awk -F'\t' 'NR == 2 { print $3 }')"
check "sessions --server" "1" "$("$WIRESIFT" sessions "$T/tcp.pcap" --server 93.184.216.34 | awk -F'\t' 'NR == 2 { print $3 }')"
check "sessions --per rows" "1" "$("$WIRESIFT" sessions "$T/tcp.pcap" --per --interval 5 | awk 'NR > 1' | wc -l)"
check "sessions --window" "0" "$("$WIRESIFT" sessions "$T/tcp.pcap" --window 1:2 | awk -F'\t' 'NR == 2 { print $3 }')"

# --- intervals: sparse by default, --fill dense; totals equal the capture
"$WIRESIFT" intervals "$T/tcp.pcap" > "$T/iv.tsv"
"$WIRESIFT" intervals "$T/tcp.pcap" --fill > "$T/ivf.tsv"
check "intervals packets total" "30" "$(awk -F'\t' 'NR > 1 { s += $4 } END { print s }' "$T/iv.tsv")"
check "intervals --fill rows" "13" "$(($(wc -l < "$T/ivf.tsv") - 1))"
check "intervals sparse rows < dense" "1" "$([ "$(wc -l < "$T/iv.tsv")" -lt "$(wc -l < "$T/ivf.tsv")" ] && echo 1)"
check "intervals retransmissions" "2" "$(awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "retransmissions") k = i; next } { s += $k } END { print s }' "$T/iv.tsv")"
if command -v tshark > /dev/null; then
	want=$(WIRESHARK_CONFIG_DIR="$T" tshark -r "$T/tcp.pcap" -q -z io,stat,1 2>/dev/null | awk -F'|' '/<>/ { gsub(/ /, "", $3); print $3 }' | paste -sd,)
	have=$(awk -F'\t' 'NR > 1 { print $4 }' "$T/ivf.tsv" | paste -sd,)
	check "intervals --fill = tshark -z io,stat,1" "$want" "$have"
else
	echo "SKIP intervals vs tshark: no tshark"
fi

# --- esp
"$WIRESIFT" esp "$T/esp.pcap" > "$T/esp.tsv"
check "esp forward SA" "0x00001001 8 2 2 1 1 2" "$(awk -F'\t' 'NR == 2 { print $1, $6, $10, $11, $12, $13, $14 }' "$T/esp.tsv")"
check "esp reverse SA" "0x00002002 3 0 0 0 0" "$(awk -F'\t' 'NR == 3 { print $1, $6, $10, $11, $12, $13 }' "$T/esp.tsv")"

check "intervals esp columns" "2 1 1" "$("$WIRESIFT" intervals "$T/esp.pcap" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	{ l += $c["esp_lost"]; t += $c["esp_late"]; d += $c["esp_duplicate"] } END { print l, t, d }')"

# --- hosts with GeoIP: our table against tshark's ip.geoip.* for the same database
if perl -MMaxMind::DB::Writer::Tree -e 1 2> /dev/null; then
	mkdir -p "$T/mmdb" && perl tests/analyses/mk_mmdb.pl "$T/mmdb/test.mmdb"
	"$WIRESIFT" hosts "$T/basic.pcap" --geoip "$T/mmdb/test.mmdb" > "$T/h.tsv"
	check "hosts geoip asn" "93.184.216.34 US United States 15133 EXAMPLE-NET" \
		"$(awk -F'\t' '$1 == "93.184.216.34" { print $1, $2, $3, $4, $5 }' "$T/h.tsv")"
	if command -v tshark > /dev/null; then
		want=$(WIRESHARK_CONFIG_DIR="$T" tshark -o "uat:maxmind_db_paths:\"$T/mmdb\"" -r "$T/basic.pcap" -T fields \
			-e ip.src -e ip.geoip.src_country_iso -e ip.geoip.src_country -e ipv6.src -e ipv6.geoip.src_country_iso 2>/dev/null |
			awk -F'\t' '$1 != "" { print $1 "\t" $2 "\t" $3 } $4 != "" { print $4 "\t" $5 "\t" ($5 == "JP" ? "Japan" : "") }' | sort -u)
		have=$(awk -F'\t' 'NR > 1 && $1 != "" { print $1 "\t" $2 "\t" $3 }' "$T/h.tsv" |
			grep -F -f <(echo "$want" | cut -f1) | sort -u)
		check "hosts geoip = tshark ip.geoip" "$want" "$have"
	else
		echo "SKIP hosts vs tshark: no tshark"
	fi
	perl tests/analyses/mk_mmdb.pl "$T/asn.mmdb" asn
	check "hosts two databases, first wins" "192.168.1.10 DE 64500 LAN-AS|93.184.216.34 US 15133 EXAMPLE-NET" \
		"$("$WIRESIFT" hosts "$T/basic.pcap" --geoip "$T/mmdb/test.mmdb" --geoip "$T/asn.mmdb" |
			awk -F'\t' '$1 == "192.168.1.10" || $1 == "93.184.216.34" { print $1, $2, $4, $5 }' | sort | paste -sd'|')"
	check "hosts bad geoip file" "2" "$("$WIRESIFT" hosts "$T/basic.pcap" --geoip /nonexistent 2>/dev/null; echo $?)"
else
	echo "SKIP hosts geoip: libmaxmind-db-writer-perl missing (tools/setup-debian.sh)"
fi

# --- SQLite: every table of one run in one file, read back with the sqlite3 CLI
"$WIRESIFT" analyze "$T/tcp.pcap" --format sqlite --out "$T/run.sqlite"
check "sqlite no temp file left" "" "$(ls "$T" | grep 'sqlite.tmp')"
if command -v sqlite3 > /dev/null; then
	check "sqlite tables" "esp esp_intervals facts hosts intervals run schema_info sessions streams" \
		"$(sqlite3 "$T/run.sqlite" "select name from sqlite_master where type='table' order by name" | paste -sd' ')"
	check "sqlite strict" "9" "$(sqlite3 "$T/run.sqlite" "select count(*) from pragma_table_list where strict = 1 and name not like 'sqlite_%'")"
	check "sqlite user_version" "1" "$(sqlite3 "$T/run.sqlite" "pragma user_version")"
	check "sqlite streams = tsv" "$(col "$T/s.tsv" retransmission 1)|$(col "$T/s.tsv" first_ts 1)" \
		"$(sqlite3 "$T/run.sqlite" "select retransmission, printf('%d.%09d', first_ts_ns / 1000000000, first_ts_ns % 1000000000) from streams")"
	check "sqlite view seconds" "1704067200.0" "$(sqlite3 "$T/run.sqlite" "select round(first_ts, 1) from streams_v")"
	check "sqlite run row" "30|1" "$(sqlite3 "$T/run.sqlite" "select packets, complete from run")"
	check "sqlite intervals sum" "30" "$(sqlite3 "$T/run.sqlite" "select sum(packets) from intervals")"
else
	echo "SKIP sqlite read-back: no sqlite3 CLI"
fi
check "sqlite to stdout refused" "2" "$("$WIRESIFT" streams "$T/tcp.pcap" --format sqlite 2>/dev/null; echo $?)"

# --- NDJSON: typed values
"$WIRESIFT" analyze "$T/tcp.pcap" --format ndjson > "$T/all.ndjson"
check "ndjson typed" "ok" "$(python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
s = [r for r in rows if r["_table"] == "streams"][0]
assert isinstance(s["retransmission"], int) and isinstance(s["first_ts"], float) and s["addr_a"] == "192.168.1.10"
assert {r["_table"] for r in rows} >= {"streams", "sessions", "intervals", "hosts", "facts"}
print("ok")' "$T/all.ndjson" 2>&1)"

# --- exit codes
check "usage exit 1" "1" "$("$WIRESIFT" streams 2>/dev/null; echo $?)"
check "bad file exit 2" "2" "$("$WIRESIFT" streams /nonexistent 2>/dev/null; echo $?)"
"$MKCAP" truncated "$T/trunc.pcap"
check "damaged input exit 3" "3" "$("$WIRESIFT" streams "$T/trunc.pcap" > /dev/null 2>&1; echo $?)"
python3 tests/analyses/mk_esp.py "$T/many.pcap" 300000
"$WIRESIFT" esp "$T/many.pcap" --progress always 2> "$T/progress.txt" > "$T/many.tsv"
check "progress line with --progress always" "1" "$(grep -c 'packets/s' "$T/progress.txt" | awk '{ print ($1 > 0) }')"
check "esp many: in order" "300000 0 0 0" "$(awk -F'\t' 'NR == 2 { print $6, $10, $12, $13 }' "$T/many.tsv")"
check "no progress when stderr is not a terminal" "" "$("$WIRESIFT" streams "$T/tcp.pcap" 2>&1 >/dev/null)"

# --- plot and report
"$WIRESIFT" plot "$T/tcp.pcap" --series packets,retransmissions --out "$T/io.svg"
check "plot series" "2" "$(grep -c 'class="series"' "$T/io.svg")"
if command -v xmllint > /dev/null; then
	xmllint --noout "$T/io.svg" && ok "plot is well-formed XML" || no "plot xml"
fi
# 20, 5, 0 ... packets in 13 one-second intervals, 810 px wide, y up to 20 over 92 px: known coordinates
check "plot coordinates" 'd="M70.0,28.0 H132.3 L132.3,97.0 H194.6 L194.6,120.0 H256.9' \
	"$("$WIRESIFT" plot "$T/tcp.pcap" --series packets | grep -o 'd="[^"]*"' | cut -c1-59)"
"$WIRESIFT" plot "$T/tcp.pcap" --stream 0 --out "$T/tsg.svg"
check "plot --stream: retransmitted segments marked" "2" "$(grep -c 'class="retrans"' "$T/tsg.svg")"
command -v xmllint > /dev/null && { xmllint --noout "$T/tsg.svg" && ok "tsg well-formed" || no "tsg xml"; }
check "plot --stream unknown exit 1" "1" "$("$WIRESIFT" plot "$T/tcp.pcap" --stream 7 --out "$T/x.svg" 2>/dev/null; echo $?)"
check "plot unknown series exit 1" "1" "$("$WIRESIFT" plot "$T/tcp.pcap" --series nope --out "$T/x.svg" 2>/dev/null; echo $?)"
"$WIRESIFT" report "$T/tcp.pcap" --out "$T/report.html"
check "report has no external resources" "" "$(grep -oiE '(src|href)=\"[a-z]+:' "$T/report.html")"
CHROME="$(command -v chromium || true)"
if [ -n "$CHROME" ]; then
	prof="$(mktemp -d)"
	timeout 120 "$CHROME" --headless --no-sandbox --disable-gpu --disable-background-networking \
		--disable-component-update --disable-sync --no-first-run --user-data-dir="$prof" \
		--dump-dom "file://$T/report.html" > "$T/dom.html" 2>/dev/null
	rm -rf "$prof"
	check "report DOM: 4 I/O series" "4" "$(grep -o 'class="series"' "$T/dom.html" | wc -l)"
	check "report DOM: top stream row" "1" "$(python3 -c '
import re, sys
d = open(sys.argv[1]).read()
t = re.search(r"<table id=\"top-streams\">(.*?)</table>", d, re.S).group(1)
print(len(re.findall(r"<tr>", t)) - 1)' "$T/dom.html")"
	check "report DOM: expert duplicate_ack" "3" "$(python3 -c '
import re, sys
d = open(sys.argv[1]).read()
t = re.search(r"<table id=\"expert\">(.*?)</table>", d, re.S).group(1)
print(re.search(r"tcp.analysis.duplicate_ack</td><td[^>]*>(\d+)<", t).group(1))' "$T/dom.html")"
else
	echo "SKIP report in Chromium: chromium not installed (tools/setup-debian.sh)"
fi
[ $fail -eq 0 ] && echo "analyses: ok"
exit $fail
