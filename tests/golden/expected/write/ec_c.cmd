editcap -F pcap -c 5 basic.pcap out.pcap
