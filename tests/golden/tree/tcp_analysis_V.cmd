tshark -n -V -r tcp_analysis.cap   # capture: mkcap tcp_analysis tcp_analysis.cap; TZ=UTC LC_ALL=C.UTF-8; pdml time= masked
