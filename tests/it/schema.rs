//! Issue 23: JSON Schemas of every YAML file. The schemas are validated against every YAML
//! file of the bundled project, of each fixture project and of `sopdoc init`, and they must
//! reject what the loader rejects.

use std::path::{Path, PathBuf};

use serde_json::Value;
use sopdoc::schema::{self, KINDS, MODELINE_PREFIX};

use crate::common::{TempProject, sopdoc};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A YAML text as the JSON value an editor's validator sees.
fn yaml_value(text: &str) -> Value {
    serde_saphyr::from_str::<Value>(text).expect("well-formed YAML")
}

/// The schema problems of `text` against `kind`'s schema, as `path: message` lines.
fn problems(kind: &str, text: &str) -> Vec<String> {
    let schema = schema::schema(schema::find(kind).unwrap());
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let value = yaml_value(text);
    validator
        .iter_errors(&value)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// The `sources:` folder a manifest names.
fn sources_of(root: &Path) -> String {
    let text = std::fs::read_to_string(root.join("sopdoc.yaml")).unwrap();
    yaml_value(&text)
        .get("sources")
        .and_then(Value::as_str)
        .unwrap_or("sop-sources")
        .to_string()
}

/// Every project under tests/fixtures (a folder holding sopdoc.yaml), and the bundled one.
fn projects() -> Vec<PathBuf> {
    let mut out = vec![repo()];
    for entry in walkdir::WalkDir::new(repo().join("tests/fixtures")).max_depth(3) {
        let entry = entry.unwrap();
        if entry.file_name() == "sopdoc.yaml" {
            out.push(entry.path().parent().unwrap().to_path_buf());
        }
    }
    out.sort();
    out
}

/// Fixture files the schema rejects on purpose, and the problem each holds. The loader reads
/// `version: 0.1` (a YAML number) as the text "0.1"; the schema asks for a string, so the
/// editor says to quote it before `0.10` silently becomes `0.1`.
const INVALID_ON_PURPOSE: &[(&str, &str)] = &[(
    "tests/fixtures/diagnostics/sop-sources/sop-01/document.yaml",
    "/version: 0.1 is not of type \"string\"",
)];

#[test]
fn committed_schemas_are_the_generated_ones() {
    for kind in KINDS {
        let path = repo().join("schemas").join(kind.file_name());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == schema::render(kind),
            "{} is stale: run `cargo run --release -- schema --write`",
            path.display()
        );
    }
}

#[test]
fn every_yaml_file_of_the_bundled_project_and_the_fixtures_validates() {
    let mut kinds_seen = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for root in projects() {
        for (rel, kind) in schema::project_files(&root, &sources_of(&root)) {
            let text = std::fs::read_to_string(root.join(&rel)).unwrap();
            let found = problems(kind.name, &text);
            let abs = root.join(&rel);
            let shown = abs.strip_prefix(repo()).unwrap_or(&abs).to_string_lossy();
            let shown = shown.into_owned();
            checked += 1;
            kinds_seen.insert(kind.name);
            let expected = INVALID_ON_PURPOSE.iter().find(|(p, _)| *p == shown);
            match (found.is_empty(), expected) {
                (true, None) => {}
                (false, Some((_, why))) => assert!(
                    found.iter().any(|f| f.contains(why)),
                    "{shown}: {found:?} lacks {why}"
                ),
                (true, Some(_)) => failures.push(format!("{shown}: valid, but listed as invalid")),
                (false, None) => failures.push(format!("{shown} ({}): {found:?}", kind.name)),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 50, "only {checked} files");
    let every: std::collections::BTreeSet<_> = KINDS.iter().map(|k| k.name).collect();
    assert_eq!(kinds_seen, every, "a kind of YAML file has no example");
}

#[test]
fn an_init_project_has_modelines_that_point_at_its_schemas_and_validates() {
    let p = TempProject::empty();
    let dir = p.root().join("mes-pso");
    let out = sopdoc().arg("init").arg(&dir).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = schema::project_files(&dir, "sop-sources");
    assert!(files.len() >= 6, "{files:?}");
    for (rel, kind) in files {
        let text = std::fs::read_to_string(dir.join(&rel)).unwrap();
        let first = text.lines().next().unwrap();
        let target = first
            .strip_prefix(MODELINE_PREFIX)
            .unwrap_or_else(|| panic!("{rel} has no modeline: {first}"));
        // yaml-language-server resolves the path against the file's folder.
        let resolved = dir.join(&rel).parent().unwrap().join(target);
        let schema_text = std::fs::read_to_string(&resolved)
            .unwrap_or_else(|e| panic!("{rel}: {} {e}", resolved.display()));
        assert_eq!(schema_text, schema::render(kind), "{rel}");
        assert_eq!(problems(kind.name, &text), Vec::<String>::new(), "{rel}");
    }
    // The project checks clean of errors with its modelines in place.
    let out = sopdoc()
        .args(["--project"])
        .arg(&dir)
        .args(["check", "--format", "short"])
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains(": error["),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // A second write changes nothing; `new` gives the new document its modeline.
    let again = sopdoc()
        .arg("--project")
        .arg(&dir)
        .args(["schema", "--write"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("up to date"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let out = sopdoc()
        .arg("--project")
        .arg(&dir)
        .args(["new", "revue", "--kind", "desk-review"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = std::fs::read_to_string(dir.join("sop-sources/revue/document.yaml")).unwrap();
    assert!(
        doc.starts_with("# yaml-language-server: $schema=../../schemas/document.schema.json\n"),
        "{doc}"
    );
}

/// Each case: the kind, a file the loader rejects for its shape, and where it goes.
const REJECTED: &[(&str, &str, &str)] = &[
    (
        "document",
        "id: sop-01\nkind: sop\ntitle: T\nversion: 0.1.0\nstatus: done\ndate: 2026-01-02\n",
        "sop-sources/sop-01/document.yaml",
    ),
    (
        "document",
        "id: sop-01\nkind: sop\ntitel: T\nversion: 0.1.0\nstatus: draft\ndate: 2026-01-02\n",
        "sop-sources/sop-01/document.yaml",
    ),
    (
        "actors",
        "actors:\n  - id: oim\n    type: ong\n    name: OIM\n",
        "sop-sources/actors.yaml",
    ),
    (
        "legal",
        "instruments:\n  - id: loi\n    short: Loi\n",
        "sop-sources/legal.yaml",
    ),
    (
        "glossary",
        "terms:\n  - id: t\n    term: {fr: a, en: b}\n    definition: [x]\n",
        "sop-sources/glossary.yaml",
    ),
    (
        "acronyms",
        "acronyms:\n  - id: oim\n    short: OIM\n    long: OIM\n    extra: 1\n",
        "sop-sources/acronyms.yaml",
    ),
    (
        "comments",
        "comments:\n  - number: 1\n    paragraph: general\n    reviewer: A\n    institution: B\n    comment: C\n    disposition: maybe\n",
        "sop-sources/sop-01/comments.yaml",
    ),
    (
        "rule-pack",
        "pack: maison\nrules:\n  - id: x\n    message: m\n    source: s\n    confidence: iom\n    check: {spelling-bee: {}}\n",
        "styles/rules/maison.yaml",
    ),
    (
        "structure",
        "name: sop\nsections:\n  - id: a\n    titel: A\n",
        "styles/structure/sop.yaml",
    ),
    (
        "bibliography",
        "oim2019:\n  type: book\n  titel: Manuel\n",
        "sop-sources/bibliography.yaml",
    ),
];

#[test]
fn the_schemas_reject_what_the_loader_rejects() {
    for (kind, text, rel) in REJECTED {
        assert!(
            !problems(kind, text).is_empty(),
            "the {kind} schema accepts {text}"
        );
        let p = TempProject::minimal();
        p.write(rel, text);
        let (out, _) = p.check_short();
        assert!(
            out.lines()
                .any(|l| l.starts_with(&format!("{rel}:")) && l.contains(": error[")),
            "the loader accepts {rel}:\n{text}\n{out}"
        );
    }
}

#[test]
fn bibliography_schema_matches_the_loader() {
    // Every field the hand-written schema allows, with a value of the shape it allows: the
    // schema accepts the entry, and the loader reports no unknown field in it.
    let mut entry = String::from("tout:\n");
    for field in schema::bibliography::FIELDS {
        let value = match *field {
            "type" => "report",
            "parent" => "{type: periodical, title: Revue}",
            "author" | "editor" => "[\"Diarra, Awa\", {name: Traoré, given-name: Moussa}]",
            "affiliated" => "[{names: [\"Keita, Ali\"], role: translator}]",
            "date" => "2019-05-02",
            "publisher" => "{name: OIM, location: Genève}",
            "url" => "{value: \"https://example.org\", date: 2024-01-02}",
            "serial-number" => "{isbn: \"978-92-9068-000-0\"}",
            "language" => "fr",
            "volume" | "edition" | "issue" | "chapter" | "volume-total" | "page-total" => "2",
            "page-range" => "\"12-14\"",
            "time-range" | "runtime" => "\"00:01:00-00:02:00\"",
            _ => "{value: Texte, short: T}",
        };
        entry.push_str(&format!("  {field}: {value}\n"));
    }
    assert_eq!(problems("bibliography", &entry), Vec::<String>::new());
    let p = TempProject::minimal();
    p.write("sop-sources/bibliography.yaml", &entry);
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nVoir [@tout].\n",
    );
    let (out, _) = p.check_short();
    assert!(
        !out.contains("bibliography.yaml") || !out.contains("unknown"),
        "{out}"
    );
    assert!(!out.contains(": error["), "{out}");
}

#[test]
fn schema_prints_one_schema_and_lists_them_all() {
    let out = sopdoc().args(["schema", "document"]).output().unwrap();
    assert!(out.status.success());
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed, schema::schema(schema::find("document").unwrap()));
    assert_eq!(printed["title"], "<sources>/<document>/document.yaml");
    let out = sopdoc().arg("schema").output().unwrap();
    let listing = String::from_utf8_lossy(&out.stdout);
    for kind in KINDS {
        assert!(listing.contains(kind.name), "{listing}");
    }
    let out = sopdoc().args(["schema", "documents"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("document"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
