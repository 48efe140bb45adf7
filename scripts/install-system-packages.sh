#!/usr/bin/env bash
# Install the Debian packages the outputs need, and only those still missing.
# Safe to run again and again: `make demo` and `make test` call it every time.
# Extra package names may follow (`make bench` adds hugo, its baseline).
set -euo pipefail

packages=(
    fonts-noto-cjk poppler-utils libharfbuzz-subset0 chromium
    ffmpeg                                  # vertical clips: libass burns captions sized for the portrait frame
    melt ges1.0-tools                       # the station's timeline, rendered by real engines in the tests
    gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav
    "$@"
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
