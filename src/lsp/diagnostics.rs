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

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range, Url,
};

use super::convert::{self, Encoding};
use crate::diag::{self, Diagnostic, Severity};
use crate::source::{SourceFile, SourceMap};
use crate::world::World;

/// The diagnostics of every file that has some, by URI. Shared: a file whose problems
/// did not change keeps the very list published before, so telling what to publish
/// again compares addresses, not tens of thousands of messages.
pub type ByFile = BTreeMap<Url, Arc<Vec<lsp_types::Diagnostic>>>;

/// Groups `diagnostics` by file and converts them. Problems without a file of their own
/// (a folder, the project as a whole) are shown on the manifest.
pub fn by_file(
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    root: &Path,
    world: &dyn World,
    enc: Encoding,
) -> ByFile {
    Converter::default().convert(diagnostics, sources, root, world, enc)
}

/// [`by_file`] that remembers its last conversion: a file whose text and diagnostics are
/// the same as last time keeps its converted list. A keystroke changes one file's
/// diagnostics; at ten times the bench's scale the project has some 24 000 findings, whose
/// conversion (positions in UTF-16, messages in the interface language) took about 100 ms.
#[derive(Default)]
pub struct Converter {
    last: HashMap<String, Converted>,
}

struct Converted {
    /// A hash of everything of the file's diagnostics that shows.
    key: u64,
    /// The file's text then (shared with the analysis, so unchanged text is the same
    /// `Arc` and is not compared).
    file: Arc<SourceFile>,
    uri: Url,
    list: Arc<Vec<lsp_types::Diagnostic>>,
}

impl Converter {
    /// Converts `diagnostics`, reusing the lists of unchanged files.
    pub fn convert(
        &mut self,
        diagnostics: &[Diagnostic],
        sources: &SourceMap,
        root: &Path,
        world: &dyn World,
        enc: Encoding,
    ) -> ByFile {
        let manifest = root.join(crate::project::MANIFEST);
        let mut out = ByFile::new();
        // Findings in a file's text, by file, in order; the others one by one.
        let mut in_files: BTreeMap<crate::source::SourceId, Vec<&Diagnostic>> = BTreeMap::new();
        for d in diagnostics {
            let (path, prefix) = match &d.location {
                Some(diag::Location::Span(span)) => {
                    in_files.entry(span.source).or_default().push(d);
                    continue;
                }
                Some(diag::Location::Path(p)) => {
                    let path = root.join(p);
                    if world.is_file(&path) {
                        (path, None)
                    } else {
                        (manifest.clone(), Some(p.clone()))
                    }
                }
                None => (manifest.clone(), None),
            };
            if let Some(uri) = convert::uri_of(&path) {
                Arc::make_mut(out.entry(uri).or_default()).push(convert_one(
                    d,
                    Range::default(),
                    prefix,
                    sources,
                    root,
                    enc,
                ));
            }
        }
        let mut next = HashMap::new();
        // Hashing every finding is most of the work when few files changed: on every core.
        let in_files: Vec<(crate::source::SourceId, Vec<&Diagnostic>)> =
            in_files.into_iter().collect();
        let keys: Vec<u64> = {
            use rayon::prelude::*;
            in_files
                .par_iter()
                .map(|(_, list)| fingerprint(list, sources, enc))
                .collect()
        };
        for ((id, list), key) in in_files.into_iter().zip(keys) {
            let file = sources.shared(id);
            let converted = match self.last.remove(&file.path) {
                Some(c) if c.key == key && same_text(&c.file, file) => Converted {
                    file: file.clone(),
                    ..c
                },
                _ => {
                    let Some(uri) = convert::uri_of(&abs_path(root, file)) else {
                        continue;
                    };
                    let list = list
                        .iter()
                        .map(|d| {
                            let span = d.span().expect("grouped by span");
                            let range = convert::range(file, span.start, span.end, enc);
                            convert_one(d, range, None, sources, root, enc)
                        })
                        .collect();
                    Converted {
                        key,
                        file: file.clone(),
                        uri,
                        list: Arc::new(list),
                    }
                }
            };
            match out.entry(converted.uri.clone()) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(converted.list.clone());
                }
                std::collections::btree_map::Entry::Occupied(mut e) => {
                    Arc::make_mut(e.get_mut()).extend(converted.list.iter().cloned());
                }
            }
            next.insert(file.path.clone(), converted);
        }
        self.last = next;
        out
    }
}

/// What the converted list of a file depends on besides its own text (compared apart):
/// the interface language and the encoding, each diagnostic's shown parts, and the text
/// of the other files its related places point into.
fn fingerprint(list: &[&Diagnostic], sources: &SourceMap, enc: Encoding) -> u64 {
    let mut h = DefaultHasher::new();
    (crate::i18n::ui_lang(), enc.kind().as_str()).hash(&mut h);
    for d in list {
        (&d.rule, d.severity.as_str(), &d.message, &d.hints, &d.fix).hash(&mut h);
        if let Some(span) = d.span() {
            (span.start, span.end).hash(&mut h);
        }
        for (span, note) in &d.related {
            (span.start, span.end, note).hash(&mut h);
            let file = sources.get(span.source);
            (&file.path, &file.text).hash(&mut h);
        }
    }
    h.finish()
}

/// Whether two versions of a file have the same text: the same shared file, or equal.
fn same_text(a: &Arc<SourceFile>, b: &Arc<SourceFile>) -> bool {
    Arc::ptr_eq(a, b) || a.text == b.text
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
        let same = last
            .get(uri)
            .is_some_and(|old| Arc::ptr_eq(old, list) || old == list);
        if !same {
            out.push((uri.clone(), list.to_vec()));
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
        let list = Arc::new(vec![one.clone()]);
        let last: ByFile = [(a.clone(), list.clone()), (b.clone(), list.clone())].into();
        // The same list, or an equal one, is not published again.
        let next: ByFile = [(b.clone(), Arc::new(vec![one.clone()]))].into();
        assert_eq!(changes(&last, &next), vec![(a.clone(), Vec::new())]);
        let other = lsp_types::Diagnostic {
            message: "y".into(),
            ..Default::default()
        };
        let next: ByFile = [
            (a.clone(), list),
            (b.clone(), Arc::new(vec![other.clone()])),
        ]
        .into();
        assert_eq!(changes(&last, &next), vec![(b, vec![other])]);
    }
}
