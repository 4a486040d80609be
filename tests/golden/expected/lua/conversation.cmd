tshark -n -r CAPDIR/basic.pcap -X lua_script:tests/lua/conversation.lua -T fields -e frame.number -e _ws.col.Protocol -e convp.len -e _ws.col.Info
