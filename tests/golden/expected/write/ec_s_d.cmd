editcap -F pcap -s 6 -d macdup.pcap out.pcap
