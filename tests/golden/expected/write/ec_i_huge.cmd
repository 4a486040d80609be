editcap -F pcap -i 99999999999999999999 basic.pcap out.pcap
