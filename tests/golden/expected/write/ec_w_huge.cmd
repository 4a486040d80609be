editcap -F pcap -w 99999999999999999999 macdup.pcap out.pcap
