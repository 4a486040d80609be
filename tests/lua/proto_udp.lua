-- proto_udp.lua: a Lua dissector on udp.port 53 exercising ProtoField types, bitmasks,
-- value strings, true/false strings, add/add_le, append_text, expert infos and columns.
-- Run: tshark -r basic.pcap -X lua_script:proto_udp.lua [-V -O myp | -T fields -e myp.id ...]
local p = Proto("myp", "My Protocol")
local qr = { [0] = "Query", [1] = "Response" }
local f = p.fields
f.id = ProtoField.uint16("myp.id", "Ident", base.HEX)
f.flags = ProtoField.uint16("myp.flags", "Flags", base.HEX)
f.qr = ProtoField.uint16("myp.qr", "Kind", base.DEC, qr, 0x8000)
f.opcode = ProtoField.uint16("myp.opcode", "Op", base.DEC, nil, 0x7800)
f.rd = ProtoField.bool("myp.rd", "Recurse", 16, { "wanted", "not wanted" }, 0x0100)
f.qd = ProtoField.uint16("myp.qd", "Questions")
f.le = ProtoField.uint16("myp.le", "Little")
f.i8 = ProtoField.int8("myp.i8", "Signed")
f.raw = ProtoField.bytes("myp.raw", "Raw")
f.txt = ProtoField.string("myp.txt", "Text")
local e_resp = ProtoExpert.new("myp.resp", "a response", expert.group.RESPONSE_CODE, expert.severity.CHAT)
p.experts = { e_resp }
function p.dissector(tvb, pinfo, tree)
    pinfo.cols.protocol = "MYP"
    local t = tree:add(p, tvb(0, 12))
    t:add(f.id, tvb(0, 2))
    local fl = t:add(f.flags, tvb(2, 2))
    fl:add(f.qr, tvb(2, 2))
    fl:add(f.opcode, tvb(2, 2))
    fl:add(f.rd, tvb(2, 2))
    t:add(f.qd, tvb(4, 2)):append_text(" (count)")
    t:add_le(f.le, tvb(4, 2))
    t:add(f.i8, tvb(6, 1))
    t:add(f.raw, tvb(8, 4))
    t:add(f.txt, tvb(0, 2), "given")
    if tvb(2, 1):bitfield(0, 1) == 1 then
        t:add_proto_expert_info(e_resp)
    end
    pinfo.cols.info = string.format("MYP id=0x%04x qd=%d", tvb(0, 2):uint(), tvb(4, 2):uint())
    return tvb:len()
end
DissectorTable.get("udp.port"):add(53, p)
