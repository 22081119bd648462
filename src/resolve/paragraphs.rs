//! Review numbers: every paragraph, list item, table, figure, other block and procedure
//! step gets a number made of its section's number and its rank in that section
//! (`4.2-3`, `B-1`).
//!
//! The rank counts only inside the section, so an edit in another section never changes
//! it. A heading without a number (`{.unnumbered}`) does not open a new count: its
//! content continues the enclosing numbered section. Content before any numbered heading
//! of a chapter counts under the id of the chapter's first heading (or under its file
//! stem when it has none). List items (nested ones too) are numbered one by one, and so are
//! the steps of a procedure; a callout, quotation or definition list is one element.

use std::collections::HashMap;

use crate::model::*;

/// Numbers the review elements of a translation.
pub(super) fn number(t: &Translation) -> Paragraphs {
    let mut out = Paragraphs::default();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (index, chapter) in t.chapters.iter().enumerate() {
        let mut cx = Cx {
            chapter: index,
            section: None,
            fallback: chapter.stem().to_string(),
            counts: &mut counts,
            out: &mut out,
        };
        for b in &chapter.blocks {
            cx.block(b);
        }
    }
    out
}

struct Cx<'a> {
    chapter: usize,
    section: Option<String>,
    fallback: String,
    counts: &'a mut HashMap<String, usize>,
    out: &'a mut Paragraphs,
}

impl Cx<'_> {
    fn push(&mut self, key: ParaKey, text: String) {
        let section = self
            .section
            .clone()
            .unwrap_or_else(|| self.fallback.clone());
        let n = self.counts.entry(section.clone()).or_insert(0);
        *n += 1;
        let number = format!("{section}-{n}");
        self.out.push(Paragraph {
            number,
            section,
            chapter: self.chapter,
            key,
            text: excerpt(&text),
        });
    }

    fn block(&mut self, b: &Block) {
        let key = ParaKey::Block(b.span);
        match &b.kind {
            BlockKind::Heading(h) => {
                if !h.number.is_empty() {
                    self.section = Some(h.number.clone());
                } else if self.section.is_none() {
                    self.fallback = h.id.clone();
                }
            }
            BlockKind::Rule => {}
            BlockKind::Paragraph(inl) => self.push(key, plain_text(inl)),
            BlockKind::List(l) => self.list(l),
            BlockKind::Table(t) => {
                let text = match &t.caption {
                    Some(c) => plain_text(&c.content),
                    None => t
                        .header
                        .iter()
                        .map(|c| plain_text(&c.content))
                        .collect::<Vec<_>>()
                        .join(" | "),
                };
                self.push(key, text);
            }
            BlockKind::Figure { caption, .. } => self.push(key, plain_text(&caption.content)),
            BlockKind::Procedure(p) => {
                for step in &p.steps {
                    let text = match &step.flow {
                        Flow::Decision { question, .. } if step.action.is_empty() => {
                            plain_text(question)
                        }
                        _ => plain_text(&step.action),
                    };
                    self.push(ParaKey::Step(step.span), text);
                }
                // The pathway diagram follows the steps: a numbered figure like any other
                // (a procedure without one adds no number, so nothing after it moves).
                if let Some(c) = &p.diagram {
                    let text = if c.content.is_empty() {
                        plain_text(&p.title)
                    } else {
                        plain_text(&c.content)
                    };
                    self.push(key, text);
                }
            }
            BlockKind::Matrix(m) => self.push(key, plain_text(&m.caption.content)),
            BlockKind::Code { text, .. } => self.push(key, text.clone()),
            BlockKind::RawHtml(text) => self.push(key, text.clone()),
            BlockKind::Callout { blocks, .. } | BlockKind::Quote(blocks) => {
                self.push(key, blocks_text(blocks))
            }
            BlockKind::Definitions(items) => {
                let text = items
                    .first()
                    .map(|i| plain_text(&i.term))
                    .unwrap_or_default();
                self.push(key, text);
            }
            BlockKind::Bibliography(_) => self.push(key, String::new()),
        }
    }

    fn list(&mut self, l: &List) {
        for item in &l.items {
            self.push(ParaKey::Item(item.span), blocks_text(&item.blocks));
            for b in &item.blocks {
                if let BlockKind::List(inner) = &b.kind {
                    self.list(inner);
                }
            }
        }
    }
}

/// The plain text of the paragraphs directly in `blocks`.
fn blocks_text(blocks: &[Block]) -> String {
    let mut parts = Vec::new();
    for b in blocks {
        if let BlockKind::Paragraph(inl) = &b.kind {
            parts.push(plain_text(inl));
        }
    }
    parts.join(" ")
}

/// At most 200 characters, whitespace collapsed.
fn excerpt(text: &str) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += word.chars().count();
        if chars >= 200 {
            return out.chars().take(200).collect();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_are_short_and_single_spaced() {
        assert_eq!(excerpt("a \n b"), "a b");
        assert_eq!(excerpt(&"é".repeat(300)).chars().count(), 200);
    }
}
