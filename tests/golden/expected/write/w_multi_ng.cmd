tshark -r pcapng_multi.pcapng -w out.pcapng -c 4
