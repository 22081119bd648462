//! The words sopdoc itself prints, per language: reference labels, navigation, covers.
//!
//! Built in for French and English; other languages fall back to English. Both the HTML
//! and the PDF renderer read the same table, so both print the same words.

use serde::Serialize;

/// Printed words for one language.
#[derive(Debug, Clone, Serialize)]
pub struct Words {
    /// "section" in a reference ("section 3.2").
    pub section: &'static str,
    /// "annexe" / "annex".
    pub annex: &'static str,
    /// "Annexe" / "Annex" at the start of a heading.
    pub annex_title: &'static str,
    /// "tableau" / "table".
    pub table: &'static str,
    /// "Tableau" / "Table" before a caption number.
    pub table_title: &'static str,
    /// "figure".
    pub figure: &'static str,
    /// "Figure" before a caption number.
    pub figure_title: &'static str,
    /// "chapitre" / "chapter".
    pub chapter: &'static str,
    /// Short label of an SOP in references to another document ("PSO 2").
    pub sop: &'static str,
    /// "Table des matières" / "Contents".
    pub contents: &'static str,
    /// "Page" before the page number.
    pub page: &'static str,
    /// "sur" / "of" between page number and count.
    pub of: &'static str,
    /// Draft watermark.
    pub draft: &'static str,
    /// Status names.
    pub status_draft: &'static str,
    /// Status names.
    pub status_review: &'static str,
    /// Status names.
    pub status_final: &'static str,
    /// "Version".
    pub version: &'static str,
    /// "Date".
    pub date: &'static str,
    /// "Précédent" / "Previous".
    pub previous: &'static str,
    /// "Suivant" / "Next".
    pub next: &'static str,
    /// "Rechercher" / "Search".
    pub search: &'static str,
    /// "Aucun résultat" / "No results".
    pub no_results: &'static str,
    /// "Version imprimable" / "Printable version".
    pub print_version: &'static str,
    /// "Documents".
    pub documents: &'static str,
    /// "Langue" / "Language".
    pub language: &'static str,
    /// Name of the language in itself ("Français").
    pub language_name: &'static str,
    /// "Notes" heading for footnotes.
    pub notes: &'static str,
    /// Kind names.
    pub kind_sop: &'static str,
    /// Kind names.
    pub kind_desk_review: &'static str,
    /// Kind names.
    pub kind_report: &'static str,
    /// "Historique des révisions" / "Revision history".
    pub history: &'static str,
    /// "Validation".
    pub validation: &'static str,
    /// "Modifications" / "Changes".
    pub changes: &'static str,
    /// "Par" / "By".
    pub by: &'static str,
    /// "Instance" / "Body".
    pub body: &'static str,
    /// Tag of a fact still to verify (`[text](verify:)`): "À VÉRIFIER" / "TO VERIFY".
    pub to_verify: &'static str,
    /// "Lieu" / "Place".
    pub place: &'static str,
    /// "Décision" / "Decision".
    pub decision: &'static str,
    /// Disclaimer that opinions are the authors' own.
    pub disclaimer: &'static str,
    /// "Signature".
    pub signature: &'static str,
    /// Title of the generated list of acronyms.
    pub acronyms_title: &'static str,
    /// Title of the generated list of defined terms.
    pub definitions_title: &'static str,
    /// Title of the generated list of legal instruments cited.
    pub legal_title: &'static str,
    /// "Nom" / "Name".
    pub name: &'static str,
    /// "Fonction" / "Position".
    pub position: &'static str,
    /// Title of a note callout.
    pub callout_note: &'static str,
    /// Title of a tip callout.
    pub callout_tip: &'static str,
    /// Title of an important callout.
    pub callout_important: &'static str,
    /// Title of a warning callout.
    pub callout_warning: &'static str,
    /// Title of a caution callout.
    pub callout_caution: &'static str,
    /// "Citation requise" / "Required citation".
    pub citation: &'static str,
    /// "Accueil" / "Home" in breadcrumbs.
    pub home: &'static str,
    /// "Télécharger le PDF" / "Download the PDF".
    pub download_pdf: &'static str,
    /// "Code" of a document.
    pub code: &'static str,
    /// "Type" of a document.
    pub kind: &'static str,
    /// "Statut" / "Status".
    pub status: &'static str,
    /// "Éditeur" / "Publisher".
    pub publisher: &'static str,
    /// Label of a footnote's link back to its mark.
    pub back_to_text: &'static str,
    /// "Publié par" / "Published by" (imprint page).
    pub published_by: &'static str,
    /// Link that skips the navigation.
    pub skip_to_content: &'static str,
    /// Label of the breadcrumb trail.
    pub breadcrumbs: &'static str,
    /// Label of a heading's own link.
    pub link_here: &'static str,
    /// "Diffusion" / "Classification" before a classification marking.
    pub classification: &'static str,
    /// "procédure" / "procedure" in a reference.
    pub procedure: &'static str,
    /// "Procédure" / "Procedure" before a procedure's number.
    pub procedure_title: &'static str,
    /// "étape" / "step" in a reference.
    pub step: &'static str,
    /// "de la procédure" / "of procedure" between a step and its procedure.
    pub step_of: &'static str,
    /// "note" in a reference to a footnote.
    pub note: &'static str,
    /// Column heads of a step table: number, action, responsible, time frame, outputs.
    pub step_columns: [&'static str; 5],
    /// "Appui" / "Support" before supporting actors.
    pub support: &'static str,
    /// "Ne jamais" / "Never" before the points of a step's `never:` list.
    pub never: &'static str,
    /// "Si" / "If" before a decision's answer ("Si oui : étape 4").
    pub if_answer: &'static str,
    /// "Fin" / "End" before an exit.
    pub exit: &'static str,
    /// "Suite" / "Then" before the next step when it is not the following one.
    pub then: &'static str,
    /// Caption of a pathway diagram before its title ("Circuit").
    pub pathway: &'static str,
    /// "Matrice des responsabilités" / "Responsibility matrix".
    pub matrix_title: &'static str,
    /// "Acteur" / "Actor" (first column of the matrix).
    pub actor: &'static str,
    /// Letters for responsible / supporting in the matrix, and their legend.
    pub matrix_letters: [&'static str; 2],
    /// Legend of the matrix letters.
    pub matrix_legend: &'static str,
    /// "suite" / "continued" after the caption of a figure's next part.
    pub continued: &'static str,
    /// The marking of a review copy ("PROJET — pour commentaires").
    pub review_mark: &'static str,
    /// Title of the annex listing the committee's comments ("Contributions du Comité").
    pub contributions_title: &'static str,
    /// Column heads of the comments matrix: number, paragraph, reviewer, institution,
    /// comment, proposed change, disposition, response.
    pub comment_columns: [&'static str; 8],
    /// Dispositions: accepted, partly accepted, rejected, for discussion, not yet decided.
    pub dispositions: [&'static str; 5],
    /// Headings of the summary: by disposition, by institution, and "Total".
    pub comment_summary: [&'static str; 3],
    /// The sentence that introduces the contributions annex.
    pub contributions_intro: &'static str,
}

const FR: Words = Words {
    section: "section",
    annex: "annexe",
    annex_title: "Annexe",
    table: "tableau",
    table_title: "Tableau",
    figure: "figure",
    figure_title: "Figure",
    chapter: "chapitre",
    sop: "PSO",
    contents: "Table des matières",
    page: "Page",
    of: "sur",
    draft: "PROJET",
    status_draft: "Projet",
    status_review: "Pour commentaires",
    status_final: "Version finale",
    version: "Version",
    date: "Date",
    previous: "Précédent",
    next: "Suivant",
    search: "Rechercher",
    no_results: "Aucun résultat",
    print_version: "Version imprimable",
    documents: "Documents",
    language: "Langue",
    language_name: "Français",
    notes: "Notes",
    kind_sop: "Procédures standards opérationnelles",
    kind_desk_review: "Revue documentaire",
    kind_report: "Rapport",
    history: "Historique des révisions",
    validation: "Validation",
    changes: "Modifications",
    by: "Par",
    body: "Instance",
    to_verify: "À VÉRIFIER",
    place: "Lieu",
    decision: "Décision",
    disclaimer: "Les opinions exprimées dans le présent document sont celles des auteurs et ne reflètent pas nécessairement celles de l’Organisation internationale pour les migrations (OIM). Les appellations employées et la présentation des données qui y figurent n’impliquent, de la part de l’OIM, aucune prise de position quant au statut juridique des pays, territoires, villes ou zones, ou de leurs autorités, ni quant au tracé de leurs frontières ou limites.",
    signature: "Signature",
    acronyms_title: "Sigles et abréviations",
    definitions_title: "Définitions",
    legal_title: "Textes de référence",
    name: "Nom",
    position: "Fonction",
    callout_note: "Note",
    callout_tip: "Conseil",
    callout_important: "Important",
    callout_warning: "Attention",
    callout_caution: "Avertissement",
    citation: "Citation requise",
    home: "Accueil",
    download_pdf: "Télécharger le PDF",
    code: "Code",
    kind: "Type",
    status: "Statut",
    publisher: "Éditeur",
    back_to_text: "Retour au texte",
    published_by: "Publié par",
    skip_to_content: "Aller au contenu",
    breadcrumbs: "Fil d’Ariane",
    link_here: "Lien vers cette section",
    classification: "Diffusion",
    procedure: "procédure",
    procedure_title: "Procédure",
    step: "étape",
    step_of: "de la procédure",
    note: "note",
    step_columns: ["N°", "Action", "Responsable", "Délai", "Produits"],
    support: "Appui",
    never: "Ne jamais",
    if_answer: "Si",
    exit: "Fin",
    then: "Suite",
    pathway: "Circuit",
    matrix_title: "Matrice des responsabilités",
    actor: "Acteur",
    matrix_letters: ["R", "A"],
    matrix_legend: "R : responsable de l’étape ; A : appui. Les chiffres sont les numéros des étapes.",
    continued: "suite",
    review_mark: "PROJET — pour commentaires",
    contributions_title: "Contributions du Comité",
    comment_columns: [
        "N°",
        "Paragraphe",
        "Contributeur",
        "Institution",
        "Commentaire",
        "Modification proposée",
        "Suite donnée",
        "Réponse",
    ],
    dispositions: [
        "Acceptée",
        "Partiellement acceptée",
        "Rejetée",
        "À discuter",
        "En attente",
    ],
    comment_summary: [
        "Synthèse par suite donnée",
        "Synthèse par institution",
        "Total",
    ],
    contributions_intro: "Les commentaires des membres du Comité sur les projets de ce document et la suite qui leur a été donnée. Les paragraphes sont désignés par leur numéro dans la copie de relecture.",
};

const EN: Words = Words {
    section: "section",
    annex: "annex",
    annex_title: "Annex",
    table: "table",
    table_title: "Table",
    figure: "figure",
    figure_title: "Figure",
    chapter: "chapter",
    sop: "SOP",
    contents: "Contents",
    page: "Page",
    of: "of",
    draft: "DRAFT",
    status_draft: "Draft",
    status_review: "For comments",
    status_final: "Final version",
    version: "Version",
    date: "Date",
    previous: "Previous",
    next: "Next",
    search: "Search",
    no_results: "No results",
    print_version: "Printable version",
    documents: "Documents",
    language: "Language",
    language_name: "English",
    notes: "Notes",
    kind_sop: "Standard operating procedures",
    kind_desk_review: "Desk review",
    kind_report: "Report",
    history: "Revision history",
    validation: "Validation",
    changes: "Changes",
    by: "By",
    body: "Body",
    to_verify: "TO VERIFY",
    place: "Place",
    decision: "Decision",
    disclaimer: "The opinions expressed in this document are those of the authors and do not necessarily reflect the views of the International Organization for Migration (IOM). The designations employed and the presentation of material throughout the document do not imply expression of any opinion whatsoever on the part of IOM concerning the legal status of any country, territory, city or area, or of its authorities, or concerning its frontiers or boundaries.",
    signature: "Signature",
    acronyms_title: "Acronyms and abbreviations",
    definitions_title: "Definitions",
    legal_title: "Legal instruments",
    name: "Name",
    position: "Position",
    callout_note: "Note",
    callout_tip: "Tip",
    callout_important: "Important",
    callout_warning: "Warning",
    callout_caution: "Caution",
    citation: "Required citation",
    home: "Home",
    download_pdf: "Download the PDF",
    code: "Code",
    kind: "Type",
    status: "Status",
    publisher: "Publisher",
    back_to_text: "Back to text",
    published_by: "Published by",
    skip_to_content: "Skip to content",
    breadcrumbs: "Breadcrumb",
    link_here: "Link to this section",
    classification: "Classification",
    procedure: "procedure",
    procedure_title: "Procedure",
    step: "step",
    step_of: "of procedure",
    note: "note",
    step_columns: ["No.", "Action", "Responsible", "Time frame", "Outputs"],
    support: "Support",
    never: "Never",
    if_answer: "If",
    exit: "End",
    then: "Then",
    pathway: "Pathway",
    matrix_title: "Responsibility matrix",
    actor: "Actor",
    matrix_letters: ["R", "S"],
    matrix_legend: "R: responsible for the step; S: support. Figures are step numbers.",
    continued: "continued",
    review_mark: "DRAFT — for comments",
    contributions_title: "Committee contributions",
    comment_columns: [
        "No.",
        "Paragraph",
        "Reviewer",
        "Institution",
        "Comment",
        "Proposed change",
        "Disposition",
        "Response",
    ],
    dispositions: [
        "Accepted",
        "Partly accepted",
        "Rejected",
        "For discussion",
        "Pending",
    ],
    comment_summary: ["Summary by disposition", "Summary by institution", "Total"],
    contributions_intro: "The comments of the Committee's members on the drafts of this document and what became of them. Paragraphs are named by their number in the review copy.",
};

/// The words for `lang` (English for languages without a table).
pub fn words(lang: &str) -> &'static Words {
    match lang.split('-').next().unwrap_or(lang) {
        "fr" => &FR,
        _ => &EN,
    }
}

/// Formats a `YYYY-MM-DD` date in running text ("12 juillet 2012", "12 July 2012", "1er mai").
pub fn long_date(date: &str, lang: &str) -> String {
    const FR_MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN_MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let parts: Vec<&str> = date.split('-').collect();
    let [y, m, d] = parts.as_slice() else {
        return date.to_string();
    };
    let (Ok(m), Ok(d)) = (m.parse::<usize>(), d.parse::<u32>()) else {
        return date.to_string();
    };
    if !(1..=12).contains(&m) {
        return date.to_string();
    }
    if lang.starts_with("fr") {
        let day = if d == 1 {
            "1er".to_string()
        } else {
            d.to_string()
        };
        format!("{day}\u{a0}{}\u{a0}{y}", FR_MONTHS[m - 1])
    } else {
        format!("{d}\u{a0}{}\u{a0}{y}", EN_MONTHS[m - 1])
    }
}

/// The colon as the language writes it after a label: French puts a no-break space before
/// it ("Appui : "), English does not ("Support: ").
pub fn colon(lang: &str) -> &'static str {
    if lang == "fr" { "\u{a0}: " } else { ": " }
}

pub use crate::model::ReferenceWords;

/// What a cross-reference points at, for its words.
#[derive(Debug, Clone, Copy)]
pub struct ReferenceTarget<'a> {
    /// Kind of the target, when it is an anchor.
    pub kind: Option<crate::model::AnchorKind>,
    /// Its number (empty when unnumbered).
    pub number: &'a str,
    /// For a step, its procedure's number.
    pub parent: &'a str,
    /// Code and kind of the target document, when it is another document.
    pub other_doc: Option<(&'a str, crate::model::DocKind)>,
    /// What to print when there is no number: the anchor or document id.
    pub fallback: &'a str,
}

/// A document's code in `lang`, as covers, running heads and references print it: the
/// `code:` of `document.yaml` (one string or one per language), else, for an SOP whose id
/// is `sop-…`, the language's abbreviation and the rest of the id (`sop-01` is `PSO-01` in
/// French, `SOP-01` in English), else the id upper-cased.
pub fn document_code(meta: &crate::model::DocumentMeta, lang: &str, source: &str) -> String {
    if let Some(code) = meta.explicit_code(lang, source) {
        return code.to_string();
    }
    default_code(&meta.id.value, meta.kind, lang)
}

/// The code of a document without `code:` (see [`document_code`]).
pub fn default_code(id: &str, kind: crate::model::DocKind, lang: &str) -> String {
    match id.strip_prefix("sop-") {
        Some(rest) if kind == crate::model::DocKind::Sop && !rest.is_empty() => {
            format!("{}-{}", words(lang).sop, rest.to_uppercase())
        }
        _ => id.to_uppercase(),
    }
}

/// The text of an empty-text cross-reference: "section 3.2", "annexe B", "tableau 4",
/// "étape 4 de la procédure 2.1", "PSO 2, section 3.1" (another SOP), in `lang`, with the
/// project's own words where it has some.
pub fn reference_label(t: ReferenceTarget<'_>, lang: &str, own: Option<&ReferenceWords>) -> String {
    use crate::model::{AnchorKind, DocKind};
    let w = words(lang);
    let pick = |mine: Option<&Option<String>>, builtin: &'static str| -> String {
        mine.and_then(|m| m.clone())
            .unwrap_or_else(|| builtin.to_string())
    };
    let own_word = |f: fn(&ReferenceWords) -> &Option<String>| own.map(f);
    let local = match (t.kind, t.number.is_empty()) {
        (None, _) | (Some(_), true) => None,
        (Some(kind), false) => Some(match kind {
            AnchorKind::Chapter | AnchorKind::Section | AnchorKind::AnnexSection => {
                format!("{} {}", pick(own_word(|o| &o.section), w.section), t.number)
            }
            AnchorKind::Annex => format!("{} {}", pick(own_word(|o| &o.annex), w.annex), t.number),
            AnchorKind::Table => format!("{} {}", pick(own_word(|o| &o.table), w.table), t.number),
            AnchorKind::Figure => {
                format!("{} {}", pick(own_word(|o| &o.figure), w.figure), t.number)
            }
            AnchorKind::Procedure => {
                format!(
                    "{} {}",
                    pick(own_word(|o| &o.procedure), w.procedure),
                    t.number
                )
            }
            AnchorKind::Step => format!(
                "{} {} {} {}",
                pick(own_word(|o| &o.step), w.step),
                t.number,
                pick(own_word(|o| &o.step_of), w.step_of),
                t.parent
            ),
            AnchorKind::Footnote => format!("{} {}", pick(own_word(|o| &o.note), w.note), t.number),
        }),
    };
    let doc = t.other_doc.map(|(code, kind)| {
        let digits: String = code
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if kind == DocKind::Sop && !digits.is_empty() {
            let n = digits.trim_start_matches('0');
            let n = if n.is_empty() { "0" } else { n };
            format!("{} {n}", pick(own_word(|o| &o.sop), w.sop))
        } else {
            code.to_string()
        }
    });
    match (doc, local) {
        (Some(d), Some(l)) => format!("{d}, {l}"),
        (Some(d), None) => d,
        (None, Some(l)) => l,
        (None, None) => t.fallback.to_string(),
    }
}

/// `text` with its first letter upper-case ("étape 3" → "Étape 3"; a menu entry).
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Sort key for lists a reader scans alphabetically (registries, word lists): lower case
/// without accents, so "État" sorts with "etat".
pub fn sort_key(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

#[cfg(test)]
mod tests {

    /// French typography in sopdoc's own words, as in the authors' text (issue 18): the
    /// disclaimer, the matrix legend and every other French label use ’ and no-break spaces.
    #[test]
    fn french_built_in_words_use_typographic_apostrophes_and_spaces() {
        let json = serde_json::to_value(&FR).unwrap();
        let mut texts = Vec::new();
        fn collect<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
            match v {
                serde_json::Value::String(s) => out.push(s),
                serde_json::Value::Array(a) => a.iter().for_each(|v| collect(v, out)),
                serde_json::Value::Object(o) => o.values().for_each(|v| collect(v, out)),
                _ => {}
            }
        }
        collect(&json, &mut texts);
        assert!(texts.len() > 20);
        for t in texts {
            let chars: Vec<char> = t.chars().collect();
            for w in chars.windows(3) {
                assert!(
                    !(w[1] == '\'' && w[0].is_alphabetic() && w[2].is_alphabetic()),
                    "straight apostrophe in {t:?}"
                );
                assert!(
                    !(w[1] == ' ' && matches!(w[2], ':' | ';' | '?' | '!')),
                    "ordinary space before punctuation in {t:?}"
                );
            }
        }
    }
    use crate::model::{AnchorKind, DocKind};

    fn label(kind: AnchorKind, number: &str, other: Option<&str>, lang: &str) -> String {
        reference_label(
            ReferenceTarget {
                kind: Some(kind),
                number,
                parent: "2.1",
                other_doc: other.map(|c| (c, DocKind::Sop)),
                fallback: "a",
            },
            lang,
            None,
        )
    }

    #[test]
    fn reference_words_in_french_and_english() {
        assert_eq!(label(AnchorKind::Section, "3.2", None, "fr"), "section 3.2");
        assert_eq!(label(AnchorKind::Annex, "B", None, "fr"), "annexe B");
        assert_eq!(label(AnchorKind::Table, "4", None, "fr"), "tableau 4");
        assert_eq!(
            label(AnchorKind::Section, "3.1", Some("SOP-02"), "fr"),
            "PSO 2, section 3.1"
        );
        assert_eq!(
            label(AnchorKind::Section, "3.1", Some("SOP-02"), "en"),
            "SOP 2, section 3.1"
        );
        assert_eq!(
            label(AnchorKind::Step, "4", None, "fr"),
            "étape 4 de la procédure 2.1"
        );
        assert_eq!(
            label(AnchorKind::Step, "4", None, "en"),
            "step 4 of procedure 2.1"
        );
        assert_eq!(
            label(AnchorKind::Procedure, "2.1", Some("SOP-02"), "fr"),
            "PSO 2, procédure 2.1"
        );
    }

    #[test]
    fn a_project_overrides_reference_words() {
        let own = ReferenceWords {
            section: Some("§".into()),
            sop: Some("PON".into()),
            ..ReferenceWords::default()
        };
        let t = ReferenceTarget {
            kind: Some(AnchorKind::Section),
            number: "3.1",
            parent: "",
            other_doc: Some(("SOP-02", DocKind::Sop)),
            fallback: "x",
        };
        assert_eq!(reference_label(t, "fr", Some(&own)), "PON 2, § 3.1");
        let t = ReferenceTarget {
            kind: Some(AnchorKind::Annex),
            other_doc: None,
            number: "B",
            ..t
        };
        assert_eq!(reference_label(t, "fr", Some(&own)), "annexe B");
    }

    use super::*;

    #[test]
    fn long_dates() {
        assert_eq!(long_date("2012-07-12", "fr"), "12\u{a0}juillet\u{a0}2012");
        assert_eq!(long_date("2012-05-01", "fr"), "1er\u{a0}mai\u{a0}2012");
        assert_eq!(long_date("2012-07-12", "en"), "12\u{a0}July\u{a0}2012");
        assert_eq!(long_date("junk", "en"), "junk");
    }
}
