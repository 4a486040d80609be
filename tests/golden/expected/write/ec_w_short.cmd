editcap -F pcap -I 12 -w 0.1 macdup.pcap out.pcap
