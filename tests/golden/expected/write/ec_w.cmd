editcap -V -F pcap -I 12 -w 0.5 macdup.pcap out.pcap
