tshark -n -r tests/golden/expected/lua/file_write.txt -c 3 -X lua_script:tests/lua/file_rec.lua -X read_format:wsrec
