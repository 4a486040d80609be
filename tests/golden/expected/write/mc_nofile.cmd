mergecap -w out.pcap nonexistent.pcap basic.pcap
