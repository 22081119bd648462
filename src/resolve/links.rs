//! Link destinations: cross-references (`#id`, `sop-02#id`, `sop-02`), project files,
//! images and external addresses. Unresolved targets are errors with "did you mean" hints.

use std::collections::BTreeMap;
use std::path::Path;

use crate::diag::rules;
use crate::diag::{Diagnostic, did_you_mean};
use crate::model::*;
use crate::msg;
use crate::source::Span;

/// What links need to know of each translation.
struct TargetDoc {
    anchors: BTreeMap<String, Anchor>,
    /// Footnote label → (chapter index, number) of each chapter that defines it.
    notes: BTreeMap<String, Vec<(usize, usize)>>,
    stems: Vec<String>,
    code: String,
    kind: DocKind,
}

struct Index {
    /// (document id, language) → targets.
    docs: BTreeMap<(String, String), TargetDoc>,
    /// Project-relative path of each chapter file → (document id, id of its first
    /// heading): a link to a chapter's Markdown file is a reference to that chapter.
    chapters: BTreeMap<String, (String, String)>,
    doc_ids: Vec<String>,
    source_lang: String,
}

impl Index {
    fn get(&self, doc: &str, lang: &str) -> Option<&TargetDoc> {
        self.docs
            .get(&(doc.to_string(), lang.to_string()))
            .or_else(|| self.docs.get(&(doc.to_string(), self.source_lang.clone())))
    }
}

pub(super) fn resolve_links(project: &mut Project, diags: &mut Vec<Diagnostic>) {
    let mut index = Index {
        docs: BTreeMap::new(),
        doc_ids: project
            .documents
            .iter()
            .map(|d| d.id().to_string())
            .collect(),
        source_lang: project.source_language().to_string(),
        chapters: BTreeMap::new(),
    };
    for doc in &project.documents {
        for t in &doc.translations {
            for c in &t.chapters {
                let first = c.blocks.iter().find_map(|b| match &b.kind {
                    BlockKind::Heading(h) if !h.id.is_empty() => Some(h.id.clone()),
                    _ => None,
                });
                if let Some(id) = first {
                    let path = project.sources.get(c.source).path.clone();
                    index.chapters.insert(path, (doc.id().to_string(), id));
                }
            }
            let mut notes: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
            for (i, c) in t.chapters.iter().enumerate() {
                for f in &c.footnotes {
                    notes
                        .entry(f.label.clone())
                        .or_default()
                        .push((i, f.number));
                }
            }
            index.docs.insert(
                (doc.id().to_string(), t.lang.clone()),
                TargetDoc {
                    anchors: t.anchors.clone(),
                    notes,
                    stems: t.chapters.iter().map(|c| c.stem().to_string()).collect(),
                    code: crate::l10n::document_code(&doc.meta, &t.lang, project.source_language()),
                    kind: doc.meta.kind,
                },
            );
        }
    }
    let root = project.root.clone();
    let files = super::files::Publishable::new(project);
    let instruments = project.registries.instruments.clone();
    let legal_readable = project.registries.readable("legal.yaml");
    let words = project.manifest.words.clone();
    for doc in &mut project.documents {
        let doc_id = doc.id().to_string();
        for t in &mut doc.translations {
            let lang = t.lang.clone();
            for (chapter_index, chapter) in t.chapters.iter_mut().enumerate() {
                let file = project.sources.get(chapter.source);
                let chapter_dir = file
                    .abs_path
                    .as_ref()
                    .and_then(|p| p.parent())
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| root.clone());
                let cx = LinkCx {
                    index: &index,
                    words: words.get(&lang),
                    instruments: &instruments,
                    legal_readable,
                    doc: &doc_id,
                    chapter: chapter_index,
                    lang: &lang,
                    dir: &chapter_dir,
                    files: &files,
                };
                let mut visit = |inlines: &mut Vec<Inline>| cx.inlines(inlines, diags);
                for block in &mut chapter.blocks {
                    visit_block(block, &mut visit);
                }
                for f in &mut chapter.footnotes {
                    for block in &mut f.blocks {
                        visit_block(block, &mut visit);
                    }
                }
            }
        }
    }
}

fn visit_block(block: &mut Block, f: &mut dyn FnMut(&mut Vec<Inline>)) {
    match &mut block.kind {
        BlockKind::Heading(h) => f(&mut h.content),
        BlockKind::Paragraph(inl) => f(inl),
        BlockKind::Table(t) => {
            if let Some(c) = &mut t.caption {
                f(&mut c.content);
            }
            for cell in t.header.iter_mut().chain(t.rows.iter_mut().flatten()) {
                f(&mut cell.content);
            }
        }
        BlockKind::Figure { image, caption } => {
            let mut one = vec![Inline {
                kind: InlineKind::Image(image.clone()),
                span: caption.span,
            }];
            f(&mut one);
            if let Some(Inline {
                kind: InlineKind::Image(resolved),
                ..
            }) = one.pop()
            {
                *image = resolved;
            }
            f(&mut caption.content);
        }
        BlockKind::List(l) => {
            for item in &mut l.items {
                for b in &mut item.blocks {
                    visit_block(b, f);
                }
            }
        }
        BlockKind::Procedure(p) => {
            for inl in p.inlines_mut() {
                f(inl);
            }
        }
        BlockKind::Matrix(m) => f(&mut m.caption.content),
        BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
            for b in blocks {
                visit_block(b, f);
            }
        }
        BlockKind::Definitions(items) => {
            for item in items {
                f(&mut item.term);
                for d in &mut item.definitions {
                    for b in d {
                        visit_block(b, f);
                    }
                }
            }
        }
        BlockKind::Code { .. }
        | BlockKind::Rule
        | BlockKind::RawHtml(_)
        | BlockKind::Bibliography(_) => {}
    }
}

struct LinkCx<'a> {
    index: &'a Index,
    /// The project's own reference words for this language, if any.
    words: Option<&'a crate::model::ReferenceWords>,
    instruments: &'a [crate::model::registry::Instrument],
    /// Whether legal.yaml could be read (else no id is called unknown).
    legal_readable: bool,
    doc: &'a str,
    /// Index of the chapter being resolved (a footnote label is first looked up there).
    chapter: usize,
    lang: &'a str,
    dir: &'a Path,
    files: &'a super::files::Publishable,
}

fn has_scheme(dest: &str) -> bool {
    match dest.find(':') {
        Some(i) => {
            let scheme = &dest[..i];
            i > 1
                && scheme
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
        }
        None => false,
    }
}

impl LinkCx<'_> {
    /// Sets the words the reference prints, in this document's language.
    fn labelled(&self, mut x: Xref) -> Xref {
        let fallback = x.anchor.clone().unwrap_or_else(|| x.doc.clone());
        x.label = crate::l10n::reference_label(
            crate::l10n::ReferenceTarget {
                kind: x.kind,
                number: &x.number,
                parent: &x.parent,
                other_doc: x.doc_code.as_deref().map(|c| (c, x.doc_kind)),
                fallback: &fallback,
            },
            self.lang,
            self.words,
        );
        x
    }

    fn inlines(&self, inlines: &mut [Inline], diags: &mut Vec<Diagnostic>) {
        for inline in inlines {
            let span = inline.span;
            match &mut inline.kind {
                InlineKind::Link(link) => {
                    link.target = self.link(&link.dest, span, diags);
                    self.inlines(&mut link.content, diags);
                }
                InlineKind::Image(img) => self.image(img, span, diags),
                InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                    self.inlines(c, diags)
                }
                _ => {}
            }
        }
    }

    fn link(&self, dest: &str, span: Span, diags: &mut Vec<Diagnostic>) -> LinkTarget {
        if dest.is_empty() {
            diags.push(
                Diagnostic::warning(rules::XREF_EMPTY_LINK, msg!("xref-empty-link"))
                    .at(span)
                    .hint(msg!("xref-empty-link-hint")),
            );
            return LinkTarget::Broken;
        }
        if let Some(rest) = dest.strip_prefix("legal:") {
            return self.legal(rest, span, diags);
        }
        if dest == crate::model::VERIFY_DEST {
            return LinkTarget::Verify;
        }
        if has_scheme(dest) || dest.starts_with("//") {
            return LinkTarget::External;
        }
        if let Some(anchor) = dest.strip_prefix('#') {
            return self.xref(self.doc, Some(anchor), span, diags);
        }
        let (doc_part, anchor) = match dest.split_once('#') {
            Some((d, a)) => (d, Some(a)),
            None => (dest, None),
        };
        let looks_like_doc = !doc_part.contains(['/', '.']) && is_valid_id(doc_part);
        if looks_like_doc {
            if self.index.doc_ids.iter().any(|d| d == doc_part) {
                return self.xref(doc_part, anchor, span, diags);
            }
            let mut d = Diagnostic::error(
                rules::XREF_UNKNOWN_DOCUMENT,
                msg!("xref-unknown-document", doc_part = &doc_part),
            )
            .at(span);
            if let Some(h) = did_you_mean(doc_part, self.index.doc_ids.iter().map(String::as_str)) {
                d = d.hint(h);
            }
            diags.push(d.hint(msg!(
                "xref-unknown-document-hint",
                join = &(self.index.doc_ids.join(", "))
            )));
            return LinkTarget::Broken;
        }
        match self.files.locate(self.dir, doc_part) {
            Ok(path) => match self.index.chapters.get(&path) {
                // A chapter's own file: the reference to that chapter, as its page.
                Some((doc, heading)) => {
                    let heading = heading.clone();
                    self.xref(&doc.clone(), Some(anchor.unwrap_or(&heading)), span, diags)
                }
                None => LinkTarget::File(path),
            },
            Err(problem) => {
                diags.push(problem.at(span));
                LinkTarget::Broken
            }
        }
    }

    fn xref(
        &self,
        doc: &str,
        anchor: Option<&str>,
        span: Span,
        diags: &mut Vec<Diagnostic>,
    ) -> LinkTarget {
        let Some(target) = self.index.get(doc, self.lang) else {
            return LinkTarget::Broken;
        };
        let other = (doc != self.doc).then(|| target.code.clone());
        let Some(anchor) = anchor.filter(|a| !a.is_empty()) else {
            return LinkTarget::Xref(self.labelled(Xref {
                doc: doc.to_string(),
                anchor: None,
                kind: None,
                number: String::new(),
                parent: String::new(),
                doc_code: other,
                doc_kind: target.kind,
                chapter_stem: String::new(),
                label: String::new(),
            }));
        };
        if let Some(label) = anchor.strip_prefix('^') {
            return self.note(doc, target, label, other, span, diags);
        }
        match target.anchors.get(anchor) {
            Some(a) => LinkTarget::Xref(self.labelled(Xref {
                doc: doc.to_string(),
                anchor: Some(anchor.to_string()),
                kind: Some(a.kind),
                number: a.number.clone(),
                parent: a.parent.clone(),
                doc_code: other,
                doc_kind: target.kind,
                chapter_stem: target.stems.get(a.chapter).cloned().unwrap_or_default(),
                label: String::new(),
            })),
            None => {
                let here = self.here(doc);
                let mut d = Diagnostic::error(
                    rules::XREF_UNKNOWN_TARGET,
                    msg!(
                        "xref-unknown-target",
                        anchor = &anchor,
                        here = here,
                        doc = doc
                    ),
                )
                .at(span);
                if let Some(h) = did_you_mean(anchor, target.anchors.keys().map(String::as_str)) {
                    d = d.hint(h);
                } else {
                    d = d.hint(msg!("xref-unknown-target-hint"));
                }
                diags.push(d);
                LinkTarget::Broken
            }
        }
    }

    /// `#^label`: a footnote of this chapter, else the one chapter of the target document
    /// that defines it.
    fn note(
        &self,
        doc: &str,
        target: &TargetDoc,
        label: &str,
        other: Option<String>,
        span: Span,
        diags: &mut Vec<Diagnostic>,
    ) -> LinkTarget {
        let defs = target.notes.get(label).map_or(&[][..], Vec::as_slice);
        let here = defs
            .iter()
            .find(|(c, _)| doc == self.doc && *c == self.chapter);
        let found = match (here, defs) {
            (Some(d), _) | (None, [d]) => *d,
            (None, []) => {
                let mut d = Diagnostic::error(
                    rules::XREF_UNKNOWN_TARGET,
                    msg!(
                        "xref-unknown-target-2",
                        label = &label,
                        here = self.here(doc),
                        doc = doc
                    ),
                )
                .at(span);
                let labels: Vec<String> = target.notes.keys().map(|l| format!("^{l}")).collect();
                if let Some(h) =
                    did_you_mean(&format!("^{label}"), labels.iter().map(String::as_str))
                {
                    d = d.hint(h);
                } else {
                    d = d.hint(msg!("xref-unknown-target-hint-2"));
                }
                diags.push(d);
                return LinkTarget::Broken;
            }
            (None, several) => {
                let files: Vec<&str> = several
                    .iter()
                    .filter_map(|(c, _)| target.stems.get(*c).map(String::as_str))
                    .collect();
                diags.push(
                    Diagnostic::error(
                        rules::XREF_AMBIGUOUS_FOOTNOTE,
                        msg!(
                            "xref-ambiguous-footnote",
                            label = &label,
                            join = &(files.join(", "))
                        ),
                    )
                    .at(span)
                    .hint(msg!("xref-ambiguous-footnote-hint")),
                );
                return LinkTarget::Broken;
            }
        };
        let (chapter, number) = found;
        if number == 0 {
            diags.push(
                Diagnostic::error(
                    rules::XREF_UNKNOWN_TARGET,
                    msg!("xref-unknown-target-3", label = &label),
                )
                .at(span)
                .hint(msg!("xref-unknown-target-hint-3", label = &label)),
            );
            return LinkTarget::Broken;
        }
        LinkTarget::Xref(self.labelled(Xref {
            doc: doc.to_string(),
            anchor: Some(format!("^{label}")),
            kind: Some(AnchorKind::Footnote),
            number: number.to_string(),
            parent: String::new(),
            doc_code: other,
            doc_kind: target.kind,
            chapter_stem: target.stems.get(chapter).cloned().unwrap_or_default(),
            label: String::new(),
        }))
    }

    /// `yes` when `doc` is the document being resolved: messages then say "this document".
    fn here(&self, doc: &str) -> &'static str {
        if doc == self.doc { "yes" } else { "no" }
    }

    /// `legal:ID` or `legal:ID#ARTICLE`, validated against `legal.yaml`.
    fn legal(&self, rest: &str, span: Span, diags: &mut Vec<Diagnostic>) -> LinkTarget {
        let (id, article) = match rest.split_once('#') {
            Some((i, a)) => (i, Some(a.to_string()).filter(|a| !a.is_empty())),
            None => (rest, None),
        };
        let Some(inst) = self.instruments.iter().find(|i| i.id.value == id) else {
            if !self.legal_readable {
                // legal.yaml was reported as unreadable once; every id would look unknown.
                return LinkTarget::Broken;
            }
            let mut d = Diagnostic::error(
                rules::XREF_UNKNOWN_INSTRUMENT,
                msg!("xref-unknown-instrument", id = &id),
            )
            .at(span);
            if let Some(h) = did_you_mean(id, self.instruments.iter().map(|i| i.id.value.as_str()))
            {
                d = d.hint(h);
            } else {
                d = d.hint(msg!("xref-unknown-instrument-hint"));
            }
            diags.push(d);
            return LinkTarget::Broken;
        };
        if let Some(a) = article.as_ref().filter(|a| !inst.articles.contains(a)) {
            let known = if inst.articles.is_empty() {
                "none".to_string()
            } else {
                inst.articles.join(", ")
            };
            diags.push(
                Diagnostic::error(
                    rules::XREF_UNKNOWN_ARTICLE,
                    msg!("xref-unknown-article", a = &a, id = &id),
                )
                .at(span)
                .hint(msg!("xref-unknown-article-hint", id = &id, known = &known)),
            );
            return LinkTarget::Broken;
        }
        LinkTarget::Legal(LegalRef {
            id: id.to_string(),
            article,
            short: inst
                .short
                .get(self.lang, &self.index.source_lang)
                .to_string(),
        })
    }

    /// Checks an image and records the project file it shows (renderers print only images
    /// that have one).
    fn image(&self, image: &mut Image, span: Span, diags: &mut Vec<Diagnostic>) {
        image.path = None;
        let (dest, alt) = (image.dest.as_str(), image.alt.as_str());
        if alt.trim().is_empty() {
            diags.push(
                Diagnostic::warning(rules::PARSE_MISSING_ALT, msg!("parse-missing-alt"))
                    .at(span)
                    .hint(msg!("parse-missing-alt-hint")),
            );
        }
        if has_scheme(dest) || dest.starts_with("//") {
            diags.push(
                Diagnostic::error(rules::XREF_REMOTE_IMAGE, msg!("xref-remote-image"))
                    .at(span)
                    .hint(msg!("xref-remote-image-hint")),
            );
            return;
        }
        let checked = self
            .files
            .locate(self.dir, dest)
            .and_then(|rel| self.files.check_image(&rel, dest).map(|()| rel));
        match checked {
            Ok(rel) => image.path = Some(rel),
            Err(problem) => diags.push(problem.at(span)),
        }
    }
}
