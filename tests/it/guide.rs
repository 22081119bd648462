//! The authors' guides (docs/guide-*.md): every Markdown example checks clean in a project
//! of the guide's language, and every `sopdoc` command line parses with the binary's own
//! clap parser (values included: `--format pfd` fails). The examples of `--help` are held
//! to the same rule. The guides cannot drift from the tool.

use clap::{CommandFactory, Parser as _};
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::cli_args::Cli;

/// The words of a shell command line: split on white space, single and double quotes
/// grouping words; the words end at a comment or at shell syntax (`>`, `|`, `&&`, `;`),
/// after which they are no longer sopdoc's.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_default().push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_default();
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, '#' | '>' | '<' | '|' | '&' | ';') if word.is_none() => break,
            (None, c) => word.get_or_insert_default().push(c),
        }
    }
    assert!(quote.is_none(), "unclosed quote in `{line}`");
    words.extend(word);
    words
}

/// Parses a `sopdoc …` command line with the binary's argument parser (every value is
/// validated, as when the binary runs); a line that asks for help or the version is valid.
fn validate(line: &str) -> Result<(), String> {
    let words = shell_words(line);
    if words.first().map(String::as_str) != Some("sopdoc") {
        return Err(format!("`{line}` is not a sopdoc command line"));
    }
    match Cli::try_parse_from(&words) {
        Ok(_) => Ok(()),
        Err(e) if !e.use_stderr() => Ok(()),
        Err(e) => Err(e.to_string()),
    }
}

/// (info string, code) of every fenced block of a Markdown text.
fn fences(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for event in Parser::new(text) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                current = Some((info.to_string(), String::new()))
            }
            Event::Text(t) => {
                if let Some((_, code)) = &mut current {
                    code.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// A fresh `sopdoc init --lang LANG` project, as a reader of the guide has one.
fn fresh_project(lang: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("projet");
    let out = crate::common::sopdoc()
        .args(["init", "--lang", lang])
        .arg(&root)
        .env("SOURCE_DATE_EPOCH", "1764288000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, root)
}

/// `check --deny-warnings` on `root`: (success, short output).
fn check_clean(root: &std::path::Path) -> (bool, String) {
    let out = crate::common::sopdoc()
        .arg("--project")
        .arg(root)
        .args(["check", "--format", "short", "--deny-warnings"])
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

/// The registry a YAML example of the guide belongs in, from its first key.
fn registry_of(code: &str) -> &'static str {
    match code
        .lines()
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        Some("instruments:") => "legal.yaml",
        Some("terms:") => "glossary.yaml",
        Some("acronyms:") => "acronyms.yaml",
        Some("actors:") => "actors.yaml",
        _ => "bibliography.yaml",
    }
}

/// Every example pasted alone into a fresh `sopdoc init` project of the guide's language
/// checks clean (issue 18): a Markdown example as a new chapter, a YAML example added to
/// the registry it belongs in (a bibliography entry is then cited once, as the guide
/// says it must be).
fn check_guide(file: &str, lang: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let blocks = fences(&text);
    let (mut examples, mut registries, mut commands) = (0, 0, 0);
    for (info, code) in &blocks {
        match info.as_str() {
            "markdown" => {
                examples += 1;
                let (_dir, root) = fresh_project(lang);
                let chapter = root.join(format!("sop-sources/sop-01/{lang}/095-exemple.md"));
                std::fs::write(&chapter, code).unwrap();
                let (ok, out) = check_clean(&root);
                assert!(
                    ok,
                    "{file}: example does not check clean in a fresh project:\n{code}\n{out}"
                );
            }
            // A modeline alone (`# yaml-language-server: …`) shows a file's first line, not
            // registry entries.
            "yaml"
                if code
                    .lines()
                    .all(|l| l.trim().is_empty() || l.starts_with('#')) => {}
            "yaml" => {
                registries += 1;
                let (_dir, root) = fresh_project(lang);
                let registry = registry_of(code);
                let reg = root.join("sop-sources").join(registry);
                let mut current = std::fs::read_to_string(&reg).unwrap();
                if registry == "bibliography.yaml" {
                    current.push_str(code);
                    let key = code.lines().next().unwrap().trim_end_matches(':');
                    std::fs::write(
                        root.join(format!("sop-sources/sop-01/{lang}/095-exemple.md")),
                        if lang == "fr" {
                            format!("# Exemple {{#exemple}}\n\nVoir [@{key}].\n")
                        } else {
                            format!("# Example {{#example}}\n\nSee [@{key}].\n")
                        },
                    )
                    .unwrap();
                } else {
                    // The list's entries, under the registry's own list key.
                    current.push_str(code.split_once('\n').unwrap().1);
                }
                std::fs::write(&reg, current).unwrap();
                let (ok, out) = check_clean(&root);
                assert!(
                    ok,
                    "{file}: {registry} example does not check clean in a fresh project:\n{code}\n{out}"
                );
            }
            "sh" | "bash" | "shell" => {
                for line in code.lines().filter(|l| l.starts_with("sopdoc ")) {
                    commands += 1;
                    if let Err(e) = validate(line) {
                        panic!("{file}: `{line}` is not a valid command line:\n{e}");
                    }
                }
            }
            _ => {}
        }
    }
    assert!(
        examples >= 8 && registries >= 3 && commands >= 8,
        "{file}: {examples} examples, {registries} registry examples, {commands} commands"
    );
}

#[test]
fn french_guide_examples_work() {
    check_guide("guide-fr.md", "fr");
}

#[test]
fn english_guide_examples_work() {
    check_guide("guide-en.md", "en");
}

/// The examples of every `--help` (`after_help`), whose command is separated from its
/// comment by two spaces or more.
#[test]
fn help_examples_parse() {
    fn walk(cmd: &clap::Command, lines: &mut Vec<String>) {
        if let Some(help) = cmd.get_after_help() {
            for l in help.to_string().lines() {
                let l = l.trim_start();
                if l.starts_with("sopdoc ") {
                    lines.push(l.split("  ").next().unwrap().to_string());
                }
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, lines);
        }
    }
    let mut lines = Vec::new();
    walk(&Cli::command(), &mut lines);
    assert!(lines.len() >= 20, "{lines:?}");
    for line in &lines {
        if let Err(e) = validate(line) {
            panic!("`--help` example `{line}` is not a valid command line:\n{e}");
        }
    }
}

#[test]
fn bad_command_lines_are_caught() {
    for bad in [
        "sopdoc build --format pfd",
        "sopdoc build --format html,pfd --doc sop-01",
        "sopdoc check --format xml",
        "sopdoc diff v0.2 HEAD --format docx",
        "sopdoc translate status --format yaml",
        "sopdoc translate export --xliff 1.3 --lang en",
        "sopdoc build --pdf-standard a-3",
        "sopdoc chek",
        "sopdoc check --dry-run",
        "sopdoc translate import",
        "sopdoc new sop-05 --kind memo",
        "sopdoc serve --port 70000",
        "cargo run -- build",
    ] {
        assert!(validate(bad).is_err(), "`{bad}` passed");
    }
    for good in [
        "sopdoc build --format pdf,typst --doc sop-01 --lang fr",
        "sopdoc check --format sarif > out.sarif # for the CI",
        "sopdoc review import a.docx --institution \"Ministère de la Justice\"",
        "sopdoc init mes-pso && cd mes-pso && sopdoc build",
        "sopdoc build --help",
    ] {
        assert_eq!(validate(good), Ok(()), "`{good}`");
    }
    assert_eq!(
        shell_words("sopdoc a 'b c' \"d\"e # f"),
        ["sopdoc", "a", "b c", "de"]
    );
}

/// `build` without `--format` builds HTML and PDF; `--format` takes a comma-separated list.
#[test]
fn build_formats_default_and_list() {
    use crate::cli_args::{BuildFormat, Command};
    let formats = |words: &[&str]| match Cli::try_parse_from(words).unwrap().command {
        Command::Build(b) => b.format,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        formats(&["sopdoc", "build"]),
        [BuildFormat::Html, BuildFormat::Pdf]
    );
    assert_eq!(
        formats(&["sopdoc", "build", "--format", "docx,typst"]),
        [BuildFormat::Docx, BuildFormat::Typst]
    );
}
