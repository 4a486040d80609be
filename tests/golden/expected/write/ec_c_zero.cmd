editcap -c 0 basic.pcap out.pcap
