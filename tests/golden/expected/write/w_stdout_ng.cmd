tshark -r basic_ng.pcapng -w - > out.pcapng
