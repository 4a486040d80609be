mergecap -F pcap -w out.pcap pcapng_multi.pcapng basic.pcap
