editcap -F pcap -w 1 -d macdup.pcap out.pcap
