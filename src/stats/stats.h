/*
** stats.h -- tshark's statistics (-q -z ...): conv, endpoints, expert, io,phs,
** io,stat.
**
** One pass: stats_packet() after each dissected frame updates every module
** (hash tables keyed by address/port, constant memory per key, no allocation
** per packet); stats_end() sorts and prints, in reverse order of the command
** line as tshark does.  The -z text itself is parsed in cli/zopt.c.
*/
#ifndef WS_STATS_H
#define WS_STATS_H

#include <stdint.h>
#include <stdio.h>

#include "../dissect/packet.h"

struct stats;

enum conv_type { CT_ETH, CT_IPV4, CT_IPV6, CT_TCP, CT_UDP, CT_COUNT };

struct stats *stats_new(void);
void stats_free(struct stats *s);

/*
** Module constructors.  filter is the module's display filter or NULL.
** They return 0, or -1 with tshark's message in err (without "tshark: ");
** STATS_ERR_RAW when err is the whole message, to print as it is on
** stderr, STATS_ERR_STDOUT likewise on stdout (tshark words some tap errors
** its own way); stats_add_iostat returns -10 for a bad interval or column:
** tshark exits with 10 for those.
*/
#define STATS_ERR_RAW    (-2)
#define STATS_ERR_STDOUT (-3)
int stats_add_conv(struct stats *s, enum conv_type t, const char *filter, char *err, size_t n);
int stats_add_endpoints(struct stats *s, enum conv_type t, const char *filter, char *err, size_t n);
/* min_severity: PI_* of core/expert.h, 0 for all */
int stats_add_expert(struct stats *s, int min_severity, const char *filter, char *err, size_t n);
/* 1 when s is one -z expert without a filter: nothing else reads the expert items */
int stats_expert_alone(const struct stats *s);
int stats_add_phs(struct stats *s, const char *filter, char *err, size_t n);
/* args: the text after "io,stat," (interval and column specs) */
int stats_add_iostat(struct stats *s, const char *args, char *err, size_t n);

/* tshark's -t, as the statistics print times (conv start, io,stat rows). */
enum stats_time_format {
	STF_RELATIVE, /* r */
	STF_ABS,      /* a */
	STF_ABS_DATE, /* ad */
	STF_ABS_DOY,  /* adoy */
	STF_UTC,      /* u */
	STF_UTC_DATE, /* ud */
	STF_UTC_DOY,  /* udoy */
	STF_EPOCH,    /* e */
	STF_DELTA,    /* d and dd: conv prints relative times, io,stat refuses them */
};
/* -1 for an unknown -t operand. */
int stats_time_format_parse(const char *t);
/*
** Set the -t format before the first packet; returns -1 with tshark's
** message in err when a module cannot print it (io,stat and -t e).
*/
int stats_set_time_format(struct stats *s, int tf, char *err, size_t n);

int stats_count(const struct stats *s);
void stats_packet(struct stats *s, const struct packet *pk);
/* Print every table; nonzero when a module refused to (its message is on stderr). */
int stats_end(struct stats *s, FILE *out);

/*
** Threads (-j): can every module of s either run per worker and be merged
** (conv, endpoints, expert) or run before dissection on the thread that
** reads the frames in order (io,stat with only frame and byte counts)?
** io,phs and io,stat's filtered or field columns depend on the order of all
** frames after dissection; a filter naming tcp.stream or udp.stream needs
** one job's numbers, which workers do not have.
*/
int stats_mergeable(const struct stats *s);
/*
** The split run: the reading thread calls stats_packet_pre(s) on every
** frame, in order, before dissection (the run's times and the modules that
** need no dissection); each worker calls stats_packet_post(part) on its own
** frames after dissection (the other modules); at the end stats_merge()
** folds the parts' modules into s.
*/
void stats_packet_pre(struct stats *s, const struct packet *pk);
/*
** Does every module of s read only the capture record (the ones
** stats_packet_pre runs)?  Then a run may skip dissection altogether
** (cli/records.c).
*/
int stats_needs_no_dissection(const struct stats *s);
void stats_packet_post(struct stats *part, const struct packet *pk);
/*
** Fold parts (built from the same -z arguments as s, each fed one worker's
** frames through stats_packet_post, with worker-local tcp.stream/udp.stream
** numbers) into s: afterwards s prints what one job would have.
*/
void stats_merge(struct stats *s, struct stats *const *parts, int nparts);

/* Type names as -z conv,<name> spells them; -1 when unknown. */
int conv_type_parse(const char *name, size_t len);

/*
** tshark's format_size(): 19999 bytes -> "19 kB".  unit: one of FS_*.
** Returns the length written (buf always terminated).
*/
enum { FS_NONE, FS_BYTES, FS_BYTES_S, FS_BITS_S, FS_PACKETS_S };
size_t format_size(uint64_t n, int unit, char *buf, size_t len);
/* format_size's text at p, unterminated and uncut (at most 30 bytes); returns its end */
char *format_size_put(char *p, uint64_t n, int unit);

#endif
