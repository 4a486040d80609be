/*
** writer.h -- writing capture files: pcap (microsecond or nanosecond) and
** pcapng.
**
** The writer owns its interface table (cap_writer_add_iface), so a caller
** that merges several inputs maps their interfaces onto one list; a tshark
** style caller just mirrors the reader's table, and frame.ifid (the reader's
** global index) is then the output interface id.  Output goes through stdio
** with a large buffer: no system call per packet.
*/
#ifndef WS_WRITER_H
#define WS_WRITER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "capture.h"

/* CAP_W_EXT + i: the i-th registered external writer (cap_writer_ext_register). */
enum cap_wfmt { CAP_W_PCAP, CAP_W_PCAP_NSEC, CAP_W_PCAPNG, CAP_W_EXT = 16 };

/* "pcap", "nsecpcap", "pcapng" (the -F names of tshark/editcap); -1 when unknown. */
int cap_wfmt_parse(const char *name);
/* The -F name of a format (for messages). */
const char *cap_wfmt_name(int fmt);

/*
** A writer defined outside src/capture (a Lua FileHandler).  open runs at
** the first record (or at close), once the interfaces are known, and writes
** the file header on fp; close must not close fp.
*/
struct cap_ext_writer {
	const char *name; /* the -F name */
	void *ud;
	int (*can_write)(void *ud, int encap);
	/* NULL with err filled when the header could not be written */
	void *(*open)(void *ud, FILE *fp, const struct cap_ext_info *info, char *err,
		      size_t errlen);
	int (*write)(void *h, const struct cap_frame *f, char *err, size_t errlen);
	int (*close)(void *h, char *err, size_t errlen);
};
/* Returns 0, or -1 when the table is full. */
int cap_writer_ext_register(const struct cap_ext_writer *x);
void cap_writer_ext_unregister(void *ud);

/* The writer format a reader's file type maps to (editcap keeps the input's type). */
enum cap_wfmt cap_wfmt_of(enum cap_filetype ft);

/* pcapng Section Header Block options; NULL when absent. */
struct cap_shb_info {
	const char *hardware, *os, *userappl;
};

struct cap_writer;

/*
** Open path for writing ("-" is stdout).  NULL with a message of tshark's
** shape (without the program prefix) in err when it cannot be created.
*/
struct cap_writer *cap_writer_open(const char *path, enum cap_wfmt fmt,
				   const struct cap_shb_info *shb, char *err, size_t errlen);

/* Add an output interface (copied); returns its id. */
uint32_t cap_writer_add_iface(struct cap_writer *w, const struct cap_iface *ifc);
uint32_t cap_writer_iface_count(const struct cap_writer *w);

/*
** Write one record on output interface ifid.  Returns 0, or -1 with
** cap_writer_error() set (a link type pcap cannot hold), or
** CAP_WRITE_RECTYPE for a record the format has no block for: then the
** error text is the end of a sentence, "has a record type that ...", for
** the caller to prefix with the record's number and file.
*/
#define CAP_WRITE_RECTYPE (-2)
/* An external writer failed: the error text is tshark's detail, "Run-time error while ..." */
#define CAP_WRITE_INTERNAL (-3)
int cap_writer_write(struct cap_writer *w, const struct cap_frame *f, uint32_t ifid);

/* Push buffered records to the file (a Lua Dumper's flush). */
void cap_writer_flush(struct cap_writer *w);

/* Flush and close; returns 0 or -1 with err filled (a failed flush: disk full). */
int cap_writer_close(struct cap_writer *w, char *err, size_t errlen);
const char *cap_writer_error(const struct cap_writer *w);

/*
** The snaplen a pcap header gets whatever the interfaces say: tshark and
** editcap write 262144 when the input is pcapng (its IDB snaplens are not
** carried over to a pcap header).
*/
void cap_writer_set_pcap_snaplen(struct cap_writer *w, uint32_t snaplen);
#define CAP_WRITER_DEFAULT_SNAPLEN 262144u

/* Write a Decryption Secrets Block now (pcapng only; pcap drops it). */
void cap_writer_add_dsb(struct cap_writer *w, const struct cap_dsb *d);

/* Mirror every interface (and secrets block) the reader knows that the writer has not seen yet. */
void cap_writer_sync_ifaces(struct cap_writer *w, const struct capture *cap);

#endif
