-- file_rec.lua -- a script-defined capture format, "wsrec", read and written
-- through FileHandler/File/CaptureInfo/FrameInfo (tests/golden/lua.sh).
--
-- A wsrec file is one text header line
--     #wsrec encap=N snaplen=N
-- then per record a text line "sec nsec caplen origlen encap" followed by
-- caplen raw bytes and a newline.  The reader uses read_data (binary bytes)
-- and seek; the writer uses write_data.  Diagnostics go to stderr.

local function note(...)
    io.stderr:write(table.concat({...}, " "), "\n")
end

local function parse_rec(file, frame)
    local line = file:read("*l")
    if not line then return false end
    local sec, nsec, caplen, origlen, encap = line:match("^(%d+) (%d+) (%d+) (%d+) (%-?%d+)$")
    if not sec then
        error("bad record header '" .. line .. "'")
    end
    frame.time = NSTime(tonumber(sec), tonumber(nsec))
    frame.rec_type = wtap_rec_types.PACKET
    frame.flags = wtap_presence_flags.TS + wtap_presence_flags.CAP_LEN
    frame.captured_length = tonumber(caplen)
    frame.original_length = tonumber(origlen)
    frame.encap = tonumber(encap)
    if not frame:read_data(file, frame.captured_length) then
        return false
    end
    if file:read(1) ~= "\n" then
        error("record not ended by a newline")
    end
    return true
end

local nread = 0

local function read_open(file, capture)
    local line = file:read("*l")
    if not line then return false end
    local encap, snaplen = line:match("^#wsrec encap=(%-?%d+) snaplen=(%d+)$")
    if not encap then return false end
    capture.encap = tonumber(encap)
    capture.time_precision = wtap_tsprecs.NSEC
    capture.snapshot_length = tonumber(snaplen)
    capture.hardware = "wsrec hardware"
    capture.os = "wsrec os"
    capture.private_table = { opened = true }
    note("read_open:", capture.encap, capture.snapshot_length, capture.time_precision,
         tostring(file:seek()), tostring(capture.private_table.opened))
    return true
end

local function read(file, capture, frame)
    local pos = file:seek()
    if not parse_rec(file, frame) then return false end
    nread = nread + 1
    if nread % 2 == 0 then
        frame.comment = "wsrec record " .. nread .. " at " .. pos
    end
    return pos
end

local function seek_read(file, capture, frame, offset)
    file:seek("set", offset)
    return parse_rec(file, frame)
end

local function read_close(file, capture)
    note("read_close:", nread)
    return true
end

local rd = FileHandler.new("wsrec reader", "wsrec", "The wsrec test format", "rs")
rd.read_open = read_open
rd.read = read
rd.seek_read = seek_read
rd.read_close = read_close
rd.seq_read_close = function() return true end
rd.extensions = "wsrec"
note("reader type:", rd.type, "extensions:", rd.extensions)
register_filehandler(rd)

local nwritten = 0
local wr = FileHandler.new("wsrec writer", "wsrecw", "The wsrec test format (writer)", "w")
wr.can_write_encap = function(encap)
    note("can_write_encap:", encap)
    return encap == wtap_encaps.ETHERNET
end
wr.write_open = function(file, capture)
    note("write_open:", capture.encap, capture.snapshot_length)
    capture.private_table = { count = 0 }
    file:write("#wsrec encap=", tostring(capture.encap), " snaplen=",
               tostring(capture.snapshot_length), "\n")
    return true
end
wr.write = function(file, capture, frame)
    local t = frame.time
    capture.private_table.count = capture.private_table.count + 1
    file:write(string.format("%d %d %d %d %d\n", t.secs, t.nsecs, frame.captured_length,
                             frame.original_length, frame.encap))
    assert(#frame.data == frame.captured_length)
    if not frame:write_data(file) then return false end
    file:write("\n")
    nwritten = nwritten + 1
    return true
end
wr.write_close = function(file, capture)
    note("write_close:", nwritten, capture.private_table.count)
    return true
end
register_filehandler(wr)
