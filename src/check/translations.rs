//! Translation parity: languages not translated yet (info), and ids that exist in one
//! language and not the other, so numbering matches section for section.

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::Project;
use crate::msg;
use crate::source::Span;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let languages: Vec<&str> = project.languages().collect();
    for doc in &project.documents {
        for lang in languages.iter().skip(1) {
            if doc.translation(lang).is_none() {
                diags.push(
                    Diagnostic::info(
                        rules::TRANSLATE_NOT_TRANSLATED,
                        msg!("translate-not-translated", doc_id = &doc.id(), lang = &lang),
                    )
                    .at(Span::file_start(doc.meta_source))
                    .hint(msg!(
                        "translate-not-translated-hint",
                        lang = &lang,
                        doc_id = &doc.id()
                    )),
                );
            }
        }
        let Some(source) = doc.translations.first() else {
            continue;
        };
        for t in doc.translations.iter().skip(1) {
            for (id, anchor) in &source.anchors {
                if !t.anchors.contains_key(id) {
                    let chapter = t
                        .chapters
                        .get(anchor.chapter)
                        .or_else(|| t.chapters.first());
                    let Some(chapter) = chapter else { continue };
                    diags.push(
                        Diagnostic::error(
                            rules::TRANSLATE_MISSING_ID,
                            msg!(
                                "translate-missing-id",
                                id = &id,
                                lang = &source.lang,
                                lang2 = &t.lang
                            ),
                        )
                        .at(Span::file_start(chapter.source))
                        .related(anchor.span, msg!("translate-missing-id-note"))
                        .hint(msg!("translate-missing-id-hint", id = &id)),
                    );
                }
            }
            for (id, anchor) in &t.anchors {
                if !source.anchors.contains_key(id) {
                    diags.push(
                        Diagnostic::error(
                            rules::TRANSLATE_MISSING_ID,
                            msg!("translate-missing-id-2", id = &id, lang = &source.lang),
                        )
                        .at(anchor.span)
                        .hint(msg!("translate-missing-id-hint-2")),
                    );
                }
            }
        }
    }
}
