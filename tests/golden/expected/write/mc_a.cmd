mergecap -a -F pcap -w out.pcap tcp_analysis.pcap basic.pcap vlan.pcap
