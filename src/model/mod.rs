//! The document model: what a loaded project is, independent of how it is printed.
//!
//! A [`Project`] holds its manifest, every [`Document`] (one folder with `document.yaml`) and,
//! per document, one [`Translation`] per language folder that exists. Each translation is a
//! list of [`Chapter`]s, and each chapter a tree of [`Block`]s that keep their source spans.

pub mod block;
pub mod comments;
pub mod meta;
pub mod procedure;
pub mod registry;

use std::path::PathBuf;
use std::sync::Arc;

pub use block::*;
pub use comments::{CommentMatrix, Disposition};
pub use meta::*;
pub use procedure::*;
pub use registry::Registries;

use crate::source::{SourceId, SourceMap, Span};
use crate::world::World;

/// A loaded project: everything the later stages need, and nothing they must re-read.
#[derive(Debug, Clone)]
pub struct Project {
    /// Absolute project root (the folder with `sopdoc.yaml`).
    pub root: PathBuf,
    /// The manifest, when it could be read.
    pub manifest: Manifest,
    /// Every file that was read, for diagnostics.
    pub sources: SourceMap,
    /// The manifest file.
    pub manifest_source: SourceId,
    /// Documents in folder-name order.
    pub documents: Vec<Document>,
    /// Shared registries.
    pub registries: Registries,
    /// The project's own style rule files (`styles/rules/*.yaml`), in name order, read by
    /// the loader like every other input so their problems are located.
    pub rule_files: Vec<SourceId>,
    /// The project's own structure schemas (`styles/structure/*.yaml`), in name order.
    pub schema_files: Vec<SourceId>,
    /// The names of `privacy.sensitive_names`, read by the loader. The file stays out of
    /// `sources`, so nothing ever prints or publishes it.
    pub sensitive_names: Vec<String>,
    /// Where every other file (images, templates, state files) is read from.
    pub world: Arc<dyn World>,
    /// The project's spelling word lists (`styles/words.txt` for every language,
    /// `styles/words.<lang>.txt` for one), in name order.
    pub word_lists: Vec<SourceId>,
}

impl Project {
    /// The source language (first in the manifest).
    pub fn source_language(&self) -> &str {
        self.manifest
            .languages
            .first()
            .map_or("fr", |l| l.value.as_str())
    }

    /// The languages of the manifest, source language first.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.manifest.languages.iter().map(|l| l.value.as_str())
    }

    /// The document with this id.
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id() == id)
    }

    /// Lets every translation's content go (chapters, anchors, registry uses, review
    /// numbers) and the comments matrices, keeping the manifest, the registries, the
    /// sources and each document's metadata and languages. A build calls it once it has
    /// generated everything it still writes: at 400 documents the model weighs about as
    /// much as two PDF layouts.
    pub fn release_models(&mut self) {
        use rayon::prelude::*;
        self.documents
            .par_iter_mut()
            .for_each(Document::release_model);
    }
}

/// One document: its metadata and its translations.
#[derive(Debug, Clone)]
pub struct Document {
    /// `document.yaml`.
    pub meta: DocumentMeta,
    /// The `document.yaml` file.
    pub meta_source: SourceId,
    /// Folder name under the sources folder.
    pub folder: String,
    /// One entry per language folder that exists and the manifest lists, in manifest order.
    pub translations: Vec<Translation>,
    /// The comments matrix (`comments.yaml`), when the document has one that reads.
    pub comments: Option<CommentMatrix>,
}

impl Document {
    /// The document id.
    pub fn id(&self) -> &str {
        &self.meta.id.value
    }

    /// Lets this document's content go (see [`Project::release_models`]).
    pub fn release_model(&mut self) {
        self.comments = None;
        for t in &mut self.translations {
            t.chapters = Vec::new();
            t.anchors = std::collections::BTreeMap::new();
            t.uses = RegistryUse::default();
            t.stale = Vec::new();
            t.paragraphs = std::sync::OnceLock::new();
        }
    }

    /// A copy of this document without its content (what [`Document::release_model`]
    /// keeps): what the other documents see of it while each is rendered and let go in
    /// turn, so that none reads another's chapters, released or not.
    pub fn without_model(&self) -> Document {
        Document {
            meta: self.meta.clone(),
            meta_source: self.meta_source,
            folder: self.folder.clone(),
            translations: self
                .translations
                .iter()
                .map(|t| Translation {
                    lang: t.lang.clone(),
                    chapters: Vec::new(),
                    anchors: std::collections::BTreeMap::new(),
                    uses: RegistryUse::default(),
                    stale: Vec::new(),
                    paragraphs: std::sync::OnceLock::new(),
                })
                .collect(),
            comments: None,
        }
    }

    /// The translation in `lang`, if that folder exists.
    pub fn translation(&self, lang: &str) -> Option<&Translation> {
        self.translations.iter().find(|t| t.lang == lang)
    }
}

/// A document in one language.
#[derive(Debug, Clone)]
pub struct Translation {
    /// Language code.
    pub lang: String,
    /// Chapters in file-name order.
    pub chapters: Vec<Chapter>,
    /// Every id of this translation (headings, tables, figures), set by resolve.
    pub anchors: std::collections::BTreeMap<String, Anchor>,
    /// Registry entries this translation uses, set by resolve (for its generated lists).
    pub uses: RegistryUse,
    /// Translated text whose source changed since it was translated (from the translation's
    /// `translation.yaml`), set when the project is analyzed; the HTML marks it for reviewers.
    pub stale: Vec<Span>,
    /// Review numbers of every paragraph, list item, table and step: worked out on first
    /// use after resolution (`crate::resolve::review_numbers`), as only review copies and
    /// comments matrices read them and the editor re-resolves on every keystroke.
    pub paragraphs: std::sync::OnceLock<Paragraphs>,
}

/// The review numbers of a translation: every paragraph, list item, table, figure, other
/// block and procedure step, numbered within its section (`4.2-3`: the third numbered
/// element of section 4.2). Set by [`crate::resolve`]; the review copies print them in the
/// margin and the comments matrix refers to them.
#[derive(Clone, Default, PartialEq)]
pub struct Paragraphs {
    /// In document order.
    pub list: Vec<Paragraph>,
    index: std::collections::HashMap<ParaKey, usize>,
}

impl std::fmt::Debug for Paragraphs {
    // The index is a lookup table derived from the list (and a hash map, whose order would
    // make two equal values print differently).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paragraphs")
            .field("list", &self.list)
            .finish_non_exhaustive()
    }
}

/// One numbered element of a review copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    /// The review number (`4.2-3`).
    pub number: String,
    /// The number of the section that holds it (`4.2`), or the id of an unnumbered one.
    pub section: String,
    /// Index of the chapter that holds it.
    pub chapter: usize,
    /// What it is.
    pub key: ParaKey,
    /// Its plain text (for suggestions and for the Word export), at most 200 characters.
    pub text: String,
}

/// What a review number is attached to: a block, a list item or a procedure step, each
/// known by its source span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ParaKey {
    /// A block (paragraph, table, figure, callout…).
    Block(Span),
    /// A list item.
    Item(Span),
    /// A procedure step.
    Step(Span),
}

impl Paragraphs {
    /// Adds a numbered element.
    pub fn push(&mut self, p: Paragraph) {
        self.index.insert(p.key, self.list.len());
        self.list.push(p);
    }

    /// The review number of an element, if it has one.
    pub fn number(&self, key: ParaKey) -> Option<&str> {
        self.index.get(&key).map(|&i| self.list[i].number.as_str())
    }

    /// The element with this review number.
    pub fn find(&self, number: &str) -> Option<&Paragraph> {
        self.list.iter().find(|p| p.number == number)
    }
}

/// Which registry entries a translation uses: indices into [`Registries`], in the order
/// its generated lists print them (alphabetical in the translation's language).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RegistryUse {
    /// Acronyms whose short form appears in the text ("Sigles et abréviations").
    pub acronyms: Vec<usize>,
    /// Glossary terms that appear in the text ("Définitions").
    pub terms: Vec<usize>,
    /// Legal instruments cited with `legal:` links ("Textes de référence").
    pub instruments: Vec<usize>,
}

/// Something a cross-reference can point at.
#[derive(Debug, Clone, PartialEq)]
pub struct Anchor {
    /// What it is.
    pub kind: AnchorKind,
    /// Display number (`3.2`, `B`, `4`); empty when unnumbered.
    pub number: String,
    /// Title or caption text.
    pub title: String,
    /// For a step, the number of its procedure (`2.1`); empty otherwise.
    pub parent: String,
    /// Index of the chapter that holds it.
    pub chapter: usize,
    /// Where it is defined.
    pub span: Span,
}

/// Kinds of anchor, which select the word printed before the number ("section", "annexe").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnchorKind {
    /// A chapter's level-1 heading.
    Chapter,
    /// A heading below level 1.
    Section,
    /// An annex's level-1 heading.
    Annex,
    /// A heading inside an annex.
    AnnexSection,
    /// A captioned table.
    Table,
    /// A captioned figure.
    Figure,
    /// A procedure.
    Procedure,
    /// A step of a procedure (its number is the step's rank).
    Step,
    /// A footnote (`[](#^label)`); numbered through the document, as the PDF prints it.
    Footnote,
}

/// One Markdown file.
#[derive(Debug, Clone)]
pub struct Chapter {
    /// The file.
    pub source: SourceId,
    /// File name (`03-procedures.md`), mirrored across translations.
    pub file_name: String,
    /// Front matter.
    pub meta: ChapterMeta,
    /// The body.
    pub blocks: Vec<Block>,
    /// Footnote definitions, in order of definition.
    pub footnotes: Vec<Footnote>,
    /// HTML comments (sopdoc directives live there), with their spans.
    pub comments: Vec<(Span, String)>,
}

impl Chapter {
    /// The stem used for the chapter's HTML page (`03-procedures`).
    pub fn stem(&self) -> &str {
        self.file_name
            .strip_suffix(".md")
            .unwrap_or(&self.file_name)
    }

    /// The chapter's title: front matter `title`, else its first heading's text.
    pub fn title(&self) -> String {
        if let Some(t) = &self.meta.title {
            return t.clone();
        }
        self.blocks
            .iter()
            .find_map(|b| match &b.kind {
                BlockKind::Heading(h) => Some(plain_text(&h.content)),
                _ => None,
            })
            .unwrap_or_else(|| self.stem().to_string())
    }

    /// The chapter's first level-1 heading, if any.
    pub fn first_heading(&self) -> Option<&Heading> {
        self.blocks.iter().find_map(|b| match &b.kind {
            BlockKind::Heading(h) => Some(&**h),
            _ => None,
        })
    }
}

/// Calls `f` on every block of a tree, depth first, in document order.
pub fn walk_blocks<'a>(blocks: &'a [Block], f: &mut dyn FnMut(&'a Block)) {
    for b in blocks {
        f(b);
        match &b.kind {
            BlockKind::List(l) => {
                for item in &l.items {
                    walk_blocks(&item.blocks, f);
                }
            }
            BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => walk_blocks(blocks, f),
            BlockKind::Definitions(items) => {
                for item in items {
                    for d in &item.definitions {
                        walk_blocks(d, f);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Calls `f` on every inline sequence directly held by `block` (paragraph, heading,
/// table cells, caption, terms), not recursing into child blocks.
pub fn block_inlines<'a>(block: &'a Block, f: &mut dyn FnMut(&'a [Inline])) {
    match &block.kind {
        BlockKind::Heading(h) => f(&h.content),
        BlockKind::Paragraph(inl) => f(inl),
        BlockKind::Table(t) => {
            if let Some(c) = &t.caption {
                f(&c.content);
            }
            for cell in t.header.iter().chain(t.rows.iter().flatten()) {
                f(&cell.content);
            }
        }
        BlockKind::Definitions(items) => {
            for item in items {
                f(&item.term);
            }
        }
        BlockKind::Figure { caption, .. } => f(&caption.content),
        BlockKind::Procedure(p) => {
            for inl in p.inlines() {
                f(inl);
            }
        }
        BlockKind::Matrix(m) => f(&m.caption.content),
        _ => {}
    }
}

/// Calls `f` on every inline of a sequence, depth first.
pub fn walk_inlines<'a>(inlines: &'a [Inline], f: &mut dyn FnMut(&'a Inline)) {
    for i in inlines {
        f(i);
        match &i.kind {
            InlineKind::Emphasis(c) | InlineKind::Strong(c) | InlineKind::Strikethrough(c) => {
                walk_inlines(c, f)
            }
            InlineKind::Link(l) => walk_inlines(&l.content, f),
            _ => {}
        }
    }
}
