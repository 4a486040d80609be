mergecap -V -F pcap -w out.pcap basic.pcap sll.pcap
