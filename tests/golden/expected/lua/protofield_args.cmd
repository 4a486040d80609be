tshark -n -r CAPDIR/basic.pcap -q -X lua_script:tests/lua/protofield_args.lua
