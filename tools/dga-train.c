// SPDX-License-Identifier: GPL-2.0
/*
 * Train c2guard's DGA model (kmod/dga.h) and write kmod/dga-model.c.
 *
 *   dga-train [-o kmod/dga-model.c] [-w WORDS] DGA_FILE BENIGN_FILE
 *
 * Logistic regression over the features kmod/dga.c extracts (the same
 * function, linked in), trained by AdaGrad with L2 decay in a fixed
 * order, so the same data give the same model, byte for byte.  Before the
 * final model it runs a K-fold cross-validation of the whole procedure
 * (training, int8 quantization, integer score) and picks the default
 * threshold from the out-of-fold scores: the lowest that keeps precision
 * at least -p (default 0.97).  It prints what it measured; the cross-
 * validated figures are the honest ones, the in-sample ones are optimistic.
 *
 * -w adds a word list (e.g. wamerican's /usr/share/dict/words) as benign
 * labels of weight -W (default 0.25): English words are what people pick.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dga.h"

struct sample {
	u16 idx[C2G_DGA_FEAT_MAX];
	u16 n;
	u8 y;		/* 1: DGA */
	u8 scored;	/* 0: c2g_dga_score() gives 0 without the model */
	u8 fold;
	float weight;
	char *name;
};

struct model {
	double w[C2G_DGA_SLOTS];
	double b;
};


static struct sample *samples;
static size_t nsamples, cap;
static unsigned int epochs = 12, kfold = 5;
static double l2 = 1e-6, rate = 0.02, target = 0.97, word_weight = 0.25;

static u64 rng = 0x9e3779b97f4a7c15ull;

static u64 next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void add_name(const char *line, int y, float weight, bool word)
{
	char name[253 + 1];
	struct c2g_psl_split sp;
	struct sample *s;
	size_t n = 0;

	for (; *line && !isspace((unsigned char)*line); line++) {
		if (n == sizeof(name) - 1)
			return;
		name[n++] = (char)tolower((unsigned char)*line);
	}
	if (n && name[n - 1] == '.')
		n--;
	if (!n)
		return;
	name[n] = 0;
	if (nsamples == cap) {
		cap = cap ? 2 * cap : 4096;
		samples = realloc(samples, cap * sizeof(*samples));
		if (!samples) {
			perror("dga-train");
			exit(1);
		}
	}
	s = &samples[nsamples];
	memset(s, 0, sizeof(*s));
	s->y = (u8)y;
	s->weight = weight;
	s->name = strdup(name);
	if (word) {
		/* a word as if registered under .com */
		if (n < 4 || n > 63)
			return;
		s->n = (u16)c2g_dga_features(name, n, "com", 3, false, s->idx);
		s->scored = 1;
		s->fold = 255;	/* always training data, never evaluated */
		nsamples++;
		return;
	}
	if (c2g_psl_split(name, n, &sp) && sp.reg_len >= 4 &&
	    memcmp(name + sp.reg, "xn--", 4)) {
		s->n = (u16)c2g_dga_features(name + sp.reg, sp.reg_len,
					      name + sp.sfx, n - sp.sfx,
					      sp.dyn, s->idx);
		s->scored = 1;
	}
	s->fold = (u8)(next_rand() % kfold);
	nsamples++;
}

static size_t read_list(const char *path, int y, float weight, bool word)
{
	size_t before = nsamples;
	char line[1024];
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "dga-train: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (word) {
			const char *p;

			/* plain lower-case words only: no names, no "'s" */
			for (p = line; *p >= 'a' && *p <= 'z'; p++)
				;
			if (*p != '\n')
				continue;
		}
		add_name(line, y, weight, word);
	}
	fclose(f);
	return nsamples - before;
}

static double dot(const struct model *m, const struct sample *s)
{
	double z = m->b;
	unsigned int i;

	for (i = 0; i < s->n; i++)
		z += m->w[s->idx[i]];
	return z;
}

/* Train on every sample whose fold is not @hold (255: train on all). */
static void train(struct model *m, unsigned int hold)
{
	static double g2[C2G_DGA_SLOTS];
	double gb2 = 0;
	size_t *order = malloc(nsamples * sizeof(*order));
	size_t i, n = 0;
	unsigned int e, k;

	if (!order) {
		perror("dga-train");
		exit(1);
	}
	memset(m, 0, sizeof(*m));
	memset(g2, 0, sizeof(g2));
	for (i = 0; i < nsamples; i++)
		if (samples[i].scored && samples[i].fold != hold)
			order[n++] = i;
	rng = 0x2545f4914f6cdd1dull;
	for (e = 0; e < epochs; e++) {
		for (i = n - 1; i > 0; i--) {
			size_t j = next_rand() % (i + 1), t = order[i];

			order[i] = order[j];
			order[j] = t;
		}
		for (i = 0; i < n; i++) {
			const struct sample *s = &samples[order[i]];
			double p = 1 / (1 + exp(-dot(m, s)));
			double g = (p - s->y) * s->weight;

			for (k = 0; k < s->n; k++) {
				double *w = &m->w[s->idx[k]];
				double gk = g + l2 * *w;

				g2[s->idx[k]] += gk * gk;
				*w -= rate * gk / sqrt(g2[s->idx[k]] + 1e-8);
			}
			gb2 += g * g;
			m->b -= rate * g / sqrt(gb2 + 1e-8);
		}
	}
	free(order);
}

static void quantize(const struct model *m, struct c2g_dga_model *q)
{
	double max = 0, scale;
	unsigned int i, s;

	for (i = 0; i < C2G_DGA_SLOTS; i++)
		if (fabs(m->w[i]) > max)
			max = fabs(m->w[i]);
	scale = max > 0 ? 127 / max : 1;
	for (i = 0; i < C2G_DGA_SLOTS; i++)
		q->w[i] = (s8)lround(m->w[i] * scale);
	q->bias = (s32)lround(m->b * scale);
	/* step[s]: the least integer z with 100 * sigmoid(z / q) >= s + 0.5 */
	for (s = 0; s < 100; s++) {
		double p = (s + 0.5) / 100;

		q->step[s] = (s32)ceil(log(p / (1 - p)) * scale);
	}
}

static unsigned int qscore(const struct c2g_dga_model *q,
			   const struct sample *s)
{
	s32 z = q->bias;
	unsigned int i, score = 0;

	if (!s->scored)
		return 0;
	for (i = 0; i < s->n; i++)
		z += q->w[s->idx[i]];
	while (score < 100 && z >= q->step[score])
		score++;
	return score;
}

struct counts {
	size_t tp[101], fp[101], pos, neg;	/* [t]: flagged at score >= t */
};

static void count(struct counts *c, const struct sample *s,
		  unsigned int score)
{
	unsigned int t;

	if (s->y)
		c->pos++;
	else
		c->neg++;
	for (t = 0; t <= 100 && t <= score; t++) {
		if (s->y)
			c->tp[t]++;
		else
			c->fp[t]++;
	}
}

static double precision(const struct counts *c, unsigned int t)
{
	return c->tp[t] + c->fp[t] ?
		(double)c->tp[t] / (double)(c->tp[t] + c->fp[t]) : 1;
}

static double recall(const struct counts *c, unsigned int t)
{
	return c->pos ? (double)c->tp[t] / (double)c->pos : 0;
}

static void report(const char *what, const struct counts *c, unsigned int t)
{
	printf("%s at threshold %u: precision %.4f recall %.4f "
	       "(%zu of %zu DGA flagged, %zu of %zu benign flagged)\n",
	       what, t, precision(c, t), recall(c, t), c->tp[t], c->pos,
	       c->fp[t], c->neg);
}

static int write_model(const char *path, const struct c2g_dga_model *q,
		       unsigned int threshold, const char *cmd)
{
	FILE *f = fopen(path, "w");
	unsigned int i;

	if (!f) {
		fprintf(stderr, "dga-train: %s: %s\n", path, strerror(errno));
		return 1;
	}
	fprintf(f, "// SPDX-License-Identifier: GPL-2.0\n/*\n"
		" * Generated by tools/dga-train.c: do not edit (\"make dga-model\").\n"
		" * %s\n"
		" * %u epochs, L2 %g, rate %g, %u folds, precision target %.2f.\n"
		" */\n#include \"dga.h\"\n\n", cmd, epochs, l2, rate, kfold,
		target);
	fprintf(f, "const struct c2g_dga_model c2g_dga_model = {\n");
	fprintf(f, "\t.bias = %d,\n", q->bias);
	fprintf(f, "\t.threshold = %u,\n", threshold);
	fprintf(f, "\t.step = {\n");
	for (i = 0; i < 100; i++)
		fprintf(f, "%s%d,%s", i % 10 ? " " : "\t\t", q->step[i],
			i % 10 == 9 ? "\n" : "");
	fprintf(f, "\t},\n\t.w = {\n");
	for (i = 0; i < C2G_DGA_SLOTS; i++)
		fprintf(f, "%s%d,%s", i % 16 ? " " : "\t\t", q->w[i],
			i % 16 == 15 ? "\n" : "");
	fprintf(f, "\t},\n};\n");
	if (fclose(f)) {
		fprintf(stderr, "dga-train: %s: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: dga-train [-o OUT.c] [-w WORDS [-W weight]] "
		"[-e epochs] [-l l2] [-r rate] [-k folds] [-p precision] "
		"DGA_FILE BENIGN_FILE\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static struct model m;
	static struct c2g_dga_model q;
	const char *out = NULL, *words = NULL;
	FILE *dump = NULL;
	struct counts cv, all;
	char cmd[512];
	unsigned int fold, t, threshold = 100;
	size_t i, nd, nb, nw = 0;
	int opt;

	while ((opt = getopt(argc, argv, "o:w:W:e:l:r:k:p:d:")) != -1) {
		switch (opt) {
		case 'o': out = optarg; break;
		case 'w': words = optarg; break;
		case 'W': word_weight = atof(optarg); break;
		case 'e': epochs = (unsigned int)atoi(optarg); break;
		case 'l': l2 = atof(optarg); break;
		case 'r': rate = atof(optarg); break;
		case 'k': kfold = (unsigned int)atoi(optarg); break;
		case 'p': target = atof(optarg); break;
		case 'd':
			dump = fopen(optarg, "w");
			if (!dump) {
				perror(optarg);
				return 1;
			}
			break;
		default: usage();
		}
	}
	if (argc - optind != 2 || kfold < 2 || kfold > 20 || !epochs)
		usage();
	nd = read_list(argv[optind], 1, 1, false);
	nb = read_list(argv[optind + 1], 0, 1, false);
	if (words)
		nw = read_list(words, 0, (float)word_weight, true);
	printf("dga-train: %zu DGA names, %zu benign names, %zu words\n",
	       nd, nb, nw);

	memset(&cv, 0, sizeof(cv));
	for (fold = 0; fold < kfold; fold++) {
		train(&m, fold);
		quantize(&m, &q);
		for (i = 0; i < nsamples; i++)
			if (samples[i].fold == fold) {
				unsigned int sc = qscore(&q, &samples[i]);

				count(&cv, &samples[i], sc);
				if (dump)
					fprintf(dump, "%u %u %s\n", samples[i].y,
						sc, samples[i].name);
			}
	}
	for (t = 1; t <= 100; t++)
		if (precision(&cv, t) >= target) {
			threshold = t;
			break;
		}
	printf("cross-validated (%u folds, int8 model):\n", kfold);
	for (t = 10; t < 100; t += 10)
		report("  cv", &cv, t);
	report("  cv chosen", &cv, threshold);

	train(&m, 255);
	quantize(&m, &q);
	memset(&all, 0, sizeof(all));
	for (i = 0; i < nsamples; i++)
		if (samples[i].fold != 255)
			count(&all, &samples[i], qscore(&q, &samples[i]));
	report("in-sample (optimistic)", &all, threshold);

	if (!out)
		return 0;
	snprintf(cmd, sizeof(cmd), "From %s and %s%s%s.", argv[optind],
		 argv[optind + 1], words ? ", words from " : "",
		 words ? words : "");
	return write_model(out, &q, threshold, cmd);
}
