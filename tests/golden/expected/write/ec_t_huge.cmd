editcap -F pcap -t 99999999999999999999 basic.pcap out.pcap
