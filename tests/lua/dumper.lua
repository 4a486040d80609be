-- dumper.lua -- Dumper from a tap (tests/golden/lua.sh): every other frame with
-- dump_current, one made-up frame with dump, a second file in nanosecond pcap;
-- the output folder is the script's first argument.
local dir = ...
local d = Dumper.new(dir .. "/dump.pcap")
local d2
local n = 0
local tap = Listener.new("frame")
function tap.packet(pinfo, tvb)
    n = n + 1
    if n == 1 then d2 = Dumper.new_for_current(dir .. "/dump_ns.pcap", wtap_filetypes.PCAP_NSEC) end
    if n % 2 == 1 then d:dump_current() end
    d2:dump_current()
    if n == 3 then
        d:dump(1700000000.25, PseudoHeader.none(),
               ByteArray.new("00 11 22 33 44 55 66 77 88 99 aa bb 08 00"))
    end
end
function tap.draw()
    d:flush()
    d:close()
    d2:close()
    print("closed", n)
    print(pcall(Dumper.new, "/nonexistent/dir/x.pcap"))
    print(pcall(d.dump_current, d))
end
