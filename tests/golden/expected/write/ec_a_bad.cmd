editcap -a x basic.pcap out.pcapng
