editcap -F pcap -d dups.pcap out.pcap
