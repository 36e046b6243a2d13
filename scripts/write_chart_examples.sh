#!/usr/bin/env bash
# Writes the example charts of Tests/ReportingTests/ChartExamples.swift (line chart as Figure 5.7,
# histogram as Figure 5.10, simple and grouped bar charts as Figures 5.11-5.12, a labelled scatter) as SVG
# into docs/examples/ (or DIR), by running the one test that writes them.
#
# usage: scripts/write_chart_examples.sh [DIR]     then: scripts/render_svgs.sh DIR /tmp/pngs
set -euo pipefail
cd "$(dirname "$0")/.."
dir="$(realpath -m "${1:-docs/examples}")"
REPORTING_EXAMPLES_DIR="$dir" swift test --filter 'ReportingTests.SVGChartTests/writeExamplesWhenAsked' >/dev/null
ls -1 "$dir"/*.svg
