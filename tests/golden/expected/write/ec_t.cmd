editcap -F pcap -t 1.5 basic.pcap out.pcap
