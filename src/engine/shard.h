/*
** shard.h -- which worker dissects a frame.
**
** Every frame whose dissection shares state (a TCP or UDP conversation, IP
** fragments, a tunnel's inner flows) must land on the same worker.  The key
** is the unordered pair of the outermost IP addresses, so both directions,
** all fragments and everything inside a tunnel go together; an ICMP error
** quoting TCP goes with the quoted pair, where the TCP dissector looks its
** conversation up.  Frames without IP (ARP, unknown link types) get key 0.
*/
#ifndef WS_SHARD_H
#define WS_SHARD_H

#include <stdint.h>

#include "../core/jobs.h"

uint32_t shard_key(int linktype, const uint8_t *p, uint32_t caplen);

/*
** Key -> worker, fixed at the key's first frame: the worker with the fewest
** frames so far.  A hash modulo would leave the work to luck when a few
** pairs carry most frames; this keeps the workers near even.
*/
struct shard_map {
	uint32_t *keys; /* 0 = empty */
	uint8_t *worker;
	uint32_t cap, n;
	int nworkers;
	uint64_t load[MAX_JOBS]; /* frames given to each worker, in SHARD_UNITs */
	uint32_t tax0;           /* worker 0's extra load per frame read, in SHARD_UNITs */
	uint32_t last_key;       /* the last key looked up and its worker */
	uint8_t last_w;
};

/* A frame dissected weighs SHARD_UNIT in shard_map.load. */
#define SHARD_UNIT 16
/*
** tax0: what worker 0 does for every frame besides its own (the in-order
** writer, engine_opts.rfn), in SHARD_UNITs: it gets fewer new flows for it.
** Every worker making the same choices must be given the same tax0 (the
** walking workers); a lone leader (engine.c, lead_balance) may change it.
*/
void shard_map_init(struct shard_map *m, int nworkers, uint32_t tax0);
void shard_map_free(struct shard_map *m);
int shard_pick(struct shard_map *m, uint32_t key);

#endif
