import struct, sys
def pcap(path, payloads, times=None):
    out = open(path, 'wb')
    out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, pl in enumerate(payloads):
        udp = struct.pack('>HHHH', 1234, 9999, 8 + len(pl), 0) + pl
        ip = struct.pack('>BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0, 64, 17, 0, bytes([10,0,0,1]), bytes([10,0,0,2])) + udp
        fr = bytes.fromhex('020000000002020000000001') + b'\x08\x00' + ip
        sec, usec = (times[i] if times else (1700000000 + i, 500000))
        out.write(struct.pack('<IIII', sec, usec, len(fr), len(fr)) + fr)
pls = [bytes.fromhex(h) for h in sys.argv[2:]]
pcap(sys.argv[1], pls)
