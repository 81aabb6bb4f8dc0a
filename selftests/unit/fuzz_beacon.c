// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/beacon.c.
 *
 * The first 16 bytes are parameters (any values, in range or not: the
 * code must be safe with both), the rest a stream of 6-byte events: time
 * step and size, each with a shift so that steps of days, of nothing, out
 * of order (wrapping) and sizes up to 2^40 all occur.  After each event:
 * ring indexes in range, a score of 0..100 with sub-scores of 0..1000,
 * quartiles in order, the median equal to one computed by qsort, alerts
 * at most once per hold-down period, nothing recorded on an exempt
 * channel.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "beacon.h"

static u32 rd32(const uint8_t *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static int cmp_u32(const void *a, const void *b)
{
	u32 x = *(const u32 *)a, y = *(const u32 *)b;

	return x < y ? -1 : x > y;
}

static void check_stats(const struct c2g_beacon_stats *st)
{
	if (st->q1 > st->median || st->median > st->q3 ||
	    st->skew < -1000 || st->skew > 1000 ||
	    st->disp > C2G_BEACON_PM_CAP || st->cv > C2G_BEACON_PM_CAP)
		abort();
	/* for values >= 0 the MAD is at most the median */
	if (st->disp > 1000)
		abort();
}

/* The median of the last @n values before @head, by qsort. */
static u32 ref_median(const u32 *ring, unsigned int head, unsigned int n)
{
	u32 v[C2G_BEACON_RING];
	unsigned int i;

	for (i = 0; i < n; i++)
		v[i] = ring[(head + C2G_BEACON_RING - 1 - i) % C2G_BEACON_RING];
	qsort(v, n, sizeof(v[0]), cmp_u32);
	return (u32)(((u64)v[(n - 1) / 2] + v[n / 2]) / 2);
}

static void check_score(const struct c2g_beacon *b,
			const struct c2g_beacon_params *p,
			const struct c2g_beacon_score *s, bool valid)
{
	const struct c2g_beacon_sub *u = &s->sub;
	unsigned int window = p->window < C2G_BEACON_RING ? p->window :
			      C2G_BEACON_RING;

	if (valid != s->valid || s->events != b->events ||
	    s->retries != b->retries || s->ngaps > b->ngaps ||
	    s->ngaps > window)
		abort();
	if (!valid) {
		if (s->score || (s->ngaps >= p->min_gaps && s->ngaps))
			abort();
		return;
	}
	if (!s->ngaps || s->ngaps < p->min_gaps || s->score > 100)
		abort();
	if (u->gap_disp > 1000 || u->gap_cv > 1000 || u->gap_skew > 1000 ||
	    u->count > 1000 || u->size_disp > 1000 || u->size_skew > 1000 ||
	    u->size_small > 1000 || u->timing > 1000 || u->data > 1000)
		abort();
	/* sizes take at most a fifth of the timing score, never add */
	if (s->score > (u->timing + 5) / 10 ||
	    s->score + 1 < (u->timing * 8 / 10 + 5) / 10)
		abort();
	check_stats(&s->gap);
	check_stats(&s->size);
	if (s->interval_ms != s->gap.median || s->jitter != s->gap.disp)
		abort();
	if (s->gap.median != ref_median(b->gap, b->head, s->ngaps) ||
	    s->size.median != ref_median(b->size, b->head, s->ngaps))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct c2g_beacon_params p;
	struct c2g_beacon b;
	struct c2g_beacon_score s;
	u64 t, last_alert = 0;
	bool alerted = false, exempt;
	size_t off;

	if (size < 16)
		return 0;
	p.retry_ms = rd32(data) >> (data[12] & 31);
	p.silence_ms = rd32(data + 4) >> (data[13] & 31);
	p.holddown_ms = rd32(data + 8) >> (data[14] & 31);
	p.window = data[12] >> 2;
	p.min_gaps = data[13] >> 3;
	p.threshold = data[14] >> 1;
	exempt = (data[15] & 0x81) == 0x81;
	t = (u64)data[15] << 56;
	c2g_beacon_init(&b);
	b.exempt = exempt;

	for (off = 16; off + 6 <= size; off += 6) {
		const uint8_t *e = data + off;
		u64 step = ((u64)e[0] | (u64)e[1] << 8) << (e[2] & 31);
		u64 bytes = ((u64)e[3] | (u64)e[4] << 8) << (e[5] & 31);
		u8 head = b.head, ngaps = b.ngaps;
		bool valid;
		int ev;

		if (e[2] & 0x80)
			t -= step;	/* out of order, may wrap */
		else
			t += step;
		ev = c2g_beacon_event(&b, &p, t, bytes);
		if (ev < C2G_BEACON_EV_FIRST || ev > C2G_BEACON_EV_EXEMPT ||
		    b.head >= C2G_BEACON_RING || b.ngaps > C2G_BEACON_RING)
			abort();
		if (exempt != (ev == C2G_BEACON_EV_EXEMPT) || (exempt && b.events))
			abort();
		if (ev == C2G_BEACON_EV_GAP &&
		    (b.ngaps != (ngaps < C2G_BEACON_RING ? ngaps + 1 : ngaps) ||
		     b.gap[head] < p.retry_ms || !b.gap[head] ||
		     b.size[head] != (bytes > 0xffffffffULL ? 0xffffffffu :
				      (u32)bytes)))
			abort();
		if (ev == C2G_BEACON_EV_RESTART && (b.ngaps || b.events != 1))
			abort();
		if (ev == C2G_BEACON_EV_RETRY &&
		    (b.ngaps != ngaps || b.head != head))
			abort();

		valid = c2g_beacon_score(&b, &p, &s);
		check_score(&b, &p, &s, valid);
		if (c2g_beacon_decide(&b, &p, &s, t)) {
			if (exempt || !valid || s.score < p.threshold ||
			    (alerted && (t < last_alert ||
					 t - last_alert < p.holddown_ms)))
				abort();
			alerted = true;
			last_alert = t;
		}
	}
	return 0;
}
