#!/usr/bin/env bash
# Takes the editor screenshots of the authors' guides (docs/guide-*.md, "Writing in an
# editor"): `sopdoc lsp` driven by a real Neovim inside tmux, for each interface language.
#
#   scripts/editor-screenshots.sh   # docs/images/nvim-{diagnostics,hover,completion}.{fr,en}.png
#   SOPDOC=target/release/sopdoc LANGS=fr OUT=/tmp/shots scripts/editor-screenshots.sh
#   KEEP=1 scripts/editor-screenshots.sh     # keeps the temporary folder (captures, pages)
#
# What it does, per language (fr, en):
#   1. copies the bundled project (sop-sources/, sopdoc.yaml, styles/) to a temporary folder
#      and puts two realistic mistakes in chapter 03-definitions.md of sop-01 in that
#      language: a cross-reference to a misspelt section id (`#delai-reflextion`) and a
#      misspelt word (`nécéssaire` / `requried`);
#   2. starts Neovim (Debian 12's 0.7) in a detached tmux session of 120×34 cells, with a
#      minimal init.lua: the Neovim 0.7–0.9 snippet read from the README, plus colours;
#      `SOPDOC_LANG` sets the language of sopdoc's messages;
#   3. drives it with `tmux send-keys`: waits for the diagnostics, opens the diagnostic
#      float on the broken reference (<Space>e), hovers a correct reference (K), and asks
#      for completion after `](#` (<C-x><C-o>), capturing the pane with its colours
#      (`tmux capture-pane -e`) after each;
#   4. turns each capture into HTML (a small ANSI-to-HTML converter below, DejaVu Sans
#      Mono) and photographs it with headless Chromium; pngquant and optipng shrink the
#      PNG when they are installed (`apt-get install pngquant optipng`).
#
# Needs: nvim (0.7 to 0.10), tmux, chromium, python3, and sopdoc (SOPDOC, else `sopdoc` on
# the PATH, else target/release/sopdoc). Not run by CI: the pictures are committed; run it
# again after a change in what the server shows, and look at every picture before
# committing it. About 40 s.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${OUT:-$repo/docs/images}"
langs="${LANGS:-fr en}"
cols=120
rows=34

sopdoc="${SOPDOC:-$(command -v sopdoc || echo "$repo/target/release/sopdoc")}"
[ -x "$sopdoc" ] || { echo "sopdoc not found: build it or set SOPDOC" >&2; exit 1; }
for tool in nvim tmux chromium python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool is required" >&2; exit 1; }
done
# The README's snippet is the one for 0.7 to 0.9 (0.11 warns that start_client is deprecated).
nvim --version | head -n 1 | grep -Eq '^NVIM v0\.(7|8|9|10)\.' \
  || { echo "Neovim 0.7 to 0.10 is required (Debian 12: apt-get install neovim)" >&2; exit 1; }

work="$(mktemp -d)"
socket="sopdoc-shots-$$"
cleanup() {
  tmux -L "$socket" kill-server 2>/dev/null || true
  rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$socket"
  if [ -n "${KEEP:-}" ]; then echo "captures and pages kept in $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT
mkdir -p "$out" "$work/bin" "$work/config/nvim"
ln -s "$(cd "$(dirname "$sopdoc")" && pwd)/$(basename "$sopdoc")" "$work/bin/sopdoc"

# --- Neovim's configuration --------------------------------------------------------------
# The README's Neovim 0.7-0.9 snippet, as a reader copies it, then the looks.
python3 - "$repo/README.md" >"$work/config/nvim/init.lua" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
blocks = [b for b in re.findall(r"```lua\n(.*?)```", text, re.S) if "vim.lsp.start_client" in b]
if len(blocks) != 1:
    sys.exit("README.md: expected one lua block calling vim.lsp.start_client")
print("-- sopdoc for Neovim 0.7 to 0.9, from the README.")
print(blocks[0])
EOF
cat >>"$work/config/nvim/init.lua" <<'EOF'
-- For the screenshots only: wrapped lines, a calm colour scheme, bordered floats.
vim.o.linebreak = true
vim.o.breakindent = true
vim.o.signcolumn = 'yes'
vim.o.termguicolors = true
vim.o.completeopt = 'menuone,noinsert'
vim.o.shortmess = vim.o.shortmess .. 'cI'
local hl = function(group, spec) vim.api.nvim_set_hl(0, group, spec) end
hl('Normal', { fg = '#d4d4d4', bg = '#1e1e1e' })
hl('SignColumn', { bg = '#1e1e1e' })
hl('NonText', { fg = '#5c6370' })
hl('EndOfBuffer', { fg = '#5c6370' })
hl('NormalFloat', { fg = '#d4d4d4', bg = '#2b2d31' })
hl('FloatBorder', { fg = '#8a8f98', bg = '#2b2d31' })
hl('Pmenu', { fg = '#d4d4d4', bg = '#2b2d31' })
hl('PmenuSel', { fg = '#ffffff', bg = '#264f78' })
hl('PmenuSbar', { bg = '#3c3f45' })
hl('PmenuThumb', { bg = '#8a8f98' })
hl('StatusLine', { fg = '#1e1e1e', bg = '#a8b4c4' })
hl('Search', { fg = '#1e1e1e', bg = '#e5c07b' })
hl('DiagnosticError', { fg = '#f48771' })
hl('DiagnosticWarn', { fg = '#e5c07b' })
hl('DiagnosticUnderlineError', { undercurl = true, sp = '#f48771' })
hl('DiagnosticUnderlineWarn', { undercurl = true, sp = '#e5c07b' })
hl('markdownH1', { fg = '#61afef', bold = true })
hl('markdownH2', { fg = '#61afef', bold = true })
hl('markdownHeadingDelimiter', { fg = '#61afef', bold = true })
hl('markdownBold', { fg = '#ffffff', bold = true })
hl('markdownLinkText', { fg = '#98c379' })
hl('markdownUrl', { fg = '#56b6c2' })
vim.diagnostic.config({
  virtual_text = { prefix = '●' },
  float = { border = 'rounded' },
  severity_sort = true,
})
vim.lsp.handlers['textDocument/hover'] = vim.lsp.with(vim.lsp.handlers.hover, { border = 'rounded' })
EOF

# --- ANSI (tmux capture-pane -e) to HTML ---------------------------------------------------
cat >"$work/ansi2html.py" <<'EOF'
"""Turns `tmux capture-pane -e -p` output into an HTML page of exactly COLS x ROWS cells."""
import html, re, sys

FG, BG = "#d4d4d4", "#1e1e1e"
BASIC = ["#1e1e1e", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
         "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#ffffff"]

def xterm(n):
    if n < 16:
        return BASIC[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    v = 8 + 10 * (n - 232)
    return "#%02x%02x%02x" % (v, v, v)

def colour(params, i):
    """(colour, next index) of a 38/48/58 extended colour starting at params[i]."""
    if params[i + 1] == 5:
        return xterm(params[i + 2]), i + 3
    return "#%02x%02x%02x" % tuple(params[i + 2:i + 5]), i + 5

def cells(line, cursor):
    """The SGR sequences and text of a line, the text cut around the cursor's cell, which
    comes as (None, character)."""
    col = 0
    for token in re.split(r"(\x1b\[[0-9;:]*m)", line):
        if token.startswith("\x1b[") or cursor is None or not col <= cursor < col + len(token):
            yield token
            if not token.startswith("\x1b["):
                col += len(token)
            continue
        at = cursor - col
        yield token[:at]
        yield (None, token[at])
        yield token[at + 1:]
        col += len(token)

def main(src, dst, cols, rows, font_px, line_px, cx, cy, cursor_shape):
    state = {}
    lines = open(src, encoding="utf-8").read().split("\n")[:rows]
    body = []
    for y, line in enumerate(lines):
        out, col = [], 0
        cursor = cx if y == cy else None
        if cursor is not None:
            width = len(re.sub(r"\x1b\[[0-9;:]*m", "", line))
            line += " " * max(0, cursor + 1 - width)
        for token in cells(line, cursor):
            mark = isinstance(token, tuple)
            if mark:
                token = token[1]
            if not mark and token.startswith("\x1b["):
                params = [int(p or 0) for p in re.split("[;:]", token[2:-1])] or [0]
                i = 0
                while i < len(params):
                    p = params[i]
                    if p == 0: state = {}
                    elif p == 1: state["bold"] = True
                    elif p == 3: state["italic"] = True
                    elif p == 4: state["under"] = True
                    elif p == 7: state["reverse"] = True
                    elif p == 22: state.pop("bold", None)
                    elif p == 23: state.pop("italic", None)
                    elif p == 24: state.pop("under", None)
                    elif p == 27: state.pop("reverse", None)
                    elif 30 <= p <= 37: state["fg"] = BASIC[p - 30]
                    elif 90 <= p <= 97: state["fg"] = BASIC[p - 82]
                    elif 40 <= p <= 47: state["bg"] = BASIC[p - 40]
                    elif 100 <= p <= 107: state["bg"] = BASIC[p - 92]
                    elif p == 39: state.pop("fg", None)
                    elif p == 49: state.pop("bg", None)
                    elif p == 59: state.pop("sp", None)
                    elif p in (38, 48, 58):
                        c, i = colour(params, i)
                        state[{38: "fg", 48: "bg", 58: "sp"}[p]] = c
                        continue
                    i += 1
                continue
            if not token:
                continue
            fg, bg = state.get("fg", FG), state.get("bg", BG)
            if state.get("reverse"):
                fg, bg = bg, fg
            if mark and cursor_shape == "block":
                fg, bg = bg, "#e8e8e8"
            style = [f"color:{fg}"]
            if bg != BG:
                style.append(f"background:{bg}")
            if state.get("bold"):
                style.append("font-weight:bold")
            if state.get("italic"):
                style.append("font-style:italic")
            if state.get("under"):
                sp = state.get("sp")
                style.append(f"text-decoration:underline wavy {sp}" if sp else "text-decoration:underline")
            if mark and cursor_shape == "bar":
                style.append("box-shadow:inset 2px 0 #e8e8e8")
            out.append(f'<span style="{";".join(style)}">{html.escape(token)}</span>')
            col += len(token)
        if col < cols and state.get("bg", BG) != BG:
            out.append(f'<span style="background:{state["bg"]}">{" " * (cols - col)}</span>')
        body.append("".join(out))
    body += [""] * (rows - len(body))
    page = f"""<!doctype html><meta charset="utf-8"><style>
html,body{{margin:0;background:{BG}}}
pre{{margin:0;padding:8px 10px;font:{font_px}px/{line_px}px 'DejaVu Sans Mono',monospace;color:{FG};
text-decoration-skip-ink:none;text-underline-offset:2px}}
</style><pre>{chr(10).join(body)}</pre>"""
    open(dst, "w", encoding="utf-8").write(page)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], *map(int, sys.argv[3:9]), sys.argv[9])
EOF

font_px=15
line_px=17
# DejaVu Sans Mono advances 0.602 em: the window fits the cells and the padding exactly.
width=$(python3 -c "import math; print(math.ceil($cols * $font_px * 0.602) + 20)")
height=$((rows * line_px + 16))

tm() { tmux -L "$socket" "$@"; }
keys() { tm send-keys -t shots "$@"; }
screen() { tm capture-pane -t shots -p; }
# Waits until the screen shows PATTERN (a grep -E regex), at most 20 s.
wait_for() {
  for _ in $(seq 200); do
    screen | grep -Eq "$1" && return 0
    sleep 0.1
  done
  echo "timed out waiting for /$1/ on the screen:" >&2
  screen >&2
  exit 1
}
# Captures the pane with colours and writes docs/images/NAME.LANG.png.
shoot() {
  local name="$1" lang="$2" png="$out/$1.$2.png"
  sleep 0.5 # let Neovim finish drawing
  tm capture-pane -t shots -e -p >"$work/$name.ans"
  # The cursor, which the capture lacks: a block in Normal mode, a bar in Insert mode.
  local x y shape=block
  read -r x y < <(tm display-message -p -t shots '#{cursor_x} #{cursor_y}')
  if screen | tail -n 1 | grep -q -- '-- INSERT --\|-- (insert)\|-- Omni'; then shape=bar; fi
  python3 "$work/ansi2html.py" "$work/$name.ans" "$work/$name.html" "$cols" "$rows" "$font_px" "$line_px" "$x" "$y" "$shape"
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size="$width,$height" --screenshot="$work/$name.png" "file://$work/$name.html" 2>/dev/null
  if command -v pngquant >/dev/null 2>&1; then
    pngquant --force --quality=70-95 --strip --output "$work/$name.q.png" "$work/$name.png" && mv "$work/$name.q.png" "$work/$name.png"
  fi
  if command -v optipng >/dev/null 2>&1; then optipng -quiet -o5 "$work/$name.png"; fi
  mv "$work/$name.png" "$png"
  echo "$png: $(($(stat -c %s "$png") / 1024)) KiB"
}
# Replaces FROM with TO in FILE; fails when FROM is not there (the bundled text changed).
mistake() {
  local file="$1" from="$2" to="$3"
  grep -qF -- "$from" "$file" || { echo "$file no longer holds \`$from\`" >&2; exit 1; }
  FROM="$from" TO="$to" python3 -c 'import os, sys
p = sys.argv[1]; s = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(s.replace(os.environ["FROM"], os.environ["TO"], 1))' "$file"
}

for lang in $langs; do
  project="$work/$lang"
  mkdir -p "$project"
  cp -r "$repo/sop-sources" "$repo/sopdoc.yaml" "$repo/styles" "$project/"
  chapter="sop-sources/sop-01/$lang/03-definitions.md"
  case "$lang" in
    fr)
      mistake "$project/$chapter" "(voir [](#delai-reflexion))" "(voir [](#delai-reflextion))"
      mistake "$project/$chapter" "soit nécessaire." "soit nécéssaire."
      ;;
    en)
      mistake "$project/$chapter" "(see [](#delai-reflexion))" "(see [](#delai-reflextion))"
      mistake "$project/$chapter" "being required." "being requried."
      ;;
    *) echo "no mistakes written for language $lang" >&2; exit 1 ;;
  esac

  cat >"$work/run-$lang.sh" <<EOF
#!/bin/sh
cd "$project"
export PATH="$work/bin:\$PATH" SOPDOC_LANG=$lang TERM=tmux-256color
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" XDG_CACHE_HOME="$work/cache"
exec nvim "$chapter"
EOF
  chmod +x "$work/run-$lang.sh"
  tm new-session -d -s shots -x "$cols" -y "$rows" "$work/run-$lang.sh"

  # The diagnostics arrive: a sign `E` in the sign column of the broken reference.
  wait_for '^E '
  # The float of the broken reference (line 14), the misspelt word (line 10) in view.
  keys 9G zt 14G
  keys '/reflextion' Enter C-l
  keys ' e'
  wait_for '╭'
  shoot nvim-diagnostics "$lang"

  # Hover on a correct reference: `[](#annexe-risques)`, line 22.
  keys Escape 18G zt 22G0 '/annexe-risques' Enter C-l
  keys K
  wait_for '╭'
  shoot nvim-hover "$lang"

  # Completion after `](#`, in a sentence being typed under the list: <C-x><C-o>.
  keys Escape 9G zt 14G o
  case "$lang" in
    fr) keys -l -- '- Voir la procédure de détection ([](#d' ;;
    en) keys -l -- '- See the detection procedure ([](#d' ;;
  esac
  keys C-x C-o
  wait_for 'delai-reflexion'
  shoot nvim-completion "$lang"

  keys C-e Escape ':qa!' Enter
  sleep 0.5
  tm kill-server 2>/dev/null || true
done
