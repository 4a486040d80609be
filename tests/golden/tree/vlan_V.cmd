tshark -n -V -r vlan.cap   # capture: mkcap vlan vlan.cap; TZ=UTC LC_ALL=C.UTF-8; pdml time= masked
