#!/usr/bin/env bash
# Renders the toolbar and store icons from scripts/icon.svg (needs ImageMagick: apt-get install imagemagick).
set -euo pipefail
cd "$(dirname "$0")/.."
for size in 16 32 48 128; do
  convert -background none -density 384 scripts/icon.svg -resize "${size}x${size}" "components/assets/icon/${size}.png"
done
