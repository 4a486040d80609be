editcap -F pcap -E 1.5 basic.pcap out.pcap
