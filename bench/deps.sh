#!/bin/sh
# bench/deps.sh: install, from Debian's (or Ubuntu's) packages, what the
# bench needs and is missing, saying what it installs; like
# .ci/install-deps, with sudo unless root.  Installs nothing when all is
# present.  The peers are the packages people install to serve static
# files; the rest are the measuring instruments.
set -e
pkgs="wrk curl strace binutils"          # load, downloads, strace -c, strip
pkgs="$pkgs lighttpd mini-httpd busybox"   # three of the peers
# nginx: nginx-light where the release has it (Debian 12), else nginx.
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'; }
if installed nginx-light || installed nginx; then
    :
elif apt-cache policy nginx-light 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    pkgs="$pkgs nginx-light"
else
    pkgs="$pkgs nginx"
fi

missing=
for p in $pkgs; do
    installed "$p" || missing="$missing $p"
done
[ -z "$missing" ] && { echo "bench: every package present"; exit 0; }

sudo=
[ "$(id -u)" -eq 0 ] || sudo=sudo
echo "bench: installing:$missing"
$sudo apt-get update -q
available=
for p in $missing; do
    if apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
        available="$available $p"
    else
        echo "bench: WARNING: no package '$p' here; its server is left out" >&2
    fi
done
[ -n "$available" ] || exit 0
# A peer's package may start its service on port 80 at install time
# (nginx, lighttpd): policy-rc.d's exit 101 forbids that for this install.
# The bench runs its own copy of each server on loopback.
prc=/usr/sbin/policy-rc.d
if [ ! -e $prc ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee $prc >/dev/null
    $sudo chmod 755 $prc
    trap '$sudo rm -f $prc' EXIT
fi
$sudo env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends $available
