tshark -r basic_ng.pcapng -F pcapng -c 9 -w out.pcapng
