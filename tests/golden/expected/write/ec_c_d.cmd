editcap -F pcap -c 7 -d dups.pcap out.pcap
