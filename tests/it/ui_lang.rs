//! The interface language: `--ui-lang`, `SOPDOC_LANG`, the system's locale variables, and
//! French throughout what an author reads (diagnostics, hints, summaries, rules, watch).

use std::process::{Command, Output};

use crate::common::{TempProject, document_yaml, fixture, sopdoc};

/// `sopdoc` with none of the language variables set: each test says which it means.
fn bare() -> Command {
    let mut cmd = sopdoc();
    for var in ["SOPDOC_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn check_fixture(cmd: &mut Command, name: &str, args: &[&str]) -> Output {
    cmd.arg("--project")
        .arg(fixture(name))
        .arg("check")
        .args(args)
        .output()
        .expect("run sopdoc")
}

#[test]
fn ui_lang_fr_speaks_french_and_keeps_rule_ids() {
    let out = check_fixture(bare().args(["--ui-lang", "fr"]), "diagnostics", &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error[translate/missing-id]: l’identifiant `objet` de la source `fr` manque en `en`"
        ),
        "{err}"
    );
    assert!(
        err.contains("= conseil\u{a0}: donnez le même identifiant"),
        "{err}"
    );
    assert!(err.contains("défini ici dans la source"), "{err}");
    // The summary line, with French plural forms.
    let last = err.lines().last().unwrap_or("");
    assert!(
        last.contains(" erreurs, ") && last.contains("avertissement"),
        "summary: {last}"
    );
    assert!(!err.contains("= hint:"), "{err}");
    assert!(
        !err.contains('\u{2068}') && !err.contains('\u{2069}'),
        "isolation marks"
    );
}

#[test]
fn the_language_comes_from_the_environment_in_order() {
    let run = |vars: &[(&str, &str)], args: &[&str]| {
        let mut cmd = bare();
        for (k, v) in vars {
            cmd.env(k, v);
        }
        cmd.args(args);
        stderr(&check_fixture(
            &mut cmd,
            "diagnostics",
            &["--format", "human"],
        ))
    };
    let french = "manque en `en`";
    let english = "is missing in `en`";
    assert!(run(&[("LANG", "fr_FR.UTF-8")], &[]).contains(french));
    assert!(run(&[("LC_ALL", "fr_FR.UTF-8"), ("LANG", "C")], &[]).contains(french));
    assert!(run(&[("LANG", "C")], &[]).contains(english));
    assert!(run(&[], &[]).contains(english));
    assert!(run(&[("LANG", "fr_FR.UTF-8"), ("SOPDOC_LANG", "en")], &[]).contains(english));
    assert!(run(&[("LANG", "C"), ("SOPDOC_LANG", "fr")], &[]).contains(french));
    assert!(run(&[("SOPDOC_LANG", "fr")], &["--ui-lang", "en"]).contains(english));
}

#[test]
fn an_unknown_ui_lang_exits_2_listing_the_languages() {
    let out = bare().args(["--ui-lang", "de", "rules"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("en") && err.contains("fr"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn json_and_sarif_keep_the_english_message() {
    let en = check_fixture(&mut bare(), "diagnostics", &["--format", "json"]);
    let fr = check_fixture(
        bare().env("SOPDOC_LANG", "fr"),
        "diagnostics",
        &["--format", "json"],
    );
    let en: serde_json::Value = serde_json::from_slice(&en.stdout).unwrap();
    let fr: serde_json::Value = serde_json::from_slice(&fr.stdout).unwrap();
    let (en, fr) = (
        en["diagnostics"].as_array().unwrap(),
        fr["diagnostics"].as_array().unwrap(),
    );
    assert_eq!(en.len(), fr.len());
    for (e, f) in en.iter().zip(fr) {
        assert_eq!(e["message"], f["message"], "English stays in `message`");
        assert_eq!(e["hints"], f["hints"]);
        assert!(e.get("localized").is_none());
        assert_eq!(f["localized"]["lang"], "fr");
    }
    let missing = fr
        .iter()
        .find(|d| d["rule"] == "translate/missing-id")
        .unwrap();
    assert!(
        missing["localized"]["message"]
            .as_str()
            .unwrap()
            .starts_with("l’identifiant"),
        "{missing}"
    );
    let sarif = |lang: &str| {
        stdout(&check_fixture(
            bare().env("SOPDOC_LANG", lang),
            "diagnostics",
            &["--format", "sarif"],
        ))
    };
    assert_eq!(
        sarif("en"),
        sarif("fr"),
        "SARIF does not depend on the interface"
    );
}

/// Every diagnostic of every fixture, of the bundled collection and of a project full of
/// mistakes has its message and hints in French; only the rules of English-language style
/// packs (for English chapters) keep English messages.
#[test]
fn every_diagnostic_of_the_fixtures_speaks_french() {
    let broken = broken_project();
    let mut projects: Vec<std::path::PathBuf> = std::fs::read_dir(fixture(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("sopdoc.yaml").is_file())
        .collect();
    projects.sort();
    projects.push(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf());
    projects.push(broken.root().to_path_buf());
    let mut untranslated = Vec::new();
    let mut seen = 0;
    for project in &projects {
        let out = bare()
            .env("SOPDOC_LANG", "fr")
            .arg("--project")
            .arg(project)
            .args(["check", "--format", "json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", project.display(), stderr(&out)));
        for d in v["diagnostics"].as_array().unwrap() {
            seen += 1;
            let rule = d["rule"].as_str().unwrap();
            let local = &d["localized"];
            let english_pack = rule.starts_with("style/iom-en/") || rule == "spelling/en";
            if local["message"].is_null() && !english_pack {
                untranslated.push(format!("{rule}: {}", d["message"]));
            }
            for (h, l) in d["hints"]
                .as_array()
                .unwrap()
                .iter()
                .zip(local["hints"].as_array().unwrap())
            {
                if l.is_null() {
                    untranslated.push(format!("{rule} (hint): {h}"));
                }
            }
        }
    }
    assert!(seen > 300, "the fixtures report findings ({seen})");
    untranslated.sort();
    untranslated.dedup();
    assert!(
        untranslated.is_empty(),
        "texts with no French: {untranslated:#?}"
    );
}

/// A project with the mistakes a new author makes: broken YAML, unknown keys, unknown
/// actors and steps, a dangling reference, a missing image, a skipped heading level.
fn broken_project() -> TempProject {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-02/document.yaml",
        &format!("{}titel: x\n", document_yaml("sop-02")),
    );
    p.write("sop-sources/sop-02/fr/01-objet.md", "# Objet {#objet}\n");
    p.write("sop-sources/sop-03/document.yaml", "");
    p.write(
        "sop-sources/actors.yaml",
        "actors:\n  - id: police\n    type: law-enforcement\n    name: {fr: \"Police\", en: \"Police\"}\n",
    );
    p.write("sop-sources/glossary.yaml", "- [\n");
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        concat!(
            "# Objet {#objet}\n\n",
            "Voir [](#nulle-part) et [](sop-09#objet), ![](absente.png).\n\n",
            "### Trop bas\n\n",
            "<b>gras</b>\n\n",
            "```procedure\n",
            "id: p1\n",
            "title: Prise en charge\n",
            "steps:\n",
            "  - id: a\n",
            "    actor: polise\n",
            "    action: Recevoir\n",
            "    next: z\n",
            "  - id: b\n",
            "    action: Orienter\n",
            "```\n",
        ),
    );
    p.write(
        "sop-sources/sop-01/en/01-objet.md",
        "# Purpose {#purpose}\n",
    );
    p
}

#[test]
fn rules_and_explain_speak_french() {
    let out = bare()
        .args(["--ui-lang", "fr", "rules", "xref"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("Un renvoi désigne un identifiant qu’aucun titre"),
        "{text}"
    );
    let out = bare()
        .args(["--ui-lang", "fr", "explain", "typo/fr/espace-deux-points"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("une espace insécable précède `:` en français"),
        "{text}"
    );
    assert!(text.contains("usage général du français"), "{text}");
    assert!(
        !text.contains("U+00A0"),
        "no character codes for authors: {text}"
    );
    // English stays as it was.
    let out = bare()
        .args(["explain", "typo/fr/espace-deux-points"])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("a no-break space (U+00A0) goes before `:` in French"));
}

#[test]
fn a_project_pack_may_give_its_message_in_both_languages() {
    let p = TempProject::minimal();
    p.write(
        "styles/rules/maison.yaml",
        concat!(
            "pack: maison\n",
            "languages: [fr]\n",
            "rules:\n",
            "  - id: procedure-mot\n",
            "    message: {fr: \"`{match}`\u{a0}: écrivez «\u{a0}{fix}\u{a0}»\", en: \"`{match}`: write « {fix} »\"}\n",
            "    source: \"Charte maison\"\n",
            "    confidence: iom\n",
            "    check: {substitution: {swap: {\"décrit\": \"présente\"}}}\n",
        ),
    );
    let out = p.run(&["--ui-lang", "fr", "check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "style/maison/procedure-mot")
        .unwrap_or_else(|| panic!("{v}"))
        .clone();
    assert_eq!(d["message"], "`décrit`: write « présente »");
    assert_eq!(
        d["localized"]["message"],
        "`décrit`\u{a0}: écrivez «\u{a0}présente\u{a0}»"
    );
    // A language the interface does not speak is refused, at the rule.
    p.write(
        "styles/rules/maison.yaml",
        concat!(
            "pack: maison\n",
            "rules:\n",
            "  - id: procedure-mot\n",
            "    message: {de: \"x\"}\n",
            "    source: \"Charte maison\"\n",
            "    confidence: iom\n",
            "    check: {substitution: {swap: {\"décrit\": \"présente\"}}}\n",
        ),
    );
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[style/pack]") && out.contains("`de`"),
        "{out}"
    );
}

#[test]
fn check_fix_dry_run_names_invisible_characters_in_french() {
    let p = TempProject::minimal();
    p.write(
        "sop-sources/sop-01/fr/01-objet.md",
        "# Objet {#objet}\n\nQuoi ? Ceci : cela.\n",
    );
    let out = p.run(&["--ui-lang", "fr", "check"]);
    let err = stderr(&out);
    assert!(
        err.contains(
            "= correction\u{a0}: remplacer une espace par une espace insécable devant `:`"
        ),
        "{err}"
    );
    let out = p.run(&["--ui-lang", "fr", "check", "--fix", "--dry-run"]);
    assert!(
        stdout(&out).contains("espace fine insécable"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn translate_status_has_french_headings_and_the_same_numbers() {
    let run = |lang: &str| {
        let out = bare()
            .env("SOPDOC_LANG", lang)
            .arg("--project")
            .arg(fixture("translate"))
            .args(["translate", "status"])
            .output()
            .unwrap();
        stdout(&out)
    };
    let (en, fr) = (run("en"), run("fr"));
    assert!(
        en.starts_with("document         lang   units translated"),
        "{en}"
    );
    assert!(fr.contains("segments") && fr.contains("périmés"), "{fr}");
    let numbers = |t: &str| -> Vec<String> {
        t.lines()
            .skip(1)
            .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
            .collect()
    };
    assert_eq!(numbers(&en), numbers(&fr));
}

#[test]
fn watch_reports_its_saves_in_french() {
    let p = TempProject::empty();
    crate::common::copy_dir(&fixture("html-basic"), p.root());
    let chapter = p.root().join("sop-sources/sop-01/fr/02-roles.md");
    let mut run = crate::watch::Running::start_with(
        p.root(),
        &["watch", "--no-pdf"],
        &[("SOPDOC_LANG", "fr")],
    );
    let log = run.wait_log("the first build", |l| l.contains("première compilation →"));
    assert!(log.contains("surveillance de"), "{log}");
    let mut text = std::fs::read_to_string(&chapter).unwrap();
    text.push_str("\nVoir [](#introuvable).\n");
    std::fs::write(&chapter, text).unwrap();
    let log = run.wait_log("the error", |l| {
        l.contains("rien n’a été écrit, la dernière version correcte reste en place")
    });
    assert!(
        log.contains("error[xref/unknown-target]: aucun titre, tableau ou figure"),
        "{log}"
    );
    let status = log
        .lines()
        .find(|l| l.contains("rien n’a été écrit"))
        .unwrap();
    assert!(status.contains("1 erreur"), "{status}");
}

#[test]
fn build_reports_what_it_wrote_in_french() {
    let p = TempProject::minimal();
    let out = p.run(&["--ui-lang", "fr", "build", "--format", "html"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("html\u{a0}: ") && err.contains(" fichiers dans "),
        "{err}"
    );
    assert!(err.contains("terminé en "), "{err}");
    assert!(!err.contains("files in"), "{err}");
}

/// The French texts of the bundled rule packs and of the rule catalogue read as plain
/// words: no character codes, `(s)` plurals, library names or confidence codes.
#[test]
fn french_rule_texts_have_no_jargon() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut packs: Vec<_> = std::fs::read_dir(root.join("styles/rules"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    packs.sort();
    for pack in &packs {
        let v: serde_json::Value =
            serde_saphyr::from_str(&std::fs::read_to_string(pack).unwrap()).unwrap();
        let languages = v["languages"].as_array().cloned().unwrap_or_default();
        let french_pack = languages.iter().any(|l| l == "fr");
        for rule in v["rules"].as_array().unwrap() {
            let id = format!("{}: {}", pack.display(), rule["id"]);
            match &rule["message"] {
                serde_json::Value::Object(m) => {
                    let fr = m.get("fr").and_then(|t| t.as_str());
                    assert!(fr.is_some() || !french_pack, "{id} has no French message");
                    if let Some(fr) = fr {
                        texts.push((id, fr.to_string()));
                    }
                }
                serde_json::Value::String(_) => {
                    assert!(!french_pack, "{id}: a French rule's message is in French")
                }
                other => panic!("{id}: message {other}"),
            }
        }
    }
    assert!(texts.len() > 50, "the packs are read ({})", texts.len());
    let catalogue: serde_json::Value = serde_saphyr::from_str(
        &std::fs::read_to_string(root.join("locales/fr/rules.yaml")).unwrap(),
    )
    .unwrap();
    for (rule, entry) in catalogue.as_object().unwrap() {
        for field in ["summary", "doc"] {
            if let Some(t) = entry[field].as_str() {
                texts.push((
                    format!("locales/fr/rules.yaml: {rule}.{field}"),
                    t.to_string(),
                ));
            }
        }
    }
    let found: Vec<String> = texts
        .iter()
        .filter_map(|(id, t)| {
            let j = sopdoc::i18n::jargon_in(t);
            (!j.is_empty()).then(|| format!("{id}: {j:?}: {t}"))
        })
        .collect();
    assert!(found.is_empty(), "jargon in French texts: {found:#?}");
}

/// English words that have no business in a French line (whole words, outside code,
/// paths and the severity word of a diagnostic's header, which stays as the rule id's
/// companion).
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "not",
    "cannot",
    "with",
    "and",
    "of",
    "no",
    "to",
    "was",
    "has",
    "wrote",
    "created",
    "files",
    "file",
    "found",
    "already",
    "exists",
    "comments",
    "added",
    "would",
    "nothing",
    "hint",
    "error:",
    "next:",
    "missing",
    "unknown",
    "document(s)",
    "changed",
];

/// The English words of `text`, code spans (`…`), paths and diagnostic headers left out.
fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        // Code spans and source excerpts are the author's own text.
        if line.trim_start().starts_with('|') || line.trim_start().starts_with("-->") {
            continue;
        }
        let mut plain = String::new();
        let mut in_code = false;
        for c in line.chars() {
            if c == '`' {
                in_code = !in_code;
            } else if !in_code {
                plain.push(c);
            }
        }
        let plain = match plain.find("]: ") {
            Some(i) if plain.starts_with(['e', 'w', 'i']) && plain[..i].contains('[') => {
                plain[i + 3..].to_string()
            }
            _ => plain,
        };
        for word in plain.split_whitespace() {
            if word.contains('/') || word.contains('.') && word.len() > 4 {
                continue; // a path or a file name
            }
            let w = word
                .trim_matches(|c: char| !c.is_alphanumeric() && c != ':' && c != '(' && c != ')');
            let w = w.trim_start_matches('(').trim_end_matches(')');
            if ENGLISH.contains(&w.to_lowercase().as_str()) || ENGLISH.contains(&word) {
                found.push(format!("{word} in: {line}"));
            }
        }
    }
    found
}

/// Every command, on a good project and on broken input, prints its status lines,
/// environment errors and diagnostics in French under SOPDOC_LANG=fr.
#[test]
fn every_command_speaks_french() {
    let p = TempProject::minimal();
    let scratch = tempfile::tempdir().unwrap();
    let s = scratch.path();
    std::fs::write(s.join("tronque.xlf"), "<xliff").unwrap();
    std::fs::write(s.join("rien.xlf"), "du texte\n").unwrap();
    std::fs::write(s.join("faux.docx"), b"PK\x03\x04 pas un document Word").unwrap();
    let project = p.root().to_str().unwrap().to_string();
    let nowhere = s.join("vide");
    std::fs::create_dir_all(&nowhere).unwrap();
    let dir = s.join("mes-pso");
    let dir = dir.to_str().unwrap();
    let runs: Vec<Vec<String>> = [
        vec!["init", dir],
        vec!["init", dir],
        vec!["--project", dir, "new", "sop-09"],
        vec!["--project", dir, "new", "Sop_9"],
        vec!["--project", dir, "new", "sop-09"],
        vec!["--project", nowhere.to_str().unwrap(), "check"],
        vec![
            "--project",
            &project,
            "build",
            "--doc",
            "sop-1",
            "--format",
            "html",
        ],
        vec![
            "--project",
            &project,
            "build",
            "--lang",
            "de",
            "--format",
            "html",
        ],
        vec!["--project", &project, "translate", "export", "--lang", "fr"],
        vec!["--project", &project, "translate", "export", "--lang", "de"],
        vec![
            "--project",
            &project,
            "translate",
            "export",
            "--lang",
            "en",
            "--doc",
            "x",
        ],
        vec!["--project", &project, "translate", "import", "absent.xlf"],
        vec![
            "--project",
            &project,
            "translate",
            "import",
            &s.join("tronque.xlf").display().to_string(),
        ],
        vec![
            "--project",
            &project,
            "translate",
            "import",
            &s.join("rien.xlf").display().to_string(),
        ],
        vec![
            "--project",
            &project,
            "review",
            "import",
            &s.join("faux.docx").display().to_string(),
        ],
        vec!["--project", &project, "schema", "--write"],
        vec!["--project", &project, "schema", "--write"],
        vec!["--project", &project, "diff", "/nulle/part", "HEAD"],
        vec!["--project", &project, "diff", &project, &project],
        vec![
            "--project",
            &project,
            "diff",
            &project,
            &project,
            "--doc",
            "sop-7",
        ],
        vec!["--project", &project, "explain", "xref/unknown-targt"],
        vec!["--project", &project, "rules", "nulle-part"],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(str::to_string).collect())
    .collect();
    let mut english = Vec::new();
    for args in &runs {
        let out = bare()
            .env("SOPDOC_LANG", "fr")
            .current_dir(s)
            .args(args)
            .output()
            .unwrap();
        let text = format!("{}{}", stdout(&out), stderr(&out));
        assert!(!text.trim().is_empty(), "{args:?} says something");
        assert!(!text.contains("panicked"), "{args:?}: {text}");
        for w in english_words(&text) {
            english.push(format!("{args:?}: {w}"));
        }
    }
    assert!(
        english.is_empty(),
        "English under SOPDOC_LANG=fr: {english:#?}"
    );
    // The checker itself sees English.
    assert!(!english_words("error: cannot read x: the file is missing").is_empty());
    assert!(english_words("error[xref/x]: aucun titre n'a l'identifiant `the`").is_empty());
}

/// The help texts of every command and option: `locales/en/help.ftl` holds exactly the
/// doc comments of `args.rs` (set `SOPDOC_RECORD_HELP=1` to write it again after changing
/// them), and every other language has a text for each key and no other key.
#[test]
fn every_help_text_has_its_key_in_every_language() {
    use clap::CommandFactory;
    let texts = crate::cli_help::english_texts(&crate::cli_args::Cli::command());
    assert!(texts.len() > 50, "{}", texts.len());
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = "# The help texts of `sopdoc --help`, written from the doc comments of src/cli/args.rs\n\
        # by the test `every_help_text_has_its_key_in_every_language` (SOPDOC_RECORD_HELP=1).\n\
        # Do not edit: change the doc comments. Other languages translate every key.\n";
    let expected = crate::cli_help::to_ftl(header, &texts);
    let path = root.join("locales/en/help.ftl");
    if std::env::var_os("SOPDOC_RECORD_HELP").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        expected,
        "locales/en/help.ftl differs from the doc comments: SOPDOC_RECORD_HELP=1 writes it"
    );
    for (key, en) in &texts {
        assert_eq!(
            sopdoc::i18n::lookup(key, "en").as_deref(),
            Some(en.as_str()),
            "{key}"
        );
        for lang in sopdoc::i18n::LANGUAGES.iter().filter(|l| **l != "en") {
            let t = sopdoc::i18n::lookup(key, lang);
            assert!(t.is_some(), "locales/{lang}/help.ftl lacks `{key}`");
            assert_ne!(
                t.as_deref(),
                Some(en.as_str()),
                "{lang}: `{key}` is not translated"
            );
        }
    }
}

/// `--help` in French: no English sentence of the doc comments, French headings.
#[test]
fn help_speaks_french() {
    use clap::CommandFactory;
    let texts = crate::cli_help::english_texts(&crate::cli_args::Cli::command());
    for args in [
        vec!["--help"],
        vec!["-h"],
        vec!["check", "--help"],
        vec!["build", "-h"],
        vec!["translate", "export", "--help"],
        vec!["help", "diff"],
    ] {
        let out = bare()
            .env("SOPDOC_LANG", "fr")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = stdout(&out);
        assert!(help.contains("Utilisation\u{a0}:"), "{args:?}: {help}");
        for (key, en) in &texts {
            // A sentence of the English help (short words like `Lang` can be shared).
            let first = en.lines().next().unwrap_or("");
            if first.split_whitespace().count() >= 3 {
                assert!(
                    !help.contains(first),
                    "{args:?}: English `{key}`: {first}\n{help}"
                );
            }
        }
        for english in [
            "Usage:",
            "Commands:",
            "[default:",
            "possible values",
            "Print help",
        ] {
            assert!(!help.contains(english), "{args:?}: `{english}` in\n{help}");
        }
    }
    let out = bare()
        .args(["--ui-lang", "fr", "check", "--help"])
        .output()
        .unwrap();
    let help = stdout(&out);
    assert!(
        help.contains("Utilisation\u{a0}:") && help.contains("--deny-warnings"),
        "{help}"
    );
    // English stays clap's own.
    let out = bare().args(["check", "--help"]).output().unwrap();
    assert!(stdout(&out).contains("Usage:"));
}
