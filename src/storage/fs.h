/* fs.h — the only file I/O layer of storage: directories, whole files
 * written atomically (temporary file, fsync, rename, fsync of the
 * directory), streamed files with a running content hash, positioned reads,
 * and removal of trees. Every failure is an Err with ClickHouse's code.
 *
 * Fault injection for the crash tests: BASALT_FS_FAULT="op:N" makes the N-th
 * call of op (write, fsync, rename) fail with an error, and
 * BASALT_FS_CRASH="op:N" makes the process exit at once (as kill -9 would)
 * just before the N-th call of op.
 */
#ifndef BASALT_FS_H
#define BASALT_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../base/buf.h"
#include "../base/err.h"
#include "../base/hash.h"

/* snprintf for paths: 0, or -1 (and an empty string) when it does not fit. */
int fs_path(char *out, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

int fs_mkdir_p(const char *path, Err *err);
bool fs_exists(const char *path);
bool fs_is_dir(const char *path);
/* Writes data to path through path.tmp, fsync and rename; fsyncs the directory. */
int fs_write_atomic(const char *path, const void *data, size_t n, Err *err);
/* Reads a whole file of at most max bytes. */
int fs_read_all(const char *path, size_t max, Buf *out, Err *err);
int fs_fsync_dir(const char *dir, Err *err);
int fs_rename(const char *from, const char *to, Err *err);
/* A hard link: a new part shares an unchanged file with the part it came from. */
int fs_link(const char *from, const char *to, Err *err);
/* rm -rf that never follows symbolic links; returns 0 or -1. */
int fs_remove_tree(const char *path);
int fs_unlink(const char *path, Err *err);
/* Names in a directory (no "." / ".."), sorted; *names is malloc'd, free
 * with fs_free_names. A missing directory gives an empty list. */
int fs_list(const char *dir, char ***names, int *n);
void fs_free_names(char **names, int n);
uint64_t fs_mtime(const char *path);

/* A file written front to back, its content hash kept as it goes. */
typedef struct FsWriter {
    int fd;
    uint64_t size;
    uint64_t started;   /* bytes whose writeback to disk has been started */
    void *hash_state;   /* XXH3 128-bit state */
} FsWriter;

int fs_writer_open(FsWriter *w, const char *path, Err *err);
int fs_writer_put(FsWriter *w, const void *data, size_t n, Err *err);
/* Flushes, fsyncs when sync, closes; the content hash in *hash. */
int fs_writer_close(FsWriter *w, bool sync, U128 *hash, Err *err);
void fs_writer_abort(FsWriter *w);

/* Hash of a whole file's content (XXH3 128), and its size. */
int fs_hash_file(const char *path, U128 *hash, uint64_t *size, Err *err);
/* Exactly n bytes at offset off, or CANNOT_READ_ALL_DATA. */
int fs_pread(int fd, void *buf, size_t n, uint64_t off, Err *err);

#endif
