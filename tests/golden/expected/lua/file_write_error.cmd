cd CAPDIR && tshark -r basic.pcap -X lua_script:ROOT/tests/lua/file_errors.lua -F ewrite -w e.out
