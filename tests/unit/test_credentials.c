/*
 * test_credentials.c -- the credential chain of the tools
 * (platform/common/ck_credentials.c): the environment, then the profile
 * file under $HOME, then the system one; sections, missing keys, and a
 * file others may read refused as ssh refuses a key. No secret is ever in
 * a message.
 */
#include "test_support.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ck_credentials.h"

static char home[32];
static char home_file[96];
static char etc_file[96];

static int
set_up(void **state)
{
	char dir[64];

	(void)state;
	strcpy(home, "/tmp/ck-cred-XXXXXX");
	assert_non_null(mkdtemp(home));
	snprintf(dir, sizeof dir, "%s/.tencentcloud", home);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(home_file, sizeof home_file, "%s/credentials", dir);
	snprintf(etc_file, sizeof etc_file, "%s/etc-credentials", home);
	return 0;
}

static int
tear_down(void **state)
{
	char dir[64];

	(void)state;
	unlink(home_file);
	unlink(etc_file);
	snprintf(dir, sizeof dir, "%s/.tencentcloud", home);
	rmdir(dir);
	rmdir(home);
	return 0;
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	/* Set after creation: the umask must not decide the test. */
	assert_int_equal(chmod(path, mode), 0);
}

static const ck_credentials_env no_env = { NULL, NULL, NULL };

/* Run the chain; what it printed goes to *msg (on the heap). */
static bool
find(const char *profile, const ck_credentials_env *env, ck_credentials *c,
	char **msg)
{
	size_t n = 0;
	FILE *f = open_memstream(msg, &n);
	bool ok;

	assert_non_null(f);
	ok = ck_credentials_find("ck-test", profile, env, home, etc_file, c, f);
	fclose(f);
	return ok;
}

static void
assert_has(const char *text, const char *want)
{
	if (strstr(text, want) == NULL) {
		fail_msg("\"%s\" lacks \"%s\"", text, want);
	}
}

static const char profile_text[] =
	"# written by hand\n"
	"[other]\n"
	"secret_id = AKIDother\n"
	"secret_key = other-key\n"
	"\n"
	"[default]\n"
	"  secret_id=AKIDfile  \r\n"
	"; a comment\n"
	"secret_key = file key with spaces\n"
	"token = file-token\n"
	"region = ap-guangzhou\n";

static void
test_the_environment_comes_first(void **state)
{
	ck_credentials_env env = { "AKIDenv", "env-key", "env-token" };
	ck_credentials c;
	char *msg;

	(void)state;
	write_file(home_file, profile_text, 0600);
	assert_true(find(NULL, &env, &c, &msg));
	free(msg);
	assert_string_equal(c.secret_id, "AKIDenv");
	assert_string_equal(c.secret_key, "env-key");
	assert_string_equal(c.token, "env-token");
	assert_string_equal(c.source, "the environment");
}

static void
test_half_a_pair_in_the_environment_is_named(void **state)
{
	ck_credentials_env env = { "AKIDenv", NULL, NULL };
	ck_credentials c;
	char *msg;

	(void)state;
	write_file(home_file, profile_text, 0600);
	assert_false(find(NULL, &env, &c, &msg));
	assert_has(msg, "credentials from the environment: "
		"TENCENTCLOUD_SECRET_ID is set but TENCENTCLOUD_SECRET_KEY is "
		"not. Nothing was sent.");
	free(msg);
}

static void
test_the_home_profile_file_default_section(void **state)
{
	ck_credentials c;
	char *msg;

	(void)state;
	write_file(home_file, profile_text, 0600);
	write_file(etc_file, "[default]\nsecret_id=AKIDetc\nsecret_key=k\n",
		0600);
	assert_true(find(NULL, &no_env, &c, &msg));
	free(msg);
	assert_string_equal(c.secret_id, "AKIDfile");
	assert_string_equal(c.secret_key, "file key with spaces");
	assert_string_equal(c.token, "file-token");
	assert_string_equal(c.source, home_file);
}

static void
test_profile_picks_a_section_over_the_environment(void **state)
{
	ck_credentials_env env = { "AKIDenv", "env-key", NULL };
	ck_credentials c;
	char *msg;

	(void)state;
	write_file(home_file, profile_text, 0600);
	assert_true(find("other", &env, &c, &msg));
	free(msg);
	assert_string_equal(c.secret_id, "AKIDother");
	assert_string_equal(c.secret_key, "other-key");
	assert_null(c.token);
	assert_false(find("nosuch", &env, &c, &msg));
	assert_has(msg, "has no section [nosuch]");
	free(msg);
}

static void
test_the_system_file_when_home_has_none(void **state)
{
	ck_credentials c;
	char *msg;

	(void)state;
	unlink(home_file);
	write_file(etc_file, "[default]\nsecret_id=AKIDetc\nsecret_key=k\n",
		0600);
	assert_true(find(NULL, &no_env, &c, &msg));
	free(msg);
	assert_string_equal(c.secret_id, "AKIDetc");
	assert_string_equal(c.source, etc_file);
}

static void
test_nowhere_says_where_it_looked(void **state)
{
	ck_credentials c;
	char *msg;

	(void)state;
	unlink(home_file);
	unlink(etc_file);
	assert_false(find(NULL, &no_env, &c, &msg));
	assert_has(msg, "no credentials: TENCENTCLOUD_SECRET_ID and "
		"TENCENTCLOUD_SECRET_KEY are not set, and neither '");
	assert_has(msg, home_file);
	assert_has(msg, etc_file);
	free(msg);
}

static void
test_a_missing_key_is_named_and_no_secret_is_shown(void **state)
{
	ck_credentials c;
	char *msg;

	(void)state;
	write_file(home_file, "[default]\nsecret_key = hush-hush-42\n", 0600);
	assert_false(find(NULL, &no_env, &c, &msg));
	assert_has(msg, "(profile 'default') has no secret_id");
	assert_null(strstr(msg, "hush-hush-42"));
	free(msg);
	write_file(home_file, "[default]\nsecret_id = AKIDx\n", 0600);
	assert_false(find(NULL, &no_env, &c, &msg));
	assert_has(msg, "has no secret_key");
	free(msg);
}

static void
test_a_file_others_may_read_is_refused_like_ssh(void **state)
{
	static const mode_t modes[] = { 0640, 0604, 0620, 0602, 0644, 0660 };
	ck_credentials c;
	char *msg;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof modes / sizeof modes[0]; i++) {
		char want[64];

		write_file(home_file, profile_text, modes[i]);
		assert_false(find(NULL, &no_env, &c, &msg));
		snprintf(want, sizeof want, "(mode %04o)", (unsigned)modes[i]);
		assert_has(msg, want);
		assert_has(msg, "is open to group or others");
		assert_has(msg, "Run: chmod 600 ");
		assert_has(msg, home_file);
		assert_null(strstr(msg, "file key with spaces"));
		free(msg);
	}
	/* 0400 is as private as 0600. */
	write_file(home_file, profile_text, 0400);
	assert_true(find(NULL, &no_env, &c, &msg));
	free(msg);
}

static void
test_a_file_of_another_user_or_not_a_file_is_refused(void **state)
{
	ck_credentials c;
	char *msg;

	(void)state;
	write_file(home_file, profile_text, 0600);
	/* Only root can give a file away; elsewhere this part is moot. */
	if (getuid() == 0 && chown(home_file, 4242, (gid_t)-1) == 0) {
		assert_false(find(NULL, &no_env, &c, &msg));
		assert_has(msg, "belongs to user 4242, not to you");
		free(msg);
	}
	unlink(home_file);
	assert_int_equal(mkdir(home_file, 0700), 0);
	assert_false(find(NULL, &no_env, &c, &msg));
	assert_has(msg, "is not a regular file");
	free(msg);
	rmdir(home_file);
}

static void
test_wiping_clears_the_copies(void **state)
{
	ck_credentials c;
	char *msg;

	(void)state;
	write_file(home_file, profile_text, 0600);
	assert_true(find(NULL, &no_env, &c, &msg));
	free(msg);
	ck_credentials_wipe();
	assert_string_equal(c.secret_key, "");
	assert_string_equal(c.secret_id, "");
	assert_string_equal(c.token, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_the_environment_comes_first, set_up, tear_down),
		cmocka_unit_test_setup_teardown(test_half_a_pair_in_the_environment_is_named, set_up, tear_down),
		cmocka_unit_test_setup_teardown(test_the_home_profile_file_default_section, set_up, tear_down),
		cmocka_unit_test_setup_teardown(test_profile_picks_a_section_over_the_environment, set_up, tear_down),
		cmocka_unit_test_setup_teardown(test_the_system_file_when_home_has_none, set_up, tear_down),
		cmocka_unit_test_setup_teardown(test_nowhere_says_where_it_looked, set_up, tear_down),
		cmocka_unit_test_setup_teardown(test_a_missing_key_is_named_and_no_secret_is_shown, set_up, tear_down),
		cmocka_unit_test_setup_teardown(test_a_file_others_may_read_is_refused_like_ssh, set_up, tear_down),
		cmocka_unit_test_setup_teardown(test_a_file_of_another_user_or_not_a_file_is_refused, set_up, tear_down),
		cmocka_unit_test_setup_teardown(test_wiping_clears_the_copies, set_up, tear_down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
