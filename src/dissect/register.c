/*
** register.c -- call every protocol's register and handoff functions.
*/
#include "../core/expert.h"
#include "../core/field.h"
#include "dissect.h"

void dissect_init(void)
{
#define X(name) register_##name();
#include "protocols.def"
#undef X
#define X(name) handoff_##name();
#include "protocols.def"
#undef X
	expert_register(); /* _ws.expert: every dissector may raise expert items */
}
