editcap -V -F pcap basic.pcap out.pcap 2-3 7
