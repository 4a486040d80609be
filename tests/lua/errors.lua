-- errors.lua: a dissector error becomes an expert item and dissection goes on; a tap error goes
-- to stderr and the run goes on.
-- Run: tshark -r basic.pcap -X lua_script:errors.lua [-V -O bad]
local p = Proto("bad", "Bad Protocol")
function p.dissector(tvb, pinfo, tree)
    pinfo.cols.protocol = "BAD"
    tree:add(p, tvb())
    return tvb(tvb:len() + 1, 1):uint()
end
DissectorTable.get("udp.port"):add(53, p)
local tap = Listener.new(nil, "bad")
function tap.packet(pinfo)
    local x = nil
    return x.field
end
