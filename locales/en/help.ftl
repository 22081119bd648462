# The help texts of `sopdoc --help`, written from the doc comments of src/cli/args.rs
# by the test `every_help_text_has_its_key_in_every_language` (SOPDOC_RECORD_HELP=1).
# Do not edit: change the doc comments. Other languages translate every key.

cmd = Turns structured Markdown Standard Operating Procedures into publication-ready PDF and HTML

cmd-after =
    Exit codes: 0 success (warnings allowed), 1 content errors, 2 usage or environment errors.

    Examples:
      sopdoc init mes-pso          create a project
      sopdoc check                 report every problem in the project
      sopdoc build                 write build/html and build/pdf

arg-project = Project folder (default: the nearest folder holding sopdoc.yaml, from the current one up)

arg-quiet = Print only diagnostics: no progress, no summary

arg-color = When to use colour (NO_COLOR is honoured with `auto`)

arg-ui_lang = The language sopdoc speaks in (default: SOPDOC_LANG, else the system's language)

arg-help = Print help (see a summary with '-h')

arg-version = Print version

cmd-build = Build the HTML site and PDFs into the output folder

cmd-build-after =
    Examples:
      sopdoc build                          HTML and PDF of every document
      sopdoc build --format html --doc sop-01 --lang fr
      sopdoc build --pdf-standard a-2b      archival PDF/A-2b

arg-build-format = Formats to build, comma-separated: html, pdf, typst, docx (a Word review copy), cards (role cards, one A4 page per actor and SOP)

arg-build-review = Build review copies instead, under `<output>/review/`: every paragraph, list item, table and procedure step numbered in the margin, marked "PROJET — pour commentaires"

arg-build-docs = Only these documents (repeatable)

arg-build-langs = Only these languages (repeatable)

arg-build-out = Output folder (default: `output` of sopdoc.yaml, usually `build`). Another folder must be new, empty, or one sopdoc filled before

arg-build-pdf_standard = PDF standard: `a-2b` (archival PDF/A-2b), `ua-1` (accessible PDF/UA-1), or both in one file (`a-2b+ua-1`)

cmd-check = Check the project and report every problem at file:line:column

cmd-check-after =
    Examples:
      sopdoc check
      sopdoc check --format short
      sopdoc check --format json > diagnostics.json
      sopdoc check --fix --dry-run     show the automatic fixes as a diff

arg-check-format = Output format

arg-check-deny_warnings = Treat warnings as errors (exit 1 when there are any)

arg-check-fix = Apply the automatic fixes to the sources

arg-check-dry_run = With --fix: print the changes as a diff instead of writing them

cmd-init = Create a new project with one SOP skeleton in French

cmd-init-after =
    Example:
      sopdoc init mes-pso && cd mes-pso && sopdoc build

arg-init-dir = Folder to create (must be absent or empty)

arg-init-lang = Source language of the project and of its sample SOP (add more languages to `languages:` in sopdoc.yaml to translate)

cmd-new = Add a document skeleton to the project

cmd-new-after =
    Examples:
      sopdoc new sop-05 --kind sop
      sopdoc new revue --kind desk-review

arg-new-id = Id of the new document (`sop-05`): lower-case letters, digits, hyphens

arg-new-kind = What the document is

cmd-watch = Build, then rebuild what each save changes (HTML first, then PDF), until Ctrl-C

cmd-watch-after =
    Examples:
      sopdoc watch
      sopdoc watch --no-pdf

arg-watch-no_pdf = Do not render PDFs (only the HTML site)

arg-watch-out = Output folder (default: `output` of sopdoc.yaml, usually `build`)

cmd-serve = Build, watch and serve the site on 127.0.0.1 with live reload, until Ctrl-C

cmd-serve-after =
    Examples:
      sopdoc serve                  http://127.0.0.1:3000/ (or the next free port)
      sopdoc serve --port 0         any free port
      sopdoc serve --host 0.0.0.0   visible to the network

arg-serve-port = Port to listen on (the next free one is taken when it is busy; 0 lets the system choose)

arg-serve-host = Address to listen on. Only the loopback address unless given: another address makes the preview visible to the network

arg-serve-no_pdf = Do not render PDFs (only the HTML site)

arg-serve-out = Output folder (default: `output` of sopdoc.yaml, usually `build`)

cmd-lsp = Run the language server for editors over stdin/stdout (diagnostics as you type, go to definition, hover, completion)

cmd-lsp-after =
    Started by the editor, not by hand; see the README's "Editor" section.
    The project is the workspace folder's (or the nearest parent holding sopdoc.yaml).

cmd-diff = Compare two versions of the project (git revisions or folders), section by section

cmd-diff-after =
    Examples:
      sopdoc diff HEAD~1 HEAD                  what the last commit changed
      sopdoc diff v0.2 HEAD --format html      a redline page in build/diff/diff.html
      sopdoc diff ancien/ nouveau/ --format json --doc sop-01 --lang fr

arg-diff-old = Old version: a git revision of the project's repository (`v0.2`, `HEAD~1`) or a project folder

arg-diff-new = New version: a git revision or a project folder

arg-diff-format = Output format: coloured text on the terminal, JSON for tools, an HTML or PDF redline written to a file

arg-diff-docs = Only these documents (default: all)

arg-diff-langs = Only these languages (default: all)

arg-diff-out = File for `--format html|pdf` (default: `build/diff/diff.html` or `.pdf` in the project)

cmd-translate = Export text for translators as XLIFF, import translations, report stale ones

cmd-translate-after =
    Examples:
      sopdoc translate export --lang en
      sopdoc translate import xliff/sop-01.en.xlf
      sopdoc translate status --deny-stale

cmd-translate-export = Write one XLIFF file per document for a target language (existing translations fill the targets)

cmd-translate-export-after =
    Examples:
      sopdoc translate export --lang en
      sopdoc translate export --lang en --doc sop-01 --xliff 1.2 --out pour-traduction

arg-translate-export-lang = Target language

arg-translate-export-docs = Only these documents (default: all)

arg-translate-export-xliff = XLIFF version

arg-translate-export-out = Folder for the XLIFF files (default: `xliff/` in the project)

cmd-translate-import = Write the translated Markdown chapters from XLIFF files returned by the translator

cmd-translate-import-after =
    Example:
      sopdoc translate import xliff/sop-01.en.xlf

arg-translate-import-files = XLIFF files (2.0 or 1.2)

arg-translate-import-force = Overwrite translations edited by hand since the export, and rebuild translations whose structure no longer mirrors the source

arg-translate-import-dry_run = Check the files and report; write nothing

cmd-translate-status = Report translated, stale and missing units per document and language

cmd-translate-status-after =
    Examples:
      sopdoc translate status
      sopdoc translate status --lang en --format json --deny-stale

arg-translate-status-lang = Only this language (default: every target language)

arg-translate-status-docs = Only these documents (default: all)

arg-translate-status-format = Output format

arg-translate-status-deny_stale = Exit 1 when any unit is stale or missing (for CI)

cmd-translate-termbase = Write the glossary and acronyms as a TBX termbase for the CAT tool

cmd-translate-termbase-after =
    Example:
      sopdoc translate termbase --lang en

arg-translate-termbase-lang = Target language

arg-translate-termbase-out = Folder for the TBX file (default: `xliff/` in the project)

cmd-help = Print this message or the help of the given subcommand(s)

cmd-review = Import committee comments from a Word review copy into the comments matrix

cmd-review-after =
    Example:
      sopdoc build --format docx --doc sop-01
      sopdoc review import sop-01-fr-commentaires.docx --institution "Ministère de la Justice"

cmd-review-import = Append the comments of a Word review copy (`build --format docx`) to the document's comments matrix (`<document>/comments.yaml`)

arg-review-import-file = The Word file with the members' comments

arg-review-import-institution = The reviewers' institution, written into every imported comment

cmd-rules = List the rules sopdoc checks: the catalogue and the style packs' rules

cmd-rules-after =
    Examples:
      sopdoc rules                 every rule, with its level and what it checks
      sopdoc rules xref            the rules of one area
      sopdoc rules typo/fr         the rules of one pack

arg-rules-area = Only the rules of this area or pack (`xref`, `typo/fr`, `style/iom-en`)

cmd-explain = Explain one rule: what it checks, why, and how to fix a finding

cmd-explain-after =
    Example:
      sopdoc explain xref/unknown-target

arg-explain-rule = The rule id, as printed in brackets: `xref/unknown-target`

cmd-schema = Print the JSON Schema of a project YAML file, or write them all for editors

cmd-schema-after =
    Examples:
      sopdoc schema                 list the schemas and the files they describe
      sopdoc schema document        print document.yaml's schema
      sopdoc schema --write         write schemas/ and a `# yaml-language-server` modeline in each YAML file

arg-schema-name = The schema to print; without one, the schemas are listed

arg-schema-write = Write every schema into the project's `schemas/` folder and give each YAML file a first-line `# yaml-language-server: $schema=…` modeline (files already right are left alone)

cmd-completions = Print a shell completion script

cmd-completions-after =
    Example:
      sopdoc completions bash > ~/.local/share/bash-completion/completions/sopdoc

arg-completions-shell = The shell
