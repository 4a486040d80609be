mergecap -w out.pcapng basic.pcap sll.pcap
