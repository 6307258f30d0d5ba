/*
 * ck_qemu_job.c -- the job and report of the QEMU board (ck_qemu_job.h).
 */
#include "ck_qemu_job.h"

#include <string.h>

#include "ck_text.h"

#define FORMAT_VERSION "2"

/* Longest key; keys are [a-z_]. */
#define KEY_MAX 24

/* --- writing --------------------------------------------------------------- */

typedef struct {
	char *buf;
	size_t cap;
	size_t len;
	bool full;
} writer;

static void
put_raw(writer *w, const void *data, size_t n)
{
	if (w->full || n > w->cap - w->len) {
		w->full = true;
		return;
	}
	if (n > 0) {
		memcpy(w->buf + w->len, data, n);
	}
	w->len += n;
}

/* Decimal digits of `v` at the end of `out`; returns where they start. */
static char *
decimal(uint64_t v, char out[20])
{
	char digits[CK_TEXT_DEC_MAX];
	size_t n = ck_text_dec(v, 0, digits);

	memcpy(out + 20 - n, digits, n);
	return out + 20 - n;
}

static void
put(writer *w, const char *key, const char *value, size_t n)
{
	char digits[20];
	char *d = decimal(n, digits);

	put_raw(w, key, strlen(key));
	put_raw(w, " ", 1);
	put_raw(w, d, (size_t)(digits + sizeof digits - d));
	put_raw(w, "\n", 1);
	put_raw(w, value, n);
	put_raw(w, "\n", 1);
}

static void
put_str(writer *w, const char *key, const char *s)
{
	if (s != NULL) {
		put(w, key, s, strlen(s));
	}
}

static void
put_span(writer *w, const char *key, ck_span s)
{
	if (s.ptr != NULL && s.len > 0) {
		put(w, key, s.ptr, s.len);
	}
}

static void
put_i64(writer *w, const char *key, int64_t v)
{
	char digits[21];
	char *d;
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	d = decimal(mag, digits + 1);
	if (v < 0) {
		*--d = '-';
	}
	put(w, key, d, (size_t)(digits + sizeof digits - d));
}

static void
put_u64(writer *w, const char *key, uint64_t v)
{
	char digits[20];
	char *d = decimal(v, digits);

	put(w, key, d, (size_t)(digits + sizeof digits - d));
}

static ck_result
finish(const writer *w, size_t *len)
{
	if (w->full) {
		return CK_ERR_BUFFER_TOO_SMALL;
	}
	*len = w->len;
	return CK_OK;
}

/* --- reading ----------------------------------------------------------------- */

typedef struct {
	const char *p;
	const char *end;
} reader;

static bool
parse_u64(ck_span s, uint64_t max, uint64_t *out)
{
	/* At most UINT64_MAX's 20 digits, as the writer writes them. */
	return s.len <= 20 && ck_text_parse_dec(s, max, out);
}

static bool
parse_i64(ck_span s, int64_t min, int64_t max, int64_t *out)
{
	uint64_t mag;

	if (s.len > 0 && s.ptr[0] == '-') {
		if (!parse_u64(ck_span_make(s.ptr + 1, s.len - 1),
			(uint64_t)0 - (uint64_t)min, &mag)) {
			return false;
		}
		*out = mag == 0 ? 0 : -(int64_t)(mag - 1u) - 1;
		return true;
	}
	if (!parse_u64(s, max < 0 ? 0 : (uint64_t)max, &mag)) {
		return false;
	}
	*out = (int64_t)mag;
	return true;
}

/* The next entry: 1, with *key and *value; 0 at the end; -1 if malformed. */
static int
next_entry(reader *r, ck_span *key, ck_span *value)
{
	const char *sp, *nl;
	uint64_t n;

	if (r->p == r->end) {
		return 0;
	}
	sp = memchr(r->p, ' ', (size_t)(r->end - r->p));
	if (sp == NULL || sp == r->p || (size_t)(sp - r->p) > KEY_MAX) {
		return -1;
	}
	*key = ck_span_make(r->p, (size_t)(sp - r->p));
	nl = memchr(sp, '\n', (size_t)(r->end - sp));
	if (nl == NULL || !parse_u64(ck_span_make(sp + 1,
		(size_t)(nl - sp - 1)), (uint64_t)(r->end - nl - 1), &n)
		|| (size_t)(r->end - nl - 1) < n + 1 || nl[1 + n] != '\n') {
		return -1;
	}
	*value = ck_span_make(nl + 1, (size_t)n);
	r->p = nl + 2 + n;
	return 1;
}

static bool
key_is(ck_span key, const char *name)
{
	return ck_span_eq_str(key, name);
}

/* A value as a C string, terminated in place (the job's own buffer). */
static const char *
c_string(ck_span v)
{
	char *s = (char *)(uintptr_t)v.ptr;

	if (memchr(v.ptr, '\0', v.len) != NULL) {
		return NULL;   /* it would end early: refuse, never cut */
	}
	s[v.len] = '\0';   /* over the entry's closing newline */
	return s;
}

/* --- the job --------------------------------------------------------------- */

static bool
call_fits_the_image(const ck_offsets_request *req)
{
	return req->partition_count <= CK_MAX_PARTITIONS
		&& req->topic_count <= CK_MAX_TOPICS
		&& (req->partition_count == 0 || req->partitions != NULL)
		&& (req->topic_count == 0 || req->topics != NULL);
}

static void
put_call(writer *w, const ck_offsets_request *req)
{
	size_t i;

	put(w, "call", "", 0);
	for (i = 0; i < req->partition_count; i++) {
		char digits[21], *d;
		char entry[44];
		size_t n;

		d = decimal((uint64_t)(uint32_t)req->partitions[i].partition,
			digits);
		n = (size_t)(digits + 20 - d);
		memcpy(entry, d, n);
		entry[n++] = ' ';
		if (req->partitions[i].offset < 0) {
			entry[n++] = '-';
			d = decimal((uint64_t)0
				- (uint64_t)req->partitions[i].offset, digits);
		} else {
			d = decimal((uint64_t)req->partitions[i].offset,
				digits);
		}
		memcpy(entry + n, d, (size_t)(digits + 20 - d));
		n += (size_t)(digits + 20 - d);
		put(w, "partition", entry, n);
	}
	for (i = 0; i < req->topic_count; i++) {
		/* An empty topic name is the client's to refuse: keep it. */
		put(w, "topic", req->topics[i].ptr != NULL
			? req->topics[i].ptr : "", req->topics[i].len);
	}
}

ck_result
ck_qemu_job_add_call(const ck_offsets_request *req, char *buf, size_t cap,
	size_t *len)
{
	writer w;

	if (req == NULL || buf == NULL || len == NULL || *len > cap
		|| !call_fits_the_image(req)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	w.buf = buf;
	w.cap = cap;
	w.len = *len;
	w.full = false;
	put_call(&w, req);
	return finish(&w, len);
}

ck_result
ck_qemu_job_encode(const ck_qemu_job *job, char *buf, size_t cap,
	size_t *len)
{
	writer w = { buf, cap, 0, false };
	const ck_offsets_request *req;

	if (job == NULL || buf == NULL || len == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	req = &job->request;
	if (!call_fits_the_image(req)) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	put(&w, "version", FORMAT_VERSION, 1);
	put_str(&w, "endpoint", job->api.endpoint);
	put_str(&w, "region", job->api.region);
	put_str(&w, "secret_id", job->api.secret_id);
	put_str(&w, "secret_key", job->api.secret_key);
	put_str(&w, "session_token", job->api.session_token);
	put_str(&w, "language", job->api.language);
	put_u64(&w, "timeout_ms", job->api.timeout_ms);
	put_u64(&w, "deadline_ms", job->api.deadline_ms);
	put_str(&w, "connect_host", job->connect_host);
	put_u64(&w, "connect_port", job->connect_port);
	put_str(&w, "cacert", job->cacert_path);
	put_u64(&w, "dry_run", job->dry_run ? 1 : 0);
	put_span(&w, "instance_id", req->instance_id);
	put_span(&w, "group", req->group_name);
	put_call(&w, req);
	return finish(&w, len);
}

static bool
take_partition(ck_span v, ck_partition_offset *po)
{
	const char *sp = memchr(v.ptr, ' ', v.len);
	int64_t p, off;

	if (sp == NULL
		|| !parse_i64(ck_span_make(v.ptr, (size_t)(sp - v.ptr)),
			INT32_MIN, INT32_MAX, &p)
		|| !parse_i64(ck_span_make(sp + 1,
			(size_t)(v.ptr + v.len - sp - 1)), INT64_MIN, INT64_MAX,
			&off)) {
		return false;
	}
	po->partition = (int32_t)p;
	po->offset = off;
	return true;
}

/*
 * The call whose entries start at r->p (after its `call` entry) into
 * job->request, up to the next `call` or the end; false if malformed.
 */
static bool
read_call(reader *r, ck_qemu_job *job)
{
	ck_offsets_request *req = &job->request;
	ck_span key, v;

	req->partition_count = 0;
	req->topic_count = 0;
	while (r->p < r->end) {
		reader peek = *r;

		if (next_entry(&peek, &key, &v) != 1) {
			return false;
		}
		if (key_is(key, "call")) {
			break;
		}
		if (key_is(key, "partition")) {
			if (req->partition_count == CK_MAX_PARTITIONS
				|| !take_partition(v, &job->partitions[
					req->partition_count])) {
				return false;
			}
			req->partition_count++;
		} else if (key_is(key, "topic")) {
			if (req->topic_count == CK_MAX_TOPICS) {
				return false;
			}
			job->topics[req->topic_count++] = v;
		} else {
			return false;
		}
		*r = peek;
	}
	req->partitions = req->partition_count > 0 ? job->partitions : NULL;
	req->topics = req->topic_count > 0 ? job->topics : NULL;
	return true;
}

bool
ck_qemu_job_next_call(ck_qemu_job *job)
{
	reader r;
	ck_span key, v;

	if (job == NULL || job->next_call == NULL
		|| job->call_index + 1 >= job->call_count) {
		return false;
	}
	r.p = job->next_call;
	r.end = job->end;
	/* decode checked every call: the `call` entry, then its own. */
	if (next_entry(&r, &key, &v) != 1 || !read_call(&r, job)) {
		return false;
	}
	job->next_call = r.p;
	job->call_index++;
	return true;
}

ck_result
ck_qemu_job_decode(char *buf, size_t len, ck_qemu_job *job)
{
	reader r;
	ck_span key, v;
	uint64_t n;
	int got;
	bool versioned = false;
	ck_offsets_request *req;

	if (buf == NULL || job == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	memset(job, 0, sizeof *job);
	req = &job->request;
	r.p = buf;
	r.end = buf + len;
	while ((got = next_entry(&r, &key, &v)) == 1) {
		const char **str = NULL;

		if (key_is(key, "call") && versioned) {
			/* The calls: each checked now, the first kept. */
			const char *first = r.p;

			do {
				if (v.len != 0 || !read_call(&r, job)) {
					return CK_ERR_INVALID_ARGUMENT;
				}
				job->call_count++;
			} while ((got = next_entry(&r, &key, &v)) == 1
				&& key_is(key, "call"));
			if (got != 0) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			job->end = buf + len;
			r.p = first;
			read_call(&r, job);
			job->next_call = r.p;
			return CK_OK;
		}
		if (!versioned) {
			if (!key_is(key, "version")
				|| !ck_span_eq_str(v, FORMAT_VERSION)) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			versioned = true;
		} else if (key_is(key, "endpoint")) {
			str = &job->api.endpoint;
		} else if (key_is(key, "region")) {
			str = &job->api.region;
		} else if (key_is(key, "secret_id")) {
			str = &job->api.secret_id;
		} else if (key_is(key, "secret_key")) {
			str = &job->api.secret_key;
		} else if (key_is(key, "session_token")) {
			str = &job->api.session_token;
		} else if (key_is(key, "language")) {
			str = &job->api.language;
		} else if (key_is(key, "connect_host")) {
			str = &job->connect_host;
		} else if (key_is(key, "cacert")) {
			str = &job->cacert_path;
		} else if (key_is(key, "timeout_ms")) {
			if (!parse_u64(v, UINT32_MAX, &n)) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			job->api.timeout_ms = (uint32_t)n;
		} else if (key_is(key, "deadline_ms")) {
			if (!parse_u64(v, UINT32_MAX, &n)) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			job->api.deadline_ms = (uint32_t)n;
		} else if (key_is(key, "connect_port")) {
			if (!parse_u64(v, 65535, &n)) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			job->connect_port = (uint16_t)n;
		} else if (key_is(key, "dry_run")) {
			if (!parse_u64(v, 1, &n)) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			job->dry_run = n == 1;
		} else if (key_is(key, "instance_id")) {
			req->instance_id = v;
		} else if (key_is(key, "group")) {
			req->group_name = v;
		} else {
			return CK_ERR_INVALID_ARGUMENT;
		}
		if (str != NULL && (*str = c_string(v)) == NULL) {
			return CK_ERR_INVALID_ARGUMENT;
		}
	}
	/* Malformed, or no call at all: nothing for the image to do. */
	return CK_ERR_INVALID_ARGUMENT;
}

/* --- the report ---------------------------------------------------------------- */

ck_result
ck_qemu_report_encode(const ck_board_report *report, uint64_t call,
	char *buf, size_t cap, size_t *len)
{
	writer w = { buf, cap, 0, false };
	const ck_offsets_response *resp;
	unsigned i;

	if (report == NULL || buf == NULL || len == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	put(&w, "version", FORMAT_VERSION, 1);
	put_u64(&w, "call", call);
	put_i64(&w, "result", report->result);
	put_str(&w, "what", report->what);
	resp = report->response;
	if (resp != NULL) {
		put_span(&w, "request_id", resp->request_id);
		put_span(&w, "error_code", resp->error_code);
		put_span(&w, "error_message", resp->error_message);
		put_span(&w, "return_code", resp->return_code);
		put_span(&w, "return_message", resp->return_message);
		if (resp->has_flow_id) {
			put_i64(&w, "flow_id", resp->flow_id);
		}
		if (resp->has_route_id) {
			put_i64(&w, "route_id", resp->route_id);
		}
	}
	put_span(&w, "head", report->head);
	put_span(&w, "body", report->body);
	put_i64(&w, "tls_error", report->tls_error);
	put_u64(&w, "stack_used", report->stack_used);
	put_u64(&w, "stack_size", report->stack_size);
	put_u64(&w, "call_cpu_ns", report->call_cpu_ns);
	put_u64(&w, "opens", report->opens);
	for (i = 0; i < report->opens && i < CK_BOARD_REPORT_OPENS; i++) {
		put_u64(&w, "open_cpu_ns", report->open_cpu_ns[i]);
	}
	return finish(&w, len);
}

ck_result
ck_qemu_report_decode(const char *buf, size_t len, ck_qemu_report *out)
{
	reader r;
	ck_span key, v;
	int64_t n;
	int got;
	bool versioned = false, have_result = false;
	unsigned listed = 0;

	if (buf == NULL || out == NULL) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	memset(out, 0, sizeof *out);
	r.p = buf;
	r.end = buf + len;
	while ((got = next_entry(&r, &key, &v)) == 1) {
		ck_span *span = NULL;
		uint64_t *u64 = NULL;

		if (!versioned) {
			if (!key_is(key, "version")
				|| !ck_span_eq_str(v, FORMAT_VERSION)) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			versioned = true;
			continue;
		}
		if (key_is(key, "call")) {
			u64 = &out->call;
		} else if (key_is(key, "result")) {
			if (!parse_i64(v, 0, 999, &n)) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			out->result = (ck_result)n;
			have_result = true;
		} else if (key_is(key, "what")) {
			span = &out->what;
		} else if (key_is(key, "request_id")) {
			span = &out->response.request_id;
		} else if (key_is(key, "error_code")) {
			span = &out->response.error_code;
		} else if (key_is(key, "error_message")) {
			span = &out->response.error_message;
		} else if (key_is(key, "return_code")) {
			span = &out->response.return_code;
		} else if (key_is(key, "return_message")) {
			span = &out->response.return_message;
		} else if (key_is(key, "head")) {
			span = &out->head;
		} else if (key_is(key, "body")) {
			span = &out->body;
		} else if (key_is(key, "flow_id") || key_is(key, "route_id")) {
			bool flow = key_is(key, "flow_id");

			if (!parse_i64(v, INT64_MIN, INT64_MAX, &n)) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			if (flow) {
				out->response.has_flow_id = true;
				out->response.flow_id = n;
			} else {
				out->response.has_route_id = true;
				out->response.route_id = n;
			}
		} else if (key_is(key, "tls_error")) {
			if (!parse_i64(v, INT32_MIN, INT32_MAX, &n)) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			out->tls_error = (int)n;
		} else if (key_is(key, "stack_used")) {
			u64 = &out->stack_used;
		} else if (key_is(key, "stack_size")) {
			u64 = &out->stack_size;
		} else if (key_is(key, "call_cpu_ns")) {
			u64 = &out->call_cpu_ns;
		} else if (key_is(key, "opens")) {
			if (!parse_i64(v, 0, UINT32_MAX, &n)) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			out->opens = (unsigned)n;
		} else if (key_is(key, "open_cpu_ns")) {
			if (listed == CK_BOARD_REPORT_OPENS) {
				return CK_ERR_INVALID_ARGUMENT;
			}
			u64 = &out->open_cpu_ns[listed++];
		} else {
			return CK_ERR_INVALID_ARGUMENT;
		}
		if (span != NULL) {
			*span = v;
		}
		if (u64 != NULL && !parse_u64(v, UINT64_MAX, u64)) {
			return CK_ERR_INVALID_ARGUMENT;
		}
	}
	if (got < 0 || !versioned || !have_result) {
		return CK_ERR_INVALID_ARGUMENT;
	}
	return CK_OK;
}

size_t
ck_qemu_report_head(size_t len, char out[CK_QEMU_REPORT_HEAD_MAX])
{
	char digits[20];
	char *d = decimal(len, digits);
	size_t n = (size_t)(digits + sizeof digits - d);

	memcpy(out, "report ", 7);
	memcpy(out + 7, d, n);
	out[7 + n] = '\n';
	return 8 + n;
}

int
ck_qemu_report_take(const char *buf, size_t len, size_t *used,
	ck_span *report)
{
	const char *nl;
	uint64_t n;

	if (buf == NULL || used == NULL || report == NULL) {
		return -1;
	}
	if (len > 0 && (len < 7 ? memcmp(buf, "report ", len)
		: memcmp(buf, "report ", 7)) != 0) {
		return -1;
	}
	nl = len > 7 ? memchr(buf + 7, '\n', len - 7) : NULL;
	if (nl == NULL) {
		/* A head is a few digits long; more without a newline is not
		 * one still on its way. */
		return len < CK_QEMU_REPORT_HEAD_MAX ? 0 : -1;
	}
	if (!parse_u64(ck_span_make(buf + 7, (size_t)(nl - buf - 7)),
		CK_QEMU_REPORT_MAX, &n)) {
		return -1;
	}
	if ((size_t)(buf + len - nl - 1) < n + 1) {
		return 0;
	}
	if (nl[1 + n] != '\n') {
		return -1;
	}
	*report = ck_span_make(nl + 1, (size_t)n);
	*used = (size_t)(nl + 2 + n - buf);
	return 1;
}
