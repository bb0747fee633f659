#!/usr/bin/env bash
# Copies the pinned front-end packages from node_modules into static/vendor.
# Nothing is fetched at run time: pages load these files from our own server.
set -euo pipefail
cd "$(dirname "$0")/.."
out=static/vendor
rm -rf "$out"
mkdir -p "$out/nhsuk/assets" "$out/js"
nhs=node_modules/nhsuk-frontend/dist/nhsuk
cp "$nhs/nhsuk-frontend.min.css" "$nhs/nhsuk-frontend.min.js" "$out/nhsuk/"
cp -r "$nhs/assets/." "$out/nhsuk/assets/"
cp node_modules/htmx.org/dist/htmx.min.js "$out/js/"
cp node_modules/vega/build/vega.min.js "$out/js/"
cp node_modules/vega-lite/build/vega-lite.min.js "$out/js/"
cp node_modules/vega-embed/build/vega-embed.min.js "$out/js/"
# axe-core is for the accessibility checks of the browser tests only.
mkdir -p "$out/test"
cp node_modules/axe-core/axe.min.js "$out/test/"
echo "Front-end assets built into $out"
