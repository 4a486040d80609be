#!/usr/bin/env python3
# protos_mkpcap.py OUT -- the capture tests/golden/protos.sh reads: routing and
# link-control protocols that used to fall back to "data": EIGRP (hello, ack,
# update, query, reply), CDP, RSVP (PATH, RESV), IGMP v1/v2/v3 and STP/RSTP
# BPDUs.  Every byte is built here; same bytes every run.
import struct, sys

def csum(b):
    if len(b) % 2: b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

def with_csum(b, at):
    return b[:at] + struct.pack('!H', csum(b[:at] + b'\0\0' + b[at + 2:])) + b[at + 2:]

def mac(s): return bytes.fromhex(s.replace(':', ''))
def ip(s): return bytes(int(x) for x in s.split('.'))

R1, R2 = mac('02:00:00:00:00:01'), mac('02:00:00:00:00:02')

def eth(dst, src, etype, pl):
    f = dst + src + struct.pack('!H', etype) + pl
    return f + b'\0' * max(0, 60 - len(f))

def dot3(dst, src, pl):  # 802.3 length frame, padded to the minimum
    f = dst + src + struct.pack('!H', len(pl)) + pl
    return f + b'\0' * max(0, 60 - len(f))

def ipv4(src, dst, proto, pl, ttl=64, tos=0, opts=b'', ident=1):
    hl = (20 + len(opts)) // 4
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | hl, tos, hl * 4 + len(pl), ident, 0, ttl, proto, 0,
                    ip(src), ip(dst)) + opts
    return with_csum(h, 10) + pl

RA = b'\x94\x04\x00\x00'  # IP Router Alert option

def tlv(t, body): return struct.pack('!HH', t, 4 + len(body)) + body

# ---- EIGRP (IP proto 88) ----
def eigrp(op, flags, seq, ack, asn, tlvs=b'', vrid=0):
    h = struct.pack('!BBHIIIHH', 2, op, 0, flags, seq, ack, vrid, asn) + tlvs
    return with_csum(h, 2)

PARAMS = tlv(1, bytes([1, 0, 1, 0, 0, 0]) + struct.pack('!H', 15))
SWVER = tlv(4, bytes([12, 1, 1, 1]))
def route4(nh, delay, bw, mtu, hops, prefix, plen):
    nbytes = (plen + 7) // 8
    return tlv(0x102, ip(nh) + struct.pack('!II', delay, bw) + struct.pack('!I', mtu)[1:] +
               bytes([hops, 255, 1]) + b'\0\0' + bytes([plen]) + ip(prefix)[:nbytes])

# ---- CDP over LLC/SNAP (OUI 00000c, PID 0x2000) ----
def cdp(tlvs):
    return with_csum(bytes([2, 180]) + b'\0\0' + tlvs, 2)

CDP_TLVS = (tlv(1, b'rtr-a.example') +
            tlv(2, struct.pack('!I', 1) + bytes([1, 1, 0xcc]) + struct.pack('!H', 4) + ip('10.1.2.1')) +
            tlv(3, b'FastEthernet0/1') + tlv(4, struct.pack('!I', 0x29)) +
            tlv(5, b'Cisco IOS Software, test image\nVersion 15.1') + tlv(6, b'cisco 2811') +
            tlv(0xa, struct.pack('!H', 10)) + tlv(0xb, b'\x01'))

# ---- RSVP (IP proto 46) ----
def obj(cls, ctype, body): return struct.pack('!HBB', 4 + len(body), cls, ctype) + body

def rsvp(mtype, objs, ttl=254):
    h = struct.pack('!BBHBBH', 0x10, mtype, 0, ttl, 0, 8 + len(objs)) + objs
    return with_csum(h, 2)

SESSION = obj(1, 1, ip('10.34.0.1') + bytes([17, 0]) + struct.pack('!H', 10))
HOP = obj(3, 1, ip('10.1.2.1') + struct.pack('!I', 0))
TIMEV = obj(5, 1, struct.pack('!I', 30000))
SENDER = obj(11, 1, ip('10.31.0.1') + struct.pack('!HH', 0, 10))
TSPEC = obj(12, 2, bytes.fromhex('00000007 01000006 7f000005 449c4000 461c4000 49989680 00000000 000005ea'
                                 .replace(' ', '')))
STYLE = obj(8, 1, bytes([0, 0, 0, 0x0a]))
FLOWSPEC = obj(9, 2, bytes.fromhex('00000007 05000006 7f000005 449c4000 461c4000 49989680 00000000 000005ea'
                                   .replace(' ', '')))
FILTER = obj(10, 1, ip('10.31.0.1') + struct.pack('!HH', 0, 10))

# ---- IGMP (IP proto 2) ----
def igmp(typ, mrt, group, extra=b''):
    return with_csum(struct.pack('!BBH4s', typ, mrt, 0, ip(group)) + extra, 2)

def grec(rtype, group, srcs):
    return bytes([rtype, 0]) + struct.pack('!H', len(srcs)) + ip(group) + b''.join(ip(s) for s in srcs)

# ---- STP BPDUs (LLC 42/42/03 to 01:80:c2:00:00:00) ----
STP_DST = mac('01:80:c2:00:00:00')
def bpdu_conf(ver, typ, flags, root, cost, bridge, port, extra=b''):
    return (b'\x42\x42\x03' + struct.pack('!HBBB', 0, ver, typ, flags) + root + struct.pack('!I', cost) +
            bridge + struct.pack('!HHHHH', port, 1 * 256, 20 * 256, 2 * 256, 15 * 256) + extra)

ROOT = struct.pack('!H', 0x8000) + R1
BR2 = struct.pack('!H', 0x8001) + R2

frames = [
    eth(mac('01:00:5e:00:00:0a'), R2, 0x800,
        ipv4('10.1.2.2', '224.0.0.10', 88, eigrp(5, 0, 0, 0, 41, PARAMS + SWVER), ttl=2, tos=0xc0)),
    eth(R1, R2, 0x800, ipv4('10.1.2.2', '10.1.2.1', 88, eigrp(5, 0, 0, 7, 41), ttl=2, tos=0xc0)),
    eth(R1, R2, 0x800, ipv4('10.1.2.2', '10.1.2.1', 88, eigrp(1, 1, 8, 0, 41), ttl=2, tos=0xc0)),
    eth(R1, R2, 0x800, ipv4('10.1.2.2', '10.1.2.1', 88,
        eigrp(1, 8, 9, 7, 41, route4('0.0.0.0', 25600, 256, 1500, 0, '192.168.10.0', 24) +
              route4('0.0.0.0', 128000, 2560, 1500, 1, '10.0.0.0', 8)), ttl=2, tos=0xc0)),
    eth(mac('01:00:5e:00:00:0a'), R2, 0x800, ipv4('10.1.2.2', '224.0.0.10', 88,
        eigrp(3, 0, 10, 0, 41, route4('0.0.0.0', 0xffffffff, 0, 1500, 0, '172.16.0.0', 16)), ttl=2,
        tos=0xc0)),
    eth(R2, R1, 0x800, ipv4('10.1.2.1', '10.1.2.2', 88,
        eigrp(4, 0, 20, 10, 41, route4('0.0.0.0', 0xffffffff, 0, 1500, 0, '172.16.0.0', 16)), ttl=2,
        tos=0xc0)),
    dot3(mac('01:00:0c:cc:cc:cc'), R1, b'\xaa\xaa\x03\x00\x00\x0c\x20\x00' + cdp(CDP_TLVS)),
    eth(R2, R1, 0x800, ipv4('10.31.0.1', '10.34.0.1', 46,
        rsvp(1, SESSION + HOP + TIMEV + SENDER + TSPEC), ttl=254, opts=RA)),
    eth(R1, R2, 0x800, ipv4('10.34.0.1', '10.1.2.1', 46,
        rsvp(2, SESSION + HOP + TIMEV + STYLE + FLOWSPEC + FILTER), ttl=254, opts=RA)),
    eth(mac('01:00:5e:00:00:01'), R1, 0x800,
        ipv4('10.1.2.1', '224.0.0.1', 2, igmp(0x11, 100, '0.0.0.0'), ttl=1, opts=RA)),
    eth(mac('01:00:5e:01:02:03'), R2, 0x800,
        ipv4('10.1.2.2', '239.1.2.3', 2, igmp(0x16, 0, '239.1.2.3'), ttl=1, opts=RA)),
    eth(mac('01:00:5e:01:02:03'), R1, 0x800,
        ipv4('10.1.2.1', '239.1.2.3', 2, igmp(0x11, 10, '239.1.2.3'), ttl=1, opts=RA)),
    eth(mac('01:00:5e:00:00:02'), R2, 0x800,
        ipv4('10.1.2.2', '224.0.0.2', 2, igmp(0x17, 0, '239.1.2.3'), ttl=1, opts=RA)),
    eth(mac('01:00:5e:01:02:04'), R2, 0x800,
        ipv4('10.1.2.2', '239.1.2.4', 2, igmp(0x12, 0, '239.1.2.4'), ttl=1)),
    eth(mac('01:00:5e:00:00:01'), R1, 0x800, ipv4('10.1.2.1', '224.0.0.1', 2,
        igmp(0x11, 100, '0.0.0.0', bytes([0x02, 125]) + struct.pack('!H', 0)), ttl=1, opts=RA)),
    eth(mac('01:00:5e:01:02:05'), R1, 0x800, ipv4('10.1.2.1', '239.1.2.5', 2,
        igmp(0x11, 10, '239.1.2.5', bytes([0x0a, 125]) + struct.pack('!H', 2) + ip('10.9.9.1') +
             ip('10.9.9.2')), ttl=1, opts=RA)),
    eth(mac('01:00:5e:00:00:16'), R2, 0x800, ipv4('10.1.2.2', '224.0.0.22', 2,
        with_csum(struct.pack('!BBHHH', 0x22, 0, 0, 0, 3) + grec(4, '239.1.2.3', []) +
                  grec(1, '239.1.2.5', ['10.9.9.1', '10.9.9.2']) + grec(3, '239.1.2.6', []), 2),
        ttl=1, opts=RA)),
    eth(mac('01:00:5e:00:00:16'), R2, 0x800, ipv4('10.1.2.2', '224.0.0.22', 2,
        with_csum(struct.pack('!BBHHH', 0x22, 0, 0, 0, 1) + grec(6, '239.1.2.5', ['10.9.9.3']), 2),
        ttl=1, opts=RA)),
    eth(mac('01:00:5e:00:00:16'), R2, 0x800, ipv4('10.1.2.2', '224.0.0.22', 2,
        with_csum(struct.pack('!BBHHH', 0x22, 0, 0, 0, 5) + grec(2, '239.1.2.7', ['10.9.9.4']) +
                  grec(4, '239.1.2.8', ['10.9.9.4', '10.9.9.5']) + grec(3, '239.1.2.9', ['10.9.9.6']) +
                  grec(5, '239.1.2.10', ['10.9.9.7', '10.9.9.8']) + grec(5, '239.1.2.11', ['10.9.9.9']),
                  2), ttl=1, opts=RA)),
    eth(mac('01:00:5e:00:00:01'), R1, 0x800,
        ipv4('10.1.2.1', '224.0.0.1', 2, igmp(0x11, 0, '0.0.0.0'), ttl=1)),
    dot3(STP_DST, R1, bpdu_conf(0, 0, 0x00, ROOT, 0, ROOT, 0x8001)),
    dot3(STP_DST, R2, bpdu_conf(0, 0, 0x81, ROOT, 19, BR2, 0x8002)),
    dot3(STP_DST, R2, b'\x42\x42\x03\x00\x00\x00\x80'),
    dot3(STP_DST, R1, bpdu_conf(2, 2, 0x3c, ROOT, 0, ROOT, 0x8001, b'\x00')),
    dot3(STP_DST, R2, bpdu_conf(2, 2, 0x0e | 0x01, ROOT, 20000, BR2, 0x8003, b'\x00')),
]

with open(sys.argv[1], 'wb') as out:
    out.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i, f in enumerate(frames):
        out.write(struct.pack('<IIII', 1704067200 + i, 250000 * (i % 4), len(f), len(f)) + f)
