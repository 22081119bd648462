# Diagnostic messages and hints, keyed on the rule catalogue (src/diag/rules.rs):
# a key starts with the rule id, its `/` written `-` (xref/unknown-target → xref-unknown-target…).

## YAML files (every rule that reads YAML)

yaml-unknown-key = unknown key `{ $key }`
yaml-allowed-keys = allowed keys here: { $keys }
yaml-unknown-value = unknown value `{ $value }`
yaml-allowed-values = allowed values: { $values }
yaml-missing-key = missing required key `{ $key }`
yaml-add-key = add `{ $key }: …`
yaml-malformed = malformed YAML
yaml-malformed-detail = malformed YAML: { $detail }
yaml-malformed-here = malformed YAML at this place
yaml-detail-end = malformed YAML: the file ends in the middle of a value
yaml-detail-quote = malformed YAML: a quotation mark is opened and never closed
yaml-detail-bracket = malformed YAML: a bracket or brace is opened and never closed
yaml-detail-sequence = malformed YAML: a list is expected here (lines starting with `- `, or `[a, b]`)
yaml-detail-mapping = malformed YAML: keys are expected here (lines `key: value`)
yaml-detail-scalar = malformed YAML: a single value or keys are expected here
yaml-detail-anchor = malformed YAML: `*name` refers to an anchor `&name` the file does not define
yaml-detail-character = malformed YAML: a value cannot start with this character; put the value in quotation marks
yaml-detail-escape = malformed YAML: unknown backslash sequence in double quotation marks; write `\\` for a backslash, or use single quotation marks
yaml-detail-trailing = malformed YAML: text follows the closing quotation mark of a value
yaml-detail-duplicate = malformed YAML: the same key appears twice
yaml-detail-indentation = malformed YAML: the indentation is inconsistent; align the keys of one level
yaml-detail-colon = malformed YAML: an unexpected `:`; put a value that holds `: ` in quotation marks
yaml-detail-budget = malformed YAML: the file nests too deep or repeats too many aliases to be read safely
yaml-detail-type = malformed YAML: this value is not of the expected kind (text, number, list or keys)

## meta/registry (bibliography.yaml)

bibliography-fields = fields are: { $fields }
bibliography-unknown-field = unknown field `{ $field }` in entry `{ $entry }`

## structure

structure-unknown-schema = no structure schema is called `{ $name }`
structure-unknown-schema-hint = use one of: { $schemas }, or `none`; or add { $file }
structure-unknown-section = the `{ $schema }` structure has no section `{ $section }`
structure-sections = sections: { $sections }

## procedure

procedure-unknown-actor = `{ $actor }` is not an actor of actors.yaml
procedure-unknown-actor-no-actors = actors.yaml defines no actor yet: add `{ $actor }` to it
procedure-unknown-actor-add = add `{ $actor }` to actors.yaml, or use one of its ids: { $ids }{ $more ->
        [0] {""}
       *[other] { " " }and { $more } more
    }

## cite

cite-unknown-key = no work has the key `{ $key }` in the bibliography
cite-unknown-key-no-bibliography = add a `bibliography.yaml` file (the list of works cited) at the root of the sources
cite-unknown-key-add = add `{ $key }` to bibliography.yaml

## style packs (style/…, typo/…, spelling/…)

pack-source = source: { $source } [{ $confidence }]
spelling-did-you-mean = did you mean { $words }?
spelling-add-word = if `{ $word }` is right, add it to { $file } (or to a registry if it names an actor, an acronym or a term)


## src/check/procedures.rs

procedure-missing-form = step `{ $id }` names the form “{ $text }” but links to no annex that is a form
procedure-missing-form-hint = link the annex that holds the form (`Fiche ([](#annexe-fiche))`); an annex is a form when it has `____` lines, a task list or a `signature` block; a document that is not a form is written `{"{"}text: …, form: false{"}"}`
procedure-unused-form = annex “{ $title }” is a form that no procedure step names in its `outputs:`
procedure-unused-form-hint = name it in the step that fills it in, so the step table and the role cards link it
procedure-duplicate-step = step id `{ $id }` is used twice in procedure `{ $id2 }`
procedure-duplicate-step-note = first used here
procedure-duplicate-step-hint = give each step its own id
procedure-missing-actor = step `{ $id }` has no responsible actor
procedure-missing-actor-hint = add `actor: <id>` with an id of actors.yaml: every step needs someone who answers for it
procedure-duplicate-branch = decision `{ $id }` has the answer `{ $label }` twice
procedure-duplicate-branch-hint = each answer leads one way; merge or rename them
procedure-unknown-step = procedure `{ $id }` has no step `{ $target }`
procedure-unreachable = no path from the first step leads to step `{ $id }`
procedure-unreachable-hint = point a `next:` or a decision branch at it, or remove it
procedure-no-exit = the pathway of procedure `{ $id }` never ends: no reachable step has an `exit`
procedure-no-exit-hint = say where the case leaves the procedure: `exit: Dossier clos` on the last step
procedure-missing-exit = step `{ $id }` is the last and does not say where the case goes
procedure-missing-exit-hint = add `exit: Dossier clos` (or the procedure the case is referred to), or `next: <step>`
procedure-translation-mismatch-note = as written in the `{ $source_lang }` source
procedure-translation-mismatch-hint = a translation changes the words only: keep the steps, actors and branches of the source

## src/resolve/footnotes.rs

xref-unused-footnote = footnote `[^{ $label }]` is never referred to, so it prints nowhere
xref-unused-footnote-hint = put `[^{ $label }]` where the note belongs, or delete the note
xref-unknown-footnote = footnote `[^{ $label }]` has no text in this chapter
xref-unknown-footnote-hint = add `[^{ $label }]: the note's text` on a line of its own in this file (a note belongs to the chapter that uses it)

## src/resolve/files.rs

xref-missing-file = `{ $dest }` does not exist
xref-missing-file-hint = check the path; it is relative to the chapter file
xref-missing-file-2 = `{ $dest }` cannot be read: { $e }
xref-missing-file-3 = `{ $dest }` is a folder, not a file
xref-missing-file-hint-2 = link to a file inside it
xref-missing-file-4 = `{ $dest }` { $why }, so it is never published
xref-missing-file-hint-3 = move the file into `{ $sources_name }` (e.g. the document's `assets/` folder), or list its folder under `assets:` in sopdoc.yaml
pdf-image = logo `{ $logo }` is not a file of the project
pdf-image-hint = give a path relative to the project root (sopdoc.yaml's folder); the cover shows the publisher's name meanwhile
pdf-image-2 = image `{ $dest }` { $what }
pdf-image-hint-2 = export it again at a smaller size (at most { $side } pixels a side and { $megapixels } megapixels); 3000 pixels across are plenty for a printed page
pdf-image-3 = image `{ $dest }` cannot be read: { $e }

## src/resolve/mod.rs

xref-invalid-id = id `{ $id }` should use only a-z, 0-9 and `-`
xref-invalid-id-hint = write `{"{"}#{ $slug_id }{"}"}`
xref-duplicate-id = id `{ $id }` is defined twice in this document
xref-duplicate-id-note = first defined here
xref-duplicate-id-hint = give each heading, table and figure its own id

## src/resolve/links.rs

xref-empty-link = link has no destination
xref-empty-link-hint = write `[](#id)` for a cross-reference or `[text](https://…)` for a web link
xref-unknown-document = no document has the id `{ $doc_part }`
xref-unknown-document-hint = documents: { $join }
xref-unknown-target = no heading, table or figure has the id `{ $anchor }` in { $here ->
        [yes] this document
       *[no] `{ $doc }`
    }
xref-unknown-target-hint = give the target an explicit id: `## Title {"{"}#my-id{"}"}`
xref-unknown-target-2 = no footnote has the label `[^{ $label }]` in { $here ->
        [yes] this document
       *[no] `{ $doc }`
    }
xref-unknown-target-hint-2 = a reference to a note is `[](#^label)`, where the note is `[^label]: …`
xref-ambiguous-footnote = several chapters have a footnote `[^{ $label }]` ({ $join })
xref-ambiguous-footnote-hint = give the note you mean a label of its own, e.g. `[^consent-age]`
xref-unknown-target-3 = footnote `[^{ $label }]` has no mark in the text, so it has no number
xref-unknown-target-hint-3 = put `[^{ $label }]` where the note belongs
xref-unknown-instrument = `{ $id }` is not in legal.yaml
xref-unknown-instrument-hint = add the instrument to legal.yaml at the root of the sources folder
xref-unknown-article = article `{ $a }` of `{ $id }` is not in legal.yaml
xref-unknown-article-hint = articles listed for `{ $id }`: { $known }; add the article once its number is verified
parse-missing-alt = image has no alternative text
parse-missing-alt-hint = describe the image between the brackets: `![Circuit de référencement](circuit.png)`
xref-remote-image = images must be files in the project
xref-remote-image-hint = download the image into the document's folder; builds never use the network

## src/resolve/citations.rs

cite-unknown-style = `{ $style_name }` is not a citation style sopdoc knows
cite-unknown-style-hint = use a style name such as `{ $DEFAULT_STYLE }`, `apa`, `harvard-cite-them-right` or `ieee`
cite-uncited = `{ $key }` is in the bibliography but no document cites it
cite-uncited-hint = cite it as `[@{ $key }]`, or remove the entry
cite-no-list = the document cites works but prints no list of references
cite-no-list-hint = add a fenced block with the info string `bibliography` where the list goes (a "Bibliographie" chapter)

## src/build.rs

pdf-typst = the overview of the collection ({ $lang }) could not be laid out: { $join }
cards-too-long = the role card of `{ $actor }` in `{ $doc }` ({ $lang }) needs { $pages } pages, not one
cards-too-long-hint = it lists { $steps } steps; shorten their actions or `never:` points (the card was written on { $pages } pages)
pdf-typst-2 = the role card of `{ $actor }` in `{ $doc }` ({ $lang }) could not be laid out: { $join }
pdf-page-limit = `{ $doc_id }` ({ $lang }) has { $body_pages } pages of body text, more than its page_limit of { $limit }
pdf-page-limit-hint = cover, contents and annexes are not counted; the PDF was written so you can see what to cut
pdf-page-limit-2 = `{ $doc_id }` ({ $lang }) has { $body_pages } pages of body text, fewer than its min_pages of { $min }

## src/translate/state.rs

translate-state = cannot read { $path } as UTF-8 text
translate-state-hint = the file is written by `sopdoc translate import`; restore it from version control, or delete it and import again
translate-state-2 = state file version { $version } is not supported

## src/translate/import/chapter.rs

translate-xliff-malformed = unit `{ $u_id }` appears twice in this file
translate-unknown-unit = unit `{ $u_id }` does not exist in `{ $original }`
translate-unknown-unit-hint = unit ids come from the source's structure; export again after the source changed
translate-stale = the source of unit `{ $u_id }` changed since the export; it is imported as translated from the exported text
translate-stale-note = the source text now
translate-stale-hint = `sopdoc translate status` lists it as stale until it is translated again
translate-conflict = unit `{ $u_id }` was edited in the translation since the export; the import would overwrite it
translate-conflict-note = edited here
translate-conflict-hint = export again and merge the edit in the CAT tool, or pass `--force` to overwrite it
translate-structure = `{ $path }` does not have the same blocks as its source; the import would rebuild it on the source's structure
translate-structure-hint = make the translation mirror the source (same headings, paragraphs, lists and tables), or pass `--force` to rebuild it from the source
translate-structure-2 = the translated chapter has no one-line `title:` in its front matter; the title's translation is not imported
translate-structure-hint-2 = add `title: "…"` to the translation's front matter and import again
translate-broken-code = the target of unit `{ $unit_id }` cannot be written as Markdown with the same inline codes
translate-broken-code-hint = check that paired codes (emphasis, links) enclose some text and are not split
translate-structure-3 = the translated `{ $original }` would not have the source's structure
translate-structure-hint-3 = a target may have changed a block's kind (a line starting with `#` or `-`); report it with the XLIFF file

## src/translate/status.rs

translate-stale-2 = the `{ $src_lang }` source of this text changed since it was translated (unit `{ $id }`)
translate-stale-hint-2 = `sopdoc translate export --lang { $lang } --doc { $doc_id }` sends it back to the translator

## src/translate/import.rs

translate-xliff-malformed-hint = save the file as UTF-8 (in the CAT tool's export or save-as settings) and import it again
translate-not-imported = nothing was written: fix the errors above and import again
translate-wrong-language = the XLIFF source language is `{ $xliff_lang }`, but this project's source language is `{ $src_lang }`
translate-wrong-language-2 = the XLIFF target language `{ $lang }` is not a target language of this project
translate-wrong-language-hint = target languages in sopdoc.yaml: { $join }
translate-xliff-malformed-2 = `{ $original }` appears in two `<file>` elements
translate-unknown-file = `{ $original }` is not a source chapter of this project
translate-unknown-file-hint = import the XLIFF into the project it was exported from; chapters are named `<document>/<source language>/<file>.md`
translate-broken-code-2 = unit `{ $u_id }` has an inline code `{ $md }` that its source does not have
translate-broken-code-hint-2 = keep the codes of the source; links and references are changed in the Markdown, not in the CAT tool
translate-footnote-text = unit `{ $u_id }` has the footnote mark `[^{ $label }]` typed as text; a chapter would read it as a note that does not exist
translate-footnote-text-hint = footnotes travel as codes: keep the code of the source and remove the typed mark

## src/translate/xliff/read.rs

translate-xliff-malformed-hint-2 = open the file in the CAT tool again and re-export it, or fix the XML by hand
translate-xliff-malformed-hint-3 = the file was cut short (an interrupted download, copy or save): export it again from the CAT tool, or ask the translator to send it again
translate-xliff-control-hint = remove the character in the CAT tool (it is invisible there: look for a box or a blank) and export again
translate-xliff-version-hint = export XLIFF 2.0 or 1.2 from the CAT tool
translate-broken-code-hint-3 = keep the inline codes the export wrote
translate-broken-code-hint-4 = inline codes stand for Markdown (emphasis, links, references): keep each one from the source, and close what you open

## src/render/overview.rs
cards-overview-split = the pathway overview of `{ $doc }` ({ $lang }) needs { $pages } pages: its procedures do not fit on one page with legible text
cards-overview-split-hint = chain fewer procedures, or split the SOP; the overview was printed over several pages joined by connectors

## src/render/pdf/mod.rs

pdf-typst-3 = document `{ $doc_id }` has no `{ $lang }` translation

## src/project/validate.rs

meta-manifest = `languages` is empty
meta-manifest-hint = list the languages, source language first: `languages: [fr, en]`
meta-manifest-2 = `{ $code }` is not a language code
meta-manifest-hint-2 = use ISO 639-1 codes such as `fr` or `en`
meta-manifest-3 = language `{ $code }` is listed twice
meta-manifest-4 = asset folder `{ $folder }` { $problem }
meta-manifest-hint-3 = name a folder of files meant for publication, e.g. `assets: [images, forms]`
meta-manifest-5 = `{ $level }` is not a severity
meta-manifest-hint-4 = write `{ $rule }: error`, `warning`, `info` or `off`
meta-invalid-id = document id `{ $id }` is not valid
meta-invalid-id-hint = ids use lower-case letters, digits and single hyphens, e.g. `sop-01`
meta-duplicate-id = document id `{ $id }` is used twice
meta-duplicate-id-note = first used here
meta-duplicate-id-hint = give each document its own id
meta-invalid-date = `{ $date }` is not a date
meta-invalid-date-hint = write dates as YYYY-MM-DD, e.g. `2026-11-28`
meta-version = version `{ $version }` is not of the form 1.2.3
meta-version-hint = use MAJOR.MINOR.PATCH, e.g. `0.3.0`
meta-invalid-date-2 = history date `{ $date }` is not a date
meta-invalid-date-hint-2 = write dates as YYYY-MM-DD
structure-empty-document = document `{ $doc_id }` has no chapters
structure-empty-document-hint = add a language folder with Markdown chapters, e.g. `fr/01-objet.md`
structure-empty-document-2 = document `{ $doc_id }` has no chapters in `{ $lang }`
structure-empty-document-hint-2 = add Markdown files to `{ $folder }/{ $lang }/`
structure-empty-chapter = chapter `{ $file_name }` is empty
structure-empty-chapter-hint = write its title as `# Title {"{"}#id{"}"}`, or delete the file
translate-unmatched-file = `{ $file_name }` has no counterpart in the `{ $lang }` source
translate-unmatched-file-hint = a translation mirrors the source language's file names
translate-missing-file = `{ $file_name }` is not translated into `{ $lang }`
translate-missing-file-hint = add `{ $folder }/{ $lang }/{ $file_name }`

## src/project/files.rs

parse-too-large-hint = split it into several files
parse-encoding = the file is not valid UTF-8
parse-encoding-hint = save the file as UTF-8 (in most editors: File > Save with encoding > UTF-8)

## src/project/mod.rs

meta-missing-sources = the sources folder `{ $sources }` does not exist
meta-missing-sources-hint = create it, or set `sources:` to the folder that holds your documents
style-pack-hint = make it a regular, readable file, or remove it from { $folder }/
privacy-sensitive-names-file = cannot read the sensitive-names file `{ $path }`: { $e }
privacy-sensitive-names-file-hint = create the file (one name per line) or remove `sensitive_names`
spelling-word-list = this word list cannot be read: { $e }
spelling-word-list-hint = check the file's permissions

## src/project/documents.rs

meta-symlink = `{ $name }` is a symbolic link and is not read
meta-symlink-hint = copy the file or folder into the project instead of linking to it
meta-unknown-registry = `{ $other }` is not a registry sopdoc knows; it is ignored
meta-unknown-registry-hint = registries are: { $join }
meta-not-a-document = folder `{ $name }` has no document.yaml and is ignored
meta-not-a-document-hint = add a document.yaml (see `sopdoc new`), or name asset folders `assets`
meta-unknown-language = language folder `{ $name }` is not listed in sopdoc.yaml and is not built
meta-unknown-language-hint = add `{ $name }` to `languages:` in sopdoc.yaml, or rename the folder

## src/parse/procedure.rs

procedure-invalid-id = procedure id `{ $id }` should use only a-z, 0-9 and `-`
procedure-invalid-id-hint = write `id: { $id }`
procedure-no-steps = the procedure has no steps
procedure-no-steps-hint = add `steps:` with at least one `- id: …` and its `action:`
procedure-invalid-id-2 = step id `{ $id }` should use only a-z, 0-9 and `-`
procedure-missing-action = step `{ $id }` says neither what is done nor what is decided
procedure-missing-action-hint = add `action: …` (or `decision: …` with `branches:`)
procedure-conflicting-flow = step `{ $this }` has both `{ $given }` and `{ $given2 }`; a case goes one way
procedure-conflicting-flow-hint = keep one of `next:`, `decision:` with `branches:`, or `exit:`
procedure-single-branch = decision `{ $this }` has { $branches_count ->
        [one] { $branches_count } branch
       *[other] { $branches_count } branches
    }; a decision needs at least two
procedure-single-branch-hint = write the answers and their steps: `branches: {"{"}oui: step-a, non: step-b{"}"}`, or use `next:` if there is no choice
procedure-branches-without-decision = step `{ $this }` has `branches` but no `decision`
procedure-branches-without-decision-hint = add the question: `decision: La personne est-elle mineure ?`

## src/parse/lazy.rs

parse-lazy-continuation = this line is glued onto the list item above: no blank line ends the list
parse-lazy-continuation-hint = leave a blank line before this paragraph to end the list, or indent it to keep it in the item

## src/parse/mod.rs

parse-too-large-hint-2 = split the chapter into several files
parse-nul-byte = the file contains a NUL byte
parse-nul-byte-hint = remove the NUL character; the file may be corrupted or not a text file

## src/parse/markdown.rs

parse-too-deep = nesting deeper than { $MAX_DEPTH } levels
parse-too-deep-hint = flatten the lists or quotes; deeper levels are printed as plain text
parse-heading-attribute = heading attribute `{ $key }` is ignored
parse-heading-attribute-hint = headings take `#id`, `.class` and `section=<schema section>` (for example `{"{"}#objet section=purpose{"}"}`)
parse-raw-html = raw HTML is printed as literal text
parse-raw-html-hint = use Markdown instead (a blank line, **bold**, a table); HTML comments are allowed
parse-orphan-caption = table caption is not followed by a table
parse-orphan-caption-hint = put the `Table : …` (or `Tableau : …`) line directly above the table, separated by one blank line

## src/check/unreferenced.rs

xref-unreferenced-anchor = nothing refers to `{ $id }`
xref-unreferenced-anchor-hint = refer to it with `[](#{ $id })` (or `[]({ $doc_id }#{ $id })` from another document), or switch the rule off

## src/check/structure.rs

structure-section-order = “{ $i }” comes after “{ $f }”; the `{ $name }` structure puts it before
structure-section-order-hint = reorder the chapters (their file names set the order)
structure-missing-section = `{ $doc_id }` lacks { $count ->
        [one] a section
       *[other] { $count } sections
    } the `{ $name }` structure requires: { $sections }
structure-missing-section-annex = add an annex chapter (front matter `annex: true`)
structure-missing-section-chapter = add a chapter `# { $title } {"{"}#{ $id }{"}"}`, or mark the heading that covers it with `{"{"}section={ $section }{"}"}`
structure-missing-section-hint = `structure: none` in document.yaml switches the schema off

## src/check/headings.rs

structure-first-heading = chapter starts with a level-{ $level } heading
structure-first-heading-hint = open each chapter file with its title as `# Title {"{"}#id{"}"}`
structure-heading-jump = heading jumps from level { $prev } to level { $level }
structure-heading-jump-hint = use `{ $prev } ` here, or add the missing level above

## src/check/style/privacy.rs

# $kind chooses the words in other languages; $what says them in English.
privacy = { $kind ->
       *[other] { $what }
    } (`{ $shown }…`) must not appear in SOP sources
privacy-hint = replace it with a placeholder (a case code, `+223 XX XX XX XX`, `[NOM]`)
privacy-hint-2 = an institutional contact (hotline, service address) goes on `privacy.allow` in sopdoc.yaml

## src/check/to_verify.rs

content-to-verify = { $has_fact ->
        [no] a fact is marked to verify
       *[yes] to verify: `{ $fact }`
    }{ $is_final ->
        [yes] { " " }(the document is final)
       *[no] {""}
    }
content-to-verify-hint = note: { $title }
content-to-verify-hint-2 = check it against the official text, then write the fact without `(verify:)`, or leave it out

## src/check/translations.rs

translate-not-translated = `{ $doc_id }` is not translated into `{ $lang }` yet
translate-not-translated-hint = `sopdoc translate export --lang { $lang } --doc { $doc_id }` prepares the text for translators
translate-missing-id = id `{ $id }` of the `{ $lang }` source is missing in `{ $lang2 }`
translate-missing-id-note = defined here in the source
translate-missing-id-hint = give the matching heading, table or figure the same id: `{"{"}#{ $id }{"}"}`
translate-missing-id-2 = id `{ $id }` does not exist in the `{ $lang }` source
translate-missing-id-hint-2 = a translation uses the source's ids; rename it or add it to the source

## src/check/review.rs

review-duplicate-number = comment number { $number } is used twice
review-duplicate-number-note = first used here
review-duplicate-number-hint = number the comments of the matrix 1, 2, 3, …
review-undisposed-hint = add `disposition: accepted` (or partly-accepted, rejected, for-discussion) and a `response`; a final document needs one for every comment
review-unknown-language = document `{ $doc_id }` has no `{ $lang }` translation
review-orphaned-comment = comment { $number } refers to paragraph { $reference }, which the current text of `{ $doc_id }` ({ $lang }) does not have
review-orphaned-comment-hint = its text now looks like paragraph `{ $best }`: update `paragraph:` if that is it
review-orphaned-comment-hint-2 = the paragraph numbers are printed in the margin of `sopdoc build --review`

## src/yaml.rs

yaml = malformed YAML: a tab character where YAML allows only spaces
yaml-hint = replace the tab with spaces (YAML indents with spaces only; set your editor to insert spaces)

## Written by hand (not by the conversion above)

review-undisposed = comment { $number } ({ $institution }) has no disposition yet
procedure-translation-mismatch-steps = procedure `{ $id }` has { $here } steps here and { $source } in the source
procedure-translation-mismatch-kind = step { $number } is `{ $here }` here and `{ $source }` in the source
procedure-translation-mismatch-actors = step `{ $id }` has other actors than in the source
procedure-translation-mismatch-flow = step `{ $id }` leads elsewhere than in the source ({ $here } / { $source })
procedure-translation-mismatch-outputs = step `{ $id }` has other outputs or forms than in the source
procedure-translation-mismatch-never = step `{ $id }` has { $here } `never:` points here and { $source } in the source
style-pack = pack `{ $name }`: { $problem }
style-pack-format = see styles/rules/README.md for the pack format
meta-unknown-rule-list = `sopdoc rules` lists every rule id
meta-unknown-rule-comment = `{ $id }` in a sopdoc-disable comment names no rule
meta-unknown-rule-errors = `{ $id }` reports errors, which a comment cannot silence
meta-unknown-rule-errors-hint = fix what it reports; a project may lower it in `rules:` of sopdoc.yaml
meta-unknown-rule-override = `{ $id }` in `rules:` names no rule
spelling-word-list-language = `{ $name }` is the word list of `{ $lang }`, which is not a language of the project
spelling-word-list-language-hint = name it after a language of `languages:` (words.{ $lang }.txt), or words.txt for every language
spelling-word-list-phrase = `{ $entry }` is not one word: spelling checks words one by one
spelling-word-list-phrase-hint = write each word of the name on its own line
meta-empty-file = the file is empty
meta-empty-file-hint = write at least the required keys; `sopdoc init` shows an example
meta-document-empty = document.yaml is empty
meta-document-empty-hint = required keys: id, kind, title, version, status, date

## XLIFF files read by `translate import`

xliff-not-xml = the XLIFF file is not well-formed XML
xliff-unknown-entity = unknown entity `&{ $name };`
xliff-no-root = the file has no `<xliff>` element
xliff-cut-short = the XLIFF file ends before `<{ $element }>` (opened on line { $line }) is closed: the file is cut short
xliff-no-id = `<{ $element }>` without an `id`
xliff-wrong-root = the root element is `<{ $element }>`, not `<xliff>`
xliff-mixed-languages = the files of this XLIFF name different languages
xliff-unknown-code = `<{ $element }>` is not an inline code sopdoc can read here
xliff-unit-outside-file = a unit outside any `<file>`
xliff-code-no-markdown = inline code `{ $id }` has no Markdown (unknown data reference)
xliff-code-closed-unopened = inline code `{ $id }` is closed without being opened, or out of order
xliff-code-never-closed = inline code `{ $id }` is opened and never closed
xliff-utf16 = the file is saved as UTF-16; sopdoc reads XLIFF in UTF-8
xliff-declared-encoding = the file declares the encoding `{ $name }`; sopdoc reads XLIFF in UTF-8 only
xliff-not-utf8 = the file is not valid UTF-8 (byte { $byte } here): it was saved in another encoding

## Other checks

procedure-unknown-step-hint = name the `id` of a step of this procedure
parse-too-large = file is { $size } MiB, more than the 4 MiB limit
parse-chapter-too-large = chapter file is { $size } MiB, more than the 4 MiB limit
xliff-version = XLIFF version { $version } is not supported
xliff-no-version = XLIFF version (none) is not supported
xliff-control-character = an invisible control character is not allowed in XML 1.0 text, nor in a chapter
xliff-code-no-closing-markdown = inline code `{ $id }` has no closing Markdown (unknown data reference)
