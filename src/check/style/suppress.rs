//! Suppression comments in chapter files:
//! `<!-- sopdoc-disable RULE… -->` … `<!-- sopdoc-enable RULE… -->` and
//! `<!-- sopdoc-disable-next-line RULE… -->`. A rule id also names every rule below it
//! (`style/iom-fr` covers `style/iom-fr/traite-trafic`); no id means every rule.
//!
//! YAML has no HTML comments, so the same directives are also read from whole-line YAML
//! comments (`# sopdoc-disable-next-line privacy/phone`): in `.yaml` files (registries,
//! `document.yaml`), and in a chapter's front matter and `procedure` / `responsibilities`
//! fences.

use std::ops::Range;

use crate::diag::Diagnostic;
use crate::model::{BlockKind, Chapter};
use crate::source::{SourceFile, SourceId, Span};

/// Regions of one file where some rules are off.
#[derive(Debug, Default)]
pub struct Suppressions {
    /// (rule pattern, byte range); an empty pattern matches every rule.
    regions: Vec<(String, std::ops::Range<usize>)>,
    /// Rule ids named in directives, with where, for validation.
    pub named: Vec<(String, Span)>,
}

/// Whether a comment may silence findings of `rule` at `severity`: the style packs' and the
/// privacy scan's at any level (a quoted legal text, an institution's hotline), other
/// rules' warnings and infos; never another rule's error, which means a wrong output.
pub fn silenceable(rule: &str, severity: crate::diag::Severity) -> bool {
    let area = rule.split('/').next().unwrap_or(rule);
    matches!(area, "style" | "typo" | "privacy") || severity != crate::diag::Severity::Error
}

fn covers(pattern: &str, rule: &str) -> bool {
    pattern.is_empty()
        || rule == pattern
        || rule
            .strip_prefix(pattern)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// The whole-line YAML comments (`# …`) of `text[range]`: each comment's span, from `#` to
/// the end of its line, and its text. A `#` after a value on the same line is not read.
pub fn yaml_comments(text: &str, range: Range<usize>, source: SourceId) -> Vec<(Span, String)> {
    let end = range.end.min(text.len());
    let mut out = Vec::new();
    let mut at = range.start.min(end);
    while at < end {
        let line_end = text[at..end].find('\n').map_or(end, |k| at + k);
        let line = text[at..line_end].trim_end_matches('\r');
        let body = line.trim_start();
        if body.starts_with('#') {
            let start = at + (line.len() - body.len());
            out.push((
                Span::new(source, start..start + body.len()),
                body.to_string(),
            ));
        }
        at = line_end + 1;
    }
    out
}

/// The byte range of a Markdown file's YAML front matter (between its `---` lines), if any.
fn front_matter(text: &str) -> Option<Range<usize>> {
    let first = text.lines().next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let start = text.find('\n')? + 1;
    let mut at = start;
    for line in text[start..].split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return Some(start..at);
        }
        at += line.len();
    }
    None
}

impl Suppressions {
    /// Reads the directives of a chapter: its HTML comments, and the YAML comments of its
    /// front matter and of its `procedure` and `responsibilities` fences.
    pub fn for_chapter(chapter: &Chapter, file: &SourceFile) -> Self {
        let mut comments = chapter.comments.clone();
        if let Some(range) = front_matter(&file.text) {
            comments.extend(yaml_comments(&file.text, range, chapter.source));
        }
        let mut fences = |b: &crate::model::Block| {
            let yaml = match &b.kind {
                BlockKind::Procedure(_) | BlockKind::Matrix(_) => true,
                BlockKind::Code {
                    lang: Some(lang), ..
                } => lang == "procedure" || lang == "responsibilities",
                _ => false,
            };
            if yaml && b.span.source == chapter.source {
                comments.extend(yaml_comments(&file.text, b.span.range(), chapter.source));
            }
        };
        crate::model::walk_blocks(&chapter.blocks, &mut fences);
        for f in &chapter.footnotes {
            crate::model::walk_blocks(&f.blocks, &mut fences);
        }
        comments.sort_by_key(|(span, _)| span.start);
        Self::from_comments(&comments, file)
    }

    /// Reads the directives among the YAML comments of a `.yaml` file.
    pub fn for_yaml(source: SourceId, file: &SourceFile) -> Self {
        let comments = yaml_comments(&file.text, 0..file.text.len(), source);
        Self::from_comments(&comments, file)
    }

    /// Reads the directives among comments, in source order: HTML comments
    /// (`<!-- … -->`) or YAML comments (`# …`).
    pub fn from_comments(comments: &[(Span, String)], file: &SourceFile) -> Self {
        let mut out = Suppressions::default();
        let mut open: Vec<(String, usize)> = Vec::new();
        for (span, text) in comments {
            let text = text.trim();
            let inner = match text.strip_prefix("<!--") {
                Some(html) => html.trim_end_matches("-->"),
                None => text.trim_start_matches('#'),
            }
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
        d.span()
            .is_some_and(|span| self.silences(&d.rule, span.start))
    }

    /// Whether a finding of `rule` starting at byte `start` is silenced (before the finding
    /// is built).
    pub fn silences(&self, rule: &str, start: usize) -> bool {
        self.regions
            .iter()
            .any(|(r, region)| covers(r, rule) && region.start <= start && start < region.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceMap;

    /// A YAML file in a source map.
    fn yaml(text: &str) -> (SourceId, SourceFile) {
        let file = SourceFile::new("sop-sources/actors.yaml", None, text.to_string());
        let mut map = SourceMap::new();
        let id = map.add(file.clone());
        (id, file)
    }

    /// A finding of `rule` at the `nth` occurrence of `needle`.
    fn finding(
        id: SourceId,
        file: &SourceFile,
        rule: &str,
        needle: &str,
        nth: usize,
    ) -> Diagnostic {
        let at = file.text.match_indices(needle).nth(nth).expect("needle").0;
        Diagnostic::error(rule, "x").at(Span::new(id, at..at + needle.len()))
    }

    #[test]
    fn yaml_comments_are_whole_lines() {
        let text = "a: 1\n  # one\r\nb: \"#2\" # trailing\n#three\n";
        let (id, _) = yaml(text);
        let found: Vec<(String, &str)> = yaml_comments(text, 0..text.len(), id)
            .into_iter()
            .map(|(s, t)| (t, &text[s.range()]))
            .collect();
        assert_eq!(
            found,
            [
                ("# one".to_string(), "# one"),
                ("#three".to_string(), "#three")
            ]
        );
    }

    #[test]
    fn yaml_next_line_and_ranges() {
        let text = "actors:\n  - id: a\n    # sopdoc-disable-next-line privacy/phone\n    contact: \"+223 76 12 34 56\"\n  - id: b\n    contact: \"+223 76 12 34 56\"\n  # sopdoc-disable privacy\n  - id: c\n    contact: \"+223 76 12 34 56\"\n  # sopdoc-enable privacy\n  - id: d\n    contact: \"+223 76 12 34 56\"\n";
        let (id, file) = yaml(text);
        let sup = Suppressions::for_yaml(id, &file);
        let phone = |n| finding(id, &file, "privacy/phone", "+223", n);
        assert!(sup.suppresses(&phone(0)), "next line");
        assert!(!sup.suppresses(&phone(1)), "two lines below");
        assert!(sup.suppresses(&phone(2)), "inside the range");
        assert!(!sup.suppresses(&phone(3)), "after the range");
        // The id names its rules by prefix only.
        assert!(!sup.suppresses(&finding(id, &file, "privacy-x/phone", "+223", 2)));
        let named: Vec<&str> = sup.named.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(named, ["privacy/phone", "privacy", "privacy"]);
    }

    #[test]
    fn a_wrong_or_missing_rule_id_silences_nothing_else() {
        let text = "# sopdoc-disable-next-line privacy/phon\ncontact: \"+223 76 12 34 56\"\n# sopdoc-disable-next-line\nmail: \"a@b.org\"\n";
        let (id, file) = yaml(text);
        let sup = Suppressions::for_yaml(id, &file);
        assert!(!sup.suppresses(&finding(id, &file, "privacy/phone", "+223", 0)));
        // No id: every rule, on the next line only.
        assert!(sup.suppresses(&finding(id, &file, "privacy/email", "a@b.org", 0)));
        assert_eq!(sup.named.len(), 1);
    }

    #[test]
    fn front_matter_is_found() {
        assert_eq!(front_matter("---\ntitle: x\n---\n# T\n"), Some(4..13));
        assert_eq!(front_matter("---\r\ntitle: x\r\n...\r\n"), Some(5..15));
        assert_eq!(front_matter("# T\n---\na\n---\n"), None);
        assert_eq!(front_matter("---\ntitle: x\n"), None);
    }
}
