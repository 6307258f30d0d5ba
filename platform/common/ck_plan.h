/*
 * ck_plan.h -- an offsets plan: the lines of Kafka's reset-offsets CSV
 * (`kafka-consumer-groups.sh --reset-offsets --from-file` reads them,
 * `--export` writes them), checked as a whole and turned into the fewest
 * BatchModifyGroupOffsets calls the API allows.
 *
 * The file: one `TOPIC,PARTITION,OFFSET` a line; blank lines and lines
 * starting with `#` are skipped; spaces and tabs around a field, a CR
 * before the LF and a UTF-8 byte order mark at the start are tolerated. A
 * header line is not Kafka's and is refused. The same topic and partition
 * may come twice only with the same offset.
 *
 * The calls: the API applies one Partitions list to every TopicName of a
 * call, so a call carries the topics whose partition/offset lists are
 * identical. A topic's list, sorted by partition, is cut into pieces of
 * CK_MAX_PARTITIONS (fewer when the body, CK_REQUEST_BODY_MAX, would not
 * hold them); pieces with the same list share a call, up to CK_MAX_TOPICS
 * topics and the body's size. Every call names its topics: a call without
 * TopicName would reset every topic of the group. Calls are numbered in
 * the order of the file's lines.
 *
 * The capacities of ck_config.h are the build's: a firmware-sized build
 * (the QEMU tool) splits by the firmware's.
 *
 * Host only (stdio for the messages, qsort); static storage, no heap. One
 * plan is large (about 16 MiB, most of it the text; pages are touched only
 * as far as a file needs them): make it static.
 */
#ifndef CK_PLAN_H
#define CK_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ck_client.h"

/* Largest plan file, in bytes. */
#define CK_PLAN_FILE_MAX (8u * 1024u * 1024u)

/* Most lines of offsets (duplicates included) one plan holds. */
#define CK_PLAN_LINES_MAX 65536u

/* Errors shown before the rest are only counted. */
#define CK_PLAN_ERRORS_SHOWN 20u

/* What came of a call, and so of each of its lines. */
typedef enum {
	CK_PLAN_NOT_SENT = 0,      /* not attempted: the plan stopped before */
	CK_PLAN_APPLIED,
	CK_PLAN_NOT_APPLIED,       /* refused by the API, or never complete */
	CK_PLAN_UNKNOWN            /* sent; no valid answer */
} ck_plan_status;

typedef struct {
	uint32_t line;             /* 1-based line number in the file */
	uint32_t entry;
	uint32_t next_in_call;     /* index + 1 of the next line of its call */
} ck_plan_line;

typedef struct {
	uint32_t topic;            /* index into topics */
	int32_t partition;
	int64_t offset;
	uint32_t line;             /* the first line that gave it */
	uint32_t call;
} ck_plan_entry;

typedef struct {
	ck_span name;              /* into the plan's text */
	uint32_t line;             /* where it first appears */
} ck_plan_topic;

typedef struct {
	uint32_t topic;
	uint32_t start;            /* into order[] */
	uint32_t count;
	uint32_t next;             /* index + 1 of the next chunk of its call */
} ck_plan_chunk;

typedef struct {
	uint32_t first_chunk, last_chunk;
	uint32_t topic_count;
	uint32_t first_line, last_line; /* index + 1 into lines[], in order */
	ck_plan_status status;
} ck_plan_call;

#define CK_PLAN_HASH_SLOTS (2u * CK_PLAN_LINES_MAX)

typedef struct {
	const char *path;          /* as given to --from-file ("-": stdin) */
	char text[CK_PLAN_FILE_MAX];
	size_t text_len;
	ck_plan_line lines[CK_PLAN_LINES_MAX];
	size_t line_count;
	ck_plan_entry entries[CK_PLAN_LINES_MAX];
	size_t entry_count;
	ck_plan_topic topics[CK_PLAN_LINES_MAX];
	size_t topic_count;
	uint32_t order[CK_PLAN_LINES_MAX];     /* entries by topic, partition */
	ck_plan_chunk chunks[CK_PLAN_LINES_MAX];
	size_t chunk_count;
	ck_plan_call calls[CK_PLAN_LINES_MAX];
	size_t call_count;
	uint32_t topic_slots[CK_PLAN_HASH_SLOTS];
	uint32_t entry_slots[CK_PLAN_HASH_SLOTS];
	uint32_t call_slots[CK_PLAN_HASH_SLOTS];
} ck_plan;

/*
 * Read the plan file `path` ("-": standard input) into p->text: at most
 * CK_PLAN_FILE_MAX bytes, not a directory. On failure prints
 * "PROG: --from-file 'PATH' ..." to `err` and returns false.
 */
bool ck_plan_read(ck_plan *p, const char *prog, const char *path, FILE *err);

/*
 * Check the text in p->text (ck_plan_read, or put there by a test) and
 * group it into calls for `instance` and `group`. Every fault is printed
 * to `err` as "PROG: --from-file 'PATH' line N: ..." (the first
 * CK_PLAN_ERRORS_SHOWN, then how many more) and false returned: nothing
 * may be sent.
 */
bool ck_plan_build(ck_plan *p, const char *prog, ck_span instance,
	ck_span group, FILE *err);

/*
 * Call `i`'s request: instance and group as given, its partitions and
 * topics into the caller's arrays (which the request then points at).
 */
void ck_plan_request(const ck_plan *p, size_t i, ck_span instance,
	ck_span group, ck_partition_offset parts[CK_MAX_PARTITIONS],
	ck_span topics[CK_MAX_TOPICS], ck_offsets_request *req);

/* Call `call`'s line numbers as ranges, e.g. "1-4,7". */
void ck_plan_put_call_lines(FILE *f, const ck_plan *p, size_t call);

/* The line numbers of every call with `status`, as ranges; "" if none. */
void ck_plan_put_status_lines(FILE *f, const ck_plan *p,
	ck_plan_status status);

/* How many lines of offsets have calls with `status`. */
size_t ck_plan_status_count(const ck_plan *p, ck_plan_status status);

#endif /* CK_PLAN_H */
