/*
** capinfos_cmd.c -- `wiresift capinfos [-M] FILE...`: reads each file once
** through the capture layer and hands the records to stats/capinfos.c.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../capture/capture.h"
#include "../core/util.h"
#include "../stats/capinfos.h"
#include "../stats/hash.h"
#include "zopt.h"

/* Size and digests of the file as stored (compressed or not), as capinfos does. */
static int file_digests(const char *path, struct capinfo *ci)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct md_ctx m[3];
	md_init(&m[0], MD_SHA256);
	md_init(&m[1], MD_RIPEMD160);
	md_init(&m[2], MD_SHA1);
	static uint8_t buf[1 << 16];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		ci->file_size += n;
		for (int i = 0; i < 3; i++)
			md_update(&m[i], buf, n);
	}
	fclose(f);
	md_final_hex(&m[0], ci->sha256);
	md_final_hex(&m[1], ci->rmd160);
	md_final_hex(&m[2], ci->sha1);
	return 0;
}

/* The reader's interfaces (those described so far), copied into the report. */
static void sync_ifaces(const struct capture *cap, struct capinfo *ci)
{
	int ni = capture_iface_count(cap);
	if (ni > ci->nifaces) {
		ci->ifaces = xrealloc(ci->ifaces, (size_t)ni * sizeof *ci->ifaces);
		memset(ci->ifaces + ci->nifaces, 0,
		       (size_t)(ni - ci->nifaces) * sizeof *ci->ifaces);
		ci->nifaces = ni;
	}
	for (int i = 0; i < ni; i++) {
		const struct cap_iface *ifc = capture_iface(cap, i);
		ci->ifaces[i].linktype = ifc->linktype;
		ci->ifaces[i].snaplen = ifc->snaplen;
		ci->ifaces[i].tsresol = (int64_t)ifc->tsresol_num;
		ci->ifaces[i].tsoffset = ifc->tsoffset;
		ci->ifaces[i].name = ifc->name;
		ci->ifaces[i].description = ifc->description;
		ci->ifaces[i].os = ifc->os;
		ci->ifaces[i].filter = ifc->filter;
		ci->ifaces[i].has_tsresol = ifc->has_tsresol;
		ci->ifaces[i].nstats = ifc->nstats;
	}
}

static int one_file(const char *path, int machine, int first)
{
	char err[1024];
	struct capture *cap = capture_open(path, err, sizeof err);
	if (!cap) {
		fprintf(stderr, "capinfos: %s\n", err);
		return 2;
	}
	struct capinfo ci;
	capinfo_init(&ci);
	ci.name = path;
	switch (capture_filetype(cap)) {
	case CAP_FT_PCAP_NSEC:
		ci.filetype = CI_FT_NSECPCAP;
		break;
	case CAP_FT_PCAPNG:
		ci.filetype = CI_FT_PCAPNG;
		break;
	default:
		ci.filetype = CI_FT_PCAP;
		break;
	}
	enum cap_compress cc = capture_compression(cap);
	ci.compression = cc == CAP_COMP_GZIP   ? CI_COMP_GZIP
			 : cc == CAP_COMP_ZSTD ? CI_COMP_ZSTD
					       : CI_COMP_NONE;
	struct cap_frame f;
	int r;
	while ((r = capture_next(cap, &f)) == 1) {
		/* pcapng may describe interfaces between packets: take them as they come */
		if (capture_iface_count(cap) > ci.nifaces)
			sync_ifaces(cap, &ci);
		if (f.rectype != CAP_REC_PACKET)
			continue; /* custom blocks are not packets to capinfos */
		capinfo_frame(&ci, f.has_ts, f.sec, f.nsec, f.caplen, f.len, f.linktype, f.ifid,
			      f.has_ifid ? f.if_local : f.ifid);
	}
	sync_ifaces(cap, &ci);
	int nsec = capture_shb_count(cap);
	struct capinfo_section *secs = xcalloc(nsec ? (size_t)nsec : 1, sizeof *secs);
	for (int i = 0; i < nsec; i++) {
		const struct cap_shb *s = capture_shb(cap, i);
		secs[i].hardware = s->hardware;
		secs[i].os = s->os;
		secs[i].appl = s->userappl;
		secs[i].comments = (const char *const *)s->comments;
		secs[i].ncomments = s->ncomments;
	}
	if (!nsec) { /* pcap: no section header */
		secs[0].hardware = capture_shb_hardware(cap);
		secs[0].os = capture_shb_os(cap);
		secs[0].appl = capture_shb_userappl(cap);
		nsec = 1;
	}
	ci.sections = secs;
	ci.nsections = nsec;
	ci.nrb_v4 = capture_nrb_count(cap, 0);
	ci.nrb_v6 = capture_nrb_count(cap, 1);
	ci.ndsb = capture_dsb_count(cap);
	int rc = 0;
	if (r < 0) {
		fprintf(stderr,
			"capinfos: An error occurred after reading %llu packets from \"%s\".\n",
			(unsigned long long)ci.npackets, path);
		fprintf(stderr, "capinfos: %s\n", capture_error(cap));
		/* a file cut short still gets its report; a damaged one does not */
		if (!strstr(capture_error(cap), "cut short")) {
			capture_close(cap);
			free(ci.ifaces);
			free(secs);
			return 2;
		}
		fputs("  (will continue anyway, checksums might be incorrect)\n", stderr);
		rc = 1;
	}
	if (file_digests(path, &ci) < 0) {
		fprintf(stderr, "capinfos: can't read \"%s\"\n", path);
		rc = 2;
	} else {
		if (!first)
			fputc('\n', stdout);
		capinfo_print(&ci, stdout, machine);
	}
	capture_close(cap);
	free(ci.ifaces);
	free(secs);
	return rc;
}

int capinfos_main(int argc, char **argv)
{
	int machine = 0, rc = 0, nfiles = 0;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-M")) {
			machine = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "capinfos: option \"%s\" is not supported\n", argv[i]);
			return 1;
		}
	}
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-M"))
			continue;
		int r = one_file(argv[i], machine, nfiles == 0);
		nfiles++;
		if (r)
			rc = r;
	}
	if (!nfiles) {
		fprintf(stderr,
			"capinfos: no capture file given\nUsage: wiresift capinfos [-M] FILE...\n");
		return 1;
	}
	fflush(stdout);
	return rc;
}
