//! sopdoc's diagnostics as the protocol's, grouped by file.
//!
//! Every file of the project with a problem gets its list, open or not: a renamed id
//! breaks references in chapters the author has not opened, and the editor's problem
//! panel should say so. The rule id is the diagnostic's `code` (what suppression comments
//! and `rules:` name), hints and the offered fix follow the message on lines of their own,
//! all in the interface language
//! (every client shows the message; few show related information inline), and the other
//! places a diagnostic names (the first definition of a duplicate id) are related
//! information.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, Url,
};

use super::convert::{self, Encoding};
use crate::diag::{self, Diagnostic, Severity};
use crate::source::SourceMap;
use crate::world::World;

/// The diagnostics of every file that has some, by URI.
pub type ByFile = BTreeMap<Url, Vec<lsp_types::Diagnostic>>;

/// Groups `diagnostics` by file and converts them. Problems without a file of their own
/// (a folder, the project as a whole) are shown on the manifest.
pub fn by_file(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    root: &Path,
    world: &dyn World,
    enc: Encoding,
) -> ByFile {
    let manifest = root.join(crate::project::MANIFEST);
    let mut out = ByFile::new();
    for d in diagnostics {
        let (path, range, prefix) = match &d.location {
            Some(diag::Location::Span(span)) => {
                let file = sources.get(span.source);
                let path = abs_path(root, file);
                (path, convert::range(file, span.start, span.end, enc), None)
            }
            Some(diag::Location::Path(p)) => {
                let path = root.join(p);
                if world.is_file(&path) {
                    (path, Range::default(), None)
                } else {
                    (manifest.clone(), Range::default(), Some(p.clone()))
                }
            }
            None => (manifest.clone(), Range::default(), None),
        };
        let Some(uri) = convert::uri_of(&path) else {
            continue;
        };
        out.entry(uri)
            .or_default()
            .push(convert_one(d, range, prefix, sources, root, enc));
    }
    out
}

fn abs_path(root: &Path, file: &crate::source::SourceFile) -> PathBuf {
    file.abs_path
        .clone()
        .unwrap_or_else(|| root.join(&file.path))
}

fn convert_one(
    d: &Diagnostic,
    range: Range,
    prefix: Option<String>,
    sources: &SourceMap,
    root: &Path,
    enc: Encoding,
) -> lsp_types::Diagnostic {
    let lang = crate::i18n::ui_lang();
    let text = d.say(&d.message, lang);
    let mut message = match prefix {
        Some(p) => format!("{p}: {text}"),
        None => text.into_owned(),
    };
    let label = |key| {
        let t = crate::i18n::tr(key);
        t.trim_start_matches('=').trim().to_string()
    };
    for h in &d.hints {
        message.push_str(&format!("\n{} {}", label("label-hint"), d.say(h, lang)));
    }
    if let Some(fix) = &d.fix {
        let what = crate::diag::emit::describe_fix(d, fix, sources, lang);
        message.push_str(&format!("\n{} {what}", label("label-fix")));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .filter_map(|(span, note)| {
            let file = sources.get(span.source);
            Some(DiagnosticRelatedInformation {
                location: Location::new(
                    convert::uri_of(&abs_path(root, file))?,
                    convert::range(file, span.start, span.end, enc),
                ),
                message: d.say(note, lang).into_owned(),
            })
        })
        .collect();
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
            Severity::Info => DiagnosticSeverity::INFORMATION,
        }),
        code: Some(NumberOrString::String(d.rule.clone())),
        source: Some("sopdoc".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Default::default()
    }
}

/// What to publish now that `next` replaces `last`: the files whose list changed, with
/// an empty list for files whose problems went away.
pub fn changes(last: &ByFile, next: &ByFile) -> Vec<(Url, Vec<lsp_types::Diagnostic>)> {
    let mut out = Vec::new();
    for (uri, list) in next {
        if last.get(uri) != Some(list) {
            out.push((uri.clone(), list.clone()));
        }
    }
    for uri in last.keys() {
        if !next.contains_key(uri) {
            out.push((uri.clone(), Vec::new()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::rules;
    use crate::source::{SourceFile, Span};
    use crate::world::MemoryWorld;
    use lsp_types::Position;

    #[test]
    fn a_diagnostic_keeps_its_rule_severity_utf16_range_hints_and_related_place() {
        let mut sources = SourceMap::new();
        let text = "# Été\n\nVoir l’[](#absent) ici.\n";
        let id = sources.add(SourceFile::new(
            "sop/sop-01/fr/01.md",
            Some(PathBuf::from("/p/sop/sop-01/fr/01.md")),
            text.to_string(),
        ));
        let at = text.find("[](").unwrap();
        let d = Diagnostic::error(rules::XREF_UNKNOWN_TARGET, "no heading has the id `absent`")
            .at(Span::new(id, at..at + "[](#absent)".len()))
            .hint("did you mean `abs`?")
            .related(Span::new(id, 0..7), "the heading");
        let world = MemoryWorld::new();
        let got = by_file(&[d], &sources, Path::new("/p"), &world, Encoding::Utf16);
        let (uri, list) = got.iter().next().unwrap();
        assert_eq!(uri.as_str(), "file:///p/sop/sop-01/fr/01.md");
        let d = &list[0];
        assert_eq!(
            d.code,
            Some(NumberOrString::String("xref/unknown-target".into()))
        );
        assert_eq!(d.severity, Some(DiagnosticSeverity::ERROR));
        // "Voir l’" is 7 UTF-16 units (the apostrophe is one unit, three bytes).
        assert_eq!(
            d.range,
            Range::new(Position::new(2, 7), Position::new(2, 18))
        );
        assert!(
            d.message.ends_with("\nhint: did you mean `abs`?"),
            "{}",
            d.message
        );
        let related = d.related_information.as_ref().unwrap();
        assert_eq!(related[0].location.range.end, Position::new(0, 5));
    }

    #[test]
    fn files_whose_problems_went_away_get_an_empty_list() {
        let a = Url::parse("file:///p/a.md").unwrap();
        let b = Url::parse("file:///p/b.md").unwrap();
        let one = lsp_types::Diagnostic {
            message: "x".into(),
            ..Default::default()
        };
        let last: ByFile = [
            (a.clone(), vec![one.clone()]),
            (b.clone(), vec![one.clone()]),
        ]
        .into();
        let next: ByFile = [(b.clone(), vec![one.clone()])].into();
        assert_eq!(changes(&last, &next), vec![(a, Vec::new())]);
    }
}
