/* sandbox.c — the server's self-confinement at startup (see sandbox.h). */
#include "sandbox.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <linux/capability.h>
#include <seccomp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* What the server calls once it serves: measured with `strace -f -c` over
 * the HTTP, native, client and stateless suites, plus what glibc may use
 * for the same work (time, threads, memory, files under the data
 * directory, sockets already bound). Nothing here starts a program, opens
 * a new listening socket, changes identity or loads kernel code. */
const char *const sandbox_syscalls[] = {
    /* files under the data directory */
    "read", "write", "pread64", "pwrite64", "readv", "writev", "preadv", "pwritev", "lseek", "openat", "open", "close",
    "fstat", "newfstatat", "stat", "lstat", "statx", "statfs", "fstatfs", "getdents64", "mkdir", "mkdirat", "rmdir",
    "unlink", "unlinkat", "rename", "renameat", "renameat2", "link", "linkat", "readlink", "readlinkat", "ftruncate",
    "fallocate", "fsync", "fdatasync", "sync_file_range", "flock", "fcntl", "dup", "dup2", "dup3", "pipe2", "access",
    "faccessat", "faccessat2", "umask", "getcwd", "copy_file_range", "sendfile", "fadvise64", "ioctl",
    /* memory */
    "brk", "mmap", "munmap", "mremap", "mprotect", "madvise", "mincore", "membarrier",
    /* threads, time, signals */
    "clone", "clone3", "futex", "set_robust_list", "get_robust_list", "rseq", "set_tid_address", "exit", "exit_group",
    "gettid", "getpid", "getppid", "tgkill", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack",
    "rt_sigtimedwait", "nanosleep", "clock_nanosleep", "clock_gettime", "clock_getres", "gettimeofday", "time",
    "sched_yield", "sched_getaffinity", "getrandom", "getrusage", "getrlimit", "prlimit64", "uname", "sysinfo",
    "getuid", "geteuid", "getgid", "getegid", "prctl", "restart_syscall", "times",
    /* sockets already bound: accept, serve, poll */
    "accept", "accept4", "recvfrom", "recvmsg", "recvmmsg", "sendto", "sendmsg", "sendmmsg", "shutdown", "getsockname",
    "getpeername", "getsockopt", "setsockopt", "poll", "ppoll", "select", "pselect6", "epoll_create1", "epoll_ctl",
    "epoll_wait", "epoll_pwait", "epoll_pwait2", "eventfd2", "timerfd_create", "timerfd_settime",
    NULL};

/* ---- identity ---- */

static uid_t g_uid;
static gid_t g_gid;

static int chown_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)flag, (void)ftw;
    if ((sb->st_uid != g_uid || sb->st_gid != g_gid) && lchown(p, g_uid, g_gid) != 0) return -1;
    return 0;
}

/* Root: the data (and log) handed to the target user, then root given up for good. */
static int drop_root(const SandboxConf *c, char *msg, size_t cap)
{
    unsigned long uid = 65532, gid = 65532;
    if (c->user && *c->user) {
        char *end;
        uid = strtoul(c->user, &end, 10);
        gid = *end == ':' ? strtoul(end + 1, &end, 10) : uid;
        if (*end || uid == 0) return snprintf(msg, cap, "bad --user %s (UID[:GID], not 0)", c->user), -1;
    }
    g_uid = (uid_t)uid, g_gid = (gid_t)gid;
    if (nftw(c->data_dir, chown_entry, 32, FTW_PHYS) != 0)
        return snprintf(msg, cap, "cannot hand %s to %lu:%lu: %s", c->data_dir, uid, gid, strerror(errno)), -1;
    if (c->log_file && *c->log_file && chown(c->log_file, g_uid, g_gid) != 0 && errno != ENOENT)
        return snprintf(msg, cap, "cannot hand %s to %lu:%lu: %s", c->log_file, uid, gid, strerror(errno)), -1;
    if (setgroups(0, NULL) != 0 || setresgid(g_gid, g_gid, g_gid) != 0 || setresuid(g_uid, g_uid, g_uid) != 0)
        return snprintf(msg, cap, "cannot become %lu:%lu: %s", uid, gid, strerror(errno)), -1;
    if (setuid(0) == 0 || geteuid() == 0) return snprintf(msg, cap, "root could be regained after dropping it"), -1;
    if (access(c->data_dir, R_OK | W_OK | X_OK) != 0)
        return snprintf(msg, cap, "as %lu:%lu the data directory %s is out of reach (%s): its parent directories must let that user through",
                        uid, gid, c->data_dir, strerror(errno)), -1;
    return 0;
}

/* Every capability gone from the effective, permitted and inheritable sets. */
static int drop_caps(void)
{
    struct __user_cap_header_struct h = {.version = _LINUX_CAPABILITY_VERSION_3, .pid = 0};
    struct __user_cap_data_struct d[2];
    memset(d, 0, sizeof d);
    return (int)syscall(SYS_capset, &h, d);
}

/* ---- Landlock (uapi constants: linux/landlock.h of newer kernels than the build's headers) ---- */

#define LL_FS_EXECUTE (1ull << 0)
#define LL_FS_WRITE_FILE (1ull << 1)
#define LL_FS_READ_FILE (1ull << 2)
#define LL_FS_READ_DIR (1ull << 3)
#define LL_FS_REMOVE_DIR (1ull << 4)
#define LL_FS_REMOVE_FILE (1ull << 5)
#define LL_FS_MAKE_CHAR (1ull << 6)
#define LL_FS_MAKE_DIR (1ull << 7)
#define LL_FS_MAKE_REG (1ull << 8)
#define LL_FS_MAKE_SOCK (1ull << 9)
#define LL_FS_MAKE_FIFO (1ull << 10)
#define LL_FS_MAKE_BLOCK (1ull << 11)
#define LL_FS_MAKE_SYM (1ull << 12)
#define LL_FS_REFER (1ull << 13)      /* ABI 2 */
#define LL_FS_TRUNCATE (1ull << 14)   /* ABI 3 */
#define LL_FS_IOCTL_DEV (1ull << 15)  /* ABI 5 */
#define LL_NET_BIND_TCP (1ull << 0)   /* ABI 4 */
#define LL_NET_CONNECT_TCP (1ull << 1)
#define LL_RULE_PATH_BENEATH 1
#define LL_RULE_NET_PORT 2
#define LL_CREATE_RULESET_VERSION (1u << 0)

struct ll_ruleset_attr { uint64_t handled_access_fs, handled_access_net; };
struct ll_path_beneath_attr { uint64_t allowed_access; int32_t parent_fd; } __attribute__((packed));
struct ll_net_port_attr { uint64_t allowed_access; uint64_t port; };

#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_add_rule 445
#define SYS_landlock_restrict_self 446
#endif

static int path_rule(int rs, const char *path, uint64_t access, uint64_t handled)
{
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT ? 0 : -1;   /* absent: nothing to allow */
    struct stat st;
    if (fstat(fd, &st) == 0 && !S_ISDIR(st.st_mode))   /* a file takes only file rights */
        access &= LL_FS_WRITE_FILE | LL_FS_READ_FILE | LL_FS_TRUNCATE | LL_FS_EXECUTE;
    struct ll_path_beneath_attr pb = {.allowed_access = access & handled, .parent_fd = fd};
    int rc = (int)syscall(SYS_landlock_add_rule, rs, LL_RULE_PATH_BENEATH, &pb, 0);
    close(fd);
    return rc;
}

/* The ruleset: 0 and *abi_out, or -1 (errno) when the kernel refuses one. abi 0: no Landlock here. */
static int landlock(const SandboxConf *c, int *abi_out, bool *net)
{
    long abi = syscall(SYS_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);
    *abi_out = abi > 0 ? (int)abi : 0;
    *net = false;
    if (abi <= 0) return 0;
    uint64_t fs = LL_FS_EXECUTE | LL_FS_WRITE_FILE | LL_FS_READ_FILE | LL_FS_READ_DIR | LL_FS_REMOVE_DIR | LL_FS_REMOVE_FILE |
                  LL_FS_MAKE_CHAR | LL_FS_MAKE_DIR | LL_FS_MAKE_REG | LL_FS_MAKE_SOCK | LL_FS_MAKE_FIFO | LL_FS_MAKE_BLOCK |
                  LL_FS_MAKE_SYM;
    if (abi >= 2) fs |= LL_FS_REFER;
    if (abi >= 3) fs |= LL_FS_TRUNCATE;
    if (abi >= 5) fs |= LL_FS_IOCTL_DEV;
    struct ll_ruleset_attr ra = {.handled_access_fs = fs, .handled_access_net = abi >= 4 ? LL_NET_BIND_TCP | LL_NET_CONNECT_TCP : 0};
    size_t size = abi >= 4 ? sizeof ra : sizeof ra.handled_access_fs;
    int rs = (int)syscall(SYS_landlock_create_ruleset, &ra, size, 0);
    if (rs < 0) return -1;
    uint64_t rw = LL_FS_WRITE_FILE | LL_FS_READ_FILE | LL_FS_READ_DIR | LL_FS_REMOVE_DIR | LL_FS_REMOVE_FILE | LL_FS_MAKE_DIR |
                  LL_FS_MAKE_REG | LL_FS_REFER | LL_FS_TRUNCATE;
    uint64_t ro = LL_FS_READ_FILE | LL_FS_READ_DIR;
    int rc = path_rule(rs, c->data_dir, rw, fs);
    if (!rc && c->log_file && *c->log_file) {   /* reopened on SIGHUP: its directory, to create it again */
        char dir[4096];
        snprintf(dir, sizeof dir, "%s", c->log_file);
        char *slash = strrchr(dir, '/');
        if (slash == dir) slash[1] = 0;
        else if (slash) *slash = 0;
        else snprintf(dir, sizeof dir, ".");
        rc = path_rule(rs, dir, LL_FS_WRITE_FILE | LL_FS_READ_FILE | LL_FS_MAKE_REG | LL_FS_TRUNCATE, fs);
    }
    /* read-only: CPU count (glibc), a zoneinfo directory if the built-in database lacks a zone, /dev/null */
    static const char *const readonly[] = {"/sys/devices/system/cpu", "/proc/self", "/proc/stat", "/proc/meminfo",
                                           "/usr/share/zoneinfo", "/dev/null", "/dev/urandom", NULL};
    for (int i = 0; !rc && readonly[i]; i++) rc = path_rule(rs, readonly[i], ro, fs);
    if (!rc && getenv("BASALT_TZDIR")) rc = path_rule(rs, getenv("BASALT_TZDIR"), ro, fs);
    for (int i = 0; !rc && abi >= 4 && i < 2; i++) {
        if (c->ports[i] <= 0) continue;
        struct ll_net_port_attr np = {.allowed_access = LL_NET_BIND_TCP, .port = (uint64_t)c->ports[i]};
        rc = (int)syscall(SYS_landlock_add_rule, rs, LL_RULE_NET_PORT, &np, 0);
    }
    if (!rc) rc = (int)syscall(SYS_landlock_restrict_self, rs, 0);
    int e = errno;
    close(rs);
    errno = e;
    *net = !rc && abi >= 4;
    return rc;
}

/* ---- seccomp ---- */

static int seccomp(int *allowed)
{
    /* BASALT_SECCOMP_LOG=1 (finding a missing call): log what the filter would kill, to the kernel log */
    const char *log = getenv("BASALT_SECCOMP_LOG");
    scmp_filter_ctx ctx = seccomp_init(log && *log == '1' ? SCMP_ACT_LOG : SCMP_ACT_KILL_PROCESS);
    if (!ctx) return -1;
    int rc = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_TSYNC, 1);   /* every thread, existing ones too */
    *allowed = 0;
    for (int i = 0; !rc && sandbox_syscalls[i]; i++) {
        int nr = seccomp_syscall_resolve_name(sandbox_syscalls[i]);
        if (nr == __NR_SCMP_ERROR) continue;   /* not a call of this architecture */
        rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
        if (!rc) (*allowed)++;
    }
    if (!rc) rc = seccomp_load(ctx);
    seccomp_release(ctx);
    if (rc) errno = -rc;
    return rc ? -1 : 0;
}

int sandbox_apply(const SandboxConf *c, char *report, size_t cap, char *msg, size_t msgcap)
{
    size_t len = 0;
#define REPORT(...) (len += (size_t)snprintf(report + len, len < cap ? cap - len : 0, __VA_ARGS__))
    if (!c->core_dumps) {
        struct rlimit no = {0, 0};
        setrlimit(RLIMIT_CORE, &no);
        prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
        REPORT("no core dumps");
    } else {
        REPORT("core dumps on");
    }
    if (geteuid() == 0 && !c->no_setuid) {
        if (drop_root(c, msg, msgcap)) return -1;
        REPORT("; root dropped: uid %u gid %u", (unsigned)g_uid, (unsigned)g_gid);
    } else if (geteuid() == 0) {
        REPORT("; running as root (--allow-root)");
    } else {
        REPORT("; uid %u", (unsigned)geteuid());
    }
    if (drop_caps() == 0) REPORT("; no capabilities");
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return snprintf(msg, msgcap, "no_new_privs: %s", strerror(errno)), -1;
    REPORT("; no_new_privs");
    if (!c->no_landlock) {
        int abi;
        bool net;
        if (landlock(c, &abi, &net)) return snprintf(msg, msgcap, "Landlock: %s", strerror(errno)), -1;
        if (abi) REPORT("; Landlock ABI %d (files: %s read-write%s)", abi, c->data_dir, net ? "; TCP: bind own ports only, no connect" : "");
        else REPORT("; Landlock: not in this kernel");
    } else {
        REPORT("; Landlock off");
    }
#if defined(__SANITIZE_ADDRESS__)
    /* the sanitizers' leak check stops the world with ptrace at exit: not in the allowlist */
    REPORT("; seccomp off (sanitizer build)");
    return 0;
#endif
    if (!c->no_seccomp) {
        int n;
        if (seccomp(&n)) return snprintf(msg, msgcap, "seccomp: %s", strerror(errno)), -1;
        REPORT("; seccomp: %d system calls allowed, any other kills the process", n);
    } else {
        REPORT("; seccomp off");
    }
    return 0;
#undef REPORT
}
