#!/usr/bin/env bash
# sbom.sh — the software bill of materials of build/basalt: every library
# linked into the binary (the Debian -dev packages the Makefile links, plus
# glibc and libgcc), with its exact Debian package version, upstream version,
# SPDX license, purl and CPE, read from dpkg at build time.
#
#   tools/sbom.sh components            TSV: name version license purl cpe debian-package debian-version
#   tools/sbom.sh spdx NAME VERSION [FILE SHA256]
#                                       an SPDX 2.3 JSON document: basalt (and
#                                       the binary FILE with its checksum) and a
#                                       STATIC_LINK relationship to each library
#   tools/sbom.sh c OUT.c VERSION       OUT.c holding that document as a C string
#                                       (what `basalt --sbom` prints)
# The document's timestamp is SOURCE_DATE_EPOCH (default: the last commit's
# time), so the same inputs give the same bytes.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
libdir=/usr/lib/x86_64-linux-gnu

# name | the file the linker takes (tzdata: embedded by tools/gen-tzdata.sh) |
# SPDX license (the tz database is public domain: no SPDX identifier) | CPE vendor:product (- none)
LIBS="pcre2|$libdir/libpcre2-8.a|BSD-3-Clause WITH PCRE2-exception|pcre:pcre2
xxhash|$libdir/libxxhash.a|BSD-2-Clause|cyan4973:xxhash
lz4|$libdir/liblz4.a|BSD-2-Clause|lz4_project:lz4
zstd|$libdir/libzstd.a|BSD-3-Clause OR GPL-2.0-only|facebook:zstandard
zlib|$libdir/libz.a|Zlib|zlib:zlib
brotli|$libdir/libbrotlicommon.a|MIT|google:brotli
openssl|$libdir/libcrypto.a|Apache-2.0|openssl:openssl
libseccomp|$libdir/libseccomp.a|LGPL-2.1-only|libseccomp_project:libseccomp
glibc|$libdir/libc.a|LGPL-2.1-or-later|gnu:glibc
libgcc|$(gcc -print-libgcc-file-name 2>/dev/null || echo /nonexistent)|GPL-3.0-or-later WITH GCC-exception-3.1|gnu:gcc
tzdata|/usr/share/zoneinfo/UTC|NOASSERTION|-"

components() {
    printf '%s\n' "$LIBS" | while IFS='|' read -r name file license cpe; do
        pkg=$(dpkg -S "$file" 2>/dev/null | head -1 | cut -d: -f1) || pkg=""
        if [ -z "$pkg" ]; then
            echo "sbom.sh: no Debian package owns $file" >&2
            exit 1
        fi
        dver=$(dpkg-query -W -f='${Version}' "$pkg")
        up=$(dpkg-query -W -f='${source:Upstream-Version}' "$pkg")
        ver=$(printf '%s' "$up" | sed -E 's/[+.~]dfsg[0-9]*$//; s/\+dfsg.*$//')
        purl="pkg:deb/debian/$pkg@$(printf '%s' "$dver" | sed 's/+/%2B/g; s/:/%3A/g')?arch=amd64&distro=debian-12"
        [ "$cpe" = - ] && cpe23=- || cpe23="cpe:2.3:a:$cpe:$ver:*:*:*:*:*:*:*"
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$ver" "$license" "$purl" "$cpe23" "$pkg" "$dver"
    done
}

json_str() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }

spdx() {
    local name=$1 version=$2 file=${3:-} sum=${4:-}
    local epoch=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || echo 0)}
    local created comps
    created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
    comps=$(components)
    printf '{\n  "spdxVersion": "SPDX-2.3",\n  "dataLicense": "CC0-1.0",\n  "SPDXID": "SPDXRef-DOCUMENT",\n'
    printf '  "name": "%s-%s",\n' "$(json_str "$name")" "$(json_str "$version")"
    printf '  "documentNamespace": "https://spdx.org/spdxdocs/%s-%s-%s",\n' "$(json_str "$name")" "$(json_str "$version")" \
        "$(printf '%s%s' "$comps" "$sum" | sha256sum | cut -c1-32)"
    printf '  "creationInfo": {"created": "%s", "creators": ["Tool: basalt tools/sbom.sh"]},\n' "$created"
    printf '  "documentDescribes": ["SPDXRef-basalt"],\n  "packages": [\n'
    printf '    {"SPDXID": "SPDXRef-basalt", "name": "basalt", "versionInfo": "%s", "downloadLocation": "NOASSERTION",\n' "$(json_str "$version")"
    printf '     "licenseConcluded": "Apache-2.0", "licenseDeclared": "Apache-2.0", "copyrightText": "NOASSERTION",\n'
    printf '     "primaryPackagePurpose": "APPLICATION", "filesAnalyzed": false}'
    printf '%s\n' "$comps" | while IFS=$'\t' read -r cname cver lic purl cpe pkg dver; do
        printf ',\n    {"SPDXID": "SPDXRef-%s", "name": "%s", "versionInfo": "%s", "downloadLocation": "NOASSERTION",\n' "$cname" "$cname" "$(json_str "$cver")"
        printf '     "supplier": "Organization: Debian", "sourceInfo": "Debian package %s %s",\n' "$pkg" "$(json_str "$dver")"
        printf '     "licenseConcluded": "%s", "licenseDeclared": "%s", "copyrightText": "NOASSERTION",\n' "$lic" "$lic"
        printf '     "primaryPackagePurpose": "LIBRARY", "filesAnalyzed": false,\n'
        printf '     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "%s"}' "$purl"
        [ "$cpe" = - ] || printf ',\n                      {"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "%s"}' "$cpe"
        printf ']}' 
    done
    printf '\n  ]'
    if [ -n "$file" ]; then
        printf ',\n  "files": [{"SPDXID": "SPDXRef-binary", "fileName": "%s", "checksums": [{"algorithm": "SHA256", "checksumValue": "%s"}],\n' "$(json_str "$file")" "$sum"
        printf '             "licenseConcluded": "NOASSERTION", "copyrightText": "NOASSERTION"}]'
    fi
    printf ',\n  "relationships": [\n    {"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": "SPDXRef-basalt"}'
    [ -n "$file" ] && printf ',\n    {"spdxElementId": "SPDXRef-basalt", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-binary"}'
    printf '%s\n' "$comps" | while IFS=$'\t' read -r cname _; do
        printf ',\n    {"spdxElementId": "SPDXRef-basalt", "relationshipType": "STATIC_LINK", "relatedSpdxElement": "SPDXRef-%s"}' "$cname"
    done
    printf '\n  ]\n}\n'
}

case "${1:-}" in
components) components ;;
spdx) shift; spdx "$@" ;;
c)
    out=$2 version=$3
    doc=$(spdx basalt "$version")
    mkdir -p "$(dirname "$out")"
    {
        echo "/* generated by tools/sbom.sh at build time: the SPDX 2.3 bill of materials basalt --sbom prints */"
        echo "const char basalt_sbom_json[] ="
        printf '%s\n' "$doc" | sed 's/\\/\\\\/g; s/"/\\"/g; s/^/    "/; s/$/\\n"/'
        echo "    ;"
    } >"$out.tmp"
    mv "$out.tmp" "$out"
    ;;
*) sed -n '2,15p' "$0" >&2; exit 2 ;;
esac
