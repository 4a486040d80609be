editcap -F pcap -C 12 -I 2 -V -d macdup.pcap out.pcap
