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

uint32_t shard_key(int linktype, const uint8_t *p, uint32_t caplen);

#endif
