tshark -r basic.pcap -w - -P
