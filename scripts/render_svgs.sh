#!/usr/bin/env bash
# Renders every *.svg in a directory to a PNG beside it (or into OUT_DIR) with rsvg-convert, so a person
# can look at the charts. rsvg-convert comes from Debian's librsvg2-bin; it is installed if missing.
#
# usage: scripts/render_svgs.sh DIR [OUT_DIR] [ZOOM]
#   DIR      directory holding the .svg files (not searched recursively)
#   OUT_DIR  where the .png files go (default: DIR)
#   ZOOM     scale factor (default 1.5, sharper than the 720x450 SVG size)
set -euo pipefail

dir="${1:?usage: $0 DIR [OUT_DIR] [ZOOM]}"
out="${2:-$dir}"
zoom="${3:-1.5}"

if ! command -v rsvg-convert >/dev/null 2>&1; then
    echo "rsvg-convert not found; installing librsvg2-bin" >&2
    if [ "$(id -u)" -eq 0 ]; then
        apt-get install -y librsvg2-bin >/dev/null
    else
        sudo apt-get install -y librsvg2-bin >/dev/null
    fi
fi

mkdir -p "$out"
shopt -s nullglob
files=("$dir"/*.svg)
if [ "${#files[@]}" -eq 0 ]; then
    echo "no .svg files in $dir" >&2
    exit 1
fi
for svg in "${files[@]}"; do
    png="$out/$(basename "${svg%.svg}").png"
    rsvg-convert --zoom "$zoom" --background-color white --format png --output "$png" "$svg"
    echo "$svg -> $png"
done
