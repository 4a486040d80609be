editcap -F pcap -w x macdup.pcap out.pcap
