/*
 * ck_qemu_job.h -- what the host tool (platform/qemu/) and the QEMU board's
 * image say to each other: the job going in, the report coming out.
 *
 * Both are lists of entries, each `<key> <length>\n<length bytes>\n`: keys
 * are lowercase words, values any bytes (a group name may hold a newline
 * or a tab), numbers are decimal text. The format has a version in its
 * first entry; both sides compile this one file, so they cannot disagree
 * about it.
 *
 * The job travels through a pipe the image opens by semihosting; it holds
 * the secret key, so it never touches a file system or a command line.
 * Freestanding: no heap, no stdio; the same code runs on the host and on
 * the board.
 */
#ifndef CK_QEMU_JOB_H
#define CK_QEMU_JOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ck_api_settings.h"
#include "ck_board.h"
#include "ck_client.h"

/* Largest job and report, in bytes. */
#define CK_QEMU_JOB_MAX    8192
#define CK_QEMU_REPORT_MAX 8192

/* Everything one run of the image needs from the host tool. */
typedef struct {
	ck_api_settings api;       /* as the command line gave them */
	const char *connect_host;  /* dotted quad as the guest reaches it */
	uint16_t connect_port;     /* 1..65535 */
	const char *cacert_path;   /* host file the image reads; NULL: the
	                              compiled-in anchors */
	bool dry_run;              /* prepare only */
	ck_offsets_request request;
	ck_partition_offset partitions[CK_MAX_PARTITIONS];
	ck_span topics[CK_MAX_TOPICS];
} ck_qemu_job;

/*
 * Write `job` (its request from job->request, whose arrays may be anywhere)
 * into `buf`; *len is the job's length. CK_ERR_BUFFER_TOO_SMALL when it
 * does not fit `cap`; CK_ERR_INVALID_ARGUMENT for NULL arguments or a
 * request with more partitions or topics than the image holds.
 */
ck_result ck_qemu_job_encode(const ck_qemu_job *job, char *buf, size_t cap,
	size_t *len);

/*
 * Read the job in `buf` into *job. Decodes in place: the strings of
 * job->api and the request's spans point into `buf`, each NUL-terminated
 * there, so `buf` must outlive *job. CK_ERR_INVALID_ARGUMENT for anything
 * malformed, unknown, out of range or over the image's capacities.
 */
ck_result ck_qemu_job_decode(char *buf, size_t len, ck_qemu_job *job);

/* The report as the host tool reads it back; spans point into its text. */
typedef struct {
	int32_t result;            /* a ck_result */
	ck_span what;              /* empty: the call ran (report.what NULL) */
	ck_offsets_response response;
	ck_span head, body;        /* dry run */
	int tls_error;
	uint64_t stack_used, stack_size;
	uint64_t call_cpu_ns;
	uint64_t open_cpu_ns[CK_BOARD_REPORT_OPENS];
	unsigned opens;
} ck_qemu_report;

/*
 * Write `report` (the image's) into `buf`; *len its length.
 * CK_ERR_BUFFER_TOO_SMALL when it does not fit.
 */
ck_result ck_qemu_report_encode(const ck_board_report *report, char *buf,
	size_t cap, size_t *len);

/*
 * Read a report. CK_ERR_INVALID_ARGUMENT when it is malformed or lacks
 * the result; the spans of *out point into `buf`.
 */
ck_result ck_qemu_report_decode(const char *buf, size_t len,
	ck_qemu_report *out);

#endif /* CK_QEMU_JOB_H */
