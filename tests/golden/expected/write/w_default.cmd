tshark -r basic.pcap -w out.pcapng
