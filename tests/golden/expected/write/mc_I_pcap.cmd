mergecap -I none -F pcap -w out.pcap basic.pcap vlan.pcap
