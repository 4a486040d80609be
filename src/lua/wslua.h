/*
** wslua.h -- the embedded Lua engine seen from the rest of wiresift.
**
** The CLI collects -X lua_script:FILE / lua_scriptN:ARG, then calls
** wslua_load() after the built-in protocols registered and before
** field_seal(), because scripts register Lua protocols and fields.  The run
** loop calls wslua_packet() after each frame's dissection (taps) and
** wslua_draw() at the end.  Everything is a no-op when no script was given.
*/
#ifndef WS_WSLUA_H
#define WS_WSLUA_H

#include "../dissect/packet.h"

/* One -X argument ("lua_script:FILE", "lua_script1:ARG"); returns 0, or 1 after a message. */
int wslua_option(const char *arg);
/* Scan argv for -X before option parsing (registration must precede field_seal()). */
void wslua_scan_argv(int argc, char **argv);
/* Create the state, run the plugin folder and the scripts; returns 0 or an exit code. */
int wslua_load(void);
/* Run a script given as text (fuzzing, tests); creates the state if needed. Returns 0 or 1. */
int wslua_load_string(const char *chunkname, const char *code);
/* -o module.name:value for a Lua protocol's preference; returns 1 when applied */
int wslua_pref_option(const char *arg);
/* Is any script loaded (the run loop then calls wslua_packet)? */
int wslua_active(void);
/* Call the taps whose filter matches the dissected packet. */
void wslua_packet(struct packet *pk);
/* End of the capture: every tap's draw(). */
void wslua_draw(void);
void wslua_close(void);

/*
** Filter hook: the display-filter engine (src/filter) is not part of this
** branch.  The lead wires it by setting these: compile returns an opaque
** handle or NULL (err gets the message), match tests the packet's fieldset.
** Without a hook, a tap filter that is a bare field or protocol name is
** evaluated here (presence test); anything else is reported and ignored.
*/
struct wslua_filter_hook {
	void *(*compile)(const char *text, char *err, size_t errlen);
	int (*match)(void *handle, const struct packet *pk);
	void (*free)(void *handle);
};
extern struct wslua_filter_hook wslua_filter;

#endif
