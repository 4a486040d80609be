tshark -n -r CAPDIR/basic.pcap -X lua_script:tests/lua/file_rec.lua -F wsrecw -w -
