tshark -n -V -r frag4.cap   # capture: mkcap frag4 frag4.cap; TZ=UTC LC_ALL=C.UTF-8; pdml time= masked
