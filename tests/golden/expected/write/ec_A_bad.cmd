editcap -F pcap -A yesterday basic.pcap out.pcap
