//! The authors' guides (docs/guide-*.md): every Markdown example checks clean in a project
//! of the guide's language, and every `sopdoc` command line parses. The guides cannot
//! drift from the tool.

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

use crate::common::{TempProject, document_yaml, sopdoc};

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

/// A project in `lang` with the registries the examples use, and a second document.
fn project(lang: &str) -> TempProject {
    let p = TempProject::empty();
    p.write(
        "sopdoc.yaml",
        &format!("title: {{fr: \"Guide\", en: \"Guide\"}}\nlanguages: [{lang}]\n"),
    );
    p.write(
        "sop-sources/actors.yaml",
        "actors:\n  - id: police-nationale\n    type: law-enforcement\n    name: {fr: \"Police nationale\", en: \"National Police\"}\n  - id: services-sociaux\n    type: state\n    name: {fr: \"Services sociaux\", en: \"Social services\"}\n  - id: oim\n    type: international\n    name: {fr: \"Organisation internationale pour les migrations\", en: \"International Organization for Migration\"}\n    acronym: {fr: \"OIM\", en: \"IOM\"}\n",
    );
    p.write(
        "sop-sources/legal.yaml",
        "instruments:\n  - id: loi-2012-023\n    short: {fr: \"Loi n° 2012-023\", en: \"Law No. 2012-023\"}\n    long: {fr: \"Loi n° 2012-023 du 12 juillet 2012\", en: \"Law No. 2012-023 of 12 July 2012\"}\n",
    );
    p.write(
        "sop-sources/bibliography.yaml",
        "oim2019:\n  type: report\n  title: Glossaire de la migration\n  author: {name: \"Organisation internationale pour les migrations\"}\n  date: 2019\n",
    );
    for id in ["sop-01", "sop-02"] {
        p.write(
            &format!("sop-sources/{id}/document.yaml"),
            &format!("{}structure: none\n", document_yaml(id)),
        );
    }
    p.write(
        &format!("sop-sources/sop-02/{lang}/01-objet.md"),
        "# Objet {#objet}\n\nTexte.\n",
    );
    p
}

fn check_guide(file: &str, lang: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let blocks = fences(&text);
    let mut examples = 0;
    let mut commands = 0;
    for (info, code) in &blocks {
        match info.as_str() {
            "markdown" => {
                examples += 1;
                let p = project(lang);
                p.write(&format!("sop-sources/sop-01/{lang}/01-exemple.md"), code);
                if !code.contains("[@") {
                    std::fs::remove_file(p.root().join("sop-sources/bibliography.yaml")).unwrap();
                }
                let out = p.run(&["check", "--format", "short", "--deny-warnings"]);
                assert!(
                    out.status.success(),
                    "{file}: example does not check clean:\n{code}\n{}",
                    String::from_utf8_lossy(&out.stdout)
                );
            }
            "sh" => {
                for line in code.lines().filter(|l| l.starts_with("sopdoc ")) {
                    commands += 1;
                    let mut args: Vec<&str> = line.split_whitespace().skip(1).collect();
                    args.push("--help");
                    let out = sopdoc().args(&args).output().unwrap();
                    assert!(
                        out.status.success(),
                        "{file}: `{line}` is not a valid command line:\n{}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            }
            _ => {}
        }
    }
    assert!(
        examples >= 6 && commands >= 8,
        "{file}: {examples} examples, {commands} commands"
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
