/*
 * ck_request_encoder.c -- the JSON body of a BatchModifyGroupOffsets call.
 *
 * Two steps: check the whole request, then write it. Checking first means a
 * bad request is always reported as such, never as a buffer too small
 * because writing stopped before it reached the bad field; and since every
 * value is checked here, the body is written without checking any again.
 */
#include "ck_request_encoder.h"
#include "ck_json_string.h"
#include "ck_text.h"

/*
 * The API takes JSON strings, where NUL is legal, but no Kafka name or
 * CKafka id holds one, and a NUL is far likelier to be a C caller's
 * mistake (a length past the terminator) than a wish.
 */
static ck_result
check_text(ck_span s)
{
	if (s.len != 0 && memchr(s.ptr, '\0', s.len) != NULL) {
		return CK_ERR_INVALID_UTF8;
	}
	if (!ck_utf8_is_valid(s)) {
		return CK_ERR_INVALID_UTF8;
	}
	return CK_OK;
}

static ck_result
check_required_text(ck_span s)
{
	if (!ck_span_is_valid(s)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (s.len == 0) {
		return CK_ERR_MISSING_FIELD;
	}
	return CK_OK;
}

/* Counts and array pointers, before any element is looked at. */
static ck_result
check_shape(const ck_offsets_request *req)
{
	ck_result r;

	r = check_required_text(req->group_name);
	if (r != CK_OK) {
		return r;
	}
	r = check_required_text(req->instance_id);
	if (r != CK_OK) {
		return r;
	}
	if (req->partition_count == 0) {
		return CK_ERR_MISSING_FIELD;
	}
	if (req->partition_count > CK_MAX_PARTITIONS) {
		return CK_ERR_TOO_MANY_PARTITIONS;
	}
	if (req->partitions == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	if (req->topic_count > CK_MAX_TOPICS) {
		return CK_ERR_TOO_MANY_TOPICS;
	}
	if (req->topic_count != 0 && req->topics == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	return CK_OK;
}

/*
 * Pairwise comparison: at most CK_MAX_PARTITIONS^2 / 2 steps, and no memory
 * to sort into.
 */
static ck_result
check_partitions(const ck_partition_offset *p, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		if (p[i].partition < 0 || p[i].offset < 0) {
			return CK_ERR_INVALID_ARGUMENT;
		}
		for (j = 0; j < i; j++) {
			if (p[j].partition == p[i].partition) {
				return CK_ERR_INVALID_ARGUMENT;
			}
		}
	}
	return CK_OK;
}

static ck_result
check_topics(const ck_span *t, size_t n)
{
	size_t i, j;
	ck_result r;

	for (i = 0; i < n; i++) {
		if (!ck_span_is_valid(t[i]) || t[i].len == 0) {
			return CK_ERR_INVALID_ARGUMENT;
		}
		r = check_text(t[i]);
		if (r != CK_OK) {
			return r;
		}
		for (j = 0; j < i; j++) {
			/* Both checked readable and non-empty above. */
			if (t[j].len == t[i].len
				&& memcmp(t[j].ptr, t[i].ptr, t[i].len) == 0) {
				return CK_ERR_INVALID_ARGUMENT;
			}
		}
	}
	return CK_OK;
}

static ck_result
check_request(const ck_offsets_request *req)
{
	ck_result r;

	r = check_shape(req);
	if (r != CK_OK) {
		return r;
	}
	r = check_text(req->group_name);
	if (r != CK_OK) {
		return r;
	}
	r = check_text(req->instance_id);
	if (r != CK_OK) {
		return r;
	}
	r = check_partitions(req->partitions, req->partition_count);
	if (r != CK_OK) {
		return r;
	}
	return check_topics(req->topics, req->topic_count);
}

/* A literal piece of the body. */
#define PUT(b, lit) ck_buf_append((b), (lit), sizeof(lit) - 1)

/* A number checked to be non-negative. */
static void
put_number(ck_buf *b, int64_t v)
{
	char digits[CK_TEXT_DEC_MAX];

	ck_buf_append(b, digits, ck_text_dec((uint64_t)v, 0, digits));
}

ck_result
ck_request_encode(const ck_offsets_request *req, char *buf, size_t cap,
	ck_span *body)
{
	ck_buf b;
	ck_result r;
	size_t i;

	if (body != NULL) {
		*body = CK_SPAN_EMPTY;
	}
	if (req == NULL || body == NULL || (buf == NULL && cap != 0)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	r = check_request(req);
	if (r != CK_OK) {
		return r;
	}
	/*
	 * The body's shape is fixed and every value in it checked above, so
	 * it is written piece by piece: the JSON writer's nesting and its
	 * checks would find nothing here to catch.
	 */
	b = ck_buf_make(buf, cap);
	PUT(&b, "{\"GroupName\":");
	ck_json_put_string(&b, req->group_name);
	PUT(&b, ",\"InstanceId\":");
	ck_json_put_string(&b, req->instance_id);
	PUT(&b, ",\"Partitions\":[");
	for (i = 0; i < req->partition_count; i++) {
		if (i != 0) {
			PUT(&b, ",");
		}
		PUT(&b, "{\"Partition\":");
		put_number(&b, req->partitions[i].partition);
		PUT(&b, ",\"Offset\":");
		put_number(&b, req->partitions[i].offset);
		PUT(&b, "}");
	}
	PUT(&b, "]");
	/* The API reads an absent TopicName as every topic of the group; what
	 * it makes of an empty array is undocumented, so none is ever sent. */
	if (req->topic_count != 0) {
		PUT(&b, ",\"TopicName\":[");
		for (i = 0; i < req->topic_count; i++) {
			if (i != 0) {
				PUT(&b, ",");
			}
			ck_json_put_string(&b, req->topics[i]);
		}
		PUT(&b, "]");
	}
	if (!PUT(&b, "}")) {
		return CK_ERR_BUFFER_TOO_SMALL;
	}
	*body = ck_buf_span(&b);
	return CK_OK;
}
