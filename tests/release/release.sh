#!/usr/bin/env bash
# release.sh RELEASE_BINARY IMAGE_DIR — the hardened delivery (make release,
# make image): the binary is a static PIE with no dynamic section entries
# (NEEDED) and prints its SPDX bill of materials naming every library linked
# in; the OCI layout validates (../shared/tools/oci-validate.py: schemas,
# digests, non-root, no setuid, nothing writable outside the volume), a
# second build gives the same digests, the image's SBOM names the binary by
# its checksum. As root with umoci and runc installed, the image really runs:
# unpacked, read-only root filesystem, uid 65532, host network, a data
# directory bound read-write, and the stateless suite runs against it
# through basalt client (it says so when this part is skipped).
# Prints "ok NAME" / "not ok NAME".
set -u
R=${1:?usage: release.sh RELEASE_BINARY IMAGE_DIR}
IMG=${2:?usage: release.sh RELEASE_BINARY IMAGE_DIR}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/basalt-release.XXXXXX)
cid=""
trap '[ -n "$cid" ] && { runc kill "$cid" KILL 2>/dev/null; sleep 0.3; runc delete -f "$cid" 2>/dev/null; }; rm -rf "$work"' EXIT

check() {  # check NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then echo "ok $1"; else echo "not ok $1"; printf '  expected: %q\n  actual:   %q\n' "$2" "$3"; fi
}

# ---- the static binary ----
check release_static_pie "DYN static-pie" "$(readelf -h "$R" | awk '/Type:/ {print $2}') $(file -b "$R" | grep -o 'static-pie')"
check release_no_needed "0" "$(readelf -d "$R" | grep -c NEEDED)"
check release_no_interp "0" "$(readelf -l "$R" | grep -c 'INTERP')"
check release_runs "1	2" "$("$R" local -q "SELECT 1, 1 + 1")"
sbom=$("$R" --sbom)
check release_sbom "basalt pcre2 xxhash lz4 zstd zlib brotli openssl libseccomp glibc libgcc tzdata" \
    "$(printf '%s' "$sbom" | python3 -c '
import json, sys
d = json.load(sys.stdin)
assert d["spdxVersion"] == "SPDX-2.3"
names = []
for p in d["packages"]:
    assert p["versionInfo"] and p["versionInfo"] != "NOASSERTION", p
    if p["name"] != "basalt":
        refs = {r["referenceType"]: r["referenceLocator"] for r in p["externalRefs"]}
        assert refs["purl"].startswith("pkg:deb/debian/"), p
        if p["name"] != "tzdata":   # data in the public domain: no CPE, no SPDX license id
            assert refs["cpe23Type"].startswith("cpe:2.3:a:") and p["licenseDeclared"] not in ("", "NOASSERTION"), p
    names.append(p["name"])
links = [r["relatedSpdxElement"] for r in d["relationships"] if r["relationshipType"] == "STATIC_LINK"]
assert len(links) == len(names) - 1, links
print(" ".join(names))
' 2>&1)"

# ---- the image ----
out=$(python3 "$here/../shared/tools/oci-validate.py" "$IMG" 2>&1)
check image_validates "PASSED (0 problems)" "$(printf '%s\n' "$out" | tail -1)"
printf '%s\n' "$out" | grep -q 'schema validation skipped' && echo "ok image_schema_skipped (python3-jsonschema or the OCI schemas are not installed)"
# the same inputs: the binary, the image's SOURCE_DATE_EPOCH (the commit time when it was built) and its revision label
SOURCE_DATE_EPOCH=$(awk '/^epoch/ {print $2}' "$IMG/digests.txt") BASALT_REVISION=$(awk '/^revision/ {print $2}' "$IMG/digests.txt") "$here/tools/oci-image.sh" "$R" "$work/again" "$(sed -n 's/^#define BASALT_VERSION "\(.*\)"/\1/p' "$here/src/base/version.h")" >/dev/null
check image_reproducible "$(cat "$IMG/digests.txt")" "$(cat "$work/again/digests.txt")"
check image_archive_identical "same" "$(cmp -s "$IMG/basalt.oci.tar" "$work/again/basalt.oci.tar" && echo same)"
check image_sbom_binary "$(sha256sum "$R" | cut -d' ' -f1)" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["files"][0]["checksums"][0]["checksumValue"])' "$IMG/sbom.spdx.json" 2>&1)"
check image_contents "basalt etc etc/group etc/passwd tmp data" \
    "$(tar -xOf "$IMG/basalt.oci.tar" "blobs/sha256/$(awk '/^layer/ {print $2}' "$IMG/digests.txt" | cut -d: -f2)" | tar -tzf - | tr '\n' ' ' | sed 's/ $//; s|/ | |g; s|/$||')"

# ---- the image runs: umoci unpack + runc, read-only root, uid 65532 ----
if [ "$(id -u)" != 0 ] || ! command -v umoci >/dev/null || ! command -v runc >/dev/null; then
    echo "ok image_run_skipped (needs root, umoci and runc: the image was not run)"
    exit 0
fi
tag=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"])' "$IMG/index.json")
umoci unpack --image "$IMG:$tag" "$work/bundle" >"$work/unpack.log" 2>&1 || { echo "not ok image_unpack"; cat "$work/unpack.log"; exit 0; }
mkdir -p "$work/data" && chown 65532:65532 "$work/data"
for try in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000)); tport=$((port + 1))
    python3 - "$work/bundle/config.json" "$work/data" $port $tport <<'EOF'
import json, sys
p, data, port, tport = sys.argv[1:]
c = json.load(open(p))
c['root']['readonly'] = True
c['process']['terminal'] = False
c['process']['args'] = ['/basalt', 'server', '--listen', '127.0.0.1', '--http-port', port, '--tcp-port', tport]
c['linux']['namespaces'] = [n for n in c['linux']['namespaces'] if n['type'] != 'network']   # host network: loopback
c['mounts'] = [m for m in c['mounts'] if m['destination'] != '/data'] + \
    [{'destination': '/data', 'type': 'bind', 'source': data, 'options': ['rbind', 'rw']}]
json.dump(c, open(p, 'w'))
EOF
    cid="basalt-test-$$-$try"
    runc run --bundle "$work/bundle" "$cid" >"$work/run.log" 2>&1 &
    rpid=$!
    for i in $(seq 1 50); do curl -s -m 1 "http://127.0.0.1:$port/ping" >/dev/null 2>&1 && break; sleep 0.1; done
    curl -s -m 1 "http://127.0.0.1:$port/ping" >/dev/null 2>&1 && break
    runc delete -f "$cid" >/dev/null 2>&1
    cid=""
done
if [ -z "$cid" ]; then
    # runc itself could not make a container here (no namespaces, cgroups or
    # mounts in an unprivileged CI container): say so; anything else fails
    if grep -qiE 'runc run failed|unable to start container|operation not permitted|permission denied|cgroup' "$work/run.log"; then
        echo "ok image_run_skipped (runc cannot create a container on this machine: $(head -1 "$work/run.log"))"
    else
        echo "not ok image_run"
        cat "$work/run.log"
    fi
    exit 0
fi
echo "ok image_run"
cpid=$(runc state "$cid" | python3 -c 'import json,sys; print(json.load(sys.stdin)["pid"])')
check image_run_uid "65532" "$(awk '/^Uid:/ {print $2}' /proc/$cpid/status)"
check image_run_no_new_privs "1" "$(awk '/^NoNewPrivs:/ {print $2}' /proc/$cpid/status)"
check image_run_seccomp "2" "$(awk '/^Seccomp:/ {print $2}' /proc/$cpid/status)"
check image_run_query "1" "$(curl -s -m 5 "http://127.0.0.1:$port/?query=SELECT+1")"
check image_run_readonly_root "1" "$(grep -c ' / .*\bro\b' /proc/$cpid/mounts | awk '{print ($1 >= 1)}')"
# the stateless suite against the running image, through basalt client
SERVER_TCP_PORT=$tport "$here/tests/compat/client_stateless.sh" "$R" >"$work/stateless.out" 2>&1
np=$(grep -c '^ok ' "$work/stateless.out"); nf=$(grep -c '^not ok' "$work/stateless.out")
check image_stateless_suite "$(ls "$here"/tests/queries/*.sql | wc -l) passed, 0 failed" "$np passed, $nf failed"
[ "$nf" -gt 0 ] && grep -A8 '^not ok' "$work/stateless.out" | head -40
runc kill "$cid" TERM
rc=timeout
for i in $(seq 1 100); do kill -0 $rpid 2>/dev/null || break; sleep 0.1; done
kill -0 $rpid 2>/dev/null || { wait $rpid; rc=$?; }
check image_stop_sigterm "0" "$rc"   # the server drained and exited cleanly; runc removed the container
runc delete -f "$cid" >/dev/null 2>&1
cid=""
