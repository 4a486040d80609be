/*
** each.c -- --each: the files the -r arguments name (directories and globs
** expanded) are independent captures, each read as `wiresift -r FILE ...`
** alone would read it, so no flow is shared between files.  That is what a
** shell loop over the files does; here -j N of them run at once, each in a
** child process with one job of its own (a process per file: nothing is
** shared, so nothing needs a lock, and a file that crashes its run cannot
** take the others with it).  A child's stdout and stderr go to unlinked
** temporary files ($TMPDIR, else /tmp) that are copied out whole, in the
** files' order, so the result is the loop's whatever order the children end
** in.  The exit code is the highest of the files'.
*/
#include "each.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "../capture/capture.h"
#include "run.h"

struct child {
	pid_t pid;
	int out, err; /* the temporary files, -1 when closed */
	int done, rc;
};

static int temp_fd(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof path, "%s/wiresift-each-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	return fd;
}

/* fd's whole content to out; 0, or -1 when reading or writing failed */
static int copy_out(int fd, FILE *out)
{
	static char buf[1 << 16];
	if (lseek(fd, 0, SEEK_SET) < 0)
		return -1;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -1 : (fflush(out) ? -1 : 0);
		if (fwrite(buf, 1, (size_t)n, out) != (size_t)n)
			return -1;
	}
}

/* In the child: o read from path alone, its outputs into c's files; never returns. */
static void child_run(struct options *o, const char *path, const struct child *c)
{
#ifdef __linux__
	/* the parent gone (a closed pipe killed it), nobody reads this file's output */
	prctl(PR_SET_PDEATHSIG, SIGTERM);
	if (getppid() == 1)
		_exit(2);
#endif
	if (dup2(c->out, STDOUT_FILENO) < 0 || dup2(c->err, STDERR_FILENO) < 0)
		_exit(2);
	o->read_paths[0] = o->read_path = path;
	o->nread_paths = 1;
	o->jobs = 1; /* the files are the parallelism */
	int rc = run_capture(o);
	fflush(stdout);
	fflush(stderr);
	exit(rc);
}

static int start(struct options *o, const char *path, struct child *c)
{
	c->out = temp_fd();
	c->err = temp_fd();
	if (c->out < 0 || c->err < 0) {
		fprintf(stderr, "tshark: --each: no temporary file for %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	c->pid = fork();
	if (c->pid < 0) {
		fprintf(stderr, "tshark: --each: cannot start a process for %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	if (c->pid == 0)
		child_run(o, path, c);
	return 0;
}

/* A child that ended: its exit code (a signal's death counts as 2, and says so). */
static int reap(struct child *kids, int n, pid_t pid, int status, char **paths)
{
	for (int i = 0; i < n; i++) {
		if (kids[i].pid != pid)
			continue;
		kids[i].done = 1;
		if (WIFEXITED(status)) {
			kids[i].rc = WEXITSTATUS(status);
		} else {
			kids[i].rc = 2;
			dprintf(kids[i].err, "tshark: --each: the run on %s ended by signal %d\n",
				paths[i], WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		}
		return i;
	}
	return -1;
}

/* What run_capture frees of o when it returns: the parent never calls it. */
static int release(struct options *o, int rc)
{
	free(o->fields.ids);
	free(o->fields.names);
	free(o->zargs);
	free(o->dfilter_joined);
	return rc;
}

static int parallel(const struct options *o)
{
	if (o->jobs > 0)
		return o->jobs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

int run_each(struct options *o)
{
	if (o->write_path || o->iface || !o->nread_paths) {
		fputs(
		    "tshark: --each reads each -r file on its own: it takes -r, and no -w or -i\n",
		    stderr);
		return release(o, 1);
	}
	char err[1024];
	int nall;
	char **paths = capture_expand_inputs(o->read_paths, o->nread_paths, &nall, err, sizeof err);
	if (!paths) {
		fprintf(stderr, "tshark: %s\n", err);
		return release(o, 2);
	}
	struct child *kids = calloc((size_t)nall + 1, sizeof *kids);
	int n = nall, width = parallel(o), running = 0, next = 0, shown = 0, rc = 0;
	while (shown < n) {
		while (next < n && running < width) {
			if (start(o, paths[next], &kids[next]) < 0) {
				if (kids[next].out >= 0)
					close(kids[next].out);
				if (kids[next].err >= 0)
					close(kids[next].err);
				rc = 2; /* the files not started are not read */
				n = next;
				break;
			}
			next++, running++;
		}
		/* out in order: every finished child from the first not shown */
		while (shown < next && kids[shown].done) {
			struct child *c = &kids[shown++];
			if (copy_out(c->out, stdout) < 0 || copy_out(c->err, stderr) < 0)
				rc = rc > 2 ? rc : 2;
			close(c->out);
			close(c->err);
			rc = c->rc > rc ? c->rc : rc;
		}
		if (shown >= next && next >= n)
			break;
		int status;
		pid_t pid = waitpid(-1, &status, 0);
		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break; /* no child left: cannot happen while shown < next */
		}
		if (reap(kids, next, pid, status, paths) >= 0)
			running--;
	}
	free(kids);
	capture_free_inputs(paths, nall);
	return release(o, rc);
}
