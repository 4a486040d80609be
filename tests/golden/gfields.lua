# gfields.lua -- protocols tshark knows only through a Lua script or plugin, not built in:
# their -G fields rows are left out of the comparison with tshark's built-in rows.
# trade: compared with `tshark -G fields -X lua_script:trade_17.lua` (expected/gfields_trade.txt).
# aerospike*: the community plugin's protocols (no tshark 4.0 reference run).
trade
aerospike
aerospikemessage
aerospikemessageheader
aerospikeinfo1
aerospikeinfo2
aerospikeinfo3
aerospikefields
aerospikebatch
aerospikebatchitem
aerospikeoperations
aerospikeheartbeat
aerospikeprotocol
