editcap -F pcap basic.pcap out.pcap 1-3 7
