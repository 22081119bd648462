//! Hover: what a reference prints and what it points at, the definition of a glossary
//! term, the expansion of an acronym, an actor's full name, a legal instrument's title and
//! articles, a citation's reference. All of it comes from the resolved model.

use crate::model::*;
use crate::source::{SourceId, Span};

use super::navigate::{self, Target};

/// The Markdown shown for `target` (read in the language `lang` of the chapter).
pub fn text(project: &Project, target: &Target, lang: &str) -> Option<String> {
    let src = project.source_language();
    match target {
        Target::Xref { lang, xref } => {
            let title = match xref.anchor.as_deref() {
                None => project
                    .document(&xref.doc)
                    .map(|d| d.meta.title.get(lang, src).to_string()),
                Some(a) if a.starts_with('^') => None,
                Some(a) => navigate::anchor(project, &xref.doc, lang, a).map(|a| a.title.clone()),
            };
            Some(match title.filter(|t| !t.is_empty()) {
                Some(t) => format!("**{}** — {t}", xref.label),
                None => format!("**{}**", xref.label),
            })
        }
        Target::Step { doc, lang, anchor }
        | Target::Anchor {
            doc,
            lang,
            id: anchor,
        } => {
            let a = navigate::anchor(project, doc, lang, anchor)?;
            let words = match a.kind {
                AnchorKind::Step | AnchorKind::Procedure => super::complete::anchor_words(a),
                _ if a.number.is_empty() => String::new(),
                _ => a.number.clone(),
            };
            Some(format!("**{words}** — {}\n\n`#{anchor}`", a.title).replace("**** — ", ""))
        }
        Target::Legal(l) => {
            let i = project
                .registries
                .instruments
                .iter()
                .find(|i| i.id.value == l.id)?;
            let mut out = format!("**{}**", i.short.get(lang, src));
            if let Some(a) = &l.article {
                out.push_str(&format!(", article {a}"));
            }
            out.push_str(&format!("\n\n{}", i.long.get(lang, src)));
            if !i.articles.is_empty() {
                let list = i.articles.join(", ");
                out.push_str(&format!(
                    "\n\n{}",
                    crate::msg!("lsp-articles", list = list).ui()
                ));
            }
            Some(out)
        }
        Target::Actor(named) => {
            let a = project
                .registries
                .actors
                .iter()
                .find(|a| a.id.value == named.value)?;
            let name = a.name.get(lang, src);
            Some(match a.acronym.as_ref().map(|x| x.get(lang, src)) {
                Some(short) if !short.is_empty() && short != name => {
                    format!("**{short}** — {name}")
                }
                _ => format!("**{name}**"),
            })
        }
        Target::Cite { key, rendered } => {
            let reference = reference_of(project, lang, key);
            Some(match reference {
                Some(r) => format!("**{rendered}**\n\n{r}"),
                None => format!("**{rendered}**\n\n`{key}`"),
            })
        }
    }
}

/// The full reference of a work as the translation's bibliography prints it, else its
/// title.
fn reference_of(project: &Project, lang: &str, key: &str) -> Option<String> {
    for doc in &project.documents {
        let Some(t) = doc.translation(lang) else {
            continue;
        };
        for c in &t.chapters {
            let mut found = None;
            walk_blocks(&c.blocks, &mut |b| {
                if let BlockKind::Bibliography(entries) = &b.kind
                    && let Some((_, runs)) = entries.iter().find(|(k, _)| k == key)
                {
                    found = Some(styled_text(runs));
                }
            });
            if found.is_some() {
                return found;
            }
        }
    }
    let entry = project.registries.bibliography.as_ref()?.library.get(key)?;
    entry.title().map(|t| t.value.to_string())
}

/// A glossary term or an acronym written in plain text at `offset`, with its span and
/// what the registry says of it.
pub fn term_at(project: &Project, source: SourceId, offset: usize) -> Option<(Span, String)> {
    let place = navigate::place_of(project, source)?;
    let lang = place.translation.lang.as_str();
    let src = project.source_language();
    let reg = &project.registries;
    let mut words: Vec<(&str, String)> = Vec::new();
    for t in &reg.terms {
        let def = t.definition.get(lang, src);
        words.push((
            t.term.get(lang, src),
            format!("**{}**: {def}", t.term.get(lang, src)),
        ));
    }
    for a in &reg.acronyms {
        words.push((
            a.short.get(lang, src),
            format!("**{}** — {}", a.short.get(lang, src), a.long.get(lang, src)),
        ));
    }
    let mut found = None;
    let mut visit = |block: &Block| {
        if !(block.span.start <= offset && offset <= block.span.end) {
            return;
        }
        block_inlines(block, &mut |inlines| {
            walk_inlines(inlines, &mut |inline| {
                let span = inline.span;
                if found.is_some()
                    || !matches!(inline.kind, InlineKind::Text(_))
                    || !(span.start <= offset && offset <= span.end)
                {
                    return;
                }
                let text = project.sources.text(span);
                found = word_at(text, offset - span.start, &words).map(|(r, doc)| {
                    (
                        Span::new(source, span.start + r.start..span.start + r.end),
                        doc,
                    )
                });
            });
        });
    };
    walk_blocks(&place.chapter.blocks, &mut visit);
    found
}

/// The registry word of `words` (case aside) that covers byte `at` of `text`.
fn word_at(
    text: &str,
    at: usize,
    words: &[(&str, String)],
) -> Option<(std::ops::Range<usize>, String)> {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return None;
    }
    let mut best: Option<(std::ops::Range<usize>, String)> = None;
    for (word, doc) in words {
        let w = word.to_lowercase();
        if w.is_empty() {
            continue;
        }
        for (i, _) in lower.match_indices(&w) {
            let end = i + w.len();
            let bounded = !lower[..i]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric)
                && !lower[end..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            if bounded
                && i <= at
                && at <= end
                && best.as_ref().is_none_or(|(r, _)| r.len() < w.len())
            {
                best = Some((i..end, doc.clone()));
            }
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_longest_registry_word_under_the_cursor_wins_whole_words_only() {
        let words = [
            ("victime", "v".to_string()),
            ("victime de la traite", "vt".to_string()),
            ("OIM", "oim".to_string()),
        ];
        let text = "Une Victime de la traite est orientée par l’OIM.";
        let at = text.find("traite").unwrap();
        assert_eq!(word_at(text, at, &words).unwrap().1, "vt");
        let at = text.find("OIM").unwrap() + 1;
        assert_eq!(word_at(text, at, &words).unwrap().1, "oim");
        assert_eq!(word_at("victimes", 2, &words), None);
    }
}
