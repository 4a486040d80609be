editcap -F pcap -A 99999999999999999999 basic.pcap out.pcap
