/*
** capture.h -- reading capture files, one frame at a time.
**
** A reader hands out frames whose bytes point into the reader's own memory
** (the mapped file or a decompression buffer): they stay valid until the next
** capture_next() call.  Nothing is kept per packet, so memory does not grow
** with the size of the file.
**
** Formats are recognised by content (a table of probes), never by name;
** gzip and zstd compression are undone transparently, and "-" is stdin.
*/
#ifndef WS_CAPTURE_H
#define WS_CAPTURE_H

#include <stdint.h>
#include <stdio.h>

/* Link-layer types (LINKTYPE_* values as stored in files). */
enum {
	LINKTYPE_NULL = 0,
	LINKTYPE_ETHERNET = 1,
	LINKTYPE_RAW_12 = 12, /* DLT_RAW on some BSDs (12) */
	LINKTYPE_RAW_14 = 14, /* DLT_RAW on OpenBSD (14) */
	LINKTYPE_RAW = 101,
	LINKTYPE_LOOP = 108,
	LINKTYPE_LINUX_SLL = 113,
	LINKTYPE_IPV4 = 228,
	LINKTYPE_IPV6 = 229,
	LINKTYPE_LINUX_SLL2 = 276,
};

/* File types, for capinfos and -w. */
/* CAP_FT_EXT: read by an external reader (a Lua FileHandler, see cap_ext_reader). */
enum cap_filetype { CAP_FT_UNKNOWN, CAP_FT_PCAP, CAP_FT_PCAP_NSEC, CAP_FT_PCAPNG, CAP_FT_EXT };
enum cap_compress { CAP_COMP_NONE, CAP_COMP_GZIP, CAP_COMP_ZSTD };

#define CAP_MAX_COMMENTS 8

/* What a record is: a packet, or a pcapng block tshark shows as a frame. */
enum cap_rectype { CAP_REC_PACKET, CAP_REC_CUSTOM };

/* Wireshark's WTAP_ENCAP_UNKNOWN: a link type tshark has no number for. */
#define CAP_ENCAP_UNKNOWN 0

struct cap_frame {
	const uint8_t *data; /* captured bytes, valid until the next read */
	uint32_t caplen;     /* bytes captured */
	uint32_t len;        /* bytes on the wire */
	int64_t sec;         /* timestamp, when has_ts */
	int32_t nsec;
	uint8_t has_ts;       /* 0 for pcapng Simple Packet Blocks */
	int linktype;         /* LINKTYPE_* of the interface */
	int encap;            /* the same as Wireshark's WTAP_ENCAP_* (frame.encap_type) */
	uint32_t ifid;        /* global interface index across sections (capture_iface) */
	uint32_t if_local;    /* interface id within its section (frame.interface_id) */
	uint8_t has_ifid;     /* pcapng only: pcap records have no interface */
	const char *if_name;  /* IDB if_name / if_description, NULL when absent; */
	const char *if_descr; /* valid until capture_close */
	uint8_t rectype;      /* enum cap_rectype */
	uint8_t custom_copy;  /* custom block: may be copied (type 0x00000BAD) */
	uint32_t custom_pen;  /* custom block: Private Enterprise Number */
	uint64_t offset;      /* byte offset of the record in the (decompressed) file */
	int ncomments;
	struct {
		const char *p; /* not NUL-terminated */
		uint32_t n;
	} comments[CAP_MAX_COMMENTS];
};

/* One interface description (pcapng IDB, or the pcap header). */
struct cap_iface {
	int linktype;
	uint32_t snaplen;
	int encap;            /* WTAP_ENCAP_* number */
	uint64_t tsresol_num; /* units per second (e.g. 1000000) */
	int64_t tsoffset;     /* seconds */
	uint32_t section;     /* pcapng section it belongs to (0 for pcap) */
	char *name, *description;
	/* for capinfos: read once per IDB/ISB, never per packet */
	char *os, *filter;   /* if_os, if_filter (libpcap string form) */
	uint8_t has_tsresol; /* the IDB carries if_tsresol */
	uint32_t nstats;     /* Interface Statistics Blocks seen for it */
};

/* A pcapng Decryption Secrets Block (TLS key log, WireGuard keys...), kept for writers. */
struct cap_dsb {
	uint32_t type;
	uint32_t len;
	uint8_t *data;
};

struct capture;

/*
** Open a file (or "-" for stdin).  Returns NULL and writes a message of
** tshark's shape into err when the file cannot be read or is not a capture
** (tshark exits with 2 for all of these).
*/
struct capture *capture_open(const char *path, char *err, size_t errlen);

/*
** Several captures read as one, in time order: a k-way merge of the members
** (mergecap's, but the earlier file first on equal times), frame numbers
** running on, interfaces renumbered into one table as mergecap writes its
** IDBs (shared when every member describes the same ones, else appended in
** member order).  A member that cannot be opened or turns out damaged is
** left out from there on and the others are read to their end; then
** capture_next returns -1 and capture_error() holds every member's message,
** the second and later ones on a new line after prefix ("tshark: "), so the
** caller prints them as it prints one.  NULL only when no member opens.
** One path is exactly capture_open().
*/
struct capture *capture_open_multi(const char *const *paths, int n, const char *prefix, char *err,
				   size_t errlen);
/*
** The -r arguments: each a file, "-", a directory (its capture files,
** recognised by content, in name order) or a glob(3) pattern (when no file
** has that name): their member files, NULL-terminated (NULL on error, err
** says why; freed with capture_free_inputs), or all of them opened as one
** capture with capture_open_multi (capture_open_inputs).
*/
char **capture_expand_inputs(const char *const *args, int n, int *count, char *err, size_t errlen);
void capture_free_inputs(char **paths, int n);
struct capture *capture_open_inputs(const char *const *args, int n, const char *prefix, char *err,
				    size_t errlen);

/*
** Next frame: 1 when f is filled, 0 at the clean end of the file, -1 when the
** file is damaged or cut short: then capture_error() says what and where,
** and frames read so far were good.
*/
int capture_next(struct capture *cap, struct cap_frame *f);
/*
** capture_next() without clearing f first, for a loop that reads millions of
** records and looks at most only long enough to skip them: only for a
** capture whose frames are stable (capture_frames_stable), whose reader sets
** the same fields on every record; the caller clears f once before the first.
*/
int capture_next_reuse(struct capture *cap, struct cap_frame *f);

/*
** The message for the last failure, of tshark's shape: its first line (and
** the "(pcap: ...)" / "(pcapng: ...)" detail line when tshark prints one)
** are tshark's words, without the "tshark: " prefix.  wiresift adds one last
** line "(at byte offset N)" naming where in the (decompressed) data the bad
** record starts, so the lines tshark prints stay identical.
*/
const char *capture_error(const struct capture *cap);
/* tshark's exit code for the last failure (2 for damaged, cut short, unknown format). */
int capture_error_rc(const struct capture *cap);
void capture_close(struct capture *cap);

enum cap_filetype capture_filetype(const struct capture *cap);
enum cap_compress capture_compression(const struct capture *cap);
/*
** Do a frame's bytes stay valid until the capture is closed (a plain pcap
** file read through its mapping)?  The threaded loop then hands frames to
** its workers without copying them.
*/
int capture_frames_stable(const struct capture *cap);
/*
** Do all records of cap differ only in their own fields (data, lengths,
** time, offset)?  A plain pcap: one link type, no interface, no comments.
** A loop then copies the rest into its packet once (fill_packet_meta).
*/
int capture_frames_uniform(const struct capture *cap);
/*
** A uniform capture's reader (NULL for any other capture), for a loop that
** calls it itself until it returns other than 1, on a frame that
** capture_next() filled from cap before and nobody changed since: it writes
** only the record's own fields, the rest being the same for every record.
*/
typedef int (*cap_reader_fn)(struct capture *cap, struct cap_frame *f);
cap_reader_fn capture_reader(const struct capture *cap);
int capture_iface_count(const struct capture *cap);
const struct cap_iface *capture_iface(const struct capture *cap, int i);
const char *capture_path(const struct capture *cap);
/* pcapng SHB information (NULL when absent). */
const char *capture_shb_hardware(const struct capture *cap);
const char *capture_shb_os(const struct capture *cap);
const char *capture_shb_userappl(const struct capture *cap);
/* Section headers read so far, in file order (capinfos prints each one). */
struct cap_shb {
	char *hardware, *os, *userappl; /* first of each, NULL when absent */
	char **comments;
	int32_t ncomments, comcap;
};
int capture_shb_count(const struct capture *cap);
const struct cap_shb *capture_shb(const struct capture *cap, int i);
/* Name Resolution Block records read so far: IPv4 and IPv6 entries. */
uint64_t capture_nrb_count(const struct capture *cap, int ipv6);

/*
** Live capture on an interface through libpcap, with an optional BPF
** capture filter; snaplen <= 0 means the default (262144); duration > 0
** ends the capture (capture_next returns 0) after that many seconds.
** NULL with tshark's message in err when the capture cannot start.
*/
struct capture *capture_open_live(const char *iface, const char *bpf, int snaplen, double duration,
				  char *err, size_t errlen);
/* Async-signal-safe: the live capture ends at its next timeout (100 ms). */
void capture_live_stop(void);
/* The first interface libpcap lists (tshark's default without -i); -1 when none. */
int capture_default_iface(char *name, size_t n);
/* How tshark names an interface in "Capturing on '...'" ("Loopback: lo"). */
void capture_iface_label(const char *iface, char *buf, size_t n);
/* tshark -D: "1. eth0" ...; -1 with err filled when nothing can be listed. */
int capture_list_ifaces(FILE *out, char *err, size_t errlen);

/*
** Decryption Secrets Blocks read so far (they may come between packets);
** valid until capture_close.
*/
int capture_dsb_count(const struct capture *cap);
const struct cap_dsb *capture_dsb(const struct capture *cap, int i);

/*
** External formats: readers and writers defined outside src/capture (a Lua
** script's FileHandler), through callbacks, so this layer knows nothing of
** Lua.  As in Wireshark, "magic" readers are tried before the built-in ones
** and the others after them, the latest registered first; a reader forced
** by name (-X read_format:NAME) is the only one tried.  Only files with a
** path are offered to them (a reader may need to seek).
*/
struct cap_ext_info {
	int encap;        /* WTAP_ENCAP_* of the file (-1: per packet) */
	int linktype;     /* LINKTYPE_* for it */
	uint32_t snaplen; /* 0: unknown */
	int tsprec;       /* digits of the time stamps (0..9) */
	/* section information, heap strings or NULL (the capture frees them) */
	char *comment, *hardware, *os, *userappl;
};
struct cap_ext_reader {
	const char *name; /* the -X read_format name */
	int magic;        /* tried before the built-in readers */
	void *ud;
	/* 1: the file is ours (info and *h filled), 0: not ours */
	int (*open)(void *ud, const char *path, struct cap_ext_info *info, void **h);
	/* 1: f filled (bytes valid until the next call), 0: end, -1: err filled */
	int (*read)(void *h, struct cap_frame *f, char *err, size_t errlen);
	void (*close)(void *h);
};
/* Returns 0, or -1 when the table is full. The struct is copied. */
int capture_ext_register(const struct cap_ext_reader *r);
void capture_ext_unregister(void *ud);
/* -X read_format:NAME: 0, or -1 when no external reader has that name. */
int capture_ext_force(const char *name);
/* Print "    NAME - KIND" for each external reader (tshark's list after a bad read_format). */
void capture_ext_list(FILE *out);

/* Readers over memory (for fuzzers and tests): same semantics as files. */
struct capture *capture_open_mem(const uint8_t *p, size_t n, char *err, size_t errlen);

#endif
