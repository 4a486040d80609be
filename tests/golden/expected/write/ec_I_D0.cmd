editcap -V -F pcap -I 12 -D 0 macdup.pcap out.pcap
