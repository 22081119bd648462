//! Translation parity: languages not translated yet (info), and ids that exist in one
//! language and not the other, so numbering matches section for section.

use crate::diag::Diagnostic;
use crate::diag::rules;
use crate::model::Project;
use crate::source::Span;

pub(super) fn check(project: &Project, diags: &mut Vec<Diagnostic>) {
    let languages: Vec<&str> = project.languages().collect();
    for doc in &project.documents {
        for lang in languages.iter().skip(1) {
            if doc.translation(lang).is_none() {
                diags.push(
                    Diagnostic::info(
                        rules::TRANSLATE_NOT_TRANSLATED,
                        format!("`{}` is not translated into `{lang}` yet", doc.id()),
                    )
                    .at(Span::file_start(doc.meta_source))
                    .hint(format!("`sopdoc translate export --lang {lang} --doc {}` prepares the text for translators", doc.id())),
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
                            format!(
                                "id `{id}` of the `{}` source is missing in `{}`",
                                source.lang, t.lang
                            ),
                        )
                        .at(Span::file_start(chapter.source))
                        .related(anchor.span, "defined here in the source")
                        .hint(format!(
                            "give the matching heading, table or figure the same id: `{{#{id}}}`"
                        )),
                    );
                }
            }
            for (id, anchor) in &t.anchors {
                if !source.anchors.contains_key(id) {
                    diags.push(
                        Diagnostic::error(
                            rules::TRANSLATE_MISSING_ID,
                            format!("id `{id}` does not exist in the `{}` source", source.lang),
                        )
                        .at(anchor.span)
                        .hint("a translation uses the source's ids; rename it or add it to the source"),
                    );
                }
            }
        }
    }
}
