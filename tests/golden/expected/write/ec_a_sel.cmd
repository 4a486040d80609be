editcap -a 2:c -r basic.pcap out.pcapng 2-3
