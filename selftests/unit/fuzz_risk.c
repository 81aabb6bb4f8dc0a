// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target for kmod/risk.c.
 *
 * The input is a script of evidence and clock steps on one host, under
 * parameters from its first bytes.  Whatever it says: no share passes its
 * kind's cap, the risk never passes the sum of the caps, a piece adds at
 * most its weight, the risk never grows without evidence, and an alert
 * comes only at or over the threshold, and again only after the risk fell
 * under half of it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "risk.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct c2g_risk_params p;
	struct c2g_risk r;
	u64 now = 0, caps = 0;
	unsigned int k;
	u32 added, before, after;
	bool over;

	if (size < 6)
		return 0;
	p.threshold = (u32)(data[0] | data[1] << 8) % (C2G_RISK_THRESHOLD_MAX + 1);
	p.half_life_ms = C2G_RISK_HALF_LIFE_MIN_MS +
			 (u32)(data[2] | data[3] << 8 | data[4] << 16) * 37u;
	if (p.half_life_ms > C2G_RISK_HALF_LIFE_MAX_MS)
		p.half_life_ms = C2G_RISK_HALF_LIFE_MAX_MS;
	for (k = 0; k < C2G_RISK_KINDS; k++)
		caps += c2g_risk_cap[k];
	c2g_risk_init(&r, now);
	for (data += 5, size -= 5; size >= 2; data += 2, size -= 2) {
		if (data[0] & 0x80) {
			/* a clock step: up to ~2.3 hours, or back a little */
			u64 step = (u64)(data[0] & 0x7f) << 8 | data[1];

			before = c2g_risk_points(&r, &p, now);
			if (data[1] & 1 && now > step) {
				now -= step;	/* reads as "no later" */
				continue;
			}
			now += step * 256;
			after = c2g_risk_points(&r, &p, now);
			if (after > before)
				abort();
			continue;
		}
		before = c2g_risk_points(&r, &p, now);
		over = r.over;
		k = data[0] % (C2G_RISK_KINDS + 1);
		if (c2g_risk_add(&r, &p, k, now, &added)) {
			/* over and not fallen under half: no alert */
			if (!p.threshold || (over && 2 * before > p.threshold + 2) ||
			    c2g_risk_points(&r, &p, now) + 1 < p.threshold)
				abort();
		}
		after = c2g_risk_points(&r, &p, now);
		if (k == C2G_RISK_KINDS ? added : added > c2g_risk_weight[k])
			abort();
		if (after > before + added + 1 || after > caps)
			abort();
		for (k = 0; k < C2G_RISK_KINDS; k++)
			if (r.part[k] > (u32)c2g_risk_cap[k] * C2G_RISK_MILLI)
				abort();
	}
	return 0;
}
