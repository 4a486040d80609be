editcap basic.pcap out.pcapng
