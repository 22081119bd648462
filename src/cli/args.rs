//! The command-line argument types, and nothing else: this file depends only on `clap`,
//! `clap_complete` and `std`, so the integration tests include it (`#[path]`) and parse
//! the command lines of the guides with the very parser of the binary.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// sopdoc turns Markdown SOPs into publication-ready PDF and HTML.
#[derive(Debug, Parser)]
#[command(
    name = "sopdoc",
    version,
    about = "Turns structured Markdown Standard Operating Procedures into publication-ready PDF and HTML",
    after_help = "Exit codes: 0 success (warnings allowed), 1 content errors, 2 usage or environment errors.\n\nExamples:\n  sopdoc init mes-pso          create a project\n  sopdoc check                 report every problem in the project\n  sopdoc build                 write build/html and build/pdf"
)]
pub struct Cli {
    /// Project folder (default: the nearest folder holding sopdoc.yaml, from the current one up).
    #[arg(long, global = true, value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// Print only diagnostics: no progress, no summary.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// When to use colour (NO_COLOR is honoured with `auto`).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// The language sopdoc speaks in (default: SOPDOC_LANG, else the system's language).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub ui_lang: Option<UiLang>,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when printing to a terminal and NO_COLOR is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// `--ui-lang`: the interface languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UiLang {
    /// English.
    En,
    /// Français.
    Fr,
}

impl UiLang {
    /// The language code.
    pub fn code(self) -> &'static str {
        match self {
            UiLang::En => "en",
            UiLang::Fr => "fr",
        }
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the HTML site and PDFs into the output folder.
    #[command(
        after_help = "Examples:\n  sopdoc build                          HTML and PDF of every document\n  sopdoc build --format html --doc sop-01 --lang fr\n  sopdoc build --pdf-standard a-2b      archival PDF/A-2b"
    )]
    Build(BuildArgs),
    /// Check the project and report every problem at file:line:column.
    #[command(
        after_help = "Examples:\n  sopdoc check\n  sopdoc check --format short\n  sopdoc check --format json > diagnostics.json\n  sopdoc check --fix --dry-run     show the automatic fixes as a diff"
    )]
    Check(CheckArgs),
    /// Create a new project with one SOP skeleton in French.
    #[command(after_help = "Example:\n  sopdoc init mes-pso && cd mes-pso && sopdoc build")]
    Init(InitArgs),
    /// Add a document skeleton to the project.
    #[command(
        after_help = "Examples:\n  sopdoc new sop-05 --kind sop\n  sopdoc new revue --kind desk-review"
    )]
    New(NewArgs),
    /// Build, then rebuild what each save changes (HTML first, then PDF), until Ctrl-C.
    #[command(after_help = "Examples:\n  sopdoc watch\n  sopdoc watch --no-pdf")]
    Watch(WatchArgs),
    /// Build, watch and serve the site on 127.0.0.1 with live reload, until Ctrl-C.
    #[command(
        after_help = "Examples:\n  sopdoc serve                  http://127.0.0.1:3000/ (or the next free port)\n  sopdoc serve --port 0         any free port\n  sopdoc serve --host 0.0.0.0   visible to the network"
    )]
    Serve(ServeArgs),
    /// Run the language server for editors over stdin/stdout (diagnostics as you type,
    /// go to definition, hover, completion).
    #[command(
        after_help = "Started by the editor, not by hand; see the README's \"Editor\" section.\nThe project is the workspace folder's (or the nearest parent holding sopdoc.yaml)."
    )]
    Lsp,
    /// Compare two versions of the project (git revisions or folders), section by section.
    #[command(
        after_help = "Examples:\n  sopdoc diff HEAD~1 HEAD                  what the last commit changed\n  sopdoc diff v0.2 HEAD --format html      a redline page in build/diff/diff.html\n  sopdoc diff ancien/ nouveau/ --format json --doc sop-01 --lang fr"
    )]
    Diff(DiffArgs),
    /// Export text for translators as XLIFF, import translations, report stale ones.
    #[command(
        after_help = "Examples:\n  sopdoc translate export --lang en\n  sopdoc translate import xliff/sop-01.en.xlf\n  sopdoc translate status --deny-stale"
    )]
    Translate(TranslateArgs),
    /// Import committee comments from a Word review copy into the comments matrix.
    #[command(
        after_help = "Example:\n  sopdoc build --format docx --doc sop-01\n  sopdoc review import sop-01-fr-commentaires.docx --institution \"Ministère de la Justice\""
    )]
    Review(ReviewArgs),
    /// List the rules sopdoc checks: the catalogue and the style packs' rules.
    #[command(
        after_help = "Examples:\n  sopdoc rules                 every rule, with its level and what it checks\n  sopdoc rules xref            the rules of one area\n  sopdoc rules typo/fr         the rules of one pack"
    )]
    Rules(RulesArgs),
    /// Explain one rule: what it checks, why, and how to fix a finding.
    #[command(after_help = "Example:\n  sopdoc explain xref/unknown-target")]
    Explain(ExplainArgs),
    /// Print the JSON Schema of a project YAML file, or write them all for editors.
    #[command(
        after_help = "Examples:\n  sopdoc schema                 list the schemas and the files they describe\n  sopdoc schema document        print document.yaml's schema\n  sopdoc schema --write         write schemas/ and a `# yaml-language-server` modeline in each YAML file"
    )]
    Schema(SchemaArgs),
    /// Print a shell completion script.
    #[command(
        after_help = "Example:\n  sopdoc completions bash > ~/.local/share/bash-completion/completions/sopdoc"
    )]
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
}

/// `build` options.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Formats to build, comma-separated: html, pdf, typst, docx (a Word review copy),
    /// cards (role cards, one A4 page per actor and SOP).
    #[arg(long, value_enum, value_delimiter = ',', default_value = "html,pdf")]
    pub format: Vec<BuildFormat>,
    /// Build review copies instead, under `<output>/review/`: every paragraph, list item,
    /// table and procedure step numbered in the margin, marked "PROJET — pour commentaires".
    #[arg(long)]
    pub review: bool,
    /// Only these documents (repeatable).
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Only these languages (repeatable).
    #[arg(long = "lang", value_name = "LANG")]
    pub langs: Vec<String>,
    /// Output folder (default: `output` of sopdoc.yaml, usually `build`). Another folder
    /// must be new, empty, or one sopdoc filled before.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// PDF standard: `a-2b` (archival PDF/A-2b), `ua-1` (accessible PDF/UA-1), or both in
    /// one file (`a-2b+ua-1`).
    #[arg(long, value_name = "STANDARD", value_enum)]
    pub pdf_standard: Option<PdfStandardArg>,
}

/// `--pdf-standard` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PdfStandardArg {
    /// Archival PDF/A-2b.
    #[value(name = "a-2b")]
    A2b,
    /// Accessible PDF/UA-1.
    #[value(name = "ua-1")]
    Ua1,
    /// Both: archival and accessible.
    #[value(name = "a-2b+ua-1")]
    A2bUa1,
}

/// `rules` options.
#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    /// Only the rules of this area or pack (`xref`, `typo/fr`, `style/iom-en`).
    #[arg(value_name = "AREA")]
    pub area: Option<String>,
}

/// `schema` options.
#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// The schema to print; without one, the schemas are listed.
    #[arg(value_name = "NAME", conflicts_with = "write",
          value_parser = clap::builder::PossibleValuesParser::new(sopdoc::schema::KINDS.iter().map(|k| k.name)))]
    pub name: Option<String>,
    /// Write every schema into the project's `schemas/` folder and give each YAML file a
    /// first-line `# yaml-language-server: $schema=…` modeline (files already right are
    /// left alone).
    #[arg(long)]
    pub write: bool,
}

/// `explain` options.
#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule id, as printed in brackets: `xref/unknown-target`.
    #[arg(value_name = "RULE")]
    pub rule: String,
}

/// `build --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BuildFormat {
    /// The HTML site.
    Html,
    /// One PDF per document and language.
    Pdf,
    /// The Typst source of the PDFs.
    Typst,
    /// A Word review copy.
    Docx,
    /// Role cards: one A4 page per actor and SOP.
    Cards,
}

impl BuildFormat {
    /// The name on the command line, which is also the output sub-folder.
    pub fn name(self) -> &'static str {
        match self {
            BuildFormat::Html => "html",
            BuildFormat::Pdf => "pdf",
            BuildFormat::Typst => "typst",
            BuildFormat::Docx => "docx",
            BuildFormat::Cards => "cards",
        }
    }
}

/// `check` options.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Treat warnings as errors (exit 1 when there are any).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Apply the automatic fixes to the sources.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: print the changes as a diff instead of writing them.
    #[arg(long, requires = "fix")]
    pub dry_run: bool,
}

/// Diagnostic output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Messages with the source line underlined (stderr).
    Human,
    /// One `file:line:col: severity[rule]: message` line each (stdout).
    Short,
    /// One JSON object (stdout).
    Json,
    /// SARIF 2.1.0 (stdout).
    Sarif,
}

/// `init` options.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Folder to create (must be absent or empty).
    pub dir: PathBuf,
    /// Source language of the project and of its sample SOP (add more languages to
    /// `languages:` in sopdoc.yaml to translate).
    #[arg(long, value_parser = ["fr", "en"], default_value = "fr")]
    pub lang: String,
}

/// `new` options.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Id of the new document (`sop-05`): lower-case letters, digits, hyphens.
    pub id: String,
    /// What the document is.
    #[arg(long, value_enum, default_value_t = KindArg::Sop)]
    pub kind: KindArg,
}

/// `--kind`.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// A standard operating procedure.
    Sop,
    /// A desk review.
    DeskReview,
    /// A report.
    Report,
}

/// `watch` options (also those of `serve`).
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// Do not render PDFs (only the HTML site).
    #[arg(long)]
    pub no_pdf: bool,
    /// Output folder (default: `output` of sopdoc.yaml, usually `build`).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `serve` options.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Port to listen on (the next free one is taken when it is busy; 0 lets the system choose).
    #[arg(long, default_value_t = 3000)]
    pub port: u16,
    /// Address to listen on. Only the loopback address unless given: another address makes
    /// the preview visible to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Watch options.
    #[command(flatten)]
    pub watch: WatchArgs,
}

/// `diff` options.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Old version: a git revision of the project's repository (`v0.2`, `HEAD~1`) or a
    /// project folder.
    pub old: String,
    /// New version: a git revision or a project folder.
    pub new: String,
    /// Output format: coloured text on the terminal, JSON for tools, an HTML or PDF
    /// redline written to a file.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Only these documents (default: all).
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Only these languages (default: all).
    #[arg(long = "lang", value_name = "L")]
    pub langs: Vec<String>,
    /// File for `--format html|pdf` (default: `build/diff/diff.html` or `.pdf` in the project).
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `diff` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Text on stdout, coloured on a terminal.
    Text,
    /// One JSON object on stdout.
    Json,
    /// A self-contained redline page.
    Html,
    /// The redline as PDF, through Typst.
    Pdf,
}

/// `translate` sub-commands.
#[derive(Debug, clap::Args)]
pub struct TranslateArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: TranslateCommand,
}

/// The translators' commands.
#[derive(Debug, Subcommand)]
pub enum TranslateCommand {
    /// Write one XLIFF file per document for a target language (existing translations fill the targets).
    #[command(
        after_help = "Examples:\n  sopdoc translate export --lang en\n  sopdoc translate export --lang en --doc sop-01 --xliff 1.2 --out pour-traduction"
    )]
    Export(ExportArgs),
    /// Write the translated Markdown chapters from XLIFF files returned by the translator.
    #[command(after_help = "Example:\n  sopdoc translate import xliff/sop-01.en.xlf")]
    Import(ImportArgs),
    /// Report translated, stale and missing units per document and language.
    #[command(
        after_help = "Examples:\n  sopdoc translate status\n  sopdoc translate status --lang en --format json --deny-stale"
    )]
    Status(StatusArgs),
    /// Write the glossary and acronyms as a TBX termbase for the CAT tool.
    #[command(after_help = "Example:\n  sopdoc translate termbase --lang en")]
    Termbase(TermbaseArgs),
}

/// `translate termbase` options.
#[derive(Debug, clap::Args)]
pub struct TermbaseArgs {
    /// Target language.
    #[arg(long)]
    pub lang: String,
    /// Folder for the TBX file (default: `xliff/` in the project).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// XLIFF versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum XliffVersion {
    /// XLIFF 2.0.
    #[value(name = "2.0")]
    V20,
    /// XLIFF 1.2 (older CAT tools).
    #[value(name = "1.2")]
    V12,
}

/// `translate export` options.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Target language.
    #[arg(long)]
    pub lang: String,
    /// Only these documents (default: all).
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// XLIFF version.
    #[arg(long, value_enum, default_value_t = XliffVersion::V20)]
    pub xliff: XliffVersion,
    /// Folder for the XLIFF files (default: `xliff/` in the project).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// `translate import` options.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// XLIFF files (2.0 or 1.2).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Overwrite translations edited by hand since the export, and rebuild translations
    /// whose structure no longer mirrors the source.
    #[arg(long)]
    pub force: bool,
    /// Check the files and report; write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// `translate status` options.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    /// Only this language (default: every target language).
    #[arg(long)]
    pub lang: Vec<String>,
    /// Only these documents (default: all).
    #[arg(long = "doc", value_name = "ID")]
    pub docs: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatusFormat::Text)]
    pub format: StatusFormat,
    /// Exit 1 when any unit is stale or missing (for CI).
    #[arg(long)]
    pub deny_stale: bool,
}

/// `status` output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatusFormat {
    /// A table on stdout.
    Text,
    /// One JSON object on stdout.
    Json,
}

/// `review` sub-commands.
#[derive(Debug, clap::Args)]
pub struct ReviewArgs {
    /// The sub-command.
    #[command(subcommand)]
    pub command: ReviewCommand,
}

/// What `review` does.
#[derive(Debug, Subcommand)]
pub enum ReviewCommand {
    /// Append the comments of a Word review copy (`build --format docx`) to the
    /// document's comments matrix (`<document>/comments.yaml`).
    Import {
        /// The Word file with the members' comments.
        file: PathBuf,
        /// The reviewers' institution, written into every imported comment.
        #[arg(long, default_value = "")]
        institution: String,
    },
}
