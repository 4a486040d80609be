/*
** capinfos.h -- what `capinfos` prints about a capture file.
**
** The caller (cli/capinfos_cmd.c, which may read captures) describes the file
** and feeds every record; this side keeps the totals and prints them in
** capinfos 4.0's layout.
*/
#ifndef WS_CAPINFOS_H
#define WS_CAPINFOS_H

#include <stdint.h>
#include <stdio.h>

enum { CI_FT_PCAP, CI_FT_NSECPCAP, CI_FT_PCAPNG };
enum { CI_COMP_NONE, CI_COMP_GZIP, CI_COMP_ZSTD };

struct capinfo_iface {
	int linktype;
	uint32_t snaplen;
	int64_t tsresol; /* ticks per second */
	int64_t tsoffset;
	const char *name, *description;
	const char *os, *filter; /* if_os, if_filter; NULL when absent */
	int has_tsresol;         /* the IDB carries if_tsresol */
	uint32_t nstats;         /* Interface Statistics Blocks for it */
	uint64_t npackets;
};

/* One pcapng section header's strings (NULL when absent). */
struct capinfo_section {
	const char *hardware, *os, *appl;
	const char *const *comments;
	int ncomments;
};

struct capinfo {
	/* described by the caller */
	const char *name;
	int filetype, compression;
	uint64_t file_size;
	char sha256[65], rmd160[65], sha1[65];
	const struct capinfo_section *sections; /* pcapng section headers */
	int nsections;
	uint64_t nrb_v4, nrb_v6; /* name resolution records */
	int ndsb;                /* decryption secrets blocks */
	struct capinfo_iface *ifaces;
	int nifaces;
	/* accumulated by capinfo_frame() */
	uint64_t npackets, data_size;
	int have_ts, strict;
	int ts_missing;    /* a packet without a timestamp: times unknown */
	int order_unknown; /* one came while the order was still strict */
	int64_t first_sec, last_sec, prev_sec;
	int32_t first_nsec, last_nsec, prev_nsec;
	int first_prec, last_prec;
	uint32_t snap_min, snap_max; /* caplens of cut packets */
	int cut;
	uint64_t encap_count[256]; /* by wtap encapsulation id */
};

void capinfo_init(struct capinfo *ci);
void capinfo_frame(struct capinfo *ci, int has_ts, int64_t sec, int32_t nsec, uint32_t caplen,
		   uint32_t len, int linktype, uint32_t ifid, uint32_t count_ifid);
/* machine: capinfos -M (raw numbers, short names) */
void capinfo_print(const struct capinfo *ci, FILE *out, int machine);

#endif
