//! For the people in the field: forms kept true to the steps, role cards per actor (PDF
//! and site pages, in every language the documents are translated into), and pathway
//! overviews per SOP and for the collection.

use crate::common::{TempProject, pdf_words, require_tool};

const MANIFEST: &str = "title: {fr: \"Essai\", en: \"Test\", pt: \"Teste\"}\nlanguages: [fr, en, pt]\nprivacy:\n  allow: [\"80 00 11 14\"]\n";

const ACTORS: &str = "actors:\n  - id: police\n    type: law-enforcement\n    name: {fr: \"Police nationale\", en: \"National Police\", pt: \"Polícia nacional\"}\n    contact: {fr: \"Ligne verte 80 00 11 14\", en: \"Hotline 80 00 11 14\", pt: \"Linha verde 80 00 11 14\"}\n  - id: das\n    type: state\n    name: {fr: \"Service social\", en: \"Social service\", pt: \"Serviço social\"}\n  - id: ong\n    type: ngo\n    name: {fr: \"ONG d’accueil\", en: \"Shelter NGO\", pt: \"ONG de acolhimento\"}\n";

/// Two procedures whose exits lead to each other (a cycle in the overview); the first
/// step names a form with its annex, a form without one and a document that is no form.
fn procedures(t: [&str; 9]) -> String {
    format!(
        "# Procédures {{#procedures}}\n\n```procedure\nid: p1\ntitle: {}\nsteps:\n  - id: a\n    actor: police\n    support: [das]\n    action: {}\n    time: {}\n    outputs: [\"{} ([](#annexe-fiche))\", \"{}\", {{text: \"{}\", form: false}}]\n    never: [\"{}\"]\n  - id: b\n    actor: das\n    action: Orienter.\n    exit: \"[](#p2)\"\n```\n\n```procedure\nid: p2\ntitle: {}\nsteps:\n  - id: c\n    actor: das\n    action: {}\n    exit: \"[](#p1)\"\n```\n",
        t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8]
    )
}

const ANNEX: &str = "---\nannex: true\n---\n# Fiche {#annexe-fiche}\n\nNom ________\n";
const UNUSED: &str = "---\nannex: true\n---\n# Registre {#annexe-registre}\n\n- [ ] Vérifié\n";

fn project() -> TempProject {
    let p = TempProject::empty();
    p.write("sopdoc.yaml", MANIFEST);
    p.write("sop-sources/actors.yaml", ACTORS);
    p.write(
        "sop-sources/sop-01/document.yaml",
        "id: sop-01\nkind: sop\ntitle: {fr: \"Titre\", en: \"Title\", pt: \"Título\"}\nversion: 0.4.0\nstatus: draft\ndate: 2026-11-28\nstructure: none\n",
    );
    let texts = [
        (
            "fr",
            [
                "Identification",
                "Repérer la victime.",
                "Dès le premier contact",
                "Fiche de signalement",
                "Fiche introuvable",
                "Procès-verbal",
                "Interroger la personne devant son employeur.",
                "Suivi",
                "Suivre le dossier.",
            ],
        ),
        (
            "en",
            [
                "Identification",
                "Identify the victim.",
                "At first contact",
                "Report form",
                "Missing form",
                "Police report",
                "Question the person in front of their employer.",
                "Follow-up",
                "Follow the case.",
            ],
        ),
        (
            "pt",
            [
                "Identificação",
                "Identificar a vítima.",
                "No primeiro contacto",
                "Ficha de sinalização",
                "Ficha inexistente",
                "Auto de notícia",
                "Interrogar a pessoa diante do empregador.",
                "Acompanhamento",
                "Acompanhar o processo.",
            ],
        ),
    ];
    for (lang, t) in texts {
        p.write(
            &format!("sop-sources/sop-01/{lang}/01-procedures.md"),
            &procedures(t),
        );
        p.write(&format!("sop-sources/sop-01/{lang}/10-annexe.md"), ANNEX);
        p.write(&format!("sop-sources/sop-01/{lang}/11-registre.md"), UNUSED);
    }
    p
}

#[test]
fn a_form_named_without_an_annex_is_a_warning_and_an_unused_annex_form_an_info() {
    let p = project();
    let (out, code) = p.check_short();
    assert_eq!(code, 0, "{out}");
    let missing: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("procedure/missing-form"))
        .collect();
    // Only the source language is checked; the form with its annex and the document
    // written `form: false` are quiet.
    assert_eq!(missing.len(), 1, "{out}");
    assert!(
        missing[0].starts_with("sop-sources/sop-01/fr/01-procedures.md:12:")
            && missing[0].contains("Fiche introuvable"),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l
            .starts_with("sop-sources/sop-01/fr/11-registre.md:4:1: info[procedure/unused-form]")),
        "{out}"
    );
    assert!(
        !out.contains("10-annexe.md:4:1: info[procedure/unused-form]"),
        "{out}"
    );
    // A translation that makes a form of a document no longer mirrors the source.
    let en = p.root().join("sop-sources/sop-01/en/01-procedures.md");
    let text = std::fs::read_to_string(&en).unwrap();
    std::fs::write(&en, text.replace(", form: false}", "}")).unwrap();
    let (out, code) = p.check_short();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[procedure/translation-mismatch]: step `a` has other outputs or forms"),
        "{out}"
    );
}

#[test]
fn role_cards_in_every_language_from_the_translated_procedures() {
    let p = project();
    let out = p.run(&["build", "--format", "cards,html"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("cards: 6 role cards"), "{stderr}");
    let cards = p.root().join("build/cards");
    for lang in ["fr", "en", "pt"] {
        for actor in ["police", "das"] {
            assert!(
                cards.join(format!("{lang}/sop-01-{actor}.pdf")).is_file(),
                "{lang} {actor}"
            );
        }
        // An actor in no step has no card.
        assert!(!cards.join(format!("{lang}/sop-01-ong.pdf")).exists());
        assert!(
            !p.root()
                .join(format!("build/html/{lang}/cards/sop-01-ong.html"))
                .exists()
        );
    }
    if require_tool(&["pdftotext"]).is_none() {
        return;
    }
    let fr = pdf_words(&cards.join("fr/sop-01-police.pdf"));
    for want in [
        "FICHE RÉFLEXE",
        "Police nationale",
        "PSO-01",
        "Version 0.4.0",
        "28 novembre 2026",
        "PROJET",
        "Ligne verte 80 00 11 14",
        "Repérer la victime.",
        "Responsable",
        "Début de la procédure",
        "Dès le premier contact",
        "Fiche de signalement (annexe A)",
        "Procès-verbal",
        "NE JAMAIS",
        // A one-page card, laid out once.
        "1/1",
        "Interroger la personne devant son employeur.",
    ] {
        assert!(fr.contains(want), "missing {want:?} in {fr}");
    }
    let das = pdf_words(&cards.join("fr/sop-01-das.pdf"));
    for want in ["Appui", "Suivre le dossier.", "Procédure 1.2"] {
        assert!(das.contains(want), "missing {want:?} in {das}");
    }
    // The third language: its own procedure text, English labels.
    let pt = pdf_words(&cards.join("pt/sop-01-police.pdf"));
    for want in [
        "ROLE CARD",
        "Polícia nacional",
        "Identificar a vítima.",
        "Interrogar a pessoa diante do empregador.",
        "Linha verde 80 00 11 14",
        "DRAFT",
    ] {
        assert!(pt.contains(want), "missing {want:?} in {pt}");
    }
    // The site: a page per card, reached from the home page.
    let home = std::fs::read_to_string(p.root().join("build/html/index.html")).unwrap();
    for want in [
        "Je suis…",
        "href=\"fr/cards/sop-01-police.html\"",
        "href=\"pt/cards/sop-01-das.html\"",
        "I am…",
    ] {
        assert!(home.contains(want), "missing {want:?} in the home page");
    }
    let page =
        std::fs::read_to_string(p.root().join("build/html/fr/cards/sop-01-police.html")).unwrap();
    for want in [
        "Fiche réflexe",
        "href=\"../sop-01/10-annexe.html#annexe-fiche\"",
        "href=\"../sop-01/01-procedures.html#p1.a\"",
        "Interroger la personne devant son employeur.",
        "card-draft-mark",
        "hreflang=\"en\"",
    ] {
        assert!(page.contains(want), "missing {want:?} in the card page");
    }
    // Golden: the whole card as the site prints it (the PDF is laid out from the same
    // card model).
    let start = page.find("<main").expect("main");
    let end = page.find("</main>").expect("/main") + "</main>".len();
    insta::assert_snapshot!("role_card_police_fr", &page[start..end]);
}

#[test]
fn a_card_that_overflows_is_a_warning_and_is_written_on_two_pages() {
    let p = TempProject::empty();
    p.write(
        "sopdoc.yaml",
        "title: {fr: \"Essai\"}\nlanguages: [fr]\nprivacy:\n  allow: [\"80 00 11 14\"]\n",
    );
    p.write("sop-sources/actors.yaml", ACTORS);
    p.write(
        "sop-sources/sop-01/document.yaml",
        "id: sop-01\nkind: sop\ntitle: {fr: \"Titre\"}\nversion: 1.0.0\nstatus: draft\ndate: 2026-11-28\nstructure: none\n",
    );
    let mut steps = String::new();
    for i in 1..=30 {
        steps.push_str(&format!(
            "  - id: s{i}\n    actor: police\n    action: Vérifier les éléments du dossier numéro {i}, consigner chaque constatation dans le registre et informer le service social de toute difficulté rencontrée.\n    time: Dans les 24 heures\n"
        ));
    }
    steps.push_str("    exit: Dossier clos\n");
    p.write(
        "sop-sources/sop-01/fr/01-procedures.md",
        &format!("# Procédures {{#procedures}}\n\n```procedure\nid: longue\ntitle: Longue\nsteps:\n{steps}```\n"),
    );
    let out = p.run(&["build", "--format", "cards"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "warning[cards/too-long]: the role card of `police` in `sop-01` (fr) needs 2 pages"
        ),
        "{stderr}"
    );
    // Located at the actor's first step.
    assert!(stderr.contains("01-procedures.md:8:12"), "{stderr}");
    let pdf = p.root().join("build/cards/fr/sop-01-police.pdf");
    assert!(pdf.is_file());
    if require_tool(&["pdfinfo"]).is_some() {
        let info = std::process::Command::new("pdfinfo")
            .arg(&pdf)
            .output()
            .unwrap();
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(
            info.lines()
                .any(|l| l.starts_with("Pages:") && l.ends_with(" 2")),
            "{info}"
        );
    }
    // The card's pages are counted on their own (its sheet laid out again to count them).
    if require_tool(&["pdftotext"]).is_some() {
        let words = pdf_words(&pdf);
        assert!(
            words.contains("1/2") && words.contains("2/2") && !words.contains("1/1"),
            "{words}"
        );
    }
}

#[test]
fn the_overview_chains_procedures_with_a_cycle_after_the_contents() {
    let p = project();
    let out = p.run(&["build", "--format", "pdf,html", "--lang", "fr"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("cards/overview-split"), "{stderr}");
    // The document's home page opens with the overview, both procedures in it.
    let home = std::fs::read_to_string(p.root().join("build/html/fr/sop-01/index.html")).unwrap();
    let figure = home
        .split("<figure class=\"overview\">")
        .nth(1)
        .and_then(|s| s.split("</figure>").next())
        .expect("an overview on the document's home page");
    assert!(figure.contains("Vue d’ensemble des procédures"), "{figure}");
    assert!(
        figure.contains("Identification") && figure.contains("Suivi"),
        "{figure}"
    );
    // p1 → p2 and p2 → p1: two arrows, one drawn back up.
    assert_eq!(figure.matches(" Z\" fill=").count(), 2, "{figure}");
    // The site's home page has the collection's overview.
    let index = std::fs::read_to_string(p.root().join("build/html/index.html")).unwrap();
    assert!(index.contains("Vue d’ensemble des parcours"), "home page");
    assert!(p.root().join("build/pdf/overview-fr.pdf").is_file());
    if require_tool(&["pdftotext"]).is_none() {
        return;
    }
    let words = pdf_words(&p.root().join("build/pdf/sop-01-fr.pdf"));
    let contents = words.find("TABLE DES MATIÈRES").expect("contents");
    let overview = words
        .find("VUE D’ENSEMBLE DES PROCÉDURES")
        .expect("overview");
    let body = words.rfind("Repérer la victime.").expect("body");
    assert!(contents < overview && overview < body, "{words}");
    let all = pdf_words(&p.root().join("build/pdf/overview-fr.pdf"));
    assert!(
        all.contains("Vue d’ensemble des parcours") && all.contains("Suivi"),
        "{all}"
    );
}

#[test]
fn an_overview_too_large_for_one_page_is_split_with_a_warning() {
    let p = TempProject::empty();
    p.write("sopdoc.yaml", "title: {fr: \"Essai\"}\nlanguages: [fr]\n");
    p.write("sop-sources/actors.yaml", "actors:\n  - id: police\n    type: law-enforcement\n    name: {fr: \"Police nationale\"}\n");
    p.write(
        "sop-sources/sop-01/document.yaml",
        "id: sop-01\nkind: sop\ntitle: {fr: \"Titre\"}\nversion: 0.4.0\nstatus: draft\ndate: 2026-11-28\nstructure: none\n",
    );
    // Twenty-four procedures, each leading to the next: far taller than one page.
    let n = 24;
    let mut text = String::from("# Procédures {#procedures}\n\n");
    for i in 1..=n {
        let exit = if i < n {
            format!("\n    exit: \"[](#p{})\"", i + 1)
        } else {
            String::new()
        };
        text.push_str(&format!(
            "```procedure\nid: p{i}\ntitle: Procédure numéro {i}\nsteps:\n  - id: a\n    actor: police\n    action: Agir.{exit}\n```\n\n"
        ));
    }
    p.write("sop-sources/sop-01/fr/01-procedures.md", &text);
    // A layout problem: `check` does not lay out PDFs, the PDF build reports it.
    let out = p.run(&["build", "--format", "pdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("cards/overview-split"), "{stderr}");
    assert!(stderr.contains("sop-01/document.yaml"), "{stderr}");
    assert!(
        p.root().join("build/pdf/sop-01-fr.pdf").is_file(),
        "the PDF is still written"
    );
    // Like any rule, the project may make it an error.
    p.write(
        "sopdoc.yaml",
        "title: {fr: \"Essai\"}\nlanguages: [fr]\nrules:\n  cards/overview-split: error\n",
    );
    let out = p.run(&["build", "--format", "pdf"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
