local p = Proto("wst", "WS Test Proto")
local F = {}
local function add(name, f) F[#F+1] = {name, f}; return f end
local defs = {
 {"u8dec", ProtoField.uint8("wst.u8dec","u8dec",base.DEC)},
 {"u8hex", ProtoField.uint8("wst.u8hex","u8hex",base.HEX)},
 {"u8oct", ProtoField.uint8("wst.u8oct","u8oct",base.OCT)},
 {"u8dechex", ProtoField.uint8("wst.u8dechex","u8dechex",base.DEC_HEX)},
 {"u8hexdec", ProtoField.uint8("wst.u8hexdec","u8hexdec",base.HEX_DEC)},
 {"u16hex", ProtoField.uint16("wst.u16hex","u16hex",base.HEX)},
 {"u16oct", ProtoField.uint16("wst.u16oct","u16oct",base.OCT)},
 {"u24hex", ProtoField.uint24("wst.u24hex","u24hex",base.HEX)},
 {"u32hex", ProtoField.uint32("wst.u32hex","u32hex",base.HEX)},
 {"u32hexdec", ProtoField.uint32("wst.u32hexdec","u32hexdec",base.HEX_DEC)},
 {"u32dechex", ProtoField.uint32("wst.u32dechex","u32dechex",base.DEC_HEX)},
 {"u64dec", ProtoField.uint64("wst.u64dec","u64dec",base.DEC)},
 {"u64hex", ProtoField.uint64("wst.u64hex","u64hex",base.HEX)},
 {"i8dec", ProtoField.int8("wst.i8dec","i8dec",base.DEC)},
 {"i16dec", ProtoField.int16("wst.i16dec","i16dec",base.DEC)},
 {"i24dec", ProtoField.int24("wst.i24dec","i24dec",base.DEC)},
 {"i32dec", ProtoField.int32("wst.i32dec","i32dec",base.DEC)},
 {"i64dec", ProtoField.int64("wst.i64dec","i64dec",base.DEC)},
 {"u8mask", ProtoField.uint8("wst.u8mask","u8mask",base.HEX, nil, 0x3c)},
 {"u16maskdec", ProtoField.uint16("wst.u16maskdec","u16maskdec",base.DEC, nil, 0x0ff0)},
 {"char", ProtoField.char("wst.char","char")},
 {"charhex", ProtoField.char("wst.charhex","charhex",base.HEX)},
 {"bool8", ProtoField.bool("wst.bool8","bool8",8,nil,0x01)},
 {"boolnone", ProtoField.bool("wst.boolnone","boolnone",base.NONE)},
 {"float", ProtoField.float("wst.float","float")},
 {"double", ProtoField.double("wst.double","double")},
 {"abslocal", ProtoField.absolute_time("wst.abslocal","abslocal",base.LOCAL)},
 {"absutc", ProtoField.absolute_time("wst.absutc","absutc",base.UTC)},
 {"absdoy", ProtoField.absolute_time("wst.absdoy","absdoy",base.DOY_UTC)},
 {"rel", ProtoField.relative_time("wst.rel","rel")},
 {"string", ProtoField.string("wst.string","string")},
 {"stringz", ProtoField.stringz("wst.stringz","stringz")},
 {"bytes", ProtoField.bytes("wst.bytes","bytes")},
 {"bytescolon", ProtoField.bytes("wst.bytescolon","bytescolon",base.COLON)},
 {"bytesdash", ProtoField.bytes("wst.bytesdash","bytesdash",base.DASH)},
 {"bytesdot", ProtoField.bytes("wst.bytesdot","bytesdot",base.DOT)},
 {"bytesspace", ProtoField.bytes("wst.bytesspace","bytesspace",base.SPACE)},
 {"ether", ProtoField.ether("wst.ether","ether")},
 {"ipv4", ProtoField.ipv4("wst.ipv4","ipv4")},
 {"ipv6", ProtoField.ipv6("wst.ipv6","ipv6")},
 {"guid", ProtoField.guid("wst.guid","guid")},
 {"oid", ProtoField.oid("wst.oid","oid")},
 {"eui64", ProtoField.eui64("wst.eui64","eui64")},
 {"framenum", ProtoField.framenum("wst.framenum","framenum")},
 {"none", ProtoField.none("wst.none","none")},
}
local fl = {}
for _, d in ipairs(defs) do fl[#fl+1] = d[2] end
p.fields = fl
local D = {}
for _, d in ipairs(defs) do D[d[1]] = d[2] end
function p.dissector(tvb, pinfo, tree)
  pinfo.cols.protocol = "WST"
  local t = tree:add(p, tvb())
  local n = tvb:len()
  local function a(name, off, len) if off+len <= n then pcall(function() t:add(D[name], tvb(off, len)) end) end end
  for _, nm in ipairs({"u8dec","u8hex","u8oct","u8dechex","u8hexdec","i8dec","u8mask","char","charhex","bool8"}) do a(nm,0,1) end
  for _, nm in ipairs({"u16hex","u16oct","i16dec","u16maskdec"}) do a(nm,0,2) end
  a("u24hex",0,3); a("i24dec",0,3)
  for _, nm in ipairs({"u32hex","u32hexdec","u32dechex","i32dec","float","framenum","ipv4"}) do a(nm,0,4) end
  for _, nm in ipairs({"u64dec","u64hex","i64dec","double","abslocal","absutc","absdoy","rel","eui64"}) do a(nm,0,8) end
  a("string",0,n); a("stringz",0,n); a("bytes",0,n); a("bytescolon",0,n); a("bytesdash",0,n); a("bytesdot",0,n); a("bytesspace",0,n)
  a("ether",0,6); a("ipv6",0,16); a("guid",0,16); a("oid",0,n); a("none",0,1)
  pcall(function() t:add(D["boolnone"], tvb(0,1), true) end)
end
DissectorTable.get("udp.port"):add(9999, p)
