#!/usr/bin/env bash
# Runs each cargo-fuzz target for MINUTES minutes (default 3) with the nightly toolchain and
# the address sanitizer, after seeding empty corpora from the bundled project and the test
# fixtures. Outside CI: the sanitizer build recompiles Typst (15-25 min cold).
# The fuzz crate is excluded from the workspace, so `cargo test` at the root never builds it.
# A crash is saved under fuzz/artifacts/TARGET/; turn it into an ordinary test on stable.
# Usage: scripts/fuzz.sh [MINUTES] [TARGET...]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here/fuzz"
minutes="${1:-3}"
shift || true
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz

# seed TARGET PREFIX FILE...: copies each file into corpus/TARGET, PREFIX (a byte given as
# an octal escape, or empty) in front: project_yaml reads its first byte as the file to fuzz.
seed() {
  local target="$1" prefix="$2"
  shift 2
  mkdir -p "corpus/$target"
  for f in "$@"; do
    [ -f "$f" ] || continue
    local name
    name="seed-$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
    { printf "$prefix"; cat "$f"; } >"corpus/$target/$name"
  done
}

seed_all() {
  local fx="$here/tests/fixtures" src="$here/sop-sources"
  mapfile -t chapters < <(find "$fx" "$src" -name '*.md' -size -64k | sort)
  seed markdown "" "${chapters[@]}"
  seed html "" "${chapters[@]}"
  seed typst "" "$fx"/pdf-basic/sop-sources/sop-01/fr/*.md "$fx"/procedures/sop-sources/sop-01/fr/*.md
  # The file order of fuzz/common/mod.rs FILES.
  seed project_yaml '\000' $(find "$fx" "$here" -maxdepth 2 -name sopdoc.yaml)
  seed project_yaml '\001' $(find "$fx" "$src" -name document.yaml)
  seed project_yaml '\002' "$fx"/procedures/sop-sources/sop-01/fr/*.md
  seed project_yaml '\004' $(find "$fx" "$src" -name actors.yaml)
  seed project_yaml '\005' $(find "$fx" "$src" -name glossary.yaml)
  seed project_yaml '\006' $(find "$fx" "$src" -name comments.yaml)
  seed project_yaml '\007' $(find "$fx" "$src" -name translation.yaml)
  seed project_yaml '\010' "$here"/styles/rules/*.yaml
  seed termbase "" $(find "$fx" "$src" -name glossary.yaml)
  # XLIFF 1.2 and 2.0 and a Word review copy, made by sopdoc from the fixtures.
  local bin="$here/target/release/sopdoc" tmp
  if [ -x "$bin" ]; then
    tmp="$(mktemp -d)"
    cp -r "$fx/translate" "$tmp/t" && cp -r "$fx/procedures" "$tmp/p" && cp -r "$fx/review" "$tmp/r"
    for p in t p; do
      for v in 1.2 2.0; do
        "$bin" --project "$tmp/$p" -q translate export --lang en --xliff "$v" >/dev/null 2>&1 || true
        mv "$tmp/$p/xliff/sop-01.en.xlf" "$tmp/$p-$v.xlf" 2>/dev/null || true
      done
    done
    seed xliff "" "$tmp"/*.xlf
    "$bin" --project "$tmp/r" -q build --format docx >/dev/null 2>&1 || true
    seed word_comments "" "$tmp"/r/build/docx/*.docx
    rm -rf "$tmp"
  fi
  # Flowchart graphs of 6, 12 and 24 nodes (the target reads a node count, three bytes
  # per node: kind, then two edge targets, and then text split at `|`): from an empty
  # corpus libFuzzer's length limit grows from 4 bytes, a few nodes in minutes.
  mkdir -p corpus/flowchart
  local n i
  for n in 6 12 24; do
    {
      printf "\\$(printf '%03o' $((n - 1)))"
      for ((i = 0; i < n; i++)); do
        printf "\\$(printf '%03o' $((i % 4 + (i % 3 == 0 ? 16 : 0))))"
        printf "\\$(printf '%03o' $(((i + 1) % n)))\\$(printf '%03o' $(((i * 7 + 3) % n)))"
      done
      printf '%s' 'Identifier la personne|Mineur ?|oui|non|Orienter vers les services|Dossier clos|Police'
    } >"corpus/flowchart/seed-$n"
  done
  # The sentinel element in every place a chapter holds text (see fuzz_targets/html.rs).
  mkdir -p corpus/html
  printf '%s\n' '---' 'title: "T <x-fz>"' '---' '# Titre <x-fz> {#t}' '' \
    'Texte <x-fz> *<x-fz>* [lien <x-fz>](#t) `<x-fz>`[^1].' '' \
    'Table: Légende <x-fz> {#tbl-a}' '' '| A <x-fz> | B |' '|---|---|' '| <x-fz> | c |' '' \
    '```procedure' 'id: p' 'title: "P <x-fz>"' 'steps:' '  - id: a' '    actor: "<x-fz>"' \
    '    action: "Agir <x-fz>"' '    exit: "Fin <x-fz>"' '```' '' '[^1]: Note <x-fz>.' \
    >corpus/html/seed-sentinel
}
seed_all

targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "== $target ($minutes min)"
  nice -n 10 cargo +nightly fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time=$((minutes * 60)) -max_len=65536 -rss_limit_mb=4096
done
