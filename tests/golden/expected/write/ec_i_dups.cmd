editcap -F pcap -i 1 dups.pcap a.b.pcap
