//! Citations: `[@key]` against `bibliography.yaml`, printed in one citation style.
//!
//! Each translation is run through hayagriva (the bibliography engine Typst uses) once, in
//! document order, so author-date disambiguation and the reference list agree; the text is
//! stored in the model, and both renderers print the same words. Unknown keys are errors;
//! entries no document cites are warnings.
//!
//! Rendering is the costly part (tens of milliseconds per translation), and the editor
//! server and watch mode resolve the whole project on every keystroke or save while the
//! citations rarely change: what hayagriva printed is kept per process, keyed by the style,
//! the language, the bibliography's text and the translation's citations in order, and
//! reused while they are the same.

use std::collections::{BTreeSet, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

use hayagriva::citationberg::{FontStyle, FontWeight, IndependentStyle, Locale, LocaleCode, Style};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
    LocatorPayload, SpecificLocator,
};

use crate::diag::{Diagnostic, did_you_mean, rules};
use crate::model::registry::Bibliography;
use crate::model::*;
use crate::msg;
use crate::source::Span;

/// The style used when the manifest names none.
pub const DEFAULT_STYLE: &str = "chicago-author-date";

fn locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(hayagriva::archive::locales)
}

/// The archived style `name`, decoded once per process: decoding takes tens of
/// milliseconds, which the editor server and watch mode would pay on every keystroke or save.
fn style(name: &str) -> Option<IndependentStyle> {
    static DECODED: OnceLock<Mutex<HashMap<String, Option<IndependentStyle>>>> = OnceLock::new();
    let mut decoded = DECODED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    decoded
        .entry(name.to_string())
        .or_insert_with(
            || match hayagriva::archive::ArchivedStyle::by_name(name)?.get() {
                Style::Independent(s) => Some(s),
                Style::Dependent(_) => None,
            },
        )
        .clone()
}

pub(super) fn resolve_citations(project: &mut Project, diags: &mut Vec<Diagnostic>) {
    let style_name = project
        .manifest
        .bibliography_style
        .as_ref()
        .map_or(DEFAULT_STYLE, |s| s.value.as_str());
    let Some(csl) = style(style_name) else {
        let at = project.manifest.bibliography_style.as_ref().map(|s| {
            crate::yaml::value_span(
                s,
                &project.sources.get(project.manifest_source).text,
                project.sources.get(project.manifest_source),
                crate::yaml::Embedding {
                    source: project.manifest_source,
                    offset: 0,
                },
            )
        });
        let mut d = Diagnostic::error(
            rules::CITE_UNKNOWN_STYLE,
            msg!("cite-unknown-style", style_name = &style_name),
        )
        .hint(msg!(
            "cite-unknown-style-hint",
            DEFAULT_STYLE = &DEFAULT_STYLE
        ));
        if let Some(at) = at {
            d = d.at(at);
        }
        diags.push(d);
        return;
    };
    let bib = project.registries.bibliography.take();
    let mut cited: BTreeSet<String> = BTreeSet::new();
    let bib_readable = project.registries.readable("bibliography.yaml");
    // What the rendering depends on besides the citations themselves.
    let mut inputs = DefaultHasher::new();
    style_name.hash(&mut inputs);
    if let Some(source) = bib.as_ref().and_then(|b| b.keys.values().next()) {
        project.sources.get(source.source).text.hash(&mut inputs);
    }
    for doc in &mut project.documents {
        for t in &mut doc.translations {
            let mut found = Vec::new();
            translation(
                t,
                bib.as_ref(),
                &csl,
                inputs.clone(),
                &mut cited,
                &mut found,
            );
            // An unreadable bibliography.yaml was reported once; every key would look unknown.
            if !bib_readable {
                found.retain(|d| d.rule != rules::CITE_UNKNOWN_KEY.id);
            }
            diags.extend(found);
        }
    }
    if let Some(b) = &bib {
        for (key, span) in &b.keys {
            if b.library.get(key).is_some() && !cited.contains(key) {
                diags.push(
                    Diagnostic::warning(rules::CITE_UNCITED, msg!("cite-uncited", key = &key))
                        .at(*span)
                        .hint(msg!("cite-uncited-hint", key = &key)),
                );
            }
        }
    }
    project.registries.bibliography = bib;
}

/// What hayagriva printed for one translation: each rendered citation (in the order of the
/// citations whose keys all resolve) and the reference list.
struct Rendered {
    citations: Vec<Vec<Styled>>,
    entries: Vec<(String, Vec<Styled>)>,
}

/// Rendered translations by the hash of their inputs. Bounded: a long editing session
/// keeps the recent ones.
fn rendered_cache() -> &'static Mutex<HashMap<u64, Arc<Rendered>>> {
    static CACHE: OnceLock<Mutex<HashMap<u64, Arc<Rendered>>>> = OnceLock::new();
    CACHE.get_or_init(Default::default)
}

const CACHE_LIMIT: usize = 256;

fn translation(
    t: &mut Translation,
    bib: Option<&Bibliography>,
    csl: &IndependentStyle,
    mut inputs: DefaultHasher,
    cited: &mut BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut citations: Vec<(&mut Citation, Span)> = Vec::new();
    let mut has_list = false;
    for ch in &mut t.chapters {
        for b in &mut ch.blocks {
            collect(b, &mut citations, &mut has_list);
        }
        for f in &mut ch.footnotes {
            for b in &mut f.blocks {
                collect(b, &mut citations, &mut has_list);
            }
        }
    }
    if citations.is_empty() && !has_list {
        return;
    }
    if let Some((_, first)) = citations.first()
        && !has_list
    {
        diags.push(
            Diagnostic::warning(rules::CITE_NO_LIST, msg!("cite-no-list"))
                .at(*first)
                .hint(msg!("cite-no-list-hint")),
        );
    }
    let locale = LocaleCode(if t.lang == "fr" { "fr-FR" } else { "en-US" }.to_string());
    locale.0.hash(&mut inputs);
    // Citations whose keys all resolve, in order: only they are rendered.
    let mut rendered_for: Vec<usize> = Vec::new();
    let mut requests = Vec::new();
    for (i, (c, span)) in citations.iter().enumerate() {
        let mut items = Vec::new();
        for item in &c.items {
            match bib.and_then(|b| b.library.get(&item.key)) {
                Some(entry) => {
                    cited.insert(item.key.clone());
                    items.push(CitationItem::with_locator(
                        entry,
                        item.locator.as_deref().map(locator),
                    ));
                }
                None => {
                    let known = bib
                        .map(|b| b.library.keys().collect::<Vec<_>>())
                        .unwrap_or_default();
                    let hint = match bib {
                        None => msg!("cite-unknown-key-no-bibliography").into(),
                        Some(_) => {
                            did_you_mean(&item.key, known.iter().copied()).unwrap_or_else(|| {
                                msg!("cite-unknown-key-add", key = &item.key).into()
                            })
                        }
                    };
                    diags.push(
                        Diagnostic::error(
                            rules::CITE_UNKNOWN_KEY,
                            msg!("cite-unknown-key", key = &item.key),
                        )
                        .at(*span)
                        .hint(hint),
                    );
                }
            }
        }
        if items.len() == c.items.len() {
            for item in &c.items {
                (&item.key, &item.locator).hash(&mut inputs);
            }
            i.hash(&mut inputs);
            requests.push(items);
            rendered_for.push(i);
        }
    }
    let key = inputs.finish();
    let cached = rendered_cache()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&key)
        .cloned();
    let rendered = match cached {
        Some(r) => r,
        None => {
            let r = Arc::new(render(requests, csl, locale));
            let mut cache = rendered_cache().lock().unwrap_or_else(|e| e.into_inner());
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(key, r.clone());
            r
        }
    };
    for (&i, runs) in rendered_for.iter().zip(&rendered.citations) {
        citations[i].0.rendered = runs.clone();
    }
    // Unresolved citations print their keys, so the text still reads.
    for (c, _) in &mut citations {
        if c.rendered.is_empty() {
            let keys: Vec<String> = c.items.iter().map(|i| format!("@{}", i.key)).collect();
            c.rendered = vec![Styled {
                text: format!("[{}]", keys.join("; ")),
                ..Styled::default()
            }];
        }
    }
    drop(citations);
    for ch in &mut t.chapters {
        for b in &mut ch.blocks {
            fill_lists(b, &rendered.entries);
        }
    }
}

/// Runs hayagriva over a translation's citations, in order.
fn render(
    requests: Vec<Vec<CitationItem<'_, hayagriva::Entry>>>,
    csl: &IndependentStyle,
    locale: LocaleCode,
) -> Rendered {
    let mut driver: BibliographyDriver<'_, hayagriva::Entry> = BibliographyDriver::new();
    for items in requests {
        driver.citation(CitationRequest::new(
            items,
            csl,
            Some(locale.clone()),
            locales(),
            None,
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(csl, Some(locale), locales()));
    let citations = rendered
        .citations
        .iter()
        .map(|r| {
            let mut runs = Vec::new();
            styled(&r.citation.0, Plain::default(), &mut runs);
            runs
        })
        .collect();
    let entries = rendered
        .bibliography
        .map(|b| {
            b.items
                .into_iter()
                .map(|item| {
                    let mut runs = Vec::new();
                    if let Some(first) = &item.first_field {
                        styled(std::slice::from_ref(first), Plain::default(), &mut runs);
                        runs.push(Styled {
                            text: " ".into(),
                            ..Styled::default()
                        });
                    }
                    styled(&item.content.0, Plain::default(), &mut runs);
                    (item.key, runs)
                })
                .collect()
        })
        .unwrap_or_default();
    Rendered { citations, entries }
}

/// Emphasis inherited from enclosing elements.
#[derive(Default, Clone, Copy)]
struct Plain {
    italic: bool,
    bold: bool,
}

/// hayagriva's formatted tree into flat runs, merging neighbours of the same style.
fn styled(children: &[ElemChild], outer: Plain, out: &mut Vec<Styled>) {
    for child in children {
        match child {
            ElemChild::Text(t) => push_run(
                out,
                &t.text,
                Plain {
                    italic: outer.italic || t.formatting.font_style == FontStyle::Italic,
                    bold: outer.bold || t.formatting.font_weight == FontWeight::Bold,
                },
                None,
            ),
            ElemChild::Elem(e) => styled(&e.children.0, outer, out),
            ElemChild::Markup(m) => push_run(out, m, outer, None),
            ElemChild::Link { text, url } => push_run(
                out,
                &text.text,
                Plain {
                    italic: outer.italic || text.formatting.font_style == FontStyle::Italic,
                    bold: outer.bold,
                },
                Some(url.clone()),
            ),
            ElemChild::Transparent { .. } => {}
        }
    }
}

fn push_run(out: &mut Vec<Styled>, text: &str, style: Plain, link: Option<String>) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = out.last_mut()
        && last.italic == style.italic
        && last.bold == style.bold
        && last.link == link
    {
        last.text.push_str(text);
        return;
    }
    out.push(Styled {
        text: text.to_string(),
        italic: style.italic,
        bold: style.bold,
        link,
    });
}

/// "p. 12" → page 12; "chap. 2", "para. 5", "§ 5", "sect. 3" likewise; anything else
/// prints as written, as a page locator.
fn locator(written: &str) -> SpecificLocator<'_> {
    use hayagriva::citationberg::taxonomy::Locator;
    let prefixes: &[(&[&str], Locator)] = &[
        (&["pp.", "p.", "pages", "page"], Locator::Page),
        (&["chap.", "ch.", "chapitre", "chapter"], Locator::Chapter),
        (
            &["para.", "§", "paragraphe", "paragraph"],
            Locator::Paragraph,
        ),
        (&["sect.", "section"], Locator::Section),
        (&["vol.", "volume"], Locator::Volume),
    ];
    for (words, kind) in prefixes {
        for w in *words {
            if let Some(rest) = written.strip_prefix(w) {
                return SpecificLocator(*kind, LocatorPayload::Str(rest.trim()));
            }
        }
    }
    SpecificLocator(Locator::Page, LocatorPayload::Str(written.trim()))
}

fn collect<'a>(b: &'a mut Block, out: &mut Vec<(&'a mut Citation, Span)>, has_list: &mut bool) {
    match &mut b.kind {
        BlockKind::Bibliography(_) => *has_list = true,
        BlockKind::Heading(h) => inlines(&mut h.content, out),
        BlockKind::Paragraph(inl) => inlines(inl, out),
        BlockKind::Table(t) => {
            if let Some(c) = &mut t.caption {
                inlines(&mut c.content, out);
            }
            for cell in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                inlines(&mut cell.content, out);
            }
        }
        BlockKind::Figure { caption, .. } => inlines(&mut caption.content, out),
        BlockKind::Procedure(p) => {
            for inl in p.inlines_mut() {
                inlines(inl, out);
            }
        }
        BlockKind::Matrix(m) => inlines(&mut m.caption.content, out),
        BlockKind::List(l) => {
            for item in &mut l.items {
                for b in &mut item.blocks {
                    collect(b, out, has_list);
                }
            }
        }
        BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
            for b in blocks {
                collect(b, out, has_list);
            }
        }
        BlockKind::Definitions(items) => {
            for item in items {
                inlines(&mut item.term, out);
                for d in &mut item.definitions {
                    for b in d {
                        collect(b, out, has_list);
                    }
                }
            }
        }
        BlockKind::Code { .. } | BlockKind::Rule | BlockKind::RawHtml(_) => {}
    }
}

fn inlines<'a>(inl: &'a mut [Inline], out: &mut Vec<(&'a mut Citation, Span)>) {
    for i in inl {
        let span = i.span;
        match &mut i.kind {
            InlineKind::Citation(c) => out.push((c, span)),
            InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                inlines(c, out)
            }
            InlineKind::Link(l) => inlines(&mut l.content, out),
            _ => {}
        }
    }
}

fn fill_lists(b: &mut Block, entries: &[(String, Vec<Styled>)]) {
    match &mut b.kind {
        BlockKind::Bibliography(list) => *list = entries.to_vec(),
        BlockKind::List(l) => {
            for item in &mut l.items {
                for b in &mut item.blocks {
                    fill_lists(b, entries);
                }
            }
        }
        BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
            for b in blocks {
                fill_lists(b, entries);
            }
        }
        _ => {}
    }
}
