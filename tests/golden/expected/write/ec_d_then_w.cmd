editcap -F pcap -d -w 1 macdup.pcap out.pcap
