#!/usr/bin/env bash
# Make a local stand-in for the Dockerfile's base image (node:20-bookworm-slim)
# where it cannot be pulled: a minimal Debian bookworm from Debian's packages,
# this machine's Node 20 and npm with Node's headers (native modules build
# against them instead of downloading them), the machine's extra CA
# certificates and npm settings, and the `node` user (uid 1000) the real
# image has. Prints the image's name.
#
#   .ci/node-base-image.sh DOCKER_HOST [TAG]
set -euo pipefail

host="$1"
tag="${2:-homelane-ci/node:20-bookworm}"
docker_() { docker -H "$host" "$@"; }

if docker_ image inspect "$tag" >/dev/null 2>&1; then
  echo "$tag"
  exit 0
fi

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
if ! command -v debootstrap >/dev/null 2>&1; then
  as_root apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq debootstrap >&2
fi

node_bin="$(command -v node)"
node_version="$("$node_bin" --version)"
case "$node_version" in
  v20.*) ;;
  *) echo "node-base-image: this machine has Node $node_version, the image needs 20" >&2; exit 1 ;;
esac
prefix="$(cd "$(dirname "$(readlink -f "$node_bin")")/.." && pwd)"
npm_dir="$prefix/lib/node_modules/npm"
headers="$prefix/include/node"
for needed in "$npm_dir/bin/npm-cli.js" "$headers/node.h"; do
  [ -e "$needed" ] || { echo "node-base-image: $needed is missing" >&2; exit 1; }
done

root="$(mktemp -d /tmp/homelane-node-base.XXXXXX)"
trap 'as_root rm -rf "$root"' EXIT
as_root debootstrap --variant=minbase bookworm "$root/fs" http://deb.debian.org/debian >&2

as_root install -m 0755 "$node_bin" "$root/fs/usr/local/bin/node"
as_root mkdir -p "$root/fs/usr/local/lib/node_modules" "$root/fs/usr/local/include"
as_root cp -a "$npm_dir" "$root/fs/usr/local/lib/node_modules/npm"
as_root cp -a "$headers" "$root/fs/usr/local/include/node"
as_root ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/fs/usr/local/bin/npm"
as_root ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/fs/usr/local/bin/npx"

# Trust what this machine trusts (a TLS-inspecting proxy's CA, say): the certs
# go where update-ca-certificates looks, and Node reads them as extra CAs.
as_root mkdir -p "$root/fs/usr/local/share/ca-certificates" "$root/fs/etc/ssl"
if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
  as_root cp /usr/local/share/ca-certificates/*.crt "$root/fs/usr/local/share/ca-certificates/"
fi
bundle=/etc/ssl/certs/ca-certificates.crt
if [ -f "$bundle" ]; then as_root cp "$bundle" "$root/fs/etc/ssl/host-ca-bundle.crt"; fi
as_root mkdir -p "$root/fs/usr/local/etc"
{
  echo 'nodedir=/usr/local'
  if [ -f "$bundle" ]; then echo 'cafile=/etc/ssl/host-ca-bundle.crt'; fi
} | as_root tee "$root/fs/usr/local/etc/npmrc" >/dev/null

as_root chroot "$root/fs" groupadd --gid 1000 node
as_root chroot "$root/fs" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
as_root rm -rf "$root/fs/var/cache/apt/archives/"*.deb "$root/fs/var/lib/apt/lists/"*

changes=(--change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'CMD ["node"]')
if [ -f "$bundle" ]; then
  changes+=(--change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/host-ca-bundle.crt')
fi
as_root tar -C "$root/fs" -c . | docker_ import "${changes[@]}" - "$tag" >&2
echo "$tag"
