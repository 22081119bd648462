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
mark-narrow-nbsp = <U+202F>
mark-nbsp = <U+00A0>
mark-thin-space = <U+2009>
mark-zero-width-space = <U+200B>
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
lsp-anchor-kind = { $kind ->
    [chapter] chapter
    [section] section
    [annex] annex
    [annex-section] annex section
    [table] table
    [figure] figure
    [procedure] procedure
    [step] step
   *[footnote] footnote
}
lsp-step-of = step { $number } of procedure { $procedure }
lsp-articles = Articles: { $list }
lsp-add-word = Add `{ $word }` to { $file }
lsp-fix-all = Fix everything sopdoc can fix in this file ({ $count ->
    [one] { $count } fix
   *[other] { $count } fixes
})
lsp-no-project = sopdoc: no sopdoc.yaml in the workspace folder or above it; open the project folder to get diagnostics
lsp-word-added = sopdoc: `{ $word }` added to { $file }
lsp-rename-xliff = sopdoc: renamed. XLIFF files exported before this rename will not import (translate/unknown-unit): export them again for the translators still working on them

## Environment errors (printed after `error:`, with a hint after `hint:`)

error-label = error:
hint-label = hint:
error-no-project = no sopdoc.yaml found in { $start } or any parent folder
error-no-project-hint = run `sopdoc init DIR` to create a project, or pass `--project DIR`
error-read = cannot read { $path }: { $reason }
error-write = cannot write { $path }: { $reason }
error-write-hint = check the folder's permissions, or choose another one with `--out DIR`
error-not-empty = { $path } already exists and is not empty
error-locked = another sopdoc build is running in this project (lock { $path })
error-locked-hint = wait for the other build to finish
error-template = template error: { $detail }
error-watch = cannot watch { $path }: { $detail }
error-watch-hint = on Linux, raise fs.inotify.max_user_watches if the project has many folders
error-listen = cannot listen on { $addr }: { $reason }
error-listen-hint = choose another port with `--port N` (`--port 0` picks a free one)
error-docx = Word document: { $detail }
error-foreign-files = { $path } holds { $count ->
        [one] a file
       *[other] { $count } files
    } that sopdoc did not write: { $examples }{ $more ->
        [0] {""}
       *[other] { " " }and { $more } more
    }
error-foreign-files-hint = choose a new or empty folder with `--out DIR`, or move those files away; sopdoc removes and replaces only files it wrote itself
error-symlink = { $path } is a symbolic link; sopdoc never writes, renames or deletes through a link it did not create
error-symlink-hint = replace the link with a real folder, or give the link's target itself (e.g. `--out DIR`)
io-not-found = no such file or folder
io-permission-denied = permission denied
io-already-exists = it already exists
io-is-a-directory = it is a folder, not a file
io-not-a-directory = a part of the path is a file, not a folder
io-directory-not-empty = the folder is not empty
io-read-only = the disk is read-only
io-storage-full = the disk is full
io-invalid-data = the content is not valid text (UTF-8)
io-addr-in-use = the address is already in use
io-addr-not-available = the address is not available on this machine

## Requests that cannot be served (printed after `error:`)

usage-init-lang = sopdoc init has a sample in `fr` and `en`, not `{ $lang }`
usage-invalid-id = `{ $id }` is not a valid document id: use lower-case letters, digits and single hyphens, e.g. `sop-05`
usage-unknown-doc = no document has the id `{ $id }`
usage-documents = documents: { $documents }
usage-unknown-lang = `{ $lang }` is not a language of this project ({ $languages })
usage-no-document = no document `{ $id }` in this project (documents: { $documents })
usage-source-language = `{ $lang }` is the source language; name a target language (one of: { $targets })
usage-not-a-language = `{ $lang }` is not a language of this project (sopdoc.yaml lists: { $languages })
cli-manifest-unreadable = the project's sopdoc.yaml does not read; run `sopdoc check`
cli-wrote = wrote { $path }
fix-changed-meanwhile = { $file } changed since it was checked; run the command again

## init, new, schema

init-created = created { $dir } with { $files } files
init-next = next: cd { $dir } && sopdoc build
new-created = created { $id } ({ $files } files)
schema-modeline-added = modeline added to { $path }
schema-up-to-date = schemas and modelines are up to date

## Word review copies (build --format docx, review import)

docx-no-translation = document `{ $doc }` has no `{ $lang }` translation
docx-writer-failed = the Word writer failed
docx-corrupt = the file is corrupt (the Word reader gave up)
docx-unreadable = not a readable Word document
docx-not-sopdoc = this Word document was not made by `sopdoc build --format docx` (it has no sopdoc-source property)
docx-bad-source-property = malformed sopdoc-source property `{ $value }`: it must read `document/language`, both plain names
docx-part-too-large = the part `{ $part }` of the Word file inflates to more than { $part_limit } MiB; a review copy inflates to a few megabytes, so this file is damaged or was made to exhaust memory (limits: { $part_limit } MiB per part, { $limit } MiB in all). Nothing was imported.
docx-too-large = the Word file inflates to more than { $limit } MiB; a review copy inflates to a few megabytes, so this file is damaged or was made to exhaust memory (limits: { $part_limit } MiB per part, { $limit } MiB in all). Nothing was imported.
docx-part-damaged = the part `{ $part }` of the Word file is damaged (it does not inflate whole or fails its checksum): the file was cut or altered on its way; ask for it again. Nothing was imported.
review-comment-too-long = comment { $number } of the Word file (by { $author }, on paragraph { $paragraph }) is { $size }, more than the { $limit } kB a matrix entry takes: shorten it in Word, or attach the long text to the review instead
review-matrix-too-large = { $path } would be { $size }, more than the { $limit } MiB sopdoc reads in one file: import the comments in several review rounds, or close and archive old ones first
review-matrix-too-many = { $path } would hold { $expected } comments, more than one matrix file holds (about 7 000): archive the closed comments first, or split the review
review-matrix-unreadable = { $path } would not read back with its { $expected } comments ({ $detail })
review-matrix-lost = { $path } would not keep its comments ({ $read } read back instead of { $expected })
review-unknown-document = { $file } is a review copy of `{ $doc }`, which this project does not have
review-fix-matrix-first = fix the comments matrix first: nothing was imported
review-nothing-imported = Nothing was imported.
review-imported = { $added } comments of { $doc } ({ $lang }) added to { $file }{ $skipped ->
        [0] {""}
       *[other] { " " }({ $skipped } already in the matrix)
    }

## diff (status lines and errors; the report itself speaks the documents' language)

diff-cannot-load = cannot compare: the project at `{ $label }` cannot be loaded
diff-pdf-failed = the redline PDF could not be laid out: { $detail }
diff-not-a-version = `{ $spec }` is not a folder, and { $folder } is not inside a git repository
usage-join = {"; "}
diff-not-a-version-hint = give two project folders, or two revisions (`HEAD~1 HEAD`, tags, branches) inside a git repository
diff-bad-revision = cannot read revision `{ $spec }`: { $detail }
diff-bad-revision-hint = list revisions with `git log --oneline`; tags and branches work too
diff-git = cannot read the git repository: { $detail }
diff-no-project-at-revision = revision `{ $spec }` has no sopdoc.yaml at `{ $path }`
diff-unknown-document = no document `{ $doc }` in either version
diff-unknown-document-hint = check `--doc` against the document ids
serve-not-found = Not found
serve-not-found-text = Nothing is built at this address yet. The page reloads when a build writes it.

## --help: the headings clap lets an application name (the texts are in help.ftl)

help-usage = Usage:
help-commands = Commands
help-command = COMMAND
help-values = possible values:
help-default = default:
