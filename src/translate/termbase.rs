//! `sopdoc translate termbase`: the glossary and acronyms as a TBX termbase for CAT tools.
//!
//! The file follows TBX-Basic in the ISO 30042:2008 form (`<martif>`, `<termEntry>`,
//! `<langSet>`, `<tig>`), which Trados MultiTerm, memoQ, OmegaT and Translate Toolkit
//! import. One entry per glossary term (the term and its definition in each language)
//! and per acronym (the acronym and its full form, marked with `termType`).

use crate::model::{LocalText, Project};

use crate::xml;

fn text<'a>(t: &'a LocalText, lang: &str) -> Option<&'a str> {
    t.has(lang)
        .then(|| t.get(lang, lang))
        .filter(|s| !s.trim().is_empty())
}

/// What [`build`] put in the termbase.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TermbaseCounts {
    /// Glossary terms.
    pub terms: usize,
    /// Acronyms.
    pub acronyms: usize,
    /// Entries without text in the target language.
    pub untranslated: usize,
}

/// The TBX text of the project's glossary and acronyms, in the source language and `lang`.
pub fn build(project: &Project, lang: &str) -> (String, TermbaseCounts) {
    let src = project.source_language();
    let langs = [src, lang];
    let mut counts = TermbaseCounts::default();
    let title = project.manifest.title.get(src, src);
    let mut o = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    o.push_str(&format!(
        "<martif type=\"TBX-Basic\" xml:lang=\"{}\">\n",
        xml::attr(src)
    ));
    o.push_str(" <martifHeader>\n  <fileDesc>\n   <sourceDesc>\n");
    o.push_str(&format!(
        "    <p>Glossary and acronyms of {} (written by sopdoc)</p>\n",
        xml::text(title)
    ));
    o.push_str("   </sourceDesc>\n  </fileDesc>\n");
    o.push_str(
        "  <encodingDesc>\n   <p type=\"XCSURI\">TBXBasicXCSV02.xcs</p>\n  </encodingDesc>\n",
    );
    o.push_str(" </martifHeader>\n <text>\n  <body>\n");
    for t in &project.registries.terms {
        counts.terms += 1;
        if text(&t.term, lang).is_none() {
            counts.untranslated += 1;
        }
        o.push_str(&format!(
            "   <termEntry id=\"term-{}\">\n",
            xml::attr(&t.id.value)
        ));
        if let Some(s) = &t.source {
            let s = s.get(project.source_language(), project.source_language());
            o.push_str(&format!("    <note>source: {}</note>\n", xml::text(s)));
        }
        for l in langs {
            let Some(term) = text(&t.term, l) else {
                continue;
            };
            o.push_str(&format!("    <langSet xml:lang=\"{}\">\n", xml::attr(l)));
            if let Some(d) = text(&t.definition, l) {
                o.push_str(&format!(
                    "     <descrip type=\"definition\">{}</descrip>\n",
                    xml::text(d)
                ));
            }
            o.push_str(&format!(
                "     <tig>\n      <term>{}</term>\n      <termNote type=\"termType\">fullForm</termNote>\n     </tig>\n",
                xml::text(term)
            ));
            o.push_str("    </langSet>\n");
        }
        o.push_str("   </termEntry>\n");
    }
    for a in &project.registries.acronyms {
        counts.acronyms += 1;
        if text(&a.short, lang).is_none() && text(&a.long, lang).is_none() {
            counts.untranslated += 1;
        }
        o.push_str(&format!(
            "   <termEntry id=\"acronym-{}\">\n",
            xml::attr(&a.id.value)
        ));
        for l in langs {
            let short = text(&a.short, l);
            let long = text(&a.long, l);
            if short.is_none() && long.is_none() {
                continue;
            }
            o.push_str(&format!("    <langSet xml:lang=\"{}\">\n", xml::attr(l)));
            for (form, kind) in [(short, "acronym"), (long, "fullForm")] {
                if let Some(f) = form {
                    o.push_str(&format!(
                        "     <tig>\n      <term>{}</term>\n      <termNote type=\"termType\">{kind}</termNote>\n     </tig>\n",
                        xml::text(f)
                    ));
                }
            }
            o.push_str("    </langSet>\n");
        }
        o.push_str("   </termEntry>\n");
    }
    o.push_str("  </body>\n </text>\n</martif>\n");
    (o, counts)
}
