editcap -F pcap -D 10 dups.pcap out.pcap
