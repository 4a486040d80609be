/*
** icmp.h -- what ICMP and ICMPv6 share: echo request/reply matching and the
** dissection of the packet an error message quotes.
*/
#ifndef WS_ICMP_H
#define WS_ICMP_H

#include "dissect.h"

/*
** Record an echo request, or look up the request a reply answers.  Requests
** and replies meet on (address pair, identifier, sequence number, extra);
** ICMP puts the request's checksum in extra (tshark matches on it too).  For a
** reply, returns the request's frame number (0 when none) and sets *ms to the
** response time in milliseconds.  key is the protocol's proto id.
*/
uint32_t icmp_echo_track(struct packet *pk, int key, uint16_t id, uint16_t seq, uint32_t extra,
			 int is_request, double *ms);

/*
** Dissect the invoking packet an ICMP error quotes (IP header and the start
** of its payload), through DT_ETHERTYPE with pk->in_error set.  Columns and
** addresses of the outer packet are kept, as tshark makes them read-only.
*/
void icmp_dissect_quoted(struct packet *pk, struct cursor *c, uint16_t ethertype);

/* RFC 1071 sum of n bytes, folded but not complemented; start with init. */
uint32_t icmp_sum(const uint8_t *p, uint32_t n, uint32_t init);

#endif
