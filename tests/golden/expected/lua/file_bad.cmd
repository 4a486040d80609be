cd CAPDIR && tshark -n -r bad.wsrec -X lua_script:ROOT/tests/lua/file_rec.lua (bad.wsrec: first 200 bytes of file_write.txt + 'garbage here')
