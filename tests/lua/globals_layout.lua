-- globals_layout.lua: class-table layout, constants and small globals that the
-- Wireshark test suite does not print (wiresift tests/golden/lua.sh)
local function show(name, v) print(name .. " = " .. tostring(v)) end

for _, c in ipairs({"ByteArray", "Address", "Tvb", "TvbRange", "TreeItem", "Field", "Listener",
                    "Dissector", "DissectorTable", "ProtoField", "ProtoExpert", "UInt64", "Int64",
                    "Struct", "Dir", "Column", "Pref", "FileHandler", "FrameInfo", "Dumper"}) do
  local t = _G[c]
  local mt = getmetatable(t)
  print(c, type(t), rawget(t, "__typeof"), type(mt), mt and mt.__typeof, mt and type(mt.__methods))
end
local mt = getmetatable(FrameInfo)
show("FrameInfo getters", mt.__getters.__typeof)
show("FrameInfo setters", mt.__setters.__typeof)
show("Listener setter packet", type(getmetatable(Listener).__setters.packet))

-- methods reached through the class table
local ba = ByteArray.new("01 02 03")
show("ByteArray.tohex", ByteArray.tohex(ba))
show("ByteArray.len", ByteArray.len(ba))
show("ByteArray.subset", ByteArray.tohex(ByteArray.subset(ba, 1, 2)))

-- constants
show("wtap.ETHERNET", wtap.ETHERNET)
show("wtap.RAW_IP", wtap.RAW_IP)
show("wtap.USER0", wtap.USER0)
show("wtap_encaps.SLL", wtap_encaps.SLL)
show("wtap_filetypes.PCAP", wtap_filetypes.PCAP)
show("wtap_filetypes.PCAPNG", wtap_filetypes.PCAPNG)
show("wtap_tsprecs.NSEC", wtap_tsprecs.NSEC)
show("wtap_rec_types.PACKET", wtap_rec_types.PACKET)
show("wtap_presence_flags.TS", wtap_presence_flags.TS)
show("ENC_ISO_8859_2", ENC_ISO_8859_2)
show("ENC_WINDOWS_1250", ENC_WINDOWS_1250)
show("ENC_SEP_MASK", ENC_SEP_MASK)
show("MENU_TOOLS_UNSORTED", MENU_TOOLS_UNSORTED)
show("H225_SETUP_ACK", H225_SETUP_ACK)
show("h225_msg_type[1]", h225_msg_type[1])
show("P2P_DIR_RECV", P2P_DIR_RECV)
show("DESEGMENT_ONE_MORE_SEGMENT", DESEGMENT_ONE_MORE_SEGMENT)
show("GUI_ENABLED", GUI_ENABLED)
show("base.CUSTOM", base.CUSTOM)
show("frametype.REQUEST", frametype and frametype.REQUEST)
show("type(init_routines)", type(init_routines))

-- small functions
show("file_exists(no)", file_exists("/nonexistent/wiresift"))
show("type(heuristic_list)", type(DissectorTable.heuristic_list()))
show("type(package.loaders)", type(package.loaders))
local m = {}
package.seeall(m)
show("seeall", m.print == print)
show("type(Listener.remove)", type(Listener.remove))

-- pinfo.p2p_dir through a tap
local tap = Listener.new("frame")
local n = 0
function tap.packet(pinfo)
  n = n + 1
  if n <= 2 then print("p2p_dir", pinfo.number, pinfo.p2p_dir == P2P_DIR_UNKNOWN, pinfo.p2p_dir) end
end
