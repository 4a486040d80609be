mergecap -w out.pcapng basic.pcap vlan.pcap
