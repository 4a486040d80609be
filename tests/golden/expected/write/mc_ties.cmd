mergecap -F pcap -w out.pcap snaplen.pcap basic.pcap
