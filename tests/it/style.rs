//! The style engine through the binary: inline quotations, suppression comments in YAML.

use std::collections::BTreeSet;

use crate::common::{TempProject, copy_dir, fixture};

/// A fixture project copied to a temporary folder.
fn copied(name: &str) -> TempProject {
    let p = TempProject::empty();
    copy_dir(&fixture(name), p.root());
    p
}

/// (file, line, rule) of each `check --format short` line whose rule starts with one of
/// `prefixes`.
fn findings(out: &str, prefixes: &[&str]) -> BTreeSet<(String, usize, String)> {
    out.lines()
        .filter_map(|l| {
            let (loc, rest) = l.split_once(": ")?;
            let rule = rest.split_once('[')?.1.split_once(']')?.0;
            let mut parts = loc.split(':');
            let (file, line) = (parts.next()?, parts.next()?.parse().ok()?);
            prefixes
                .iter()
                .any(|p| rule.starts_with(p))
                .then(|| (file.to_string(), line, rule.to_string()))
        })
        .collect()
}

/// The `<!-- expect: RULE -->` annotations of every chapter of a fixture: each names a
/// finding on the line below it.
fn expected(p: &TempProject) -> BTreeSet<(String, usize, String)> {
    let mut out = BTreeSet::new();
    for entry in walkdir::WalkDir::new(p.root()) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|x| x != "md") {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(p.root())
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (i, line) in text.lines().enumerate() {
            if let Some(rest) = line.trim().strip_prefix("<!-- expect:") {
                let rules = rest.trim_end_matches("-->").split('(').next().unwrap_or("");
                for rule in rules.split([' ', ',']) {
                    if !rule.is_empty() {
                        out.insert((rel.clone(), i + 2, rule.to_string()));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn inline_quotations_are_exempt_from_wording_rules() {
    let p = copied("style-quotes");
    let (out, _) = p.check_short();
    let found = findings(&out, &["style/", "typo/"]);
    let want = expected(&p);
    assert!(want.len() >= 8, "{want:#?}");
    let missing: Vec<_> = want.difference(&found).collect();
    let extra: Vec<_> = found.difference(&want).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nunexpected {extra:#?}\n{out}"
    );
}

/// Removes the lines containing `needle` from a file of the project.
fn drop_lines(p: &TempProject, rel: &str, needle: &str) {
    let path = p.root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: String = text
        .split_inclusive('\n')
        .filter(|l| !l.contains(needle))
        .collect();
    std::fs::write(path, kept).unwrap();
}

const ACTORS: &str = "sop-sources/actors.yaml";
const DOCUMENT: &str = "sop-sources/sop-01/document.yaml";
const CHAPTER: &str = "sop-sources/sop-01/fr/01-orientation.md";

#[test]
fn yaml_comments_silence_privacy_findings() {
    let p = copied("privacy-yaml");
    let (out, _) = p.check_short();
    let found = findings(&out, &["privacy/", "meta/unknown-rule"]);
    assert!(found.is_empty(), "{out}");

    // The same files without their comments: every datum is reported where it is.
    for rel in [ACTORS, DOCUMENT, CHAPTER] {
        drop_lines(&p, rel, "sopdoc-");
    }
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    let found = findings(&out, &["privacy/"]);
    let want: BTreeSet<(String, usize, String)> = [
        (ACTORS, 5, "privacy/phone"),
        (DOCUMENT, 8, "privacy/email"),
        (CHAPTER, 2, "privacy/phone"),
        (CHAPTER, 12, "privacy/phone"),
    ]
    .into_iter()
    .map(|(f, l, r)| (f.to_string(), l, r.to_string()))
    .collect();
    assert_eq!(found, want, "{out}");
}

#[test]
fn a_yaml_comment_naming_no_rule_is_reported_and_silences_nothing() {
    let p = copied("privacy-yaml");
    let path = p.root().join(ACTORS);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("privacy/phone", "privacy/phon")).unwrap();
    let (out, _) = p.check_short();
    let found = findings(&out, &["privacy/", "meta/unknown-rule"]);
    let want: BTreeSet<(String, usize, String)> = [
        (ACTORS, 5, "meta/unknown-rule"),
        (ACTORS, 6, "privacy/phone"),
    ]
    .into_iter()
    .map(|(f, l, r)| (f.to_string(), l, r.to_string()))
    .collect();
    assert_eq!(found, want, "{out}");
}
