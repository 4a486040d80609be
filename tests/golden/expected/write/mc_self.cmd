mergecap -F pcap -w out.pcap basic.pcap basic.pcap
