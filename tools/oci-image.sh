#!/usr/bin/env bash
# oci-image.sh BINARY OUTDIR VERSION — `make image`: an OCI image of the
# static basalt binary, built from scratch with bash, GNU tar, gzip and
# sha256sum (no container daemon), byte for byte reproducible: the same
# inputs and SOURCE_DATE_EPOCH (default: the last commit's time) give the
# same digests.
#
# One layer: /basalt (0555, root), /etc/passwd and /etc/group (root and
# nonroot 65532), /tmp (1777) and /data (0700, owned by 65532, a volume).
# The config runs `basalt server` as 65532:65532 with its data in /data,
# listening on all interfaces (so the server refuses to start until
# BASALT_DEFAULT_PASSWORD or BASALT_DEFAULT_PASSWORD_FILE gives the default
# user a password), ports 8123 and 9000, OCI labels.
#
# OUTDIR gets the OCI layout (oci-layout, index.json, blobs/sha256/...) plus
# the manifest.json `docker load` reads, basalt.oci.tar (the layout as one
# archive: podman/docker load -i, skopeo oci-archive:), sbom.spdx.json (the
# image's SPDX 2.3 bill of materials: the binary's checksum and every
# library linked into it, tools/sbom.sh) and digests.txt.
set -eu
bin=${1:?usage: oci-image.sh BINARY OUTDIR VERSION}
out=${2:?usage: oci-image.sh BINARY OUTDIR VERSION}
version=${3:?usage: oci-image.sh BINARY OUTDIR VERSION}
here=$(cd "$(dirname "$0")/.." && pwd)
epoch=${SOURCE_DATE_EPOCH:-$(git -C "$here" log -1 --format=%ct 2>/dev/null || echo 0)}
export SOURCE_DATE_EPOCH=$epoch
created=$(date -u -d "@$epoch" +%Y-%m-%dT%H:%M:%SZ)
revision=${BASALT_REVISION:-$(git -C "$here" rev-parse HEAD 2>/dev/null || echo unknown)}

work=$(mktemp -d /tmp/basalt-image.XXXXXX)
trap 'rm -rf "$work"' EXIT
rm -rf "$out"
mkdir -p "$out/blobs/sha256" "$work/root/etc" "$work/root/tmp" "$work/user/data"

# ---- the layer: root-owned files, then the user's volume ----
install -m 0555 "$bin" "$work/root/basalt"
printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/data:/sbin/nologin\n' >"$work/root/etc/passwd"
printf 'root:x:0:\nnonroot:x:65532:\n' >"$work/root/etc/group"
chmod 0444 "$work/root/etc/passwd" "$work/root/etc/group"
chmod 0755 "$work/root/etc"
chmod 1777 "$work/root/tmp"
chmod 0700 "$work/user/data"
tarflags=(--format=ustar --sort=name --mtime="@$epoch" --numeric-owner --no-recursion)
(cd "$work/root" && tar "${tarflags[@]}" --owner=0 --group=0 -cf "$work/layer.tar" basalt etc etc/group etc/passwd tmp)
(cd "$work/user" && tar "${tarflags[@]}" --owner=65532 --group=65532 -cf "$work/user.tar" data)
tar -A -f "$work/layer.tar" "$work/user.tar"
diff_id=$(sha256sum "$work/layer.tar" | cut -d' ' -f1)
gzip -n -9 <"$work/layer.tar" >"$work/layer.tar.gz"

blob() {   # blob FILE -> prints "digest size", stores the file under blobs/
    local d s
    d=$(sha256sum "$1" | cut -d' ' -f1)
    s=$(stat -c %s "$1")
    cp "$1" "$out/blobs/sha256/$d"
    echo "$d $s"
}
read -r layer_d layer_s < <(blob "$work/layer.tar.gz")

labels=$(printf '"org.opencontainers.image.title": "basalt", "org.opencontainers.image.description": "ClickHouse-compatible analytics database: one static binary",
        "org.opencontainers.image.version": "%s", "org.opencontainers.image.revision": "%s", "org.opencontainers.image.created": "%s",
        "org.opencontainers.image.licenses": "Apache-2.0", "org.opencontainers.image.source": "%s"' \
    "$version" "$revision" "$created" "${BASALT_SOURCE_URL:-https://github.com/basalt-db/basalt}")

cat >"$work/config.json" <<EOF
{
  "created": "$created",
  "architecture": "amd64",
  "os": "linux",
  "config": {
    "User": "65532:65532",
    "Env": ["BASALT_PATH=/data", "BASALT_LISTEN=0.0.0.0"],
    "Entrypoint": ["/basalt"],
    "Cmd": ["server"],
    "WorkingDir": "/data",
    "ExposedPorts": {"8123/tcp": {}, "9000/tcp": {}},
    "Volumes": {"/data": {}},
    "Labels": {$labels}
  },
  "rootfs": {"type": "layers", "diff_ids": ["sha256:$diff_id"]},
  "history": [{"created": "$created", "created_by": "tools/oci-image.sh (basalt $version)"}]
}
EOF
read -r cfg_d cfg_s < <(blob "$work/config.json")

cat >"$work/manifest.json" <<EOF
{
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.manifest.v1+json",
  "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": "sha256:$cfg_d", "size": $cfg_s},
  "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": "sha256:$layer_d", "size": $layer_s}],
  "annotations": {$labels}
}
EOF
read -r man_d man_s < <(blob "$work/manifest.json")

cat >"$out/index.json" <<EOF
{
  "schemaVersion": 2,
  "mediaType": "application/vnd.oci.image.index.v1+json",
  "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": "sha256:$man_d", "size": $man_s,
                 "annotations": {"org.opencontainers.image.ref.name": "$version", "io.containerd.image.name": "docker.io/library/basalt:$version"}}]
}
EOF
printf '{"imageLayoutVersion": "1.0.0"}\n' >"$out/oci-layout"
printf '[{"Config": "blobs/sha256/%s", "RepoTags": ["basalt:%s"], "Layers": ["blobs/sha256/%s"]}]\n' "$cfg_d" "$version" "$layer_d" >"$out/manifest.json"

# the layout as one archive
(cd "$out" && find . -mindepth 1 | LC_ALL=C sort | sed 's|^\./||' >"$work/list" &&
    tar --format=ustar --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --no-recursion -cf "$work/basalt.oci.tar" -T "$work/list")
mv "$work/basalt.oci.tar" "$out/basalt.oci.tar"

bin_sum=$(sha256sum "$bin" | cut -d' ' -f1)
"$here/tools/sbom.sh" spdx basalt "$version" /basalt "$bin_sum" >"$out/sbom.spdx.json"
{
    echo "epoch    $epoch (SOURCE_DATE_EPOCH: the same again gives the same bytes)"
    echo "revision $revision (BASALT_REVISION: the commit labelled)"
    echo "manifest sha256:$man_d"
    echo "config   sha256:$cfg_d"
    echo "layer    sha256:$layer_d ($layer_s bytes)"
    echo "binary   sha256:$bin_sum ($(stat -c %s "$bin") bytes)"
    echo "archive  sha256:$(sha256sum "$out/basalt.oci.tar" | cut -d' ' -f1) ($(stat -c %s "$out/basalt.oci.tar") bytes)"
} >"$out/digests.txt"
cat "$out/digests.txt"
