#!/usr/bin/env bash
# Installs the outside tools the test suite drives (Debian packages), only when missing.
# Called by scripts/test.sh and by .ci/run; safe to run again.
set -euo pipefail

# With CI set, a test whose tool is missing fails instead of skipping (tests/it/common.rs,
# `require`), so every tool below must be here.
need=()
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# git: `sopdoc diff` between revisions (tests/it/diff.rs builds a repository with it).
command -v git >/dev/null 2>&1 || need+=(git)
# qpdf: structural checks of the PDFs sopdoc writes.
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
# Headless Chromium: the live-reload test of `sopdoc serve` drives a real browser.
command -v chromium >/dev/null 2>&1 || need+=(chromium)
# LibreOffice without its GUI (about 50 packages, 1 to 2 minutes): the Word export test
# converts a review copy to text with `soffice --headless --convert-to txt`.
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
# Node.js and npm: the accessibility test drives axe-core in Chromium (tests/a11y/).
command -v node >/dev/null 2>&1 || need+=(nodejs)
command -v npm >/dev/null 2>&1 || need+=(npm)

if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  echo "installing test tools: ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# Translate Toolkit reads the XLIFF files sopdoc writes (tests/it/translate.rs).
if ! python3 -c "import translate.storage.xliff2" >/dev/null 2>&1; then
  echo "installing test tools: translate-toolkit (PyPI)" >&2
  python3 -m pip install --quiet --disable-pip-version-check translate-toolkit
fi

# A real LSP client for `sopdoc lsp` (tests/lsp-client): pygls through pytest-lsp, pinned.
if ! python3 -c "import pytest_lsp" >/dev/null 2>&1; then
  echo "installing test tools: pytest-lsp (PyPI)" >&2
  python3 -m pip install --quiet --disable-pip-version-check -r "$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/lsp-client/requirements.txt"
fi

# axe-core and puppeteer-core, at the versions pinned in tests/a11y/package-lock.json
# (puppeteer-core downloads no browser: the test uses Debian's Chromium).
a11y="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/tests/a11y"
if [ ! -f "$a11y/node_modules/axe-core/axe.min.js" ] || [ ! -d "$a11y/node_modules/puppeteer-core" ]; then
  echo "installing test tools: axe-core, puppeteer-core (npm)" >&2
  (cd "$a11y" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
fi

# The VS Code extension's client library and the packaging tool (@vscode/vsce 3.x, which
# runs on Node 20), at the versions pinned in editors/vscode/package-lock.json.
vscode="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/editors/vscode"
if [ ! -x "$vscode/node_modules/.bin/vsce" ] || [ ! -d "$vscode/node_modules/vscode-languageclient" ]; then
  echo "installing test tools: vscode-languageclient, @vscode/vsce (npm)" >&2
  (cd "$vscode" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
fi
