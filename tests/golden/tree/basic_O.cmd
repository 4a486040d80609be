tshark -n -O ip,udp -r basic.cap   # capture: mkcap basic basic.cap; TZ=UTC LC_ALL=C.UTF-8; pdml time= masked
