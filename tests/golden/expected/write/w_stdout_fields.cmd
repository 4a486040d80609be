tshark -r basic.pcap -w - -T fields -e frame.number
