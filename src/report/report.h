/*
** report.h -- the analysis tables (streams, sessions, intervals, esp, hosts,
** facts) and the charts built from them.
**
** Each analysis is an accumulator fed one struct pinfo per frame (memory per
** flow, host or interval, never per packet) and turned into a typed table
** (output/table.h) at the end.  All of them can run in the same pass.
** Streams and intervals read the frame's record themselves (pinfo.h's
** record route): `wiresift streams` and `intervals` fill a struct pinfo
** only for an ESP frame.
*/
#ifndef WS_REPORT_H
#define WS_REPORT_H

#include <stdint.h>

#include "../output/table.h"
#include "drive.h"
#include "pinfo.h"

struct rep_opts {
	int64_t interval_ns; /* intervals, esp, sessions --per */
	int fill;            /* dense intervals */
	int has_window;      /* sessions: only SYNs in [win_from_ns, win_to_ns) of relative time */
	int64_t win_from_ns, win_to_ns; /* to < 0: open-ended */
	struct address servers[16];
	int nservers;
	uint16_t ports[16];
	int nports;
	int per;              /* sessions: one row per interval */
	const char *geoip[4]; /* MaxMind database files (e.g. a country one and an ASN one) */
	int ngeoip;
	const char *geoip_country_path; /* "country iso_code" */
	const char *geoip_asn_path;
	int top; /* report: rows of the top-streams table */
};

/* streams: one row per TCP / UDP stream */
struct streams;
struct streams *streams_new(void);
/* the frame's values from its record (pk->pir), as pinfo_get reads them */
void streams_add(struct streams *s, const struct packet *pk);
void streams_table(const struct streams *s, struct table *t);
void streams_free(struct streams *s);
/*
** Threads: fold parts (each fed one worker's frames, numbered by that
** worker) into s, renumbered to one job's tcp.stream / udp.stream by es.
*/
struct engine_streams;
void streams_merge(struct streams *s, struct streams *const *parts, int n,
		   const struct engine_streams *es);
/* for sessions and the report */
struct stream_sum {
	uint32_t id;
	struct address a, b; /* a: sender of the first frame */
	uint16_t pa, pb;
	int64_t first_rel_ns; /* the stream's first frame, from the capture's first frame */
	uint8_t syn_seen;     /* a SYN without ACK: the session started in the capture */
	int64_t syn_rel_ns;
	struct address dst;
	uint16_t dport;
	uint64_t pkts;
	uint64_t bytes;
	uint32_t flags[PF_COUNT];
};
/*
** TCP streams by id: ids run from 0 to count-1.  get fills *out and returns 1,
** or returns 0 for an id never seen (rows are stored compact, so this is a copy).
*/
uint32_t streams_tcp_count(const struct streams *s);
int streams_tcp_get(const struct streams *s, uint32_t id, struct stream_sum *out);

void sessions_table(const struct streams *s, const struct rep_opts *o, struct table *t);

/* what one ESP packet changed in its SA's loss / reordering counts */
struct esp_delta {
	int64_t lost; /* +gap on a jump ahead, -1 when a late packet fills a hole */
	uint32_t late, dup;
};

struct intervals;
struct intervals *intervals_new(int64_t width_ns);
/*
** the frame's values from its record, as streams_add (ed: its ESP SA's change, or NULL; only
** an ESP frame, PIR_ESP_SPI, has one)
*/
void intervals_add(struct intervals *iv, const struct packet *pk, int new_tcp_stream,
		   const struct esp_delta *ed);
/*
** new_tcp_streams_lossy: new TCP streams that saw a lost segment (intervals keeps
** them itself, as streams_add would).  max_rows > 0 (charts): intervals are widened by 1, 2,
** 5, 10, ... so that at most about max_rows remain.
*/
void intervals_table(struct intervals *iv, int fill, int64_t first_ns, int max_rows,
		     struct table *t);
void intervals_free(struct intervals *iv);
/*
** Threads: add the parts' rows (each fed one worker's frames) into iv, their
** TCP streams renumbered to one job's tcp.stream by es.
*/
void intervals_merge(struct intervals *iv, struct intervals *const *parts, int n,
		     const struct engine_streams *es);

struct esp;
struct esp *esp_new(int64_t width_ns);
void esp_add(struct esp *e, const struct pinfo *pi, struct esp_delta *ed);
void esp_tables(const struct esp *e, int64_t first_ns, struct table *sa, struct table *per_s);
void esp_free(struct esp *e);

struct hosts;
struct hosts *hosts_new(void);
void hosts_add(struct hosts *h, const struct pinfo *pi);
/* returns -1 (message in err) when the GeoIP database cannot be opened */
int hosts_table(const struct hosts *h, const struct rep_opts *o, struct table *t, char *err,
		size_t n);
void hosts_free(struct hosts *h);

struct facts;
struct facts *facts_new(void);
void facts_add(struct facts *f, const struct pinfo *pi);
void facts_table(const struct facts *f, const struct drive_info *di, const struct streams *s,
		 struct table *t);
void facts_free(struct facts *f);

/* Time-sequence graph (tcptrace style) of one TCP stream: memory per packet of that stream only. */
struct tsg;
struct tsg *tsg_new(uint32_t stream);
void tsg_add(struct tsg *g, const struct pinfo *pi);
/* Returns -1 when the stream has no frames. */
int tsg_svg(const struct tsg *g, FILE *out);
void tsg_free(struct tsg *g);

/*
** trade: seed 001's TRADE timeline (Ping/Pong, Roundtrip reports, zero windows, resets) and
** one summary row per TRADE connection.  trade_new marks the trade.* fields it reads as wanted.
*/
struct trade;
struct trade *trade_new(void);
void trade_add(struct trade *t, const struct packet *pk, const struct pinfo *pi);
/* Moves the timeline into *timeline (the caller frees both tables). */
void trade_tables(struct trade *t, struct table *timeline, struct table *sum);
void trade_free(struct trade *t);

/* aerospike-hotkeys: seed 002's requests / responses per Aerospike key digest */
struct hotkeys;
struct hotkeys *hotkeys_new(void);
void hotkeys_add(struct hotkeys *h, const struct packet *pk, const struct pinfo *pi);
void hotkeys_table(const struct hotkeys *h, struct table *t);
void hotkeys_free(struct hotkeys *h);

/* Charts: SVG of per-interval series (columns of an intervals table). */
void svg_io_chart(FILE *out, const struct table *iv, const char *const *series, int nseries,
		  int width, int height, const char *title);

#endif
