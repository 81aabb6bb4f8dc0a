// SPDX-License-Identifier: GPL-2.0
/*
 * c2ctl: a cgroup v2 id, as alerts carry it, back to the cgroup's path.
 *
 * The id of a cgroup v2 is the inode number of its directory in the
 * cgroup2 file system (kernfs), so the path is found by walking the
 * cgroup2 mount and comparing inode numbers.  A c2ctl run by "ip netns
 * exec" has a /sys of its own, without the cgroup2 mount: then the mount
 * of PID 1's mount namespace is walked, through /proc/1/root.  Answers are
 * cached: a monitor sees the same few cgroups over and over.
 */
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "c2ctl.h"

#define CG_CACHE	16

static struct {
	unsigned long long id;
	char *path;			/* NULL: not found */
} cg_cache[CG_CACHE];
static unsigned int cg_next;

/* nftw() takes no context: the walk's, while one runs. */
static unsigned long long cg_want;
static char *cg_found;
static size_t cg_root_len;

/*
 * Where the cgroup2 file system is mounted, after @prefix, from the
 * mountinfo file @path; NULL if not.
 */
static char *cg_mount_in(const char *path, const char *prefix)
{
	char *line = NULL, *root = NULL, *f[10], *sep, *p;
	size_t cap = 0, plen = strlen(prefix);
	FILE *mi;
	int i;

	mi = fopen(path, "re");
	if (!mi)
		return NULL;
	while (!root && getline(&line, &cap, mi) > 0) {
		/* ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTS ... - FSTYPE SOURCE ... */
		sep = strstr(line, " - ");
		if (!sep || strncmp(sep + 3, "cgroup2 ", 8))
			continue;
		p = line;
		for (i = 0; i < 5 && p; i++) {
			f[i] = p;
			p = strchr(p, ' ');
			if (p)
				*p++ = '\0';
		}
		if (i < 5 || !p)
			continue;
		/* octal escapes (\040) in the mount point */
		root = c2_xmalloc(plen + strlen(f[4]) + 1);
		memcpy(root, prefix, plen);
		for (p = f[4], i = (int)plen; *p; i++) {
			if (p[0] == '\\' && p[1] >= '0' && p[1] <= '3' &&
			    p[2] >= '0' && p[2] <= '7' && p[3] >= '0' && p[3] <= '7') {
				root[i] = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 +
						 (p[3] - '0'));
				p += 4;
			} else {
				root[i] = *p++;
			}
		}
		root[i] = '\0';
	}
	free(line);
	fclose(mi);
	return root;
}

static char *cg_mount(void)
{
	char *root = cg_mount_in("/proc/self/mountinfo", "");

	return root ?: cg_mount_in("/proc/1/mountinfo", "/proc/1/root");
}

static int cg_visit(const char *path, const struct stat *st, int type,
		    struct FTW *ftw)
{
	(void)ftw;
	if (type != FTW_D || (unsigned long long)st->st_ino != cg_want)
		return 0;
	cg_found = strdup(path[cg_root_len] ? path + cg_root_len : "/");
	return 1;
}

/*
 * The path of cgroup @id below the cgroup2 root ("/", "/system.slice/x"),
 * or NULL when it is not found (gone since, or not in this mount
 * namespace's view).  The string stays valid until the next call.
 */
const char *c2_cgroup_path(unsigned long long id)
{
	unsigned int i;
	char *root;

	for (i = 0; i < CG_CACHE; i++)
		if (id && cg_cache[i].id == id)
			return cg_cache[i].path;
	root = cg_mount();
	cg_found = NULL;
	if (root) {
		cg_want = id;
		cg_root_len = strlen(root);
		nftw(root, cg_visit, 16, FTW_PHYS | FTW_MOUNT);
		free(root);
	}
	i = cg_next++ % CG_CACHE;
	free(cg_cache[i].path);
	cg_cache[i].id = id;
	cg_cache[i].path = cg_found;
	return cg_found;
}
