mergecap -F pcap -s 60 -w out.pcap basic.pcap vlan.pcap
