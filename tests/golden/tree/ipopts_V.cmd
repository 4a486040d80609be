tshark -n -V -r ipopts.cap   # capture: mkcap ipopts ipopts.cap; TZ=UTC LC_ALL=C.UTF-8; pdml time= masked
