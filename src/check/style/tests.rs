//! The rule fixtures: `tests/fixtures/rules/<pack>/<rule>.md`, one per rule.
//!
//! A fixture is a chapter. `<!-- expect: RULE-ID -->` on the line above a line says that
//! line has a finding of that rule; `<!-- near-miss -->` marks a line that looks like a hit
//! and must stay quiet. The harness builds one temporary project per pack (one document per
//! fixture), runs [`crate::analyze`], and compares the set of (line, rule) of the pack's
//! rules with the annotations. Every rule must have a fixture with at least one expected hit
//! and one near miss.
#![allow(clippy::disallowed_methods)] // Tests set up their files on disk.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::source::SourceMap;

const ACRONYMS: &str = r#"acronyms:
  - id: oim
    short: {fr: "OIM", en: "IOM"}
    long: {fr: "Organisation internationale pour les migrations", en: "International Organization for Migration"}
  - id: mrn
    short: {fr: "MRN", en: "NRM"}
    long: {fr: "mécanisme de référencement national", en: "National Referral Mechanism"}
"#;

const ACTORS: &str = r#"actors:
  - id: dnpef
    type: state
    name: {fr: "Direction nationale de la promotion de l'enfant et de la famille", en: "National Directorate for the Advancement of Children and the Family"}
"#;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

/// Writes a project with one document per `(doc id, chapter text)` in `lang`.
fn project(lang: &str, docs: &[(String, String)], extra_manifest: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(
        root.join("sopdoc.yaml"),
        format!("title: {{fr: \"Essai\", en: \"Test\"}}\nlanguages: [fr, en]\n{extra_manifest}"),
    )
    .unwrap();
    let src = root.join("sop-sources");
    std::fs::create_dir_all(&src).unwrap();
    std::fs::write(src.join("acronyms.yaml"), ACRONYMS).unwrap();
    std::fs::write(src.join("actors.yaml"), ACTORS).unwrap();
    for (id, text) in docs {
        let d = src.join(id);
        std::fs::create_dir_all(d.join(lang)).unwrap();
        std::fs::write(
            d.join("document.yaml"),
            format!(
                "id: {id}\nkind: sop\ntitle: {{fr: \"T\", en: \"T\"}}\nversion: 0.1.0\nstatus: draft\ndate: 2026-11-28\n"
            ),
        )
        .unwrap();
        std::fs::write(d.join(lang).join("01-chapitre.md"), text).unwrap();
    }
    dir
}

fn line_of(d: &Diagnostic, sources: &SourceMap) -> (String, usize) {
    let span = d.span().expect("style findings have spans");
    let file = sources.get(span.source);
    (file.path.clone(), file.line_col(span.start).0)
}

/// Expected (line, rule) pairs and near-miss lines of a fixture.
fn annotations(text: &str) -> (BTreeSet<(usize, String)>, Vec<usize>) {
    let mut expected = BTreeSet::new();
    let mut near = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if let Some(rest) = l.strip_prefix("<!-- expect:") {
            for rule in rest
                .trim_end_matches("-->")
                .split([' ', ','])
                .filter(|s| !s.is_empty())
            {
                expected.insert((i + 2, rule.to_string()));
            }
        } else if l.starts_with("<!-- near-miss") {
            near.push(i + 2);
        }
    }
    (expected, near)
}

fn run_pack(pack: &str, lang: &str, prefix: &str) {
    let dir = fixtures_dir().join(pack);
    let mut docs = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    entries.sort();
    for p in &entries {
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        docs.push((id, std::fs::read_to_string(p).unwrap()));
    }
    let tmp = project(lang, &docs, "");
    let analysis = crate::analyze(tmp.path(), false).expect("analysis");
    let mut got: BTreeMap<String, BTreeSet<(usize, String)>> = BTreeMap::new();
    for d in &analysis.diagnostics {
        if !d.rule.starts_with(prefix) || d.message.starts_with("… and") {
            continue;
        }
        let (path, line) = line_of(d, &analysis.sources);
        let doc = path.split('/').nth(1).unwrap_or("").to_string();
        got.entry(doc).or_default().insert((line, d.rule.clone()));
    }
    let ids: Vec<String> = super::bundled()
        .packs
        .iter()
        .filter(|p| p.name == pack)
        .flat_map(|p| p.rules.iter().map(|r| r.id.clone()))
        .collect();
    assert!(!ids.is_empty(), "pack {pack} has no rules");
    let mut failures = Vec::new();
    for rule in &ids {
        let short = rule.rsplit('/').next().unwrap();
        let Some((_, text)) = docs.iter().find(|(id, _)| id == short) else {
            failures.push(format!("{rule}: no fixture {pack}/{short}.md"));
            continue;
        };
        let (expected, near) = annotations(text);
        if !expected.iter().any(|(_, r)| r == rule) {
            failures.push(format!("{rule}: fixture has no `expect` for the rule"));
        }
        if near.is_empty() {
            failures.push(format!("{rule}: fixture has no `near-miss` line"));
        }
    }
    for (id, text) in &docs {
        let (expected, _) = annotations(text);
        let found = got.remove(id).unwrap_or_default();
        if found != expected {
            let missing: Vec<_> = expected.difference(&found).collect();
            let extra: Vec<_> = found.difference(&expected).collect();
            failures.push(format!(
                "{pack}/{id}.md: missing {missing:?}, unexpected {extra:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn bundled_packs_compile() {
    let set = super::bundled();
    assert!(set.problems.is_empty(), "{:#?}", set.problems);
    let count = |name: &str| {
        set.packs
            .iter()
            .find(|p| p.name == name)
            .map_or(0, |p| p.rules.len())
    };
    assert!(count("iom-fr") >= 40, "iom-fr has {}", count("iom-fr"));
    assert!(count("iom-en") >= 40, "iom-en has {}", count("iom-en"));
    assert!(count("typo-fr") >= 10);
}

/// The bundled packs' French texts follow French typography, as sopdoc's catalogues do (see
/// [`crate::i18n::typography`]): every `fr:` message, the only message of a French pack, and
/// the « … » quotations of French words in a French pack's `source` note (shown in the
/// French hint; the note itself is an English reference).
#[test]
fn bundled_french_texts_follow_french_typography() {
    use crate::i18n::typography::french_typography_faults;
    let set = super::bundled();
    let mut found = Vec::new();
    let mut read = 0;
    for pack in &set.packs {
        let french_pack = pack.languages == ["fr"];
        for rule in &pack.rules {
            let mut texts: Vec<(&str, &str)> = rule
                .messages
                .iter()
                .filter(|(lang, _)| lang == "fr")
                .map(|(_, t)| ("message", t.as_str()))
                .collect();
            if french_pack && texts.is_empty() {
                texts.push(("message", &rule.message));
            }
            if french_pack {
                texts.extend(guillemet_quotations(&rule.source).map(|q| ("source", q)));
            }
            for (part, text) in texts {
                read += 1;
                for fault in french_typography_faults(text) {
                    found.push(format!("{} {part}: {fault}", rule.id));
                }
            }
        }
    }
    assert!(read > 60, "the French texts are read ({read})");
    assert!(found.is_empty(), "French typography: {found:#?}");
}

/// Each « … » of `text`, marks included.
fn guillemet_quotations(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('«').filter_map(|(start, _)| {
        let end = start + text[start..].find('»')? + '»'.len_utf8();
        Some(&text[start..end])
    })
}

#[test]
fn fixtures_iom_fr() {
    run_pack("iom-fr", "fr", "style/iom-fr/");
}

#[test]
fn fixtures_iom_en() {
    run_pack("iom-en", "en", "style/iom-en/");
}

#[test]
fn fixtures_typo_fr() {
    run_pack("typo-fr", "fr", "typo/fr/");
}

#[test]
fn fixtures_privacy() {
    run_pack_privacy();
}

fn run_pack_privacy() {
    let dir = fixtures_dir().join("privacy");
    let mut docs = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        docs.push((id, std::fs::read_to_string(&p).unwrap()));
    }
    docs.sort();
    let tmp = project(
        "fr",
        &docs,
        "privacy:\n  allow: [\"80 00 11 14\"]\n  sensitive_names: noms.txt\n",
    );
    std::fs::write(
        tmp.path().join("noms.txt"),
        "# noms fictifs\nMariam Kouyaté\n",
    )
    .unwrap();
    let analysis = crate::analyze(tmp.path(), false).expect("analysis");
    let mut failures = Vec::new();
    for (id, text) in &docs {
        let (expected, near) = annotations(text);
        let found: BTreeSet<(usize, String)> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("privacy/"))
            .map(|d| (line_of(d, &analysis.sources), d.rule.clone()))
            .filter(|((path, _), _)| path.contains(&format!("/{id}/")))
            .map(|((_, line), rule)| (line, rule))
            .collect();
        if found != expected || near.is_empty() {
            failures.push(format!(
                "privacy/{id}.md: expected {expected:?}, found {found:?}"
            ));
        }
    }
    for rule in &[
        "privacy/email",
        "privacy/phone",
        "privacy/id-number",
        "privacy/date-of-birth",
        "privacy/sensitive-name",
    ] {
        let short = rule.rsplit('/').next().unwrap();
        if !docs.iter().any(|(id, _)| id == short) {
            failures.push(format!("{rule}: no fixture privacy/{short}.md"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// Applies every fix of a run to the chapter text, as `check --fix` does (non-overlapping,
/// from the end).
fn fixed(lang: &str, text: &str, prefix: &str) -> String {
    let tmp = project(lang, &[("doc".to_string(), text.to_string())], "");
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    let mut fixes: Vec<(usize, usize, String)> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with(prefix))
        // The chapter's fixes only (the registries have their own).
        .filter(|d| {
            d.span()
                .is_some_and(|s| analysis.sources.get(s.source).path.ends_with(".md"))
        })
        .filter_map(|d| Some((d.span()?.start, d.span()?.end, d.fix.clone()?)))
        .collect();
    fixes.sort();
    let mut out = text.to_string();
    let mut last_start = usize::MAX;
    for (s, e, r) in fixes.into_iter().rev() {
        if e <= last_start {
            out.replace_range(s..e, &r);
            last_start = s;
        }
    }
    out
}

#[test]
fn fixes_change_only_their_span() {
    let text = "# Titre\n\nLe trafic des enfants ; voir la loi n° 2012-023 du 12 Juillet 2012.\n\nIl a dit \"non\" : 12000 cas, soit 15%.\n";
    assert_eq!(
        fixed("fr", text, ""),
        "# Titre\n\nLe traite des enfants\u{202F}; voir la loi n°\u{A0}2012-023 du 12 juillet 2012.\n\nIl a dit «\u{202F}non\u{202F}»\u{A0}: 12\u{202F}000 cas, soit 15\u{202F}%.\n"
    );
}

#[test]
fn escaped_text_gets_no_fix() {
    let text = "# Titre\n\nLe trafic d\\'enfants \\* ici.\n";
    let tmp = project("fr", &[("doc".to_string(), text.to_string())], "");
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    let d = analysis
        .diagnostics
        .iter()
        .find(|d| d.rule == "style/iom-fr/traite-trafic")
        .expect("still reported");
    assert!(d.fix.is_none());
}

#[test]
fn suppression_comments() {
    let text = "# Titre\n\n<!-- sopdoc-disable-next-line style/iom-fr/traite-trafic -->\nLe trafic d'enfants.\n\nLe trafic d'enfants.\n\n<!-- sopdoc-disable style/iom-fr -->\n\nLe trafic d'enfants.\n\n<!-- sopdoc-enable style/iom-fr -->\n\nLe trafic d'enfants.\n\n<!-- sopdoc-disable style/iom-fr/trafic-enfant -->\n";
    let tmp = project("fr", &[("doc".to_string(), text.to_string())], "");
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    let lines: Vec<usize> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule == "style/iom-fr/traite-trafic")
        .map(|d| line_of(d, &analysis.sources).1)
        .collect();
    assert_eq!(lines, [6, 14]);
    assert!(
        analysis
            .diagnostics
            .iter()
            .any(|d| d.rule == "meta/unknown-rule")
    );
}

/// The rule ids found in a French chapter `text` of a project whose `styles/rules/maison.yaml`
/// is `pack`.
fn rules_with_house_pack(text: &str, pack: &str) -> Vec<String> {
    let tmp = project("fr", &[("doc".to_string(), text.to_string())], "");
    let rules = tmp.path().join("styles/rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(rules.join("maison.yaml"), pack).unwrap();
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    analysis.diagnostics.into_iter().map(|d| d.rule).collect()
}

#[test]
fn project_rules_override_bundled() {
    let rules = rules_with_house_pack(
        "# Titre\n\nLe trafic d'enfants et le mot interdit.\n",
        "pack: iom-fr\ndisable: [traite-trafic]\nrules:\n  - id: mot-interdit\n    message: \"no\"\n    source: house\n    confidence: synth\n    check: {existence: {tokens: [\"mot interdit\"]}}\n",
    );
    assert!(
        rules.contains(&"style/iom-fr/mot-interdit".to_string()),
        "{rules:?}"
    );
    assert!(!rules.contains(&"style/iom-fr/traite-trafic".to_string()));
}

#[test]
fn bad_project_pack_is_reported() {
    let tmp = project("fr", &[("doc".to_string(), "# T\n".to_string())], "");
    let rules = tmp.path().join("styles/rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("x.yaml"),
        "pack: x\nrules:\n  - id: a\n    mesage: b\n",
    )
    .unwrap();
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    let d = analysis
        .diagnostics
        .iter()
        .find(|d| d.rule == "style/pack")
        .expect("reported");
    assert!(d.message.contains("mesage"), "{}", d.message);
}

/// The bundled SOP project, when present in the checkout, has no style, typography or
/// privacy errors.
#[test]
fn bundled_sources_have_no_style_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !root.join("sop-sources").is_dir() {
        return;
    }
    let analysis = crate::analyze(root, false).unwrap();
    let errors: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .filter(|d| {
            ["style/", "typo/", "privacy/"]
                .iter()
                .any(|p| d.rule.starts_with(p))
        })
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn severity_overrides_by_rule_and_pack() {
    let text = "# Titre\n\nLe trafic d'enfants ; ici.\n";
    let manifest = "rules:\n  typo/fr: off\n  style/iom-fr/traite-trafic: error\n  style/iom-fr/traite-trafik: info\n";
    let tmp = project("fr", &[("doc".to_string(), text.to_string())], manifest);
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    assert!(
        !analysis
            .diagnostics
            .iter()
            .any(|d| d.rule.starts_with("typo/"))
    );
    let d = analysis
        .diagnostics
        .iter()
        .find(|d| d.rule == "style/iom-fr/traite-trafic")
        .unwrap();
    assert_eq!(d.severity, crate::diag::Severity::Error);
    let unknown = analysis
        .diagnostics
        .iter()
        .find(|d| d.rule == "meta/unknown-rule")
        .expect("unknown id reported");
    assert!(unknown.hints[0].starts_with("did you mean `style/iom-fr/traite-trafic`"));
}

/// Every construct of the dialect, with tricky characters in each: no panic, and every fix
/// replaces a span that starts and ends on character boundaries.
#[test]
fn every_construct_is_safe() {
    let text = r#"---
title: « Titre »
---
# Éléments : “citations” ; «x» {#elements}

Texte &nbsp; avec \* échappement, l'OIM , 12000 cas ; https://www.iom.int/fr?a=1 : ok !
Ligne suivante “deux”  fois — n°2012 et #3 etc... 1 février 15% 3.5 % le le.

- élément ;
- `code ; ici` et [lien : “x”](https://example.org/a;b) et <https://example.org/c?d>
1. étape :
   > citation : migrants clandestins ; "x"

| Col : 1 | Col ; 2 |
|---|---|
| « a» | 10 000 ; 2 |

Table: Légende : « x» {#tbl-x}

> [!NOTE]
> Note ; importante : “y”.

Terme : x
: Définition ; ici[^1].

[^1]: Note de bas de page ; ici : « z».

![Figure : légende ; x](img.png) {#fig-x}

<!-- sopdoc-disable -->
Texte ; ignoré.
<!-- sopdoc-enable -->

<div>html ; brut</div>
"#;
    for lang in ["fr", "en"] {
        let tmp = project(lang, &[("doc".to_string(), text.to_string())], "");
        let analysis = crate::analyze(tmp.path(), false).unwrap();
        let file = analysis
            .sources
            .iter()
            .find(|(_, f)| f.path.ends_with(".md"))
            .map(|(_, f)| f.text.clone())
            .unwrap();
        let mut fixes = 0;
        for d in &analysis.diagnostics {
            if let (Some(span), Some(_)) = (d.span(), &d.fix) {
                assert!(file.is_char_boundary(span.start) && file.is_char_boundary(span.end));
                assert!(span.end <= file.len());
                fixes += 1;
            }
        }
        if std::env::var_os("SOPDOC_SHOW").is_some() {
            for d in &analysis.diagnostics {
                let s = d.span().unwrap_or(crate::source::Span::file_start(
                    analysis.sources.iter().next().unwrap().0,
                ));
                let f = analysis.sources.get(s.source);
                println!(
                    "{lang} {:?} {} {:?} -> {:?}",
                    f.line_col(s.start),
                    d.rule,
                    &f.text[s.range()],
                    d.fix
                );
            }
        }
        assert!(fixes > 10, "{lang}: only {fixes} fixes");
    }
}

#[test]
fn privacy_reads_comments_front_matter_and_registries() {
    let text = "---\ntitle: Contact awa@example.org\n---\n# Titre\n\n<!-- Tél : 76 12 34 56 -->\nTexte.\n\n```yaml\ncontact: +223 66 45 78 12\n```\n";
    let tmp = project(
        "fr",
        &[("doc".to_string(), text.to_string())],
        "privacy:\n  sensitive_names: absent.txt\n",
    );
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    let mut found: Vec<(String, usize)> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("privacy/"))
        .map(|d| {
            let (path, line) = line_of(d, &analysis.sources);
            (format!("{}:{path}", d.rule), line)
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "privacy/email:sop-sources/doc/fr/01-chapitre.md".to_string(),
                2
            ),
            (
                "privacy/phone:sop-sources/doc/fr/01-chapitre.md".to_string(),
                6
            ),
            (
                "privacy/phone:sop-sources/doc/fr/01-chapitre.md".to_string(),
                10
            ),
            ("privacy/sensitive-names-file:sopdoc.yaml".to_string(), 3),
        ]
    );
}

fn copy_tree(from: &Path, to: &Path) {
    crate::output::copy_tree(from, to).expect("copy the fixture");
}

/// Applies every offered fix of the style engine, per file, non-overlapping, from the end.
fn apply_fixes(root: &Path) -> usize {
    let analysis = crate::analyze(root, false).unwrap();
    let mut per_file: BTreeMap<String, Vec<(usize, usize, String)>> = BTreeMap::new();
    for d in &analysis.diagnostics {
        if let (Some(span), Some(fix)) = (d.span(), &d.fix) {
            let path = analysis.sources.get(span.source).path.clone();
            per_file
                .entry(path)
                .or_default()
                .push((span.start, span.end, fix.clone()));
        }
    }
    let mut applied = 0;
    for (path, mut fixes) in per_file {
        let file = root.join(&path);
        let mut text = std::fs::read_to_string(&file).unwrap();
        fixes.sort();
        let mut last_start = usize::MAX;
        for (s, e, r) in fixes.into_iter().rev() {
            if e <= last_start {
                text.replace_range(s..e, &r);
                last_start = s;
                applied += 1;
            }
        }
        std::fs::write(&file, text).unwrap();
    }
    applied
}

/// `check --fix` on the bundled project converges: after two passes nothing fixable is left,
/// and the fixed text is still error-free.
#[test]
fn fixes_converge_on_bundled_sources() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"));
    if !src.join("sop-sources").is_dir() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&src.join("sop-sources"), &tmp.path().join("sop-sources"));
    std::fs::copy(src.join("sopdoc.yaml"), tmp.path().join("sopdoc.yaml")).unwrap();
    // The bundled text is already fixed: undo its typography in one chapter, as a draft
    // typed on an ordinary keyboard would have it.
    let chapter = tmp.path().join("sop-sources/sop-01/fr/07-procedures.md");
    let typed = std::fs::read_to_string(&chapter)
        .unwrap()
        .replace('\u{2019}', "'")
        .replace(['\u{a0}', '\u{202f}'], " ");
    std::fs::write(&chapter, typed).unwrap();
    let first = apply_fixes(tmp.path());
    assert!(first > 0);
    apply_fixes(tmp.path());
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    let left: Vec<String> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| {
            let (path, line) = line_of(d, &analysis.sources);
            format!("{path}:{line} {}", d.rule)
        })
        .collect();
    assert!(left.is_empty(), "{left:#?}");
    assert!(!analysis.has_errors());
}

/// Lines of the findings of `rule` in a one-chapter project, one entry per finding.
fn lines_of(lang: &str, text: &str, rule: &str) -> Vec<usize> {
    let tmp = project(lang, &[("doc".to_string(), text.to_string())], "");
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    let mut lines: Vec<usize> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| line_of(d, &analysis.sources).1)
        .collect();
    lines.sort();
    lines
}

#[test]
fn inline_quotations_spare_wording_rules() {
    let text = "# Titre\n\nLes migrants clandestins sont orientés.\n\nLa loi parle de « migrants clandestins » (article 2).\n\nLes migrants clandestins, que la loi appelle « migrants clandestins », sont orientés.\n\nIl cite \"migrants clandestins\" et “migrants clandestins” ici.\n";
    assert_eq!(
        lines_of("fr", text, "style/iom-fr/migrant-irregulier"),
        [3, 7]
    );
    // Typography still judges the marks of a quotation.
    assert_eq!(lines_of("fr", text, "typo/fr/guillemets-droits"), [9, 9]);
    assert_eq!(lines_of("fr", text, "typo/fr/guillemets-anglais"), [9, 9]);
    let en = "# Title\n\nIllegal migrants are referred.\n\nThe law says “illegal migrants” and “the the”.\n\nThe decree says \"illegal migrants\".\n";
    assert_eq!(lines_of("en", en, "style/iom-en/irregular-migrant"), [3]);
    assert_eq!(lines_of("en", en, "style/iom-en/straight-quotes"), [7, 7]);
    // The bundled repetition rules name the `quote` scope, so they read quotations too.
    assert_eq!(lines_of("en", en, "style/iom-en/repetition"), [5]);
}

#[test]
fn unbalanced_quotation_marks_exempt_nothing() {
    let text = "# Titre\n\nLa loi parle de « migrants clandestins, puis des migrants clandestins.\n\nElle cite « la loi\n\net les migrants clandestins » ensuite.\n\nUn » migrants clandestins « ici.\n";
    assert_eq!(
        lines_of("fr", text, "style/iom-fr/migrant-irregulier"),
        [3, 3, 7, 9]
    );
}

#[test]
fn quoted_variants_do_not_set_the_documents_spelling() {
    let en = "# Title\n\nThe form says “E-mail address”.\n\nSend an email.\n\nSend an e-mail.\n";
    assert_eq!(lines_of("en", en, "style/iom-en/spelling-consistency"), [7]);
    let heading = "# Title\n\n## The report “Safe Roads For Young People” in brief\n\n## The Report On Safe Roads For Young People\n";
    assert_eq!(
        lines_of("en", heading, "style/iom-en/heading-sentence-case"),
        [5]
    );
}

#[test]
fn a_rule_naming_the_quote_scope_reads_inline_quotations() {
    let rules = rules_with_house_pack(
        "# Titre\n\nLa loi dit « mot interdit » et « mot toléré ».\n",
        "pack: iom-fr\nrules:\n  - id: mot-interdit\n    message: \"no\"\n    source: house\n    confidence: synth\n    scope: [paragraph, quote]\n    check: {existence: {tokens: [\"mot interdit\"]}}\n  - id: mot-tolere\n    message: \"no\"\n    source: house\n    confidence: synth\n    check: {existence: {tokens: [\"mot toléré\"]}}\n",
    );
    assert!(
        rules.contains(&"style/iom-fr/mot-interdit".to_string()),
        "{rules:?}"
    );
    assert!(
        !rules.contains(&"style/iom-fr/mot-tolere".to_string()),
        "{rules:?}"
    );
}

#[test]
fn yaml_comments_in_fences_and_front_matter_suppress() {
    let text = "---\n# sopdoc-disable-next-line privacy/email\ntitle: Contact awa@example.org\n---\n# Titre {#titre}\n\n```procedure\nid: orienter\ntitle: Orienter\nsteps:\n  - id: a\n    actor: dnpef\n    # sopdoc-disable-next-line style/iom-fr/traite-trafic privacy/phone\n    action: Signaler le trafic d'enfants au 76 12 34 56.\n    exit: Fin\n  - id: b\n    actor: dnpef\n    action: Signaler le trafic d'enfants au 76 12 34 57.\n    exit: Fin\n```\n";
    let tmp = project("fr", &[("doc".to_string(), text.to_string())], "");
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    let mut found: Vec<(usize, &str)> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("privacy/") || d.rule == "style/iom-fr/traite-trafic")
        .map(|d| (line_of(d, &analysis.sources).1, d.rule.as_str()))
        .collect();
    found.sort();
    assert_eq!(
        found,
        [(18, "privacy/phone"), (18, "style/iom-fr/traite-trafic")]
    );
}

#[test]
fn yaml_comments_in_registries_suppress_privacy_findings() {
    let tmp = project("fr", &[("doc".to_string(), "# Titre\n".to_string())], "");
    let actors = "actors:\n  - id: ecoute\n    type: ngo\n    # sopdoc-disable-next-line privacy/phone\n    name: {fr: \"Cellule (76 12 34 56)\", en: \"Unit (76 12 34 56)\"}\n  - id: autre\n    type: ngo\n    # sopdoc-disable-next-line privacy/fone\n    name: {fr: \"Autre (76 12 34 57)\", en: \"Other\"}\n";
    std::fs::write(tmp.path().join("sop-sources/actors.yaml"), actors).unwrap();
    let analysis = crate::analyze(tmp.path(), false).unwrap();
    let mut found: Vec<(usize, &str)> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("privacy/") || d.rule == "meta/unknown-rule")
        .map(|d| (line_of(d, &analysis.sources).1, d.rule.as_str()))
        .collect();
    found.sort();
    assert_eq!(found, [(8, "meta/unknown-rule"), (9, "privacy/phone")]);
}
