/*
** trade.h -- the TRADE dissector's one preference (-o trade.tcp.port:N).
*/
#ifndef WS_TRADE_H
#define WS_TRADE_H

#include <stdint.h>

/* Move the dissector to TCP port `port` (0: off); -1 when out of range. */
int trade_set_port(uint32_t port);
/* The TCP port the dissector is on now (0: off). */
uint16_t trade_get_port(void);

#endif
