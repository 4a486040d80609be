mergecap -I none -w out.pcapng basic.pcap basic.pcap vlan.pcap sll.pcap
