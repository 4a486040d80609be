tshark -n -r CAPDIR/basic.pcap -c 6 -q -X lua_script:tests/lua/tap_args.lua
