editcap -V -F pcap -c 4 basic.pcap sp.pcap
