//! The privacy scan: SOP sources must never carry a real person's data.
//!
//! Unlike the style rules it reads the raw text of every loaded file (manifest, registries,
//! `document.yaml`, chapters with their front matter, code, link targets, alt text and
//! comments), so nothing hides in a place prose rules skip. Findings are errors
//! (`privacy/<rule>`); institutional contacts go on the `privacy.allow` list of sopdoc.yaml.
//! Messages show only the first characters of what was found, so logs do not copy the data.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::Regex;

use super::compile::fold;
use super::engine::bounded;
use crate::diag::Diagnostic;
use crate::model::Privacy;
use crate::msg;
use crate::source::{SourceId, SourceMap, Span};

const MONTHS: &str = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december";

struct Patterns {
    email: Regex,
    phone_intl: Regex,
    phone_local: Regex,
    phone_keyword: Regex,
    id_keyword: Regex,
    id_bare: Regex,
    birth: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let date = format!(
            r"(?:\d{{1,2}}[/.\-]\d{{1,2}}[/.\-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:er)?\s+(?:{MONTHS})\s+\d{{4}}|(?:{MONTHS})\s+\d{{1,2}},?\s+\d{{4}})"
        );
        let re = |p: &str| Regex::new(p).expect("privacy pattern");
        Patterns {
            email: re(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
            phone_intl: re(r"(?:\+|(?-u:\b)00)\d[\d \u{A0}\u{202F}.\-()]{6,18}\d"),
            phone_local: re(
                r"(?-u:\b)\d{2}(?:[ .\u{A0}\u{202F}]\d{2}){3}(?-u:\b)",
            ),
            phone_keyword: re(
                r"(?i)(?:t[ée]l(?:[ée]phone)?|phone|mobile|portable|whatsapp|fax)\.?\s*(?:[:n°]\s*)*(\d[\d \u{A0}.\-]{6,16}\d)",
            ),
            id_keyword: re(
                r"(?i)(?:passeport|passport|carte d['’]identit[ée]|identity card|id card|NINA|CNI|pi[èe]ce d['’]identit[ée]|national id)\s*(?:n[°o]\.?|num[ée]ro|number|no\.?|#)?\s*:?\s*([A-Z0-9][A-Z0-9\-]{4,18})",
            ),
            id_bare: re(r"(?-u:\b)[A-Z]{1,2}\d{7,8}(?-u:\b)"),
            birth: re(&format!(
                r"(?i)(?:n[ée]e?s?\s+le|born\s+on|born|date\s+de\s+naissance|date\s+of\s+birth|DOB|DDN)\s*:?\s*({date})"
            )),
        }
    })
}

/// The project's allowlist and sensitive names, prepared once per run.
pub struct Scanner {
    allow_digits: Vec<String>,
    allow_text: Vec<String>,
    names: Option<AhoCorasick>,
}

impl Scanner {
    /// Prepares the scan; `names` are the lines of the sensitive-names file.
    pub fn new(settings: &Privacy, names: &[String]) -> Self {
        let allow_digits = settings
            .allow
            .iter()
            .map(|a| digits(a))
            .filter(|d| d.len() >= 6)
            .collect();
        let allow_text = settings.allow.iter().map(|a| fold(a.trim())).collect();
        let names: Vec<String> = names
            .iter()
            .map(|n| fold(n.trim()))
            .filter(|n| n.chars().count() >= 3)
            .collect();
        let names = (!names.is_empty())
            .then(|| AhoCorasick::new(&names).ok())
            .flatten();
        Scanner {
            allow_digits,
            allow_text,
            names,
        }
    }

    fn allowed_number(&self, found: &str) -> bool {
        let d = digits(found);
        self.allow_digits.iter().any(|a| d.ends_with(a.as_str()))
            || self.allow_text.contains(&fold(found.trim()))
    }

    fn allowed_text(&self, found: &str) -> bool {
        let f = fold(found);
        self.allow_text
            .iter()
            .any(|a| f == *a || (a.starts_with('@') && f.ends_with(a.as_str())))
    }

    /// Scans every file of the map.
    pub fn scan_all(&self, sources: &SourceMap, out: &mut Vec<Diagnostic>) {
        for (id, file) in sources.iter() {
            self.scan(id, &file.text, out);
        }
    }

    /// Scans one text.
    pub fn scan(&self, id: SourceId, text: &str, out: &mut Vec<Diagnostic>) {
        let p = patterns();
        let mut hits: Vec<(std::ops::Range<usize>, &'static str, &'static str)> = Vec::new();
        for m in p.email.find_iter(text) {
            if !self.allowed_text(m.as_str()) {
                hits.push((m.range(), "email", "an e-mail address"));
            }
        }
        let phone = |r: std::ops::Range<usize>, hits: &mut Vec<_>| {
            let found = &text[r.clone()];
            let d = digits(found);
            if (8..=15).contains(&d.len()) && !placeholder(&d) && !self.allowed_number(found) {
                hits.push((r, "phone", "a phone number"));
            }
        };
        for m in p.phone_intl.find_iter(text) {
            phone(m.range(), &mut hits);
        }
        for m in p.phone_local.find_iter(text) {
            phone(m.range(), &mut hits);
        }
        for c in p.phone_keyword.captures_iter(text) {
            phone(c.get(1).expect("group").range(), &mut hits);
        }
        for c in p.id_keyword.captures_iter(text) {
            let m = c.get(1).expect("group");
            if digits(m.as_str()).len() >= 5 && !self.allowed_number(m.as_str()) {
                hits.push((m.range(), "id-number", "an identity document number"));
            }
        }
        for m in p.id_bare.find_iter(text) {
            if !self.allowed_text(m.as_str()) {
                hits.push((m.range(), "id-number", "a passport-like number"));
            }
        }
        for c in p.birth.captures_iter(text) {
            let m = c.get(0).expect("match");
            hits.push((m.range(), "date-of-birth", "a date of birth"));
        }
        if let Some(ac) = &self.names {
            let folded = fold(text);
            for m in ac.find_iter(&folded) {
                if bounded(text, &m.range()) {
                    hits.push((
                        m.range(),
                        "sensitive-name",
                        "a name from the sensitive-names list",
                    ));
                }
            }
        }
        hits.sort_by_key(|h| (h.0.start, std::cmp::Reverse(h.0.end)));
        let mut last_end = 0;
        for (r, rule, what) in hits {
            if r.start < last_end {
                continue;
            }
            last_end = r.end;
            let shown: String = text[r.clone()].chars().take(4).collect();
            out.push(
                Diagnostic::error(
                    format!("privacy/{rule}"),
                    msg!("privacy", kind = rule, what = what, shown = &shown),
                )
                .at(Span::new(id, r))
                .hint(msg!("privacy-hint"))
                .hint(msg!("privacy-hint-2")),
            );
        }
    }
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// `00 00 00 00`, `11 11 11 11`: all digits after the country code alike.
fn placeholder(d: &str) -> bool {
    let tail = &d[d.len().saturating_sub(8)..];
    tail.chars().all(|c| tail.starts_with(c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn rules(text: &str, allow: &[&str], names: &[&str]) -> Vec<String> {
        let settings = Privacy {
            allow: allow.iter().map(|s| s.to_string()).collect(),
            sensitive_names: None,
        };
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        let mut map = SourceMap::new();
        let id = map.add(SourceFile::new("a.md", None, text.to_string()));
        let mut out = Vec::new();
        Scanner::new(&settings, &names).scan(id, text, &mut out);
        out.into_iter().map(|d| d.rule).collect()
    }

    #[test]
    fn finds_personal_data() {
        assert_eq!(
            rules("Appeler le +223 76 12 34 56.", &[], &[]),
            ["privacy/phone"]
        );
        assert_eq!(rules("Tél : 76123456", &[], &[]), ["privacy/phone"]);
        assert_eq!(
            rules("écrire à awa.traore@gmail.com", &[], &[]),
            ["privacy/email"]
        );
        assert_eq!(
            rules("passeport n° AB1234567", &[], &[]),
            ["privacy/id-number"]
        );
        assert_eq!(
            rules("Awa, née le 12/03/1990", &[], &[]),
            ["privacy/date-of-birth"]
        );
        assert_eq!(
            rules("Fatoumata Diarra est arrivée", &[], &["Fatoumata Diarra"]),
            ["privacy/sensitive-name"]
        );
    }

    #[test]
    fn near_misses_stay_quiet() {
        for text in [
            "Loi n° 2012-023 du 12 juillet 2012",
            "la convention C182 de l'OIT",
            "décret n° 2011-036/PM-RM du 3 février 2011",
            "date: 2026-11-28",
            "article 15 et articles 16 à 21",
            "17, route des Morillons, C.P. 17, 1211 Genève 19",
            "version 0.3.0, 10 000 victimes, 2015–2017",
            "né le ____",
            "+223 XX XX XX XX",
        ] {
            assert!(rules(text, &[], &[]).is_empty(), "{text}");
        }
        assert!(rules("Numéro vert : 80 00 11 14", &["80 00 11 14"], &[]).is_empty());
        assert!(rules("contact@iom.int", &["@iom.int"], &[]).is_empty());
    }
}
