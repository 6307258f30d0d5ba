/*
 * ck_request_encoder.h -- the JSON body of a BatchModifyGroupOffsets call.
 *
 * Body shape (field order fixed, no whitespace):
 *   {"GroupName":"..","InstanceId":"..",
 *    "Partitions":[{"Partition":0,"Offset":42},...],
 *    "TopicName":["t1",...]}            <- only when topics are given
 */
#ifndef CK_REQUEST_ENCODER_H
#define CK_REQUEST_ENCODER_H

#include <stddef.h>
#include <stdint.h>

#include "ck_config.h"
#include "ck_result.h"
#include "ck_span.h"

/* One partition and the offset to commit for it. */
typedef struct {
	int32_t partition; /* >= 0 */
	int64_t offset;    /* >= 0; up to INT64_MAX */
} ck_partition_offset;

/* What to change. Every span and array is the caller's and is only read. */
typedef struct {
	ck_span instance_id;                   /* required, e.g. "ckafka-abc123" */
	ck_span group_name;                    /* required */
	const ck_partition_offset *partitions; /* required, 1..CK_MAX_PARTITIONS */
	size_t partition_count;
	const ck_span *topics;                 /* optional; NULL/0 = all topics */
	size_t topic_count;                    /* 0..CK_MAX_TOPICS */
} ck_offsets_request;

/*
 * Check `req` and write its JSON body into `cap` bytes at `buf`; on CK_OK,
 * *body is the document (inside buf). Nothing is written past cap.
 *
 * Errors (then *body is empty, if `body` is not NULL):
 *   CK_ERR_INVALID_ARGUMENT     NULL req or body, NULL buf with a nonzero
 *                               cap, NULL pointer where an array is promised,
 *                               a span with a NULL pointer and a nonzero
 *                               length, a negative partition or offset, a
 *                               partition or topic given twice, an empty
 *                               topic name;
 *   CK_ERR_MISSING_FIELD        empty instance_id or group_name, no partition;
 *   CK_ERR_TOO_MANY_PARTITIONS  partition_count > CK_MAX_PARTITIONS;
 *   CK_ERR_TOO_MANY_TOPICS      topic_count > CK_MAX_TOPICS;
 *   CK_ERR_INVALID_UTF8         a string is not valid UTF-8, or holds NUL;
 *   CK_ERR_BUFFER_TOO_SMALL     the body does not fit in cap bytes.
 * The whole request is checked before anything is written, so every other
 * error takes precedence over CK_ERR_BUFFER_TOO_SMALL, whatever cap is.
 * Duplicates are found by comparing pairs: no memory beyond the stack frame.
 */
ck_result ck_request_encode(const ck_offsets_request *req, char *buf,
	size_t cap, ck_span *body);

#endif /* CK_REQUEST_ENCODER_H */
