/*
** capture_int.h -- what the format readers (pcap.c, pcapng.c) share with
** the glue in capture.c.  Not for use outside src/capture.
*/
#ifndef WS_CAPTURE_INT_H
#define WS_CAPTURE_INT_H

#include <stdint.h>
#include <string.h>

#include "capture.h"
#include "source.h"

/* The largest packet tshark accepts for ordinary link types. */
#define CAP_MAX_SNAPLEN 262144u

struct capture;

/* One file format: a probe on the first bytes, and an opener. */
struct cap_format {
	const char *name;
	enum cap_filetype ft;
	/* 1 when head (n bytes, at most CAP_PROBE_LEN) looks like this format */
	int (*probe)(const uint8_t *head, size_t n);
	/* read the file header; 0 on success, -1 with capture error set */
	int (*open)(struct capture *c);
};
#define CAP_PROBE_LEN 16

const struct cap_format *cap_probe(const uint8_t *head, size_t n);

struct capture {
	char *path;
	struct source *src;
	enum cap_filetype ft;
	int (*next)(struct capture *c, struct cap_frame *f);
	void (*free_priv)(struct capture *c);
	/* next sets every field of a frame below comments: capture_next need not clear it */
	int fills_frame;
	/* next gives every record the same fields but for the record's own (capture_frames_uniform)
	 */
	int uniform;
	/* uniform: the reader for a frame it filled last, writing only the record's own fields */
	int (*next_own)(struct capture *c, struct cap_frame *f);
	void *priv;

	struct cap_iface *ifaces;
	int32_t nifaces, ifcap;
	char *shb_hardware, *shb_os, *shb_userappl;
	struct cap_shb *shbs; /* pcapng section headers, in order */
	int32_t nshbs, shbcap;
	uint64_t nrb_v4, nrb_v6;
	struct cap_dsb *dsbs; /* pcapng Decryption Secrets Blocks, in file order */
	int32_t ndsbs, dsbcap;

	enum cap_compress comp; /* a multi capture's (it has no source of its own) */
	char *errs;             /* a multi capture's messages, longer than err */
	int failed;
	int opening; /* inside the format's open: reading the file header */
	int err_rc;
	char err[1024];
};

/* Error reporters: each formats tshark's message and the offset line, returns -1. */
int cap_fail_cut_short(struct capture *c, uint64_t off);
int cap_fail_bad(struct capture *c, uint64_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
int cap_fail_unsupported(struct capture *c, uint64_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Add an interface; returns its global index. */
uint32_t cap_add_iface(struct capture *c, const struct cap_iface *ifc);
/* Copy n bytes to a NUL-terminated heap string (for names, SHB strings). */
char *cap_strndup(const uint8_t *p, size_t n);

int cap_linktype_to_encap(int linktype);

/* External readers (ext.c): 1 when one of the magic (or the other) kind took the file. */
int cap_ext_open(struct capture *c, int magic);
/* A reader was forced by name: the built-in ones are not tried. */
int cap_ext_forced(void);

int cap_pcap_probe(const uint8_t *head, size_t n);
int cap_pcap_open(struct capture *c);
int cap_pcapng_probe(const uint8_t *head, size_t n);
int cap_pcapng_open(struct capture *c);

/*
** Endian helpers over raw bytes.  swap: the file's byte order is big-endian.
** One load, swapped when needed: a walk reads four of these per record.
*/
static inline uint32_t cap_rd32(const uint8_t *p, int swap)
{
	uint32_t v;
	memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return swap ? v : __builtin_bswap32(v);
#else
	return swap ? __builtin_bswap32(v) : v;
#endif
}
static inline uint16_t cap_rd16(const uint8_t *p, int swap)
{
	return (uint16_t)(swap ? (p[0] << 8 | p[1]) : (p[1] << 8 | p[0]));
}
static inline uint64_t cap_rd64(const uint8_t *p, int swap)
{
	uint64_t a = cap_rd32(p, swap), b = cap_rd32(p + 4, swap);
	return swap ? a << 32 | b : b << 32 | a;
}

#endif
