/*
 * ck_plan.c -- an offsets plan, read, checked and grouped (ck_plan.h).
 */
#include "ck_plan.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck_cli.h"
#include "ck_text.h"

/* --- reading ------------------------------------------------------------------ */

static void
put_flag(FILE *err, const char *prog, const char *path)
{
	fprintf(err, "%s: --from-file '", prog);
	ck_cli_put_text(err, path, strlen(path));
	fputs("'", err);
}

bool
ck_plan_read(ck_plan *p, const char *prog, const char *path, FILE *err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t len = 0;
	const char *why = NULL;
	int saved = 0;

	p->path = path;
	p->text_len = 0;
	if (fd < 0) {
		saved = errno;
		put_flag(err, prog, path);
		fprintf(err, " cannot be opened: %s. Nothing was sent.\n",
			strerror(saved));
		return false;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		why = "is a directory, not a file";
	}
	while (why == NULL) {
		ssize_t n;

		if (len == sizeof p->text) {
			/* One byte more would be over: refuse, never cut. */
			char extra;

			n = read(fd, &extra, 1);
			if (n > 0) {
				why = "is larger than the plan's limit";
			} else if (n < 0 && errno == EINTR) {
				continue;
			} else if (n < 0) {
				saved = errno;
				why = "cannot be read";
			}
			break;
		}
		n = read(fd, p->text + len, sizeof p->text - len);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			saved = errno;
			why = "cannot be read";
			break;
		}
		if (n == 0) {
			break;
		}
		len += (size_t)n;
	}
	if (!is_stdin) {
		close(fd);
	}
	if (why != NULL) {
		put_flag(err, prog, path);
		fprintf(err, " %s", why);
		if (saved != 0) {
			fprintf(err, ": %s", strerror(saved));
		}
		if (strstr(why, "limit") != NULL) {
			fprintf(err, " (%u bytes): split it", CK_PLAN_FILE_MAX);
		}
		fputs(". Nothing was sent.\n", err);
		return false;
	}
	p->text_len = len;
	return true;
}

/* --- checking ------------------------------------------------------------------ */

typedef struct {
	ck_plan *p;
	const char *prog;
	FILE *err;
	size_t errors;
} checker;

/* "PROG: --from-file 'PATH' line N: " for a shown error; false past the cap. */
static bool
error_at(checker *c, uint32_t line)
{
	c->errors++;
	if (c->errors > CK_PLAN_ERRORS_SHOWN) {
		return false;
	}
	put_flag(c->err, c->prog, c->p->path);
	fprintf(c->err, " line %" PRIu32 ": ", line);
	return true;
}

static void
put_span(FILE *f, ck_span s)
{
	ck_cli_put_text(f, s.ptr, s.len);
}

static ck_span
trim(const char *b, const char *e)
{
	while (b < e && (*b == ' ' || *b == '\t')) {
		b++;
	}
	while (e > b && (e[-1] == ' ' || e[-1] == '\t')) {
		e--;
	}
	return ck_span_make(b, (size_t)(e - b));
}

static uint32_t
hash_bytes(uint32_t h, const void *data, size_t n)
{
	const unsigned char *b = data;
	size_t i;

	for (i = 0; i < n; i++) {
		h = (h ^ b[i]) * 16777619u;
	}
	return h;
}

#define FNV_BASIS 2166136261u
#define SLOT_MASK (CK_PLAN_HASH_SLOTS - 1u)

/* The topic's index, added when new. */
static uint32_t
intern_topic(ck_plan *p, ck_span name, uint32_t line)
{
	uint32_t h = hash_bytes(FNV_BASIS, name.ptr, name.len) & SLOT_MASK;

	for (;; h = (h + 1u) & SLOT_MASK) {
		uint32_t slot = p->topic_slots[h];

		if (slot == 0) {
			p->topics[p->topic_count].name = name;
			p->topics[p->topic_count].line = line;
			p->topic_slots[h] = (uint32_t)++p->topic_count;
			return (uint32_t)p->topic_count - 1u;
		}
		if (ck_span_eq(p->topics[slot - 1u].name, name)) {
			return slot - 1u;
		}
	}
}

/* The entry of (topic, partition): its index + 1, or 0 after adding it. */
static uint32_t
find_or_add_entry(ck_plan *p, uint32_t topic, int32_t partition,
	int64_t offset, uint32_t line)
{
	uint32_t key[2] = { topic, (uint32_t)partition };
	uint32_t h = hash_bytes(FNV_BASIS, key, sizeof key) & SLOT_MASK;

	for (;; h = (h + 1u) & SLOT_MASK) {
		uint32_t slot = p->entry_slots[h];
		ck_plan_entry *e;

		if (slot == 0) {
			e = &p->entries[p->entry_count];
			e->topic = topic;
			e->partition = partition;
			e->offset = offset;
			e->line = line;
			e->call = 0;
			p->entry_slots[h] = (uint32_t)++p->entry_count;
			return 0;
		}
		e = &p->entries[slot - 1u];
		if (e->topic == topic && e->partition == partition) {
			return slot;
		}
	}
}

static bool
is_word(ck_span s, const char *lower)
{
	return ck_text_eq_nocase(s, lower);
}

/* One line of offsets: its fields, checked. */
static void
take_line(checker *c, uint32_t line, const char *b, const char *e)
{
	ck_plan *p = c->p;
	ck_span f[5];
	size_t n = 0;
	const char *q = b;
	uint64_t partition, offset;
	uint32_t topic, found;

	while (n < 5) {
		const char *comma = memchr(q, ',', (size_t)(e - q));
		const char *end = comma != NULL ? comma : e;

		f[n++] = trim(q, end);
		if (comma == NULL) {
			break;
		}
		q = comma + 1;
	}
	if ((n >= 2 && is_word(f[n - 2], "partition"))
		|| is_word(f[n - 1], "offset")) {
		if (error_at(c, line)) {
			fputs("'", c->err);
			put_span(c->err, trim(b, e));
			fputs("' is a header; Kafka's format has none (every line "
				"is TOPIC,PARTITION,OFFSET): delete the line\n",
				c->err);
		}
		return;
	}
	if (n == 4) {
		if (error_at(c, line)) {
			fputs("4 fields: GROUP,TOPIC,PARTITION,OFFSET is Kafka's "
				"export of several groups; this tool sets one "
				"(--group): keep that group's lines as "
				"TOPIC,PARTITION,OFFSET\n", c->err);
		}
		return;
	}
	if (n != 3) {
		if (error_at(c, line)) {
			fputs("want TOPIC,PARTITION,OFFSET, found '", c->err);
			put_span(c->err, trim(b, e));
			fputs("'\n", c->err);
		}
		return;
	}
	if (f[0].len == 0 || !ck_utf8_is_valid(f[0])
		|| ck_text_has_control(f[0])) {
		if (error_at(c, line)) {
			fputs("bad topic '", c->err);
			put_span(c->err, f[0]);
			fputs(f[0].len == 0 ? "': empty\n"
				: ck_utf8_is_valid(f[0])
				? "': holds a control character\n"
				: "': not valid UTF-8\n", c->err);
		}
		return;
	}
	if (ck_cli_parse_decimal(f[1].ptr, f[1].len, INT32_MAX, &partition)
		!= 0) {
		if (error_at(c, line)) {
			fputs("bad partition '", c->err);
			put_span(c->err, f[1]);
			fputs("': want 0..2147483647\n", c->err);
		}
		return;
	}
	if (ck_cli_parse_decimal(f[2].ptr, f[2].len, INT64_MAX, &offset) != 0) {
		if (error_at(c, line)) {
			fputs("bad offset '", c->err);
			put_span(c->err, f[2]);
			fputs("': want 0..9223372036854775807\n", c->err);
		}
		return;
	}
	if (p->line_count == CK_PLAN_LINES_MAX) {
		if (error_at(c, line)) {
			fprintf(c->err, "more than the %u lines of offsets one "
				"plan holds: split the file\n", CK_PLAN_LINES_MAX);
		}
		return;
	}
	topic = intern_topic(p, f[0], line);
	found = find_or_add_entry(p, topic, (int32_t)partition,
		(int64_t)offset, line);
	if (found != 0 && p->entries[found - 1u].offset != (int64_t)offset) {
		const ck_plan_entry *was = &p->entries[found - 1u];

		if (error_at(c, line)) {
			fputs("topic '", c->err);
			put_span(c->err, f[0]);
			fprintf(c->err, "' partition %" PRIu64 " offset %" PRIu64
				" contradicts line %" PRIu32 " (offset %" PRId64
				")\n", partition, offset, was->line, was->offset);
		}
		return;
	}
	p->lines[p->line_count].line = line;
	p->lines[p->line_count].entry = found != 0 ? found - 1u
		: (uint32_t)p->entry_count - 1u;
	p->lines[p->line_count].next_in_call = 0;
	p->line_count++;
}

static void
parse_lines(checker *c)
{
	ck_plan *p = c->p;
	const char *s = p->text;
	const char *end = p->text + p->text_len;
	uint32_t line = 0;

	/* A spreadsheet's CSV often starts with a byte order mark. */
	if (end - s >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3;
	}
	while (s < end) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl != NULL ? nl : end;
		ck_span t;

		line++;
		if (e > s && e[-1] == '\r') {
			e--;
		}
		t = trim(s, e);
		if (t.len > 0 && t.ptr[0] != '#') {
			take_line(c, line, s, e);
		}
		s = nl != NULL ? nl + 1 : end;
	}
}

/* --- grouping ------------------------------------------------------------------ */

/* qsort has no context argument: the plan being sorted. */
static const ck_plan *sorting;

static int
by_topic_partition(const void *a, const void *b)
{
	const ck_plan_entry *x = &sorting->entries[*(const uint32_t *)a];
	const ck_plan_entry *y = &sorting->entries[*(const uint32_t *)b];

	if (x->topic != y->topic) {
		return x->topic < y->topic ? -1 : 1;
	}
	return x->partition < y->partition ? -1 : x->partition > y->partition;
}

static void
chunk_parts(const ck_plan *p, const ck_plan_chunk *k,
	ck_partition_offset parts[CK_MAX_PARTITIONS])
{
	uint32_t i;

	for (i = 0; i < k->count; i++) {
		const ck_plan_entry *e = &p->entries[p->order[k->start + i]];

		parts[i].partition = e->partition;
		parts[i].offset = e->offset;
	}
}

void
ck_plan_request(const ck_plan *p, size_t i, ck_span instance, ck_span group,
	ck_partition_offset parts[CK_MAX_PARTITIONS],
	ck_span topics[CK_MAX_TOPICS], ck_offsets_request *req)
{
	const ck_plan_call *call = &p->calls[i];
	const ck_plan_chunk *k = &p->chunks[call->first_chunk];
	uint32_t n = 0, next = call->first_chunk + 1u;

	memset(req, 0, sizeof *req);
	chunk_parts(p, k, parts);
	while (next != 0 && n < CK_MAX_TOPICS) {
		topics[n++] = p->topics[p->chunks[next - 1u].topic].name;
		next = p->chunks[next - 1u].next;
	}
	req->instance_id = instance;
	req->group_name = group;
	req->partitions = parts;
	req->partition_count = k->count;
	req->topics = topics;
	req->topic_count = n;
}

/* Encode a trial request: does it fit the body? */
static ck_result
trial(ck_span instance, ck_span group, const ck_partition_offset *parts,
	size_t count, const ck_span *topics, size_t topic_count)
{
	static char body[CK_REQUEST_BODY_MAX];
	ck_offsets_request req;
	ck_span out;

	memset(&req, 0, sizeof req);
	req.instance_id = instance;
	req.group_name = group;
	req.partitions = parts;
	req.partition_count = count;
	req.topics = topics;
	req.topic_count = topic_count;
	return ck_request_encode(&req, body, sizeof body, &out);
}

static bool
same_list(const ck_plan *p, const ck_plan_chunk *a, const ck_plan_chunk *b)
{
	uint32_t i;

	if (a->count != b->count) {
		return false;
	}
	for (i = 0; i < a->count; i++) {
		const ck_plan_entry *x = &p->entries[p->order[a->start + i]];
		const ck_plan_entry *y = &p->entries[p->order[b->start + i]];

		if (x->partition != y->partition || x->offset != y->offset) {
			return false;
		}
	}
	return true;
}

static uint32_t
list_hash(const ck_plan *p, const ck_plan_chunk *k)
{
	uint32_t h = FNV_BASIS;
	uint32_t i;

	for (i = 0; i < k->count; i++) {
		const ck_plan_entry *e = &p->entries[p->order[k->start + i]];

		h = hash_bytes(h, &e->partition, sizeof e->partition);
		h = hash_bytes(h, &e->offset, sizeof e->offset);
	}
	return h & SLOT_MASK;
}

/* Chunk `ci` into the open call with the same list, or a new call. */
static bool
place_chunk(checker *c, uint32_t ci, ck_span instance, ck_span group)
{
	ck_plan *p = c->p;
	ck_plan_chunk *k = &p->chunks[ci];
	uint32_t h = list_hash(p, k);
	ck_plan_call *call;

	for (;; h = (h + 1u) & SLOT_MASK) {
		uint32_t slot = p->call_slots[h];

		if (slot == 0) {
			break;
		}
		call = &p->calls[slot - 1u];
		if (!same_list(p, &p->chunks[call->first_chunk], k)) {
			continue;
		}
		if (call->topic_count < CK_MAX_TOPICS) {
			static ck_partition_offset parts[CK_MAX_PARTITIONS];
			static ck_span topics[CK_MAX_TOPICS];
			ck_offsets_request req;

			ck_plan_request(p, slot - 1u, instance, group, parts,
				topics, &req);
			topics[req.topic_count] = p->topics[k->topic].name;
			if (trial(instance, group, parts, k->count, topics,
				req.topic_count + 1u) == CK_OK) {
				p->chunks[call->last_chunk].next = ci + 1u;
				call->last_chunk = ci;
				call->topic_count++;
				return true;
			}
		}
		/* Full: the new call takes its place for this list. */
		p->call_slots[h] = 0;
		break;
	}
	call = &p->calls[p->call_count];
	memset(call, 0, sizeof *call);
	call->first_chunk = call->last_chunk = ci;
	call->topic_count = 1;
	p->call_slots[h] = (uint32_t)++p->call_count;
	return true;
}

/*
 * The topic's sorted entries order[start..start+n) cut into chunks: as
 * many partitions as a call holds, fewer when the body cannot.
 */
static bool
chunk_topic(checker *c, uint32_t start, uint32_t n, ck_span instance,
	ck_span group)
{
	ck_plan *p = c->p;
	static ck_partition_offset parts[CK_MAX_PARTITIONS];
	uint32_t topic = p->entries[p->order[start]].topic;
	ck_span name = p->topics[topic].name;

	while (n > 0) {
		ck_plan_chunk *k = &p->chunks[p->chunk_count];
		uint32_t take = n < CK_MAX_PARTITIONS ? n : CK_MAX_PARTITIONS;
		ck_result r;

		k->topic = topic;
		k->start = start;
		k->count = take;
		k->next = 0;
		chunk_parts(p, k, parts);
		r = trial(instance, group, parts, take, &name, 1);
		if (r == CK_ERR_BUFFER_TOO_SMALL) {
			/* The most that fits: lo fits (or is 0), hi does not. */
			uint32_t lo = 0, hi = take;

			while (hi - lo > 1) {
				uint32_t mid = lo + (hi - lo) / 2u;

				if (trial(instance, group, parts, mid, &name, 1)
					== CK_OK) {
					lo = mid;
				} else {
					hi = mid;
				}
			}
			take = lo;
			r = take > 0 ? CK_OK : CK_ERR_BUFFER_TOO_SMALL;
		}
		if (r != CK_OK) {
			const ck_plan_entry *e = &p->entries[p->order[start]];

			if (error_at(c, e->line)) {
				fputs("topic '", c->err);
				put_span(c->err, name);
				fprintf(c->err, "' does not fit one request with "
					"this --group and --instance-id (%s: the "
					"body holds %u bytes)\n", ck_result_name(r),
					(unsigned)CK_REQUEST_BODY_MAX);
			}
			return false;
		}
		k->count = take;
		place_chunk(c, (uint32_t)p->chunk_count, instance, group);
		p->chunk_count++;
		start += take;
		n -= take;
	}
	return true;
}

/* Each line into its call's list, in file order; entries know their call. */
static void
link_lines(ck_plan *p)
{
	size_t i;
	uint32_t ci;

	for (ci = 0; ci < p->call_count; ci++) {
		uint32_t next = p->calls[ci].first_chunk + 1u;

		while (next != 0) {
			const ck_plan_chunk *k = &p->chunks[next - 1u];
			uint32_t j;

			for (j = 0; j < k->count; j++) {
				p->entries[p->order[k->start + j]].call = ci;
			}
			next = k->next;
		}
	}
	for (i = 0; i < p->line_count; i++) {
		ck_plan_call *call = &p->calls[p->entries[p->lines[i].entry].call];

		if (call->last_line != 0) {
			p->lines[call->last_line - 1u].next_in_call =
				(uint32_t)i + 1u;
		} else {
			call->first_line = (uint32_t)i + 1u;
		}
		call->last_line = (uint32_t)i + 1u;
	}
}

/*
 * Calls numbered by their first line, so the output follows the file
 * (chunks were made topic by topic, and a topic may join an earlier
 * topic's call). Their chunks and lines stay; entries learn the new
 * numbers.
 */
static ck_plan_call scratch_calls[CK_PLAN_LINES_MAX];

static int
by_first_line(const void *a, const void *b)
{
	const ck_plan_call *x = a, *y = b;

	return x->first_line < y->first_line ? -1
		: x->first_line > y->first_line;
}

static void
order_calls(ck_plan *p)
{
	size_t i;

	memcpy(scratch_calls, p->calls, p->call_count * sizeof p->calls[0]);
	qsort(scratch_calls, p->call_count, sizeof scratch_calls[0],
		by_first_line);
	memcpy(p->calls, scratch_calls, p->call_count * sizeof p->calls[0]);
	for (i = 0; i < p->call_count; i++) {
		uint32_t next = p->calls[i].first_chunk + 1u;

		while (next != 0) {
			const ck_plan_chunk *k = &p->chunks[next - 1u];
			uint32_t j;

			for (j = 0; j < k->count; j++) {
				p->entries[p->order[k->start + j]].call =
					(uint32_t)i;
			}
			next = k->next;
		}
	}
}

bool
ck_plan_build(ck_plan *p, const char *prog, ck_span instance, ck_span group,
	FILE *err)
{
	checker c;
	uint32_t i, start;

	c.p = p;
	c.prog = prog;
	c.err = err;
	c.errors = 0;
	p->line_count = p->entry_count = p->topic_count = 0;
	p->chunk_count = p->call_count = 0;
	memset(p->topic_slots, 0, sizeof p->topic_slots);
	memset(p->entry_slots, 0, sizeof p->entry_slots);
	memset(p->call_slots, 0, sizeof p->call_slots);
	if (p->path == NULL) {
		p->path = "-";
	}

	parse_lines(&c);
	if (c.errors == 0 && p->line_count == 0) {
		put_flag(err, prog, p->path);
		fputs(" holds no offsets: every line is blank or a comment. "
			"Nothing was sent.\n", err);
		return false;
	}
	if (c.errors == 0) {
		for (i = 0; i < p->entry_count; i++) {
			p->order[i] = i;
		}
		sorting = p;
		qsort(p->order, p->entry_count, sizeof p->order[0],
			by_topic_partition);
		sorting = NULL;
		for (start = 0; start < p->entry_count && c.errors == 0;) {
			uint32_t t = p->entries[p->order[start]].topic;
			uint32_t end = start;

			while (end < p->entry_count
				&& p->entries[p->order[end]].topic == t) {
				end++;
			}
			chunk_topic(&c, start, end - start, instance, group);
			start = end;
		}
	}
	if (c.errors > 0) {
		put_flag(err, prog, p->path);
		fprintf(err, ": %zu error%s", c.errors, c.errors == 1 ? "" : "s");
		if (c.errors > CK_PLAN_ERRORS_SHOWN) {
			fprintf(err, " (the first %u shown)", CK_PLAN_ERRORS_SHOWN);
		}
		fputs(". Nothing was sent.\n", err);
		return false;
	}
	link_lines(p);
	order_calls(p);
	/* The same lines per call, now under their final numbers. */
	for (i = 0; i < p->call_count; i++) {
		p->calls[i].first_line = p->calls[i].last_line = 0;
	}
	for (i = 0; i < p->line_count; i++) {
		p->lines[i].next_in_call = 0;
	}
	link_lines(p);
	return true;
}

/* --- showing lines ------------------------------------------------------------- */

/* Line numbers, increasing, as ranges; `any`: a comma is due. */
typedef struct {
	FILE *f;
	uint32_t from, to;
	bool open;
	bool any;
} ranges;

static void
ranges_flush(ranges *r)
{
	if (!r->open) {
		return;
	}
	fprintf(r->f, "%s%" PRIu32, r->any ? "," : "", r->from);
	if (r->to != r->from) {
		fprintf(r->f, "-%" PRIu32, r->to);
	}
	r->any = true;
	r->open = false;
}

static void
ranges_add(ranges *r, uint32_t line)
{
	if (r->open && (line == r->to || line == r->to + 1u)) {
		r->to = line;
		return;
	}
	ranges_flush(r);
	r->from = r->to = line;
	r->open = true;
}

void
ck_plan_put_call_lines(FILE *f, const ck_plan *p, size_t call)
{
	ranges r = { f, 0, 0, false, false };
	uint32_t next = p->calls[call].first_line;

	while (next != 0) {
		ranges_add(&r, p->lines[next - 1u].line);
		next = p->lines[next - 1u].next_in_call;
	}
	ranges_flush(&r);
}

void
ck_plan_put_status_lines(FILE *f, const ck_plan *p, ck_plan_status status)
{
	ranges r = { f, 0, 0, false, false };
	size_t i;

	for (i = 0; i < p->line_count; i++) {
		const ck_plan_entry *e = &p->entries[p->lines[i].entry];

		if (p->calls[e->call].status == status) {
			ranges_add(&r, p->lines[i].line);
		}
	}
	ranges_flush(&r);
}

size_t
ck_plan_status_count(const ck_plan *p, ck_plan_status status)
{
	size_t i, n = 0;

	for (i = 0; i < p->line_count; i++) {
		if (p->calls[p->entries[p->lines[i].entry].call].status
			== status) {
			n++;
		}
	}
	return n;
}
