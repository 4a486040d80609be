mergecap -V -F pcap -w out.pcap basic.pcap vlan.pcap
