mergecap -F pcap -w out.pcap basic.pcap sll.pcap
