//! The words of a diff report, in the language of the documents compared: a committee
//! reading a French SOP's redline reads French headings, whatever language the person who
//! ran `sopdoc diff` set for the interface. Like [`crate::l10n`], French and English are
//! built in and other languages fall back to English.

use super::Status;

/// Words of the report in one language.
#[derive(Debug, Clone, Copy)]
pub struct ReportWords {
    /// The language code these words are in.
    pub lang: &'static str,
    /// "Modifications" before the versions compared.
    changes: &'static str,
    /// Between the two versions: "de" … "à" / "from" … "to".
    from: &'static str,
    /// See [`Self::from`].
    to: &'static str,
    /// "Sections modifiées" (the side list and the PDF contents).
    pub changed_sections: &'static str,
    /// "Aucune différence".
    no_differences: &'static str,
    /// "traduction" before a language's status.
    translation: &'static str,
    /// "déplacé avec" before the other place of a moved block.
    moved_with: &'static str,
    /// French takes a space before `:` and `;`.
    space_before_colon: bool,
}

const FR: ReportWords = ReportWords {
    lang: "fr",
    changes: "Modifications",
    from: "de",
    to: "à",
    changed_sections: "Sections modifiées",
    no_differences: "Aucune différence",
    translation: "traduction",
    moved_with: "déplacé avec",
    space_before_colon: true,
};

const EN: ReportWords = ReportWords {
    lang: "en",
    changes: "Changes",
    from: "from",
    to: "to",
    changed_sections: "Changed sections",
    no_differences: "No differences",
    translation: "translation",
    moved_with: "moved, with",
    space_before_colon: false,
};

/// The report's words in `lang` (English for a language sopdoc has no words for).
pub fn report_words(lang: &str) -> ReportWords {
    if lang == "fr" { FR } else { EN }
}

impl ReportWords {
    /// `:` as the language sets it (after a word, before a value).
    pub fn colon(&self) -> &'static str {
        if self.space_before_colon {
            "\u{a0}:"
        } else {
            ":"
        }
    }

    /// `;` as the language sets it.
    fn semicolon(&self) -> &'static str {
        if self.space_before_colon {
            "\u{202f};"
        } else {
            ";"
        }
    }

    /// The line under the title: "Modifications de v0.1 à v0.2".
    pub fn between(&self, old: &str, new: &str) -> String {
        format!("{} {} {old} {} {new}", self.changes, self.from, self.to)
    }

    /// "Aucune différence de v0.1 à v0.2."
    pub fn nothing_between(&self, old: &str, new: &str) -> String {
        format!(
            "{} {} {old} {} {new}.",
            self.no_differences, self.from, self.to
        )
    }

    /// "traduction ajoutée".
    pub fn translation_status(&self, status: Status) -> String {
        format!(
            "{} {}",
            self.translation,
            self.status(status, Gender::Feminine)
        )
    }

    /// "déplacé avec {#id}".
    pub fn moved_with(&self, id: &str) -> String {
        format!("{} {{#{id}}}", self.moved_with)
    }

    /// A section's status ("modifiée", "déplacée, modifiée").
    pub fn section_status(&self, status: Status, moved: bool) -> String {
        let g = Gender::Feminine;
        if moved && status == Status::Modified {
            format!(
                "{}, {}",
                self.status(Status::Moved, g),
                self.status(Status::Modified, g)
            )
        } else {
            self.status(status, g).to_string()
        }
    }

    /// A document's status ("ajouté").
    pub fn document_status(&self, status: Status) -> &'static str {
        self.status(status, Gender::Masculine)
    }

    /// A status word agreeing with its noun.
    fn status(&self, status: Status, gender: Gender) -> &'static str {
        if self.lang != "fr" {
            return status.as_str();
        }
        let fem = gender == Gender::Feminine;
        match (status, fem) {
            (Status::Added, false) => "ajouté",
            (Status::Added, true) => "ajoutée",
            (Status::Removed, false) => "supprimé",
            (Status::Removed, true) => "supprimée",
            (Status::Modified, false) => "modifié",
            (Status::Modified, true) => "modifiée",
            (Status::Moved, false) => "déplacé",
            (Status::Moved, true) => "déplacée",
        }
    }

    /// A kind of block as the report names it ("paragraphe", "tableau").
    pub fn block_kind(&self, kind: &str) -> &'static str {
        let words: &[(&str, &str, &str)] = &[
            ("heading", "titre", "heading"),
            ("paragraph", "paragraphe", "paragraph"),
            ("list", "liste", "list"),
            ("table", "tableau", "table"),
            ("code", "code", "code"),
            ("callout", "encadré", "callout"),
            ("quote", "citation", "quote"),
            ("definitions", "définitions", "definitions"),
            ("figure", "figure", "figure"),
            ("procedure", "procédure", "procedure"),
            ("matrix", "matrice", "matrix"),
            ("bibliography", "bibliographie", "bibliography"),
            ("rule", "filet", "rule"),
            ("html", "html", "html"),
        ];
        words
            .iter()
            .find(|(k, ..)| *k == kind)
            .map_or("", |(_, fr, en)| if self.lang == "fr" { fr } else { en })
    }

    /// The counts: "1 document modifié ; sections : 1 ajoutée, 0 supprimée, …".
    pub fn summary(&self, s: &super::Summary) -> String {
        let c = self.colon();
        let sc = self.semicolon();
        if self.lang == "fr" {
            let f = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n <= 1 { one } else { many })
            };
            let counted = |n: usize, word: &str| f(n, word, &format!("{word}s"));
            format!(
                "{}{sc} sections{c} {}, {}, {}, {}{sc} blocs{c} {}, {}, {}, {}",
                f(s.documents, "document modifié", "documents modifiés"),
                counted(s.sections_added, "ajoutée"),
                counted(s.sections_removed, "supprimée"),
                counted(s.sections_moved, "déplacée"),
                counted(s.sections_modified, "modifiée"),
                counted(s.blocks_added, "ajouté"),
                counted(s.blocks_removed, "supprimé"),
                counted(s.blocks_moved, "déplacé"),
                counted(s.blocks_modified, "modifié"),
            )
        } else {
            format!(
                "{} {} changed; sections: {} added, {} removed, {} moved, {} modified; blocks: {} added, {} removed, {} moved, {} modified",
                s.documents,
                if s.documents == 1 {
                    "document"
                } else {
                    "documents"
                },
                s.sections_added,
                s.sections_removed,
                s.sections_moved,
                s.sections_modified,
                s.blocks_added,
                s.blocks_removed,
                s.blocks_moved,
                s.blocks_modified
            )
        }
    }

    /// A metadata field's name ("version", "statut", "titre (en)").
    pub fn field(&self, field: &str) -> String {
        let (name, lang) = match field.split_once('.') {
            Some((n, l)) => (n, Some(l)),
            None => (field, None),
        };
        let word = if self.lang == "fr" {
            match name {
                "status" => "statut",
                "kind" => "type",
                "title" => "titre",
                other => other,
            }
        } else {
            name
        };
        match lang {
            Some(l) => format!("{word} ({l})"),
            None => word.to_string(),
        }
    }

    /// A metadata value: statuses and kinds in words.
    pub fn value(&self, field: &str, value: &str) -> String {
        if self.lang != "fr" {
            return value.to_string();
        }
        let w = crate::l10n::words("fr");
        match (field, value) {
            ("status", "draft") => w.status_draft.to_string(),
            ("status", "review") => w.status_review.to_string(),
            ("status", "final") => w.status_final.to_string(),
            ("kind", "sop") => w.kind_sop.to_string(),
            ("kind", "desk-review") => w.kind_desk_review.to_string(),
            ("kind", "report") => w.kind_report.to_string(),
            _ => value.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Masculine,
    Feminine,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_words_agree_and_count() {
        let fr = report_words("fr");
        let s = super::super::Summary {
            documents: 1,
            sections_added: 2,
            sections_modified: 1,
            blocks_removed: 1,
            ..Default::default()
        };
        assert_eq!(
            fr.summary(&s),
            "1 document modifié\u{202f}; sections\u{a0}: 2 ajoutées, 0 supprimée, 0 déplacée, 1 modifiée\u{202f}; blocs\u{a0}: 0 ajouté, 1 supprimé, 0 déplacé, 0 modifié"
        );
        assert_eq!(
            fr.section_status(Status::Modified, true),
            "déplacée, modifiée"
        );
        assert_eq!(fr.translation_status(Status::Added), "traduction ajoutée");
        assert_eq!(fr.field("title.en"), "titre (en)");
        assert_eq!(report_words("de").summary(&s).split(';').count(), 3);
        assert!(
            report_words("en")
                .summary(&s)
                .starts_with("1 document changed")
        );
    }
}
