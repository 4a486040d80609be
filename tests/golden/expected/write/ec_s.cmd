editcap -F pcap -s 50 basic.pcap out.pcap
