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
** An 802.3 length field is never an ethertype, so DT_ETHERTYPE key 0 names
** "the payload of an 802.3 frame": LLC registers there, Ethernet and 802.1Q
** dispatch to it.
*/
#define ETHERTYPE_LLC_PSEUDO 0u

#endif
