# cases.sh -- inputs and the command line shared by capture_frames.sh and make_expected.sh.
# The exact tshark command for every case is:  tshark -r <case> "${FIELDS[@]}"  (run in the case's folder).
FIELDS=(-T fields -e frame.number -e frame.time_epoch -e frame.time_relative -e frame.time_delta
	-e frame.interface_id -e frame.interface_name -e frame.comment -e frame.encap_type
	-e frame.len -e frame.cap_len)
CASES="pcapng_multi.pcapng basic_ng.pcapng pcap_be_nsec.pcap snaplen.pcap truncated.pcap badlen.pcap
	pcapng_multi.pcapng.gz truncated.pcap.gz pcapng_multi.pcapng.zst badlen.pcap.zst"
make_inputs() { # make_inputs DIR: the scenarios from $MKCAP, and gzip copies (compression is found by content)
	local d="$1" s
	for s in pcapng_multi.pcapng basic_ng.pcapng pcap_be_nsec.pcap snaplen.pcap truncated.pcap badlen.pcap; do
		"$MKCAP" "${s%%.*}" "$d/$s"
	done
	gzip -n -c "$d/pcapng_multi.pcapng" > "$d/pcapng_multi.pcapng.gz"
	gzip -n -c "$d/truncated.pcap" > "$d/truncated.pcap.gz"
	if command -v zstd > /dev/null; then # without the zstd tool its cases are skipped
		zstd -q -c "$d/pcapng_multi.pcapng" > "$d/pcapng_multi.pcapng.zst"
		zstd -q -c "$d/badlen.pcap" > "$d/badlen.pcap.zst"
	fi
}
