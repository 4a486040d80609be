editcap -F pcap -I 100 -d macdup.pcap out.pcap
