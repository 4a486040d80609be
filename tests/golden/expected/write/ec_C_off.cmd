editcap -F pcap -C 10:4 -C -10:-4 basic.pcap out.pcap
