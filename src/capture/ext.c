/*
** ext.c -- readers defined outside src/capture (Lua FileHandlers), seen
** by capture.c as one more format.  The table is filled while scripts load,
** before any file is opened, so it needs no locking.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/util.h"
#include "capture_int.h"

#define MAX_EXT 32

static struct cap_ext_reader readers[MAX_EXT];
static int nreaders;
/* by name: unregistering shifts the table */
static char forced[64];

int capture_ext_register(const struct cap_ext_reader *r)
{
	if (nreaders == MAX_EXT)
		return -1;
	readers[nreaders++] = *r;
	return 0;
}

void capture_ext_unregister(void *ud)
{
	for (int i = 0; i < nreaders; i++) {
		if (readers[i].ud != ud)
			continue;
		if (!strcmp(forced, readers[i].name))
			forced[0] = 0;
		memmove(&readers[i], &readers[i + 1], (size_t)(nreaders - i - 1) * sizeof *readers);
		nreaders--;
		i--;
	}
}

int capture_ext_force(const char *name)
{
	for (int i = 0; i < nreaders; i++)
		if (!strcmp(readers[i].name, name)) {
			snprintf(forced, sizeof forced, "%s", name);
			return 0;
		}
	return -1;
}

void capture_ext_list(FILE *out)
{
	for (int i = nreaders - 1; i >= 0; i--)
		fprintf(out, "    %s - %s\n", readers[i].name,
			readers[i].magic ? "Magic-value-based" : "Heuristics-based");
}

struct ext_priv {
	struct cap_ext_reader r; /* a copy: a script may deregister it while the file is open */
	void *h;
};

static int ext_next(struct capture *c, struct cap_frame *f)
{
	struct ext_priv *p = c->priv;
	char why[512] = "";
	int r = p->r.read(p->h, f, why, sizeof why);
	if (r < 0) { /* tshark's words for a reader callback that failed */
		int n = snprintf(c->err, sizeof c->err,
				 "An internal error occurred while reading the file \"%s\".\n(%s)\n"
				 "(at byte offset %llu)",
				 c->path, why, (unsigned long long)f->offset);
		(void)n;
		c->failed = 1;
		c->err_rc = 2;
		return -1;
	}
	if (r == 0)
		return 0;
	f->ifid = f->if_local = 0;
	if (f->caplen > f->len && f->len)
		f->len = f->caplen;
	return 1;
}

static void ext_free(struct capture *c)
{
	struct ext_priv *p = c->priv;
	p->r.close(p->h);
	free(p);
}

static int ext_try(struct capture *c, const struct cap_ext_reader *r)
{
	struct cap_ext_info info = {0};
	void *h = NULL;
	if (r->open(r->ud, c->path, &info, &h) != 1)
		return 0;
	struct ext_priv *p = xcalloc(1, sizeof *p);
	p->r = *r;
	p->h = h;
	c->priv = p;
	c->next = ext_next;
	c->free_priv = ext_free;
	c->ft = CAP_FT_EXT;
	uint64_t resol = 1;
	for (int i = 0; i < info.tsprec && i < 9; i++)
		resol *= 10;
	struct cap_iface ifc = {.linktype = info.linktype,
				.snaplen = info.snaplen,
				.encap = info.encap,
				.tsresol_num = resol};
	cap_add_iface(c, &ifc);
	c->shb_hardware = info.hardware;
	c->shb_os = info.os;
	c->shb_userappl = info.userappl;
	free(info.comment); /* wiresift keeps no section comment for -V */
	return 1;
}

int cap_ext_open(struct capture *c, int magic)
{
	if (!strcmp(c->path, "-") || !strcmp(c->path, "(memory)"))
		return 0;
	for (int i = nreaders - 1; forced[0] && i >= 0; i--)
		if (!strcmp(forced, readers[i].name))
			return magic ? ext_try(c, &readers[i]) : 0;
	for (int i = nreaders - 1; i >= 0; i--)
		if (readers[i].magic == magic && ext_try(c, &readers[i]))
			return 1;
	return 0;
}

int cap_ext_forced(void)
{
	return forced[0] != 0;
}
