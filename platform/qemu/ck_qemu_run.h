/*
 * ck_qemu_run.h -- one run of the firmware image under QEMU's mps2-an386
 * machine, as the host tool (main_qemu.c) needs it: hand the image its
 * job, collect its report, its console and its exit status.
 *
 * The job reaches the image through a pipe it opens by semihosting
 * (/dev/fd/N), written while the image reads it, and the reports come
 * back through another, one entry per call as each ends: the secret key
 * in the job never touches a file system or a command line. The image's network is QEMU's
 * user mode: no root, no device on the host; the guest reaches the host's
 * 127.0.0.1 as 10.0.2.2.
 *
 * Host only (fork, exec, pipes, poll).
 */
#ifndef CK_QEMU_RUN_H
#define CK_QEMU_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ck_qemu_job.h"

/* Bytes of console output kept: the last ones, for a failure message. */
#define CK_QEMU_CONSOLE_TAIL 2048

typedef struct {
	const char *qemu;      /* the emulator: a path, or a name in PATH */
	const char *image;     /* the firmware ELF */
	bool icount;           /* -icount shift=0: one instruction, one ns */
	uint32_t watchdog_ms;  /* kill the run when no report came this long
	                          (the first: from the start) */
	/* Called with each report (the content of a `report` entry) as it
	 * arrives; the bytes are valid during the call only. */
	void (*on_report)(void *ctx, const char *report, size_t len);
	void *ctx;
} ck_qemu_run_options;

typedef struct {
	bool exited;           /* QEMU ended by itself (else killed) */
	int status;            /* its exit status, when it exited */
	bool timed_out;        /* the watchdog killed it */
	size_t reports;        /* how many came */
	bool report_malformed; /* what came on the report pipe was not a
	                          report entry (later ones are dropped) */
	char console[CK_QEMU_CONSOLE_TAIL + 1];/* serial and QEMU's own
	                                          messages, the last bytes */
	size_t console_len;
	uint64_t wall_ms;      /* from start to end of QEMU */
} ck_qemu_run_result;

/*
 * Run the image once on the job `job` (`len` bytes, at most
 * CK_QEMU_JOB_MAX). Returns 0 when QEMU ran, whatever came of it (see
 * *out and the reports), or -1 when it could not be started (*why says
 * why: no emulator, no image, out of processes...).
 */
int ck_qemu_run(const ck_qemu_run_options *o, const char *job, size_t len,
	ck_qemu_run_result *out, const char **why);

#endif /* CK_QEMU_RUN_H */
