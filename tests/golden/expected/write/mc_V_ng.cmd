mergecap -V -a -F pcap -w out.pcap basic.pcap basic_ng.pcapng
