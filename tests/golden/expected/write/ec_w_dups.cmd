editcap -F pcap -w 1 dups.pcap out.pcap
