/*
** ip.h -- what ipv4.c shares with ipv6.c and with other layers: tshark's
** IP protocol number names (ip.proto / ipv6.nxt value strings, and the
** "proto=UDP 17" of fragment Info lines).
*/
#ifndef WS_IP_H
#define WS_IP_H

#include <stdint.h>

#include "../core/field.h"

/* IP headers nested deeper than this (tunnels) are not handed on. */
#define IP_MAX_DEPTH 16
/* IPv6 extension headers followed per frame. */
#define IP6_MAX_EXT_HDRS 64

extern const struct value_string ipproto_vals[];
/* ip.version: IPv6 adds it too */
extern int hf_ip_version;
/* The name tshark prints for an IP protocol number, "Unknown" when none. */
const char *ipproto_name(uint32_t proto);

#endif
