editcap -F pcap basic_ng.pcapng out.pcap
