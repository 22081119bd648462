# What sopdoc says around the diagnostics: summaries, labels, status lines, reports.
# English is the reference: every key here exists in locales/fr/interface.ftl with the
# same variables (a test checks it). Numbers choose plural forms: `[one]` and `*[other]`.

## Diagnostics in the terminal

label-hint = = hint:
label-fix = = fix:
summary-line = { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }, { $infos ->
        [one] { $infos } info
       *[other] { $infos } infos
    }
check-infos-hidden = (`sopdoc check` shows the infos)
diagnostics-and-more = … and { $count } more
did-you-mean = did you mean `{ $candidate }`?
did-you-mean-two = did you mean `{ $first }` or `{ $second }`?

## What an automatic fix does

fix-replace-with = replace with `{ $text }`
fix-no-change = no change
fix-insert = insert { $what }{ $place }
fix-remove = remove { $what }{ $place }
fix-replace = replace { $old } with { $new }{ $place }
fix-before = { " " }before `{ $char }`
fix-and = { " " }and{ " " }
char-narrow-nbsp = a narrow no-break space
char-nbsp = a no-break space
char-thin-space = a thin space
char-zero-width-space = a zero-width space
char-tab = a tab
char-spaces = { $count ->
        [one] a space
       *[other] { $count } spaces
    }
fix-legend = <U+202F> narrow no-break space, <U+00A0> no-break space
fix-fixed-file = fixed { $file }
fix-legend-line = (invisible characters shown as: { $legend })
rules-unknown-id = no rule has the id `{ $id }`

## watch and serve

serve-overlay-head = { $count ->
        [one] { $count } error
       *[other] { $count } errors
    } in the last save; this page shows the last good build.
watch-watching = watching { $root } (Ctrl-C to stop)
watch-stopped = stopped
serve-public = warning: serving on { $ip }: other machines on the network can read the site (drafts included)
serve-serving = serving { $url } (Ctrl-C to stop)
watch-kept-previous = nothing written, the last good output stays
watch-whole-site = whole site
watch-site-pages = site pages
watch-written = html: { $docs }, { $written } files written
watch-removed = , { $removed } removed
watch-pdf-queued = ; { $count } PDF to follow
watch-initial-build = initial build
watch-cycle = { $clock } { $trigger } → { $what } in { $ms } ms; { $errors ->
        [one] { $errors } error
       *[other] { $errors } errors
    }, { $warnings ->
        [one] { $warnings } warning
       *[other] { $warnings } warnings
    }
watch-unchanged = { " " }({ $count } unchanged, not repeated)
watch-fixed = ; { $count } fixed
watch-pdf-written = { $clock } pdf: { $file }, { $pages } pages in { $ms } ms
watch-pdf-not-written = { $clock } pdf: { $file } not written

## rules and explain

rules-no-rule-in = no rule in `{ $area }`; areas: { $areas }
explain-every-language = every language
explain-source-not-given = not given
explain-pack = Style pack `{ $pack }`, for chapters in { $languages }.
    Source: { $source } (confidence: { $confidence }).
explain-fixable = `sopdoc check --fix` applies its suggestion.

## translate

status-document = document
status-lang = lang
status-units = units
status-translated = translated
status-stale = stale
status-missing = missing
status-untracked = untracked
status-edited = edited
status-new-words = new words
status-changed-words = changed words
translate-termbase-written = wrote { $path } ({ $terms } terms, { $acronyms } acronyms; { $untranslated } without `{ $lang }` text)
translate-export-written = wrote { $path } ({ $units } units, { $translated } translated, { $words } words to translate)
translate-imported = { $file }: { $translated } units translated, { $changed } changed; { $dry_run ->
        [yes] would write
       *[no] wrote
    } { $written ->
        [0] nothing (no change)
       *[other] { $files }
    }

## build

build-progress = building
build-waiting = another sopdoc command is building or writing this project: waiting for it to finish ({ $lock })
build-elsewhere = { $problems } problems ({ $errors } errors) in documents or languages not built now: `sopdoc check` lists them
build-nothing-written = nothing written: fix the errors above first
build-held-back = { $doc } ({ $lang }) not written: fix its errors above first
build-html = html: { $files } files in { $folder } ({ $written } written, { $removed } removed)
build-pdf = pdf: { $files } files, { $pages } pages in { $folder }
build-typst = typst: sources of { $files } documents in { $folder }
build-docx = docx: { $files } files in { $folder }
build-cards = cards: { $files } role cards, { $pages } pages in { $folder }
build-done = done in { $seconds } s

## sopdoc lsp (the editor's menus and notices)
lsp-add-word = Add `{ $word }` to { $file }
lsp-fix-all = Fix everything sopdoc can fix in this file ({ $count ->
    [one] { $count } fix
   *[other] { $count } fixes
})
lsp-no-project = sopdoc: no sopdoc.yaml in the workspace folder or above it; open the project folder to get diagnostics
lsp-word-added = sopdoc: `{ $word }` added to { $file }
lsp-rename-xliff = sopdoc: renamed. XLIFF files exported before this rename will not import (translate/unknown-unit): export them again for the translators still working on them
