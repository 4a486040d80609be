editcap -F pcap -D 3 dups.pcap out.pcap
