tshark -n -V -r pcapng_multi.cap   # capture: mkcap pcapng_multi pcapng_multi.cap; TZ=UTC LC_ALL=C.UTF-8; pdml time= masked
