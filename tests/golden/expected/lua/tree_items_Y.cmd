tshark -n -r CAPDIR/basic.pcap -c 2 -Y tinfo.filtered==1 -X lua_script:tests/lua/tree_items.lua
