mergecap -I merge -w out.pcapng basic.pcap
