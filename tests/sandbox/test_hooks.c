/* test_hooks.c — linked only into build/basalt_testhooks (tests/sandbox), never
 * into build/basalt or the release binary: one SQL function,
 * basaltTestSyscall(what), with which the sandbox test makes a confined
 * server's worker thread try what the sandbox forbids. func/func.c registers
 * FUNCS_test_hooks when this file is linked in (a weak symbol otherwise NULL).
 *   'execve'         runs /bin/true: seccomp kills the whole server (SIGSYS)
 *   'write_outside'  creates /tmp/basalt-landlock-probe: -errno (Landlock: -13)
 *   'getpid'         an allowed call: the pid
 * The result is the call's return value, or -errno. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "func/func.h"

static int hook_resolve(FuncCall *fc, Err *err)
{
    fc->ret = type_basic(TYPE_INT64);
    return 0;
}

static int64_t attempt(const char *what, size_t n)
{
    if (n == 6 && !memcmp(what, "execve", 6)) {
        char *const argv[] = {"true", NULL}, *const envp[] = {NULL};
        execve("/bin/true", argv, envp);
        return -errno;
    }
    if (n == 13 && !memcmp(what, "write_outside", 13)) {
        int fd = open("/tmp/basalt-landlock-probe", O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
        if (fd < 0) return -errno;
        close(fd);
        unlink("/tmp/basalt-landlock-probe");
        return 0;
    }
    if (n == 6 && !memcmp(what, "getpid", 6)) return getpid();
    return -EINVAL;
}

static int hook_exec(FuncCall *fc, Column **args, size_t rows, Column **out, Err *err)
{
    const char *what;
    size_t n;
    if (!fn_const_str(fc, 0, &what, &n)) return err_set(err, ERR_ILLEGAL_COLUMN, "basaltTestSyscall needs a constant String");
    int64_t r = attempt(what, n);
    Column *c = fn_fixed(type_basic(TYPE_INT64), rows);
    for (size_t i = 0; i < rows; i++) memcpy(c->data.data + i * 8, &r, 8);
    *out = c;
    return 0;
}

const FuncDef FUNCS_test_hooks[] = {
    {"basaltTestSyscall", 1, 1, FN_DEFAULT | FF_NONDET, hook_resolve, hook_exec, NULL},
    {0},
};
