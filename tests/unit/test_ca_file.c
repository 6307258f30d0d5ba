/*
 * test_ca_file.c -- the CA file reader the host tools share
 * (platform/common/ck_ca_file.c): only a regular file of bounded size is
 * read, nothing waits on a FIFO, and a refusal says what is wrong.
 */
#include "test_support.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ck_ca_file.h"

#define FIXTURE(name) "tests/unit/fixtures/" name

typedef struct {
	ck_trust_anchors store;
	br_x509_trust_anchor slots[4];
	unsigned char pool[8192];
} small_store;

static char dir[64];

static int
setup_dir(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/ck-test-cli-XXXXXX");
	return mkdtemp(dir) != NULL ? 0 : -1;
}

static int
teardown_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *
path_in_dir(const char *name)
{
	static char path[128];

	snprintf(path, sizeof path, "%s/%s", dir, name);
	return path;
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static ck_result
load(small_store *s, const char *path, size_t capacity)
{
	ck_trust_anchors_init(&s->store, s->slots, capacity, s->pool,
		sizeof s->pool);
	return ck_ca_file_load(&s->store, path, 2000);
}

static void
assert_ca_error(ck_result r, const char *says)
{
	const char *why = ck_ca_file_last_error();

	assert_int_equal(r, CK_ERR_TRUST_ANCHORS);
	assert_non_null(why);
	if (strstr(why, says) == NULL) {
		fail_msg("says \"%s\", expected \"%s\"", why, says);
	}
}

static void
test_fifo_is_refused_without_waiting(void **state)
{
	small_store s;
	char *fifo = path_in_dir("ca.fifo");
	time_t t0 = time(NULL);

	(void)state;
	assert_int_equal(mkfifo(fifo, 0600), 0);
	assert_ca_error(load(&s, fifo, 4), "is a FIFO, not a regular file");
	assert_true(time(NULL) - t0 < 2);
	assert_int_equal(s.store.count, 0);
}

static void
test_other_non_regular_files_are_refused(void **state)
{
	small_store s;

	(void)state;
	assert_ca_error(load(&s, dir, 4), "is a directory");
	assert_ca_error(load(&s, "/dev/zero", 4), "is a character device");
	assert_ca_error(load(&s, path_in_dir("none.pem"), 4),
		"cannot be opened: No such file or directory");
}

static void
test_file_over_the_limit_is_refused_before_reading(void **state)
{
	small_store s;
	char *big = path_in_dir("big.pem");
	int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	(void)state;
	assert_true(fd >= 0);
	assert_int_equal(ftruncate(fd, (off_t)CK_CA_FILE_MAX + 1), 0);
	close(fd);
	assert_ca_error(load(&s, big, 4), "is larger than the 2097152 bytes");
}

static void
test_bundle_faults_name_the_certificate_or_the_room(void **state)
{
	small_store s;
	size_t len;
	char *ec = test_read_file(FIXTURE("ca-ec.pem"), &len);
	char *rsa = test_read_file(FIXTURE("ca-rsa.pem"), NULL);
	char *text = malloc(3 * strlen(rsa) + 1);
	char *path = path_in_dir("bundle.pem");

	(void)state;
	assert_non_null(text);
	strstr(rsa, "MjYx")[3] = 'A'; /* a bad digit in notBefore */
	strcpy(text, ec);
	strcat(text, rsa);
	write_file(path, text);
	assert_ca_error(load(&s, path, 4), "certificate 2 (line 13) is corrupt");

	strcpy(text, ec);
	strcat(text, ec);
	write_file(path, text);
	assert_ca_error(load(&s, path, 1), "holds more certificates than the "
		"1 the trust store has room for (certificate 2, line 13");

	write_file(path, "");
	assert_ca_error(load(&s, path, 4), "holds no certificate");

	write_file(path, ec);
	assert_int_equal(load(&s, path, 4), CK_OK);
	assert_null(ck_ca_file_last_error());
	assert_int_equal(s.store.count, 1);
	free(ec);
	free(rsa);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup_dir, teardown_dir)
		T(test_fifo_is_refused_without_waiting),
		T(test_other_non_regular_files_are_refused),
		T(test_file_over_the_limit_is_refused_before_reading),
		T(test_bundle_faults_name_the_certificate_or_the_room),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
