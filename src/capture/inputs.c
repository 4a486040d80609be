/*
** inputs.c -- what the -r arguments name: a file, a directory of capture
** files, or a glob pattern, expanded into the member list of one capture.
*/
#include <dirent.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/util.h"
#include "capture_int.h"

struct paths {
	char **v;
	int32_t n, cap;
};

static void add(struct paths *p, const char *s)
{
	xgrow(&p->v, &p->cap, p->n + 1, sizeof *p->v);
	p->v[p->n++] = xstrdup(s);
}

/* Recognised by content, as capture_open does: a directory may hold logs and notes too. */
static int looks_like_capture(const char *path)
{
	char err[512];
	struct source *s = source_open_path(path, err, sizeof err);
	if (!s)
		return 0;
	const uint8_t *head;
	size_t n = source_peek(s, CAP_PROBE_LEN, &head);
	int yes = n > 0 && cap_probe(head, n) != NULL;
	source_close(s);
	return yes;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Regular files of dir that are captures, by name (rotated files number themselves in order). */
static int add_dir(struct paths *p, const char *dir, char *err, size_t errlen)
{
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(err, errlen, "The directory \"%s\" could not be read.", dir);
		return -1;
	}
	int32_t from = p->n;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *full = xmalloc(len);
		snprintf(full, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/",
			 e->d_name);
		struct stat st;
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && looks_like_capture(full))
			add(p, full);
		free(full);
	}
	closedir(d);
	if (p->n == from) {
		snprintf(err, errlen, "The directory \"%s\" holds no capture files.", dir);
		return -1;
	}
	qsort(p->v + from, (size_t)(p->n - from), sizeof *p->v, by_name);
	return 0;
}

static int expand_one(struct paths *p, const char *arg, char *err, size_t errlen)
{
	struct stat st;
	if (strcmp(arg, "-") && stat(arg, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return add_dir(p, arg, err, errlen);
		add(p, arg);
		return 0;
	}
	glob_t g;
	/* a pattern that matches nothing is the file name: opening it says it does not exist */
	if (strpbrk(arg, "*?[") && glob(arg, 0, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++)
			add(p, g.gl_pathv[i]);
		globfree(&g);
		return 0;
	}
	add(p, arg);
	return 0;
}

char **capture_expand_inputs(const char *const *args, int n, int *count, char *err, size_t errlen)
{
	struct paths p = {NULL, 0, 0};
	for (int i = 0; i < n; i++)
		if (expand_one(&p, args[i], err, errlen) < 0) {
			capture_free_inputs(p.v, p.n);
			return NULL;
		}
	xgrow(&p.v, &p.cap, p.n + 1, sizeof *p.v); /* NULL-ended: an empty list is not NULL */
	p.v[p.n] = NULL;
	*count = p.n;
	return p.v;
}

void capture_free_inputs(char **paths, int n)
{
	for (int i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

struct capture *capture_open_inputs(const char *const *args, int n, const char *prefix, char *err,
				    size_t errlen)
{
	int np;
	char **p = capture_expand_inputs(args, n, &np, err, errlen);
	if (!p)
		return NULL;
	struct capture *c = capture_open_multi((const char *const *)p, np, prefix, err, errlen);
	capture_free_inputs(p, np);
	return c;
}
