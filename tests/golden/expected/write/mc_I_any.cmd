mergecap -I any -w out.pcapng basic.pcap basic.pcap vlan.pcap sll.pcap
