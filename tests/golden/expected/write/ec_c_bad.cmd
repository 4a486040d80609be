editcap -c x basic.pcap out.pcap
