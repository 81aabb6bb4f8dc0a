/* SPDX-License-Identifier: GPL-2.0 */
/*
 * c2ctl internals shared between its source files.
 */
#ifndef _C2CTL_H
#define _C2CTL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <linux/c2guard.h>

#include "addr_text.h"
#include "feed.h"
#include "ipc.h"

#ifndef C2GUARD_VERSION
#define C2GUARD_VERSION "unknown"
#endif

#define __printf(a, b)	__attribute__((format(printf, a, b)))

/* util.c */
extern bool c2_json;
void c2_err(const char *fmt, ...) __printf(1, 2);
void c2_report(const char *ctx, const struct ipc_err *e);
void *c2_xmalloc(size_t size);
void *c2_xrealloc(void *p, size_t size);
int c2_strip_json_flag(int argc, char **argv);
char *c2_read_input(const char *ctx, const char *path, size_t *len);

/* out.c: text and JSON output */
void out_json_str(FILE *f, const char *s, size_t n);
void out_text_word(FILE *f, const char *s);
void out_json_key_str(const char *key, const char *val);
const char *out_ind_type(const struct ipc_ind *info);
void out_ind_names_json(const struct ipc_ind *info);
void out_ind_entry(const struct c2_ind_spec *spec);
void out_ind_claims_json(const struct ipc_ind *info);
void c2_json_array_begin(void);
void c2_json_elem(void);
void c2_json_array_end(void);
const char *out_proto_name(unsigned int proto, char *buf, size_t len);
const char *out_hook_name(unsigned int hook, char *buf, size_t len);
const char *out_dir_name(unsigned int dir, char *buf, size_t len);
const char *out_reason_name(unsigned int reason, char *buf, size_t len);
const char *out_action_name(unsigned int action, char *buf, size_t len);
void out_wire_text(const struct ipc_alert *a);
void out_wire_json(const struct ipc_alert *a);
const char *out_family_name(unsigned int family);
int out_time(unsigned long long ns, char *buf, size_t len);
int out_time_zone(unsigned long long ns, char *buf, size_t len,
		  const char *zone);
int out_ms(unsigned long long ms, char *buf, size_t len);
int out_permille(unsigned long long pm, char *buf, size_t len);
int out_beacon_dest(const struct ipc_beacon *b, char *buf, size_t len);
bool out_beacon_json(const struct ipc_beacon *b, const __u8 *attrs,
		     size_t n, bool first);
int out_flush(void);
void out_evidence_text(const struct ipc_evidence *ev, bool times);
void out_track_json(const struct ipc_track *t);
void out_track_counts_text(const struct ipc_track *t);

/* cgroup.c */
const char *c2_cgroup_path(unsigned long long id);

/* status.c */
int c2_config_save(FILE *f);
int c2_config_restore(int argc, char **argv);
int c2_config_parse(int argc, char **argv, struct ipc_config *c);

/* feeds.c: stage and commit a feed's whole list */
struct c2_feed_entry {
	struct c2_ind_spec spec;
	unsigned long line;
};
int c2_feed_put(const struct ipc_feed *meta, const struct c2_feed_entry *e,
		size_t n, const char *what, bool force);
int c2_feed_replace(int argc, char **argv);

/* save.c: the words of a saved line; the host-allow list made @allow */
int c2_words(char *line, char **w, int max, char *err, size_t len);
unsigned long c2_host_allow_sync(const struct ipc_host *allow, size_t n);

/* ind.c */
void c2_ind_print(const struct ipc_ind *info);
/* Room for a message of c2_spec_rails(). */
#define C2_RAIL_ERR_MAX		(C2_IND_FMT_MAX * 2 + 160)
int c2_spec_rails(const struct c2_ind_spec *spec, char *err, size_t len);
/* Called for every indicator of a dump; non-zero stops the walk. */
typedef int (*c2_ind_visit)(const struct ipc_ind *info, void *data);
int c2_ind_dump(const char *what, c2_ind_visit fn, void *data);

/* eve.c: alerts as Suricata EVE events */
void eve_alert_open(const struct ipc_alert *a);
void eve_alert_close(void);
void eve_lost(unsigned long long ns, __u64 first, __u64 last);
__u64 eve_flow_id(const struct ipc_alert *a);
bool eve_blocked(const struct ipc_alert *a);
unsigned int eve_signature_id(const struct ipc_alert *a);
const char *eve_signature(const struct ipc_alert *a);

/* journal.c: alerts to the systemd journal */
int journal_alert(const struct ipc_alert *a);
int journal_lost(__u64 first, __u64 last);

/* commands */
int cmd_status(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_add(int argc, char **argv);
int cmd_del(int argc, char **argv);
int cmd_flush(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_load(int argc, char **argv);
int cmd_monitor(int argc, char **argv);
int cmd_beacons(int argc, char **argv);
int cmd_feed(int argc, char **argv);
int cmd_save(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_test(int argc, char **argv);
int cmd_dga_score(int argc, char **argv);
int cmd_host(int argc, char **argv);
int cmd_hosts(int argc, char **argv);
int cmd_conf(int argc, char **argv);

#endif /* _C2CTL_H */
