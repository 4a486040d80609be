tshark -r vlan.pcap -F pcap -w - > out.pcap
