/*
** capinfos.c -- capinfos 4.0's report (all infos, the default).
*/
#include "capinfos.h"

#include <string.h>
#include <time.h>

#include "stats.h"

/* LINKTYPE_* to Wireshark's encapsulation: id, description, short name. */
static const struct {
	int linktype, wtap;
	const char *desc, *name;
} encaps[] = {
    {0, 15, "NULL/Loopback", "null"},
    {1, 1, "Ethernet", "ether"},
    {9, 4, "PPP", "ppp"},
    {12, 7, "Raw IP", "rawip"},
    {14, 7, "Raw IP", "rawip"},
    {101, 7, "Raw IP", "rawip"},
    {105, 20, "IEEE 802.11 Wireless LAN", "ieee-802-11"},
    {108, 27, "OpenBSD loopback", "loop"},
    {113, 25, "Linux cooked-mode capture v1", "linux-sll"},
    {127, 23, "IEEE 802.11 plus radiotap radio header", "ieee-802-11-radiotap"},
    {226, 124, "Solaris IPNET", "ipnet"},
    {228, 129, "Raw IPv4", "rawip4"},
    {229, 130, "Raw IPv6", "rawip6"},
    {239, 141, "NFLOG", "nflog"},
    {274, 198, "IEEE 802.3br mPackets", "ether-mpacket"},
    {276, 210, "Linux cooked-mode capture v2", "linux-sll2"},
};

static int encap_index(int linktype)
{
	for (size_t i = 0; i < sizeof encaps / sizeof encaps[0]; i++)
		if (encaps[i].linktype == linktype)
			return (int)i;
	return -1;
}

static int encap_index_wtap(int wtap)
{
	for (size_t i = 0; i < sizeof encaps / sizeof encaps[0]; i++)
		if (encaps[i].wtap == wtap)
			return (int)i;
	return -1;
}

/* Decimal digits of a tick rate, as Wireshark's precisions: 0,1,2,3,6,9. */
static int prec_of(int64_t ticks)
{
	int d = 0;
	for (int64_t t = ticks; t >= 10; t /= 10)
		d++;
	if (d <= 3)
		return d;
	return d <= 6 ? 6 : 9;
}

static const char *prec_name(int p)
{
	switch (p) {
	case 0:
		return "seconds";
	case 1:
		return "deciseconds";
	case 2:
		return "centiseconds";
	case 3:
		return "milliseconds";
	case 6:
		return "microseconds";
	case 9:
		return "nanoseconds";
	}
	return "unknown";
}

void capinfo_init(struct capinfo *ci)
{
	memset(ci, 0, sizeof *ci);
	ci->strict = 1;
}

static int ts_less(int64_t s1, int32_t n1, int64_t s2, int32_t n2)
{
	return s1 < s2 || (s1 == s2 && n1 < n2);
}

void capinfo_frame(struct capinfo *ci, int has_ts, int64_t sec, int32_t nsec, uint32_t caplen,
		   uint32_t len, int linktype, uint32_t ifid, uint32_t count_ifid)
{
	ci->npackets++;
	ci->data_size += len;
	int prec = 6;
	/* counted under count_ifid: capinfos 4.0 uses the section-local id there */
	if ((int)count_ifid < ci->nifaces)
		ci->ifaces[count_ifid].npackets++;
	if ((int)ifid < ci->nifaces) {
		prec = ci->filetype == CI_FT_PCAPNG ? prec_of(ci->ifaces[ifid].tsresol) : prec;
	}
	if (ci->filetype == CI_FT_NSECPCAP)
		prec = 9;
	int e = encap_index(linktype);
	if (e >= 0 && encaps[e].wtap < 256)
		ci->encap_count[encaps[e].wtap]++;
	if (caplen < len) {
		if (!ci->cut || caplen < ci->snap_min)
			ci->snap_min = caplen;
		if (!ci->cut || caplen > ci->snap_max)
			ci->snap_max = caplen;
		ci->cut = 1;
	}
	if (!has_ts) {
		ci->ts_missing = 1;
		if (ci->strict)
			ci->order_unknown = 1;
		return;
	}
	if (!ci->have_ts) {
		ci->first_sec = ci->last_sec = sec;
		ci->first_nsec = ci->last_nsec = nsec;
		ci->first_prec = ci->last_prec = prec;
		ci->have_ts = 1;
	} else {
		if (ts_less(sec, nsec, ci->prev_sec, ci->prev_nsec)) {
			ci->strict = 0;
			ci->order_unknown = 0;
		}
		if (ts_less(sec, nsec, ci->first_sec, ci->first_nsec)) {
			ci->first_sec = sec, ci->first_nsec = nsec, ci->first_prec = prec;
		}
		if (ts_less(ci->last_sec, ci->last_nsec, sec, nsec)) {
			ci->last_sec = sec, ci->last_nsec = nsec, ci->last_prec = prec;
		}
	}
	ci->prev_sec = sec;
	ci->prev_nsec = nsec;
}

static void frac(char *buf, size_t n, int32_t nsec, int prec)
{
	if (!prec) {
		buf[0] = 0;
		return;
	}
	int32_t div = 1;
	for (int i = prec; i < 9; i++)
		div *= 10;
	snprintf(buf, n, ".%0*d", prec, nsec / div);
}

static void put_time(FILE *out, const char *label, int64_t sec, int32_t nsec, int prec)
{
	time_t t = (time_t)sec;
	struct tm tm;
	char b[64], f[16];
	if (!localtime_r(&t, &tm)) {
		fprintf(out, "%sn/a\n", label);
		return;
	}
	strftime(b, sizeof b, "%Y-%m-%d %H:%M:%S", &tm);
	frac(f, sizeof f, nsec, prec);
	fprintf(out, "%s%s%s\n", label, b, f);
}

static void put_rate(FILE *out, const char *label, double v, int machine, const char *munit,
		     int fsunit)
{
	if (machine) {
		fprintf(out, "%s%.2f %s\n", label, v, munit);
	} else {
		char b[64];
		format_size((uint64_t)v, fsunit, b, sizeof b);
		fprintf(out, "%s%s\n", label, b);
	}
}

/*
** A section's header strings, then the interfaces and name resolution counts:
** capinfos 4.0 lists the whole file's interfaces under every section.
*/
static void print_section(const struct capinfo *ci, const struct capinfo_section *sec, FILE *out)
{
	if (sec && sec->hardware)
		fprintf(out, "Capture hardware:    %s\n", sec->hardware);
	if (sec && sec->os)
		fprintf(out, "Capture oper-sys:    %s\n", sec->os);
	if (sec && sec->appl)
		fprintf(out, "Capture application: %s\n", sec->appl);
	for (int i = 0; sec && i < sec->ncomments; i++) {
		fputs("Capture comment:     ", out);
		/* line breaks become spaces */
		for (const char *c = sec->comments[i]; *c; c++)
			fputc(*c == '\n' || *c == '\r' ? ' ' : *c, out);
		fputc('\n', out);
	}

	fprintf(out, "Number of interfaces in file: %d\n", ci->nifaces);
	for (int i = 0; i < ci->nifaces; i++) {
		const struct capinfo_iface *f = &ci->ifaces[i];
		const char *ind = "                     ";
		fprintf(out, "Interface #%d info:\n", i);
		if (f->name)
			fprintf(out, "%sName = %s\n", ind, f->name);
		if (f->description)
			fprintf(out, "%sDescription = %s\n", ind, f->description);
		int e = encap_index(f->linktype);
		if (e >= 0)
			fprintf(out, "%sEncapsulation = %s (%d - %s)\n", ind, encaps[e].desc,
				encaps[e].wtap, encaps[e].name);
		else
			fprintf(out, "%sEncapsulation = Unknown (-1 - unknown)\n", ind);
		/* a pcap header's snaplen 0 ("not set") gives its interface 262144 */
		fprintf(out, "%sCapture length = %u\n", ind,
			ci->filetype != CI_FT_PCAPNG && !f->snaplen ? 262144u : f->snaplen);
		int p = ci->filetype == CI_FT_PCAPNG     ? prec_of(f->tsresol)
			: ci->filetype == CI_FT_NSECPCAP ? 9
							 : 6;
		fprintf(out, "%sTime precision = %s (%d)\n", ind, prec_name(p), p);
		fprintf(out, "%sTime ticks per second = %lld\n", ind, (long long)f->tsresol);
		if (f->has_tsresol || f->tsresol != 1000000) {
			/* the if_tsresol option: 2^n has the top bit set, 10^n does not */
			int code = 0;
			int64_t t = f->tsresol;
			if (t > 0 && (t & (t - 1)) == 0 && t % 10) {
				while (t > 1) {
					t >>= 1;
					code++;
				}
				code |= 0x80;
			} else {
				while (t >= 10) {
					t /= 10;
					code++;
				}
			}
			fprintf(out, "%sTime resolution = 0x%.2x\n", ind, code);
		}
		if (f->tsoffset)
			fprintf(out, "%sTimestamp offset = %lld\n", ind, (long long)f->tsoffset);
		if (f->filter)
			fprintf(out, "%sFilter string = %s\n", ind, f->filter);
		if (f->os)
			fprintf(out, "%sOperating system = %s\n", ind, f->os);
		fprintf(out, "%sNumber of stat entries = %u\n", ind, f->nstats);
		fprintf(out, "%sNumber of packets = %llu\n", ind, (unsigned long long)f->npackets);
	}
	if (ci->nrb_v4)
		fprintf(out, "Number of resolved IPv4 addresses in file: %llu\n",
			(unsigned long long)ci->nrb_v4);
	if (ci->nrb_v6)
		fprintf(out, "Number of resolved IPv6 addresses in file: %llu\n",
			(unsigned long long)ci->nrb_v6);
	if (ci->ndsb)
		fprintf(out, "Number of decryption secrets in file: %d\n", ci->ndsb);
}

void capinfo_print(const struct capinfo *ci, FILE *out, int machine)
{
	static const char *const ft_desc[] = {"Wireshark/tcpdump/... - pcap",
					      "Wireshark/tcpdump/... - nanosecond pcap",
					      "Wireshark/... - pcapng"};
	static const char *const ft_name[] = {"pcap", "nsecpcap", "pcapng"};
	static const char *const comp[] = {"", " (gzip compressed)", " (zstd compressed)"};
	char b[128];
	fprintf(out, "File name:           %s\n", ci->name);
	fprintf(out, "File type:           %s%s\n",
		machine ? ft_name[ci->filetype] : ft_desc[ci->filetype], comp[ci->compression]);

	int per_packet = 0;
	for (int i = 1; i < ci->nifaces; i++)
		if (ci->ifaces[i].linktype != ci->ifaces[0].linktype)
			per_packet = 1;
	if (per_packet || !ci->nifaces) {
		fprintf(out, "File encapsulation:  %s\n",
			per_packet ? (machine ? "per-packet" : "Per packet") : "unknown");
		fputs("Encapsulation in use by packets (# of pkts):\n", out);
		for (int w = 0; w < 256; w++) {
			if (!ci->encap_count[w])
				continue;
			int e = encap_index_wtap(w);
			fprintf(out, "                     %s (%llu)\n",
				e >= 0 ? encaps[e].desc : "Unknown",
				(unsigned long long)ci->encap_count[w]);
		}
	} else {
		int e = encap_index(ci->ifaces[0].linktype);
		fprintf(out, "File encapsulation:  %s\n",
			e < 0     ? "unknown"
			: machine ? encaps[e].name
				  : encaps[e].desc);
	}

	int fprec = 6;
	if (ci->filetype == CI_FT_NSECPCAP)
		fprec = 9;
	else if (ci->filetype == CI_FT_PCAPNG && ci->nifaces) {
		fprec = prec_of(ci->ifaces[0].tsresol);
		for (int i = 1; i < ci->nifaces; i++)
			if (prec_of(ci->ifaces[i].tsresol) != fprec)
				fprec = -1;
	}
	if (fprec < 0)
		fputs("File timestamp precision:  per-packet (-1)\n", out);
	else
		fprintf(out, "File timestamp precision:  %s (%d)\n", prec_name(fprec), fprec);

	if (ci->filetype == CI_FT_PCAPNG || !ci->nifaces || !ci->ifaces[0].snaplen)
		fputs("Packet size limit:   file hdr: (not set)\n", out);
	else
		fprintf(out, "Packet size limit:   file hdr: %u bytes\n", ci->ifaces[0].snaplen);
	if (ci->cut) {
		if (ci->snap_min == ci->snap_max)
			fprintf(out, "Packet size limit:   inferred: %u bytes\n", ci->snap_min);
		else
			fprintf(out, "Packet size limit:   inferred: %u bytes - %u bytes (range)\n",
				ci->snap_min, ci->snap_max);
	}

	if (machine) {
		fprintf(out, "Number of packets:   %llu\n", (unsigned long long)ci->npackets);
		fprintf(out, "File size:           %llu bytes\n",
			(unsigned long long)ci->file_size);
		fprintf(out, "Data size:           %llu bytes\n",
			(unsigned long long)ci->data_size);
	} else {
		format_size(ci->npackets, FS_NONE, b, sizeof b);
		fprintf(out, "Number of packets:   %s\n", b);
		format_size(ci->file_size, FS_BYTES, b, sizeof b);
		fprintf(out, "File size:           %s\n", b);
		format_size(ci->data_size, FS_BYTES, b, sizeof b);
		fprintf(out, "Data size:           %s\n", b);
	}

	double dur = 0;
	/* one packet without a timestamp (an SPB) makes capinfos leave out all times */
	int times = !ci->ts_missing;
	if (!times) {
	} else if (ci->have_ts) {
		int64_t ds = ci->last_sec - ci->first_sec;
		int32_t dn = ci->last_nsec - ci->first_nsec;
		if (dn < 0) {
			dn += 1000000000;
			ds--;
		}
		int dprec = ci->first_prec > ci->last_prec ? ci->first_prec : ci->last_prec;
		char f[16];
		frac(f, sizeof f, dn, dprec);
		fprintf(out, "Capture duration:    %lld%s second%s\n", (long long)ds, f,
			ds == 1 && dn == 0 ? "" : "s");
		put_time(out, "First packet time:   ", ci->first_sec, ci->first_nsec,
			 ci->first_prec);
		put_time(out, "Last packet time:    ", ci->last_sec, ci->last_nsec, ci->last_prec);
		/* capinfos subtracts absolute times as doubles: keep its rounding */
		dur = ((double)ci->last_sec + (double)ci->last_nsec / 1e9) -
		      ((double)ci->first_sec + (double)ci->first_nsec / 1e9);
	} else {
		fputs("Capture duration:    n/a\nFirst packet time:   n/a\nLast packet time:    "
		      "n/a\n",
		      out);
	}
	/* without a duration -M says n/a, the default layout prints zeros */
	if (!times) {
	} else if (dur > 0 || !machine) {
		put_rate(out, "Data byte rate:      ", dur > 0 ? (double)ci->data_size / dur : 0,
			 machine, "bytes/sec", FS_BYTES_S);
		put_rate(out,
			 "Data bit rate:       ", dur > 0 ? (double)ci->data_size * 8 / dur : 0,
			 machine, "bits/sec", FS_BITS_S);
	} else {
		fputs("Data byte rate:      n/a\nData bit rate:       n/a\n", out);
	}
	fprintf(out, "Average packet size: %.2f bytes\n",
		ci->npackets ? (double)ci->data_size / (double)ci->npackets : 0.0);
	if (!times)
		;
	else if (dur > 0 || !machine)
		put_rate(out, "Average packet rate: ", dur > 0 ? (double)ci->npackets / dur : 0,
			 machine, "packets/sec", FS_PACKETS_S);
	else
		fputs("Average packet rate: n/a\n", out);
	fprintf(out, "SHA256:              %s\n", ci->sha256);
	fprintf(out, "RIPEMD160:           %s\n", ci->rmd160);
	fprintf(out, "SHA1:                %s\n", ci->sha1);
	fprintf(out, "Strict time order:   %s\n",
		ci->order_unknown ? "Unknown"
		: ci->strict      ? "True"
				  : "False");
	if (ci->nsections > 1) {
		for (int i = 0; i < ci->nsections; i++) {
			fprintf(out, "Section %d:\n\n", i);
			print_section(ci, &ci->sections[i], out);
		}
	} else {
		print_section(ci, ci->nsections ? &ci->sections[0] : NULL, out);
	}
}
