#!/usr/bin/env bash
# musl-build.sh [WORKDIR] — the measurement behind issue 7's libc choice:
# builds basalt against musl instead of glibc. Fetches the Debian sources of
# every library basalt links (apt-get source; deb-src lines are added when
# missing), builds each as a static musl library with musl-gcc, links
# build/musl/basalt (static PIE) and prints the time each step took. Not
# part of `make`: see SECURITY.md for the measurements and the decision.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
W=${1:-/tmp/basalt-musl}
P=$W/prefix
mkdir -p "$W/src" "$P/lib" "$P/include" "$W/kinc"
step() { local t0=$SECONDS; "$@" >"$W/log.$1" 2>&1 || { echo "FAILED: $* (see $W/log.$1)"; tail -n 20 "$W/log.$1"; exit 1; }; printf '%-10s %4d s\n' "$1" $((SECONDS - t0)); }

deps() {
    command -v musl-gcc >/dev/null && command -v gperf >/dev/null || apt-get install -y musl-tools musl-dev gperf   # gperf: libseccomp's build
    if ! grep -rqs '^Types: deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
        sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources >/etc/apt/sources.list.d/debian-src.sources
        apt-get update
    fi
    # the kernel's uapi headers (seccomp, landlock) where musl-gcc looks
    for d in linux asm-generic; do ln -sfn /usr/include/$d "$W/kinc/$d"; done
    ln -sfn /usr/include/x86_64-linux-gnu/asm "$W/kinc/asm"
    # Debian's musl-gcc specs know no -static-pie: the same specs, linking rcrt1.o without a loader for it
    sed -e 's|%{!shared: /usr/lib/x86_64-linux-musl/Scrt1.o}|%{static-pie: /usr/lib/x86_64-linux-musl/rcrt1.o; !shared: /usr/lib/x86_64-linux-musl/Scrt1.o}|' \
        -e 's|^-dynamic-linker /lib/ld-musl-x86_64.so.1|%{!static-pie:-dynamic-linker /lib/ld-musl-x86_64.so.1} %{static-pie:-static -pie --no-dynamic-linker -z text}|' \
        /usr/lib/x86_64-linux-musl/musl-gcc.specs >"$W/musl-pie.specs"
    printf '#!/bin/sh\nexec gcc "$@" -specs %s\n' "$W/musl-pie.specs" >"$W/musl-cc"
    chmod +x "$W/musl-cc"
}

fetch() {
    cd "$W/src"
    # versions in bookworm's main archive (the security archive's sources are not always mirrored)
    for pv in lz4 libzstd pcre2=10.42-1 xxhash zlib openssl=3.0.17-1~deb12u2 libseccomp; do
        apt-get source -q --download-only "$pv" >/dev/null 2>&1 || apt-get source -q --download-only "${pv%%=*}"
    done
    [ -f brotli_1.0.9.orig.tar.gz ] || curl -sfO http://deb.debian.org/debian/pool/main/b/brotli/brotli_1.0.9.orig.tar.gz
    for f in *.orig.tar.gz *.orig.tar.xz *.orig.tar.bz2; do [ -f "$f" ] && tar xf "$f"; done
}

CC="musl-gcc"
CF="-O2 -fPIE -isystem $W/kinc"
zlib() { cd "$W"/src/zlib-*/ && CC=$CC CFLAGS="$CF" ./configure --static --prefix="$P" && make -j2 libz.a && make install; }
lz4() { cd "$W"/src/lz4-*/ && make -C lib -j2 CC=$CC CFLAGS="$CF" liblz4.a && cp lib/liblz4.a "$P/lib" && cp lib/lz4.h lib/lz4frame.h lib/lz4hc.h "$P/include"; }
zstd() { cd "$W"/src/zstd-*/ && make -C lib -j2 CC=$CC CFLAGS="$CF" libzstd.a && cp lib/libzstd.a "$P/lib" && cp lib/zstd.h lib/zstd_errors.h lib/zdict.h "$P/include"; }
xxhash() { cd "$W"/src/xxHash-*/ && make -j2 CC=$CC CFLAGS="$CF" libxxhash.a && cp libxxhash.a "$P/lib" && cp xxhash.h "$P/include"; }
pcre2() { cd "$W"/src/pcre2-*/ && CC=$CC CFLAGS="$CF" ./configure --disable-shared --enable-jit --prefix="$P" && make -j2 && make install; }
brotli() {
    cd "$W"/src/brotli-*/ && rm -f ./*.o
    for d in common dec enc; do
        for f in c/$d/*.c; do $CC $CF -Ic/include -c "$f" -o "$d-$(basename "$f" .c).o"; done
        ar rcs "$P/lib/libbrotli$d.a" $d-*.o
    done
    cp -r c/include/brotli "$P/include/"
}
seccomp() { cd "$W"/src/libseccomp-*/ && CC=$CC CFLAGS="$CF" ./configure --disable-shared --prefix="$P" && make -j2 && make install; }
openssl() {
    cd "$W"/src/openssl-3.0.17/ && CC=$CC ./Configure linux-x86_64 no-shared no-tests no-engine no-dso no-async --prefix="$P" --libdir=lib $CF &&
        make -j2 build_libs && make install_dev
}
basalt() {
    cd "$ROOT" && make -j2 BUILD=build/musl CC="$W/musl-cc" EXTRA_CFLAGS="-isystem $P/include -isystem $W/kinc" \
        LIBS="-L$P/lib -lpcre2-8 -lxxhash -llz4 -lzstd -lz -lbrotlienc -lbrotlidec -lbrotlicommon -lcrypto -lseccomp -lm -lpthread" \
        build/musl/release/basalt
}

step deps deps
step fetch fetch
for s in zlib lz4 zstd xxhash pcre2 brotli seccomp openssl; do step $s $s; done
step basalt basalt
ls -l "$ROOT/build/musl/release/basalt"
