//! Suppression comments in chapter files:
//! `<!-- sopdoc-disable RULE… -->` … `<!-- sopdoc-enable RULE… -->` and
//! `<!-- sopdoc-disable-next-line RULE… -->`. A rule id also names every rule below it
//! (`style/iom-fr` covers `style/iom-fr/traite-trafic`); no id means every rule.

use crate::diag::Diagnostic;
use crate::source::{SourceFile, Span};

/// Regions of one file where some rules are off.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// (rule pattern, byte range); an empty pattern matches every rule.
    regions: Vec<(String, std::ops::Range<usize>)>,
    /// Rule ids named in directives, with where, for validation.
    pub named: Vec<(String, Span)>,
}

fn covers(pattern: &str, rule: &str) -> bool {
    pattern.is_empty()
        || rule == pattern
        || rule
            .strip_prefix(pattern)
            .is_some_and(|rest| rest.starts_with('/'))
}

impl Suppressions {
    /// Reads the directives among a chapter's comments.
    pub fn from_comments(comments: &[(Span, String)], file: &SourceFile) -> Self {
        let mut out = Suppressions::default();
        let mut open: Vec<(String, usize)> = Vec::new();
        for (span, text) in comments {
            let inner = text
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim();
            let mut parts = inner.split_whitespace();
            let Some(directive) = parts.next() else {
                continue;
            };
            if !matches!(
                directive,
                "sopdoc-disable" | "sopdoc-enable" | "sopdoc-disable-next-line"
            ) {
                continue;
            }
            let ids: Vec<String> = parts.map(str::to_string).collect();
            for id in &ids {
                out.named.push((id.clone(), *span));
            }
            let ids = if ids.is_empty() {
                vec![String::new()]
            } else {
                ids
            };
            match directive {
                "sopdoc-disable" => {
                    for id in ids {
                        open.push((id, span.end));
                    }
                }
                "sopdoc-enable" => {
                    for id in ids {
                        let mut k = 0;
                        while k < open.len() {
                            if id.is_empty() || open[k].0 == id {
                                let (rule, start) = open.remove(k);
                                out.regions.push((rule, start..span.start));
                            } else {
                                k += 1;
                            }
                        }
                    }
                }
                "sopdoc-disable-next-line" => {
                    // The comment's last byte (an HTML block's span ends after its newline).
                    let (line, _) = file.line_col(span.end.saturating_sub(1).max(span.start));
                    let start = file.offset_of(line + 1, 1);
                    let end = file.offset_of(line + 2, 1);
                    for id in ids {
                        out.regions.push((id, start..end.max(start)));
                    }
                }
                _ => {}
            }
        }
        for (rule, start) in open {
            out.regions.push((rule, start..usize::MAX));
        }
        out
    }

    /// Whether `d` (in this file) is switched off.
    pub fn suppresses(&self, d: &Diagnostic) -> bool {
        let Some(span) = d.span() else {
            return false;
        };
        self.regions
            .iter()
            .any(|(rule, r)| covers(rule, &d.rule) && r.start <= span.start && span.start < r.end)
    }
}
