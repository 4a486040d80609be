/*
** ip.h -- what ipv4.c shares with ipv6.c and with other layers: tshark's
** IP protocol number names (ip.proto / ipv6.nxt value strings, and the
** "proto=UDP 17" of fragment Info lines).
*/
#ifndef WS_IP_H
#define WS_IP_H

#include <stdint.h>

#include "../core/field.h"

extern const struct value_string ipproto_vals[];
/* The name tshark prints for an IP protocol number, "Unknown" when none. */
const char *ipproto_name(uint32_t proto);

#endif
