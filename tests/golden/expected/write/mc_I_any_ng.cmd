mergecap -I any -w out.pcapng basic_ng.pcapng basic.pcap vlan.pcap
