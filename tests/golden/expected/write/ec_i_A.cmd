editcap -F pcap -A 1704067205 -i 2 dups.pcap out.pcap
