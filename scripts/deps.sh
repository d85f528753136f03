#!/usr/bin/env bash
# Installs the Debian packages that building, running and testing the ebiten window need,
# only those that are missing. Called first by `make run` and `make test`; safe to run again.
#
#   gcc libc6-dev pkg-config               cgo (ebiten compiles GLFW's C sources)
#   libx11-dev libxcursor-dev libxi-dev    X11 headers and libraries GLFW links against
#   libxinerama-dev libxrandr-dev libxxf86vm-dev
#   libgl1-mesa-dev                        OpenGL headers (libGL.so)
#   libgl1-mesa-dri libegl1 libgles2       Mesa software rendering; ebiten dlopens libGLESv2 at run time
#   xvfb xauth                             a virtual display for the window tests (xvfb-run)
#   python3                                the Python client of the bot server (bots/remote/python), in its tests
set -euo pipefail

packages=(
	gcc libc6-dev pkg-config
	libx11-dev libxcursor-dev libxi-dev libxinerama-dev libxrandr-dev libxxf86vm-dev
	libgl1-mesa-dev libgl1-mesa-dri libegl1 libgles2
	xvfb xauth
	python3
)

fail() {
	echo "deps.sh: $*" >&2
	exit 1
}

installed() {
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

command -v dpkg-query >/dev/null 2>&1 || fail "dpkg-query not found: this script needs Debian or Ubuntu; install by hand: ${packages[*]}"

missing=()
for p in "${packages[@]}"; do
	installed "$p" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "deps.sh: all ${#packages[@]} Debian packages already installed"
	exit 0
fi
echo "deps.sh: missing ${missing[*]}"

sudo=()
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || fail "not root and no sudo: run as root: apt-get install ${missing[*]}"
	sudo=(sudo)
fi

# apt's own output is kept out of the way and only its first error line is shown on failure.
run_apt() {
	local out
	out=$("${sudo[@]}" apt-get "$@" 2>&1) && return 0
	echo "$out" | grep -m1 '^E:' || echo "$out" | tail -n1
	return 1
}

export DEBIAN_FRONTEND=noninteractive
echo "deps.sh: apt-get update"
err=$(run_apt update -qq) || fail "apt-get update failed ($err); cannot install: ${missing[*]}"
echo "deps.sh: apt-get install ${missing[*]}"
err=$(run_apt install -y -qq --no-install-recommends "${missing[@]}") \
	|| fail "apt-get install failed for ${missing[*]} ($err)"
for p in "${missing[@]}"; do
	installed "$p" || fail "$p is still not installed after apt-get install"
	echo "deps.sh: installed $p"
done
