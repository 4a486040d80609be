mergecap -F pcap -w out.pcap basic.pcap vlan.pcap tcp_analysis.pcap frag4.pcap
