/*
** eth.h -- helpers shared by the link-layer dissectors that carry an
** ethertype (Ethernet, 802.1Q, SLL): tshark's "ethertype" pseudo-dissector,
** which dispatches and then accounts for the bytes the payload left over.
*/
#ifndef WS_ETH_H
#define WS_ETH_H

#include "dissect.h"

/* Which field receives the bytes after the payload: eth.trailer (with the FCS
** heuristic, only for Ethernet itself), vlan.trailer or sll.trailer. */
enum eth_trailer_kind { ETRAILER_ETH, ETRAILER_VLAN, ETRAILER_SLL, ETRAILER_NONE };

/*
** Dispatch c (the payload after the type field) on ethertype `type`, add the
** "ethertype" layer, then padding/trailer fields for what the payload did not
** consume.  frame_start is the position of the Ethernet header the padding is
** counted from (Ethernet's 60-byte minimum); trailer_parent is the tree item
** the trailer hangs under.  Returns the bytes of c accounted for (all of it).
*/
int eth_dispatch_ethertype(struct packet *pk, struct cursor *c, uint16_t type, uint32_t frame_start,
			   enum eth_trailer_kind tk, int trailer_parent, int trailer_hf);

/* Format a MAC address (lower-case, colon separated) into buf (>= 18 bytes). */
void eth_mac_str(const uint8_t *m, char *buf, size_t n);

extern const struct value_string etype_vals[];

/*
** 1501 is neither a length nor a real ethertype (1501..1535 are invalid), so
** DT_ETHERTYPE key 1501 names "the payload of an 802.3 frame": LLC registers
** there, 802.3 Ethernet, 802.1Q, SLL and 802.11 dispatch to it.  (Not 0:
** tshark treats type 0 as an unknown ethertype, not as a length.)
*/
#define ETHERTYPE_LLC_PSEUDO 1501u

#endif
