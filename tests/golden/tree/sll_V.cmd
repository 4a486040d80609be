tshark -n -V -r sll.cap   # capture: mkcap sll sll.cap; TZ=UTC LC_ALL=C.UTF-8; pdml time= masked
