editcap -V -F pcap -I 12 -d macdup.pcap out.pcap
