tshark -r basic.pcap -F pcap -w out.pcap -T fields -e frame.number > fields.txt
