// SPDX-License-Identifier: GPL-2.0
/*
 * nDPI's DGA verdict on every name of a file, to measure c2guard's score
 * against it (dga_eval.sh).  Prints "FLAG NAME" per name, FLAG 1 when
 * ndpi_check_dga_name() says DGA.  Needs Debian's libndpi-dev.
 */
#include <stdio.h>
#include <string.h>

#include <ndpi/ndpi_api.h>

int main(int argc, char **argv)
{
	struct ndpi_detection_module_struct *ndpi;
	char line[512];
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: dga_ndpi FILE\n");
		return 2;
	}
	f = fopen(argv[1], "r");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	ndpi = ndpi_init_detection_module(ndpi_no_prefs);
	if (!ndpi) {
		fprintf(stderr, "dga_ndpi: nDPI did not initialise\n");
		return 1;
	}
	ndpi_finalize_initialization(ndpi);
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, " \t\r\n")] = 0;
		if (!line[0] || line[0] == '#')
			continue;
		printf("%d %s\n", ndpi_check_dga_name(ndpi, NULL, line, 1) ? 1 : 0,
		       line);
	}
	ndpi_exit_detection_module(ndpi);
	fclose(f);
	return 0;
}
