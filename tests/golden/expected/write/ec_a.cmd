editcap -a 2:hello -a "3:a b" -a 2:again basic.pcap out.pcapng
