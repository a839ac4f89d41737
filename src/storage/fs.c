/* fs.c — see fs.h. */
#include "fs.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

/* ---- fault injection ---- */

static int fault_check(const char *op)
{
    static int counts[3];
    static const char *ops[3] = {"write", "fsync", "rename"};
    int i = 0;
    while (i < 3 && strcmp(ops[i], op)) i++;
    if (i == 3) return 0;
    int n = __atomic_add_fetch(&counts[i], 1, __ATOMIC_RELAXED);
    const char *crash = getenv("BASALT_FS_CRASH"), *fault = getenv("BASALT_FS_FAULT");
    size_t ol = strlen(op);
    if (crash && !strncmp(crash, op, ol) && crash[ol] == ':' && atoi(crash + ol + 1) == n) _exit(137);
    if (fault && !strncmp(fault, op, ol) && fault[ol] == ':' && atoi(fault + ol + 1) == n) return -1;
    return 0;
}

/* ---- directories and whole files ---- */

int fs_path(char *out, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, cap, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= cap) {
        if (cap) out[0] = 0;
        return -1;
    }
    return 0;
}

int fs_mkdir_p(const char *path, Err *err)
{
    char tmp[4096];
    size_t n = strlen(path);
    if (n >= sizeof tmp) return err_set(err, ERR_CANNOT_CREATE_DIRECTORY, "Path is too long: %s", path);
    memcpy(tmp, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (tmp[i] != '/' && tmp[i] != 0) continue;
        char c = tmp[i];
        tmp[i] = 0;
        if (mkdir(tmp, 0750) != 0 && errno != EEXIST)
            return err_set(err, ERR_CANNOT_CREATE_DIRECTORY, "Cannot create directory %s: %s", tmp, strerror(errno));
        tmp[i] = c;
    }
    return 0;
}

bool fs_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

bool fs_is_dir(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

uint64_t fs_mtime(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (uint64_t)st.st_mtime : 0;
}

int fs_fsync_dir(const char *dir, Err *err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return err_set(err, ERR_CANNOT_OPEN_FILE, "Cannot open directory %s: %s", dir, strerror(errno));
    int rc = fault_check("fsync") || fsync(fd) != 0;
    close(fd);
    if (rc) return err_set(err, ERR_CANNOT_FSYNC, "Cannot fsync directory %s", dir);
    return 0;
}

static void parent_of(const char *path, char *out, size_t cap)
{
    snprintf(out, cap, "%s", path);
    char *slash = strrchr(out, '/');
    if (slash && slash != out) *slash = 0;
    else snprintf(out, cap, "%s", slash ? "/" : ".");
}

int fs_rename(const char *from, const char *to, Err *err)
{
    if (fault_check("rename") || rename(from, to) != 0)
        return err_set(err, ERR_ATOMIC_RENAME_FAIL, "Cannot rename %s to %s: %s", from, to, strerror(errno));
    return 0;
}

int fs_link(const char *from, const char *to, Err *err)
{
    if (link(from, to) != 0) return err_set(err, ERR_CANNOT_LINK, "Cannot link %s to %s: %s", from, to, strerror(errno));
    return 0;
}

int fs_write_atomic(const char *path, const void *data, size_t n, Err *err)
{
    char tmp[4096], dir[4096];
    fs_path(tmp, sizeof tmp, "%s.tmp", path);
    FsWriter w;
    int rc = fs_writer_open(&w, tmp, err);
    if (rc) return rc;
    if ((rc = fs_writer_put(&w, data, n, err)) || (rc = fs_writer_close(&w, true, NULL, err))) {
        if (rc && w.fd >= 0) fs_writer_abort(&w);
        unlink(tmp);
        return rc;
    }
    if ((rc = fs_rename(tmp, path, err))) {
        unlink(tmp);
        return rc;
    }
    parent_of(path, dir, sizeof dir);
    return fs_fsync_dir(dir, err);
}

int fs_read_all(const char *path, size_t max, Buf *out, Err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return err_set(err, errno == ENOENT ? ERR_FILE_DOESNT_EXIST : ERR_CANNOT_OPEN_FILE, "Cannot open file %s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size > max) {
        close(fd);
        return err_set(err, ERR_CORRUPTED_DATA, "File %s is too large (%lld bytes)", path, (long long)st.st_size);
    }
    buf_reserve(out, (size_t)st.st_size);
    int rc = fs_pread(fd, out->data + out->len, (size_t)st.st_size, 0, err);
    close(fd);
    if (!rc) out->len += (size_t)st.st_size;
    return rc;
}

int fs_unlink(const char *path, Err *err)
{
    if (unlink(path) != 0 && errno != ENOENT) return err_set(err, ERR_CANNOT_UNLINK, "Cannot remove %s: %s", path, strerror(errno));
    return 0;
}

int fs_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
    if (!S_ISDIR(st.st_mode)) return unlink(path);
    char **names;
    int n;
    fs_list(path, &names, &n);
    int rc = 0;
    for (int i = 0; i < n; i++) {
        char sub[4096];
        fs_path(sub, sizeof sub, "%s/%s", path, names[i]);
        if (fs_remove_tree(sub) != 0) rc = -1;
    }
    fs_free_names(names, n);
    if (rmdir(path) != 0) rc = -1;
    return rc;
}

static int cmp_names(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int fs_list(const char *dir, char ***names, int *n)
{
    *names = NULL;
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return 0;
    int cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            *names = realloc(*names, sizeof **names * (size_t)cap);
        }
        (*names)[(*n)++] = strdup(e->d_name);
    }
    closedir(d);
    if (*n) qsort(*names, (size_t)*n, sizeof **names, cmp_names);
    return 0;
}

void fs_free_names(char **names, int n)
{
    for (int i = 0; i < n; i++) free(names[i]);
    free(names);
}

/* ---- streamed files ---- */

#define WRITEBACK_STEP ((uint64_t)8 << 20)

int fs_writer_open(FsWriter *w, const char *path, Err *err)
{
    w->size = 0;
    w->started = 0;
    w->hash_state = NULL;
    w->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0640);
    if (w->fd < 0) return err_set(err, ERR_CANNOT_OPEN_FILE, "Cannot open file %s for writing: %s", path, strerror(errno));
    w->hash_state = XXH3_createState();
    XXH3_128bits_reset(w->hash_state);
    return 0;
}

int fs_writer_put(FsWriter *w, const void *data, size_t n, Err *err)
{
    const char *p = data;
    size_t left = n;
    if (n && fault_check("write")) return err_set(err, ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR, "Cannot write to file: injected fault");
    while (left) {
        ssize_t k = write(w->fd, p, left);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0)
            return err_set(err, errno == ENOSPC ? ERR_NOT_ENOUGH_SPACE : ERR_CANNOT_WRITE_TO_FILE_DESCRIPTOR,
                           "Cannot write to file: %s", strerror(errno));
        p += k;
        left -= (size_t)k;
    }
    XXH3_128bits_update(w->hash_state, data, n);
    w->size += n;
    if (w->size - w->started >= WRITEBACK_STEP) {
        /* start writing the new bytes to disk now (it does not wait), so a
         * closing fsync finds little left to do */
        sync_file_range(w->fd, (off64_t)w->started, (off64_t)(w->size - w->started), SYNC_FILE_RANGE_WRITE);
        w->started = w->size;
    }
    return 0;
}

int fs_writer_close(FsWriter *w, bool sync, U128 *hash, Err *err)
{
    int rc = 0;
    if (sync && (fault_check("fsync") || fsync(w->fd) != 0)) rc = err_set(err, ERR_CANNOT_FSYNC, "Cannot fsync file: %s", strerror(errno));
    if (close(w->fd) != 0 && !rc) rc = err_set(err, ERR_CANNOT_CLOSE_FILE, "Cannot close file: %s", strerror(errno));
    w->fd = -1;
    if (hash) {
        XXH128_hash_t h = XXH3_128bits_digest(w->hash_state);
        hash->lo = h.low64;
        hash->hi = h.high64;
    }
    XXH3_freeState(w->hash_state);
    w->hash_state = NULL;
    return rc;
}

void fs_writer_abort(FsWriter *w)
{
    if (w->fd >= 0) close(w->fd);
    w->fd = -1;
    if (w->hash_state) XXH3_freeState(w->hash_state);
    w->hash_state = NULL;
}

int fs_pread(int fd, void *buf, size_t n, uint64_t off, Err *err)
{
    char *p = buf;
    while (n) {
        ssize_t k = pread(fd, p, n, (off_t)off);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) return err_set(err, ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read from file: %s", strerror(errno));
        if (k == 0) return err_set(err, ERR_CANNOT_READ_ALL_DATA, "Cannot read all data: unexpected end of file");
        p += k;
        n -= (size_t)k;
        off += (uint64_t)k;
    }
    return 0;
}

int fs_hash_file(const char *path, U128 *hash, uint64_t *size, Err *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) return err_set(err, ERR_FILE_DOESNT_EXIST, "Cannot open file %s: %s", path, strerror(errno));
    XXH3_state_t *st = XXH3_createState();
    XXH3_128bits_reset(st);
    char buf[1 << 16];
    uint64_t total = 0;
    int rc = 0;
    for (;;) {
        ssize_t k = read(fd, buf, sizeof buf);
        if (k < 0 && errno == EINTR) continue;
        if (k < 0) {
            rc = err_set(err, ERR_CANNOT_READ_FROM_FILE_DESCRIPTOR, "Cannot read %s: %s", path, strerror(errno));
            break;
        }
        if (k == 0) break;
        XXH3_128bits_update(st, buf, (size_t)k);
        total += (uint64_t)k;
    }
    close(fd);
    XXH128_hash_t h = XXH3_128bits_digest(st);
    XXH3_freeState(st);
    hash->lo = h.low64;
    hash->hi = h.high64;
    *size = total;
    return rc;
}
