tshark -n -r tests/golden/expected/lua/file_write.txt -X lua_script:tests/lua/file_rec.lua -F pcapng -w CAPDIR/rt.pcapng
tshark -n -r CAPDIR/rt.pcapng -T fields -e frame.number -e frame.time_epoch -e frame.comment -e frame.encap_type -e frame.cap_len -e frame.len -e frame.interface_id -e eth.src -e ip.src -e _ws.col.Info
