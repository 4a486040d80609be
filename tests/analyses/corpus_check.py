#!/usr/bin/env python3
"""corpus_check.py -- cross-check the analysis tables with tshark 4.0.17's goldens.

For every dev capture of ../shared/corpus:
  streams:   per tcp.stream, frames carrying each tcp.analysis.* flag and the
             frame count, against fields.tsv grouped by tcp.stream;
  intervals: packets and tcp_rst per 1 s interval against io_1s.txt (when
             tshark shrank the interval to the capture's duration, the one row
             is compared with our totals);
  sessions:  sessions started in the capture (SYN without ACK) and how many saw
             a lost segment / retransmission, recomputed here from fields.tsv.
Prints the agreement; exits 1 below the ratchet in ratchet.txt (cells per million).
Skips (exit 0, saying so) when the corpus is absent.
"""
import os, re, subprocess, sys, collections

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ws = os.environ.get("WIRESIFT", os.path.join(root, "wiresift"))
if not os.path.isabs(ws):
    ws = os.path.join(root, ws)
corpus = os.environ.get("CORPUS", os.path.join(root, "..", "shared", "corpus"))
if not os.path.isdir(os.path.join(corpus, "goldens", "dev")):
    print("analyses corpus-check: SKIP: %s not present" % corpus)
    sys.exit(0)

FLAGS = ["retransmission", "fast_retransmission", "spurious_retransmission", "out_of_order",
         "lost_segment", "ack_lost_segment", "duplicate_ack", "zero_window", "zero_window_probe",
         "window_update", "window_full", "keep_alive", "keep_alive_ack"]

def run(cmd, path):
    return run_args(cmd, path, ["--fill"] if cmd == "intervals" else [])

def run_args(cmd, path, extra):
    r = subprocess.run([ws, cmd, path, "--format", "tsv"] + extra,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, timeout=600)
    lines = r.stdout.decode("utf-8", "replace").split("\n")
    hdr = lines[0].split("\t")
    rows = []
    for l in lines[1:]:
        if not l:  # a blank line ends the first table (esp is followed by esp_intervals)
            break
        rows.append(dict(zip(hdr, l.split("\t"))))
    return rows

tot = collections.Counter()
agree = collections.Counter()
bad = collections.defaultdict(list)
sess_ok = sess_n = 0
self_tot = [0, 0]
import shutil, tempfile
have_tshark = shutil.which("tshark") is not None
tsconf = tempfile.mkdtemp()
for name in sorted(os.listdir(os.path.join(corpus, "goldens", "dev"))):
    gdir = os.path.join(corpus, "goldens", "dev", name)
    cap = os.path.join(corpus, "dev", name)
    ftsv = os.path.join(gdir, "fields.tsv")
    if not os.path.exists(cap) or not os.path.exists(ftsv):
        continue
    # --- tshark side, from fields.tsv
    # our own -T fields for the same columns: separates table bugs from dissector differences
    hdr0 = open(ftsv, encoding="utf-8", errors="replace").readline().rstrip("\n").split("\t")
    selfargs = []
    for h in hdr0:
        selfargs += ["-e", h]
    mine_tsv = subprocess.run([ws, "-r", cap, "-T", "fields", "-E", "header=y", "-E", "occurrence=f"] + selfargs,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL).stdout.decode("utf-8", "replace")
    self_want = collections.defaultdict(lambda: collections.Counter())
    for line in mine_tsv.split("\n")[1:]:
        c = line.split("\t")
        if len(c) < 20 or c[hdr0.index("tcp.stream")] == "":
            continue
        w = self_want[int(c[hdr0.index("tcp.stream")])]
        w["packets"] += 1
        for fl in FLAGS:
            if c[hdr0.index("tcp.analysis." + fl)] != "":
                w[fl] += 1
    with open(ftsv, encoding="utf-8", errors="replace") as f:
        hdr = f.readline().rstrip("\n").split("\t")
        ix = {h: i for i, h in enumerate(hdr)}
        want = collections.defaultdict(lambda: collections.Counter())
        syn = set(); lossy = set(); retr = set(); syn_t = {}; t0 = None
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < len(hdr):
                c += [""] * (len(hdr) - len(c))
            te = c[ix["frame.time_epoch"]]
            if te:
                a, _, b = te.partition(".")
                tns = int(a) * 1000000000 + int((b + "000000000")[:9])
            else:
                tns = 0
            if t0 is None:
                t0 = tns
            s = c[ix["tcp.stream"]]
            if s == "":
                continue
            w = want[int(s)]
            w["packets"] += 1
            for fl in FLAGS:
                if c[ix["tcp.analysis." + fl]] != "":
                    w[fl] += 1
            fl = c[ix["tcp.flags"]]
            if fl and (int(fl, 16) & 0x12) == 0x02:
                syn.add(int(s))
                syn_t.setdefault(int(s), tns - t0)
            if c[ix["tcp.analysis.lost_segment"]] or c[ix["tcp.analysis.ack_lost_segment"]]:
                lossy.add(int(s))
            if c[ix["tcp.analysis.retransmission"]]:
                retr.add(int(s))
    # --- streams
    got = {}
    for r in run("streams", cap):
        if r.get("proto") == "tcp":
            g = collections.Counter({fl: int(r[fl] or 0) for fl in FLAGS})
            g["packets"] = int(r["pkts_ab"]) + int(r["pkts_ba"])
            got[int(r["stream"])] = g
    for s in set(self_want) | set(got):
        for k in ["packets"] + FLAGS:
            self_tot[0] += 1
            self_tot[1] += self_want.get(s, {}).get(k, 0) == got.get(s, {}).get(k, 0)
    for s in set(want) | set(got):
        for k in ["packets"] + FLAGS:
            a, b = want.get(s, {}).get(k, 0), got.get(s, {}).get(k, 0)
            tot["streams." + k] += 1
            if a == b:
                agree["streams." + k] += 1
            elif len(bad["streams." + k]) < 5:
                bad["streams." + k].append("%s stream %d: tshark %d, wiresift %d" % (name, s, a, b))
    # --- sessions
    srow = run("sessions", cap)
    if srow:
        r = srow[0]
        exp = (len(syn), len(syn & lossy), len(syn & retr))
        gotv = (int(r["sessions"]), int(r["with_lost_segment"]), int(r["with_retransmission"]))
        sess_n += 1
        if exp == gotv:
            sess_ok += 1
        elif len(bad["sessions"]) < 10:
            bad["sessions"].append("%s: tshark-derived %s, wiresift %s" % (name, exp, gotv))
    # --- sessions per 10 s window of SYN time
    per = {}
    for st, rel in syn_t.items():
        k = rel // 10**10 if rel >= 0 else 0
        n, l, r = per.get(k, (0, 0, 0))
        per[k] = (n + 1, l + (st in lossy), r + (st in retr))
    gotper = {int(round(float(r["window_start"]) / 10)): (int(r["sessions"]), int(r["with_lost_segment"]),
              int(r["with_retransmission"])) for r in run_args("sessions", cap, ["--per", "--interval", "10"])}
    for k in set(per) | set(gotper):
        tot["sessions.per_10s"] += 1
        if per.get(k) == gotper.get(k):
            agree["sessions.per_10s"] += 1
        elif len(bad["sessions.per_10s"]) < 5:
            bad["sessions.per_10s"].append("%s window %d: tshark-derived %s, wiresift %s" % (name, k, per.get(k), gotper.get(k)))
    # --- esp: per SA packets, first and highest sequence number, against tshark run here (if installed)
    if have_tshark:
        mine = {(r["spi"], r["src"], r["dst"]): (int(r["packets"]), int(r["first_seq"]), int(r["last_seq"]))
                for r in run("esp", cap) if r.get("spi", "").startswith("0x")}
        if mine:
            o = subprocess.run(["tshark", "-r", cap, "-n", "-Y", "esp", "-T", "fields", "-E", "occurrence=f",
                                "-e", "ip.src", "-e", "ipv6.src", "-e", "ip.dst", "-e", "ipv6.dst", "-e", "esp.spi",
                                "-e", "esp.sequence"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env=dict(os.environ, WIRESHARK_CONFIG_DIR=tsconf)).stdout.decode()
            ref = {}
            for line in o.split("\n"):
                c = line.split("\t")
                if len(c) < 6 or not c[4]:
                    continue
                k = (c[4], c[0] or c[1], c[2] or c[3])
                n, f, m = ref.get(k, (0, None, 0))
                q = int(c[5])
                ref[k] = (n + 1, q if f is None else f, max(m, q))
            for k in set(ref) | set(mine):
                tot["esp.sa"] += 1
                if ref.get(k) == mine.get(k):
                    agree["esp.sa"] += 1
                elif len(bad["esp.sa"]) < 5:
                    bad["esp.sa"].append("%s %s: tshark %s, wiresift %s" % (name, k, ref.get(k), mine.get(k)))
    # --- facts: frames with a bad IPv4 or TCP checksum, against tshark with checksum checks on
    if have_tshark:
        mine = [r for r in run("facts", cap) if r.get("name") == "frames_with_bad_checksum"]
        o = subprocess.run(["tshark", "-r", cap, "-n", "-o", "ip.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                            "-o", "ip.defragment:FALSE", "-T", "fields", "-E", "occurrence=f",
                            "-e", "ip.checksum.status", "-e", "tcp.checksum.status"], stdout=subprocess.PIPE,
                           stderr=subprocess.DEVNULL, env=dict(os.environ, WIRESHARK_CONFIG_DIR=tsconf)).stdout.decode()
        ref = sum(1 for l in o.split("\n") if "0" in l.split("\t")[:2])
        tot["facts.bad_checksum_frames"] += 1
        if mine and int(mine[0]["value"]) == ref:
            agree["facts.bad_checksum_frames"] += 1
        elif len(bad["facts.bad_checksum_frames"]) < 5:
            bad["facts.bad_checksum_frames"].append("%s: tshark %d, wiresift %s" % (name, ref, mine[0]["value"] if mine else "-"))
    # --- intervals
    io = os.path.join(gdir, "io_1s.txt")
    if os.path.exists(io):
        txt = open(io).read()
        m = re.search(r"Interval:\s*([0-9.]+) secs", txt)
        rows = re.findall(r"^\|\s*([0-9.]+)\s*<>\s*(?:[0-9.]+|Dur)\s*\|\s*(\d+)\s*\|\s*(\d+)\s*\|", txt, re.M)
        iv = run("intervals", cap)
        if m and rows:
            if float(m.group(1)) < 1:  # tshark used the duration as the interval: one row
                pairs = [((int(rows[0][1]), int(rows[0][2])),
                          (sum(int(r["packets"]) for r in iv), sum(int(r["tcp_rst"]) for r in iv)))]
            else:
                mine = {int(float(r["interval_start"])): (int(r["packets"]), int(r["tcp_rst"])) for r in iv}
                pairs = [((int(p), int(q)), mine.get(int(float(k)), (0, 0))) for k, p, q in rows]
            for i, (a, b) in enumerate(pairs):
                for j, col in enumerate(("packets", "tcp_rst")):
                    tot["intervals." + col] += 1
                    if a[j] == b[j]:
                        agree["intervals." + col] += 1
                    elif len(bad["intervals." + col]) < 5:
                        bad["intervals." + col].append("%s row %d: tshark %d, wiresift %d" % (name, i, a[j], b[j]))

allt = sum(tot.values()); alla = sum(agree.values())
for k in sorted(tot):
    print("%-40s %8d / %8d  %.4f%%" % (k, agree[k], tot[k], 100.0 * agree[k] / tot[k]))
print("%-40s %8d / %8d" % ("sessions (captures agreeing)", sess_ok, sess_n))
for k, v in sorted(bad.items()):
    for line in v:
        print("  differs %s: %s" % (k, line))
print("streams vs wiresift's own -T fields: %d / %d cells agree" % (self_tot[1], self_tot[0]))
ppm = alla * 1000000 // allt if allt else 0
print("analyses corpus-check: %d / %d cells agree (%d per million)" % (alla, allt, ppm))
ratchet = int(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "ratchet.txt")).read().split()[0])
if ppm < ratchet or (sess_n and sess_ok < sess_n and ratchet >= 1000000):
    print("analyses corpus-check: FAILED: below the ratchet %d" % ratchet)
    sys.exit(1)
