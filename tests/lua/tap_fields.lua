-- tap_fields.lua: FieldInfo attributes of built-in fields in a Listener.
-- Run: tshark -r basic.pcap -q -X lua_script:tap_fields.lua
local tap = Listener.new("frame", "udp")
local f_src = Field.new("ip.src")
local f_sport = Field.new("udp.srcport")
local f_len = Field.new("frame.len")
local f_ttl = Field.new("ip.ttl")
local f_eth = Field.new("eth.src")
local f_time = Field.new("frame.time_relative")
local f_dns_id = Field.new("dns.id")
local f_qname = Field.new("dns.qry.name")
local f_flags_resp = Field.new("dns.flags.response")
local count = 0
function tap.packet(pinfo, tvb)
    count = count + 1
    local src = f_src()
    local sport = f_sport()
    io.write(pinfo.number, " ", tostring(src), " ", src.name, " ", src.len, " ", src.offset, " ",
             type(src.value), " ", tostring(src.value), " ", sport.value, " ", sport.display, " ",
             tostring(f_len()), " ", f_ttl().value, " ", tostring(f_eth().value), " ",
             tostring(f_time().value), " ", tvb:len(), " ", tostring(pinfo.src), ":", pinfo.src_port,
             " -> ", tostring(pinfo.dst), ":", pinfo.dst_port, "\n")
    local id = f_dns_id()
    if id then
        io.write("  dns ", id.value, " ", tostring(id), " ", tostring(f_qname()), " ",
                 tostring(f_flags_resp().value), "\n")
    end
end
function tap.draw()
    io.write("udp frames: ", count, "\n")
end
