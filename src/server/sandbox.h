/* sandbox.h — how `basalt server` confines itself at startup
 * (../shared/spec/hardening.md §3), after it has opened its data directory,
 * log file and listening sockets and before it reads any data or starts a
 * thread: no core dumps; when started as root, the data directory handed to
 * 65532:65532 (or --user) and root given up for good; capabilities dropped;
 * no_new_privs; a Landlock ruleset (where the kernel has it) that leaves
 * the data directory read-write, a few system files read-only, and binding
 * only the server's ports, nothing else; last a seccomp-BPF allowlist of the
 * system calls the server makes, any other call killing the process.
 * Each layer can be switched off for debugging; the report says which are on.
 */
#ifndef BASALT_SANDBOX_H
#define BASALT_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>

typedef struct SandboxConf {
    const char *data_dir;
    const char *log_file;      /* NULL or "": none */
    int ports[2];              /* the listening ports (0: none) */
    const char *user;          /* "UID[:GID]" to become when started as root; NULL: 65532:65532 */
    bool no_seccomp, no_landlock, no_setuid;   /* no_setuid: --allow-root */
    bool core_dumps;           /* keep RLIMIT_CORE */
} SandboxConf;

/* Applies every layer that is on; 0, or -1 with a message in msg. report
 * gets one line saying what is active. */
int sandbox_apply(const SandboxConf *c, char *report, size_t cap, char *msg, size_t msgcap);

/* The system calls the seccomp filter allows (for tests and the report). */
extern const char *const sandbox_syscalls[];

#endif
