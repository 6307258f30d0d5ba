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
 * A job holds the settings, the instance and group, then one or more
 * calls, each a `call` entry followed by its `partition` and `topic`
 * entries: one call for the tools' flags, every call of a plan for
 * --from-file. The image makes them in order on one client and one
 * kept-alive connection, and stops after the first that is not applied.
 * Each call's report is one `report` entry holding a report, written as
 * soon as the call ends, so the host tool shows each as it comes.
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

/* Largest job (a plan's calls: about 12000 partitions) and report, in
 * bytes. The QEMU board has 4 MiB of RAM; a product's board would take
 * its calls one by one from its own source instead. */
#define CK_QEMU_JOB_MAX    (512u * 1024u)
#define CK_QEMU_REPORT_MAX 8192

/* Room for a report entry's own head, "report <length>\n". */
#define CK_QEMU_REPORT_HEAD_MAX 32

/* Everything one run of the image needs from the host tool. */
typedef struct {
	ck_api_settings api;       /* as the command line gave them */
	const char *connect_host;  /* dotted quad as the guest reaches it */
	uint16_t connect_port;     /* 1..65535 */
	const char *cacert_path;   /* host file the image reads; NULL: the
	                              compiled-in anchors */
	bool dry_run;              /* prepare only */
	ck_offsets_request request;/* instance, group and the current call */
	ck_partition_offset partitions[CK_MAX_PARTITIONS];
	ck_span topics[CK_MAX_TOPICS];
	size_t call_count;         /* decoded: calls in the job */
	size_t call_index;         /* decoded: the current call, 0-based */
	const char *next_call;     /* decoded: where the next call starts */
	const char *end;
} ck_qemu_job;

/*
 * Write `job` (its settings, and job->request, whose arrays may be
 * anywhere, as the first call) into `buf`; *len is the job's length.
 * CK_ERR_BUFFER_TOO_SMALL when it does not fit `cap`;
 * CK_ERR_INVALID_ARGUMENT for NULL arguments or a request with more
 * partitions or topics than the image holds.
 */
ck_result ck_qemu_job_encode(const ck_qemu_job *job, char *buf, size_t cap,
	size_t *len);

/*
 * Append one more call, `req`'s partitions and topics, to the job of *len
 * bytes in `buf`; errors as ck_qemu_job_encode's, *len unchanged then.
 */
ck_result ck_qemu_job_add_call(const ck_offsets_request *req, char *buf,
	size_t cap, size_t *len);

/*
 * Read the job in `buf` into *job, every call checked, the first one in
 * job->request. Decodes in place: the strings of job->api and the
 * request's spans point into `buf`, each NUL-terminated there, so `buf`
 * must outlive *job. CK_ERR_INVALID_ARGUMENT for anything malformed,
 * unknown, out of range or over the image's capacities, or no call.
 */
ck_result ck_qemu_job_decode(char *buf, size_t len, ck_qemu_job *job);

/*
 * The next call of a decoded job into job->request (the arrays of the one
 * before are reused); false when there is none.
 */
bool ck_qemu_job_next_call(ck_qemu_job *job);

/* The report as the host tool reads it back; spans point into its text. */
typedef struct {
	uint64_t call;             /* 0-based index of the call in the job */
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
 * Write `report` (the image's, of call `call`) into `buf`; *len its
 * length. CK_ERR_BUFFER_TOO_SMALL when it does not fit.
 */
ck_result ck_qemu_report_encode(const ck_board_report *report, uint64_t call,
	char *buf, size_t cap, size_t *len);

/*
 * The head of the `report` entry that carries a report of `len` bytes
 * (then the report, then "\n"), into `out`; returns its length.
 */
size_t ck_qemu_report_head(size_t len, char out[CK_QEMU_REPORT_HEAD_MAX]);

/*
 * The first `report` entry of the `len` bytes at `buf` (what has come so
 * far): 1 with the report in *report and the entry's size in *used; 0
 * when the entry is not complete yet; -1 when it is not a report entry or
 * is larger than CK_QEMU_REPORT_MAX.
 */
int ck_qemu_report_take(const char *buf, size_t len, size_t *used,
	ck_span *report);

/*
 * Read a report. CK_ERR_INVALID_ARGUMENT when it is malformed or lacks
 * the result; the spans of *out point into `buf`.
 */
ck_result ck_qemu_report_decode(const char *buf, size_t len,
	ck_qemu_report *out);

#endif /* CK_QEMU_JOB_H */
