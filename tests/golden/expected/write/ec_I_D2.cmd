editcap -F pcap -I 12 -D 2 macdup.pcap out.pcap
