//! The redline page (`--format html`): one self-contained HTML file, insertions
//! underlined (`<ins>`), deletions struck through (`<del>`), and a side list of the changed
//! sections linking to each. Every user text is escaped; no script, nothing fetched.

use crate::render::html::escape::escape as esc;
use std::fmt::Write as _;

use super::report_words::{ReportWords, report_words};
use super::words::{Op, Run};
use super::{BlockDiff, ProjectDiff, SectionDiff, Status, section_anchor};

const CSS: &str = "body{margin:0;font-family:Carlito,Calibri,'Segoe UI',sans-serif;color:#1a1a1a;line-height:1.45}\
.layout{display:flex;align-items:flex-start}\
nav{position:sticky;top:0;max-height:100vh;overflow:auto;width:18rem;flex:none;padding:1rem;background:#f3f5f8;border-right:1px solid #d5dbe3;box-sizing:border-box}\
nav ul{list-style:none;padding-left:0;margin:.2rem 0 1rem}nav li{margin:.15rem 0;font-size:.9rem}\
nav a{text-decoration:none;color:#0033a0}main{padding:1rem 2rem;max-width:60rem}\
h1{color:#0033a0;font-size:1.5rem}h2{border-bottom:2px solid #0033a0;padding-bottom:.2rem}\
ins{color:#0a6b2c;background:#e3f6e8;text-decoration:underline}del{color:#a4161a;background:#fbe5e6;text-decoration:line-through}\
.section{border-left:4px solid #d5dbe3;padding-left:.8rem;margin:1.2rem 0}\
.s-added{border-color:#2e9d52}.s-removed{border-color:#c0392b}.s-modified{border-color:#e0a800}.s-moved{border-color:#2b8bc0}\
.tag{font-size:.75rem;text-transform:uppercase;letter-spacing:.04em;padding:0 .35rem;border-radius:3px;background:#e8ebf0;color:#333;margin-left:.4rem}\
.unit{font-family:'DejaVu Sans Mono',monospace;font-size:.75rem;color:#666}\
.block{margin:.5rem 0}.part{margin:.2rem 0 .2rem 1rem;white-space:pre-wrap}table.meta{border-collapse:collapse}table.meta td{padding:.15rem .6rem;border-bottom:1px solid #e5e5e5}";

fn runs(out: &mut String, runs: &[Run]) {
    for r in runs {
        match r.op {
            Op::Equal => out.push_str(&esc(&r.text)),
            Op::Insert => {
                let _ = write!(out, "<ins>{}</ins>", esc(&r.text));
            }
            Op::Delete => {
                let _ = write!(out, "<del>{}</del>", esc(&r.text));
            }
        }
    }
}

fn number(s: &SectionDiff) -> String {
    match (s.old_number.as_str(), s.new_number.as_str()) {
        ("", n) | (n, "") => n.to_string(),
        (a, b) if a == b => a.to_string(),
        (a, b) => format!("{a} → {b}"),
    }
}

fn plain_title(s: &SectionDiff) -> String {
    let new = super::words::new_text(&s.title);
    if new.is_empty() {
        super::words::old_text(&s.title)
    } else {
        new
    }
}

/// Renders the redline page, in the documents' language ([`ProjectDiff::lang`]).
pub fn render(diff: &ProjectDiff) -> String {
    let w = report_words(&diff.lang);
    let mut nav = String::new();
    let mut body = String::new();
    let title = if diff.documents.is_empty() {
        w.nothing_between(&diff.old, &diff.new)
    } else {
        diff.title.clone()
    };
    let _ = write!(body, "<h1>{}</h1>", esc(&title));
    if diff.documents.is_empty() {
        return page(w, &title, &nav, &body);
    }
    let _ = write!(
        body,
        "<p class=\"versions\">{}</p><p class=\"summary\">{}.</p>",
        esc(&w.between(&diff.old, &diff.new)),
        esc(&w.summary(&diff.summary))
    );
    for d in &diff.documents {
        let tag = if d.status == Status::Modified {
            String::new()
        } else {
            format!("<span class=\"tag\">{}</span>", w.document_status(d.status))
        };
        let _ = write!(
            body,
            "<h2 id=\"{}\">{}{tag}</h2>",
            esc(&format!("doc-{}", d.id)),
            esc(&d.heading),
        );
        let _ = write!(
            nav,
            "<p><a href=\"#{}\"><strong>{}</strong></a></p>",
            esc(&format!("doc-{}", d.id)),
            esc(&d.heading)
        );
        if !d.metadata.is_empty() {
            body.push_str("<table class=\"meta\">");
            for m in &d.metadata {
                let _ = write!(
                    body,
                    "<tr><td>{}</td><td><del>{}</del></td><td><ins>{}</ins></td></tr>",
                    esc(&w.field(&m.field)),
                    esc(&w.value(&m.field, &m.old)),
                    esc(&w.value(&m.field, &m.new))
                );
            }
            body.push_str("</table>");
        }
        for l in &d.languages {
            let _ = write!(body, "<h3>{}", esc(&l.lang));
            if l.status != Status::Modified {
                let _ = write!(
                    body,
                    "<span class=\"tag\">{}</span>",
                    esc(&w.translation_status(l.status))
                );
            }
            body.push_str("</h3>");
            let _ = write!(nav, "<div>{}</div><ul>", esc(&l.lang));
            for sec in &l.sections {
                let anchor = section_anchor(&d.id, &l.lang, &sec.id);
                let _ = write!(
                    nav,
                    "<li><a href=\"#{}\">{} {}</a> <span class=\"tag\">{}</span></li>",
                    esc(&anchor),
                    esc(&number(sec)),
                    esc(&plain_title(sec)),
                    esc(&w.section_status(sec.status, sec.moved))
                );
                section(w, &mut body, sec, &anchor);
            }
            nav.push_str("</ul>");
        }
    }
    page(w, &title, &nav, &body)
}

/// The whole page around the side list and the body.
fn page(w: ReportWords, title: &str, nav: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{CSS}</style></head><body><div class=\"layout\"><nav aria-label=\"{}\">{nav}</nav><main>{body}</main></div></body></html>\n",
        w.lang,
        esc(title),
        esc(w.changed_sections)
    )
}

fn section(w: ReportWords, out: &mut String, s: &SectionDiff, anchor: &str) {
    let tag = w.section_status(s.status, s.moved);
    let _ = write!(
        out,
        "<section class=\"section s-{}\" id=\"{}\"><h4>{} ",
        s.status.as_str(),
        esc(anchor),
        esc(&number(s))
    );
    runs(out, &s.title);
    let _ = write!(
        out,
        "<span class=\"tag\">{}</span> <span class=\"unit\">{{#{}}} {}</span></h4>",
        esc(&tag),
        esc(&s.id),
        esc(&s.chapter)
    );
    for b in &s.blocks {
        block(w, out, b);
    }
    out.push_str("</section>");
}

fn block(w: ReportWords, out: &mut String, b: &BlockDiff) {
    let _ = write!(
        out,
        "<div class=\"block\"><span class=\"unit\">{} {}</span><span class=\"tag\">{}</span>",
        esc(w.block_kind(&b.kind)),
        esc(&b.unit),
        w.document_status(b.status)
    );
    if let Some(other) = &b.moved_with {
        let _ = write!(
            out,
            " <span class=\"unit\">{}</span>",
            esc(&w.moved_with(other))
        );
    }
    for p in &b.parts {
        out.push_str("<div class=\"part\">");
        if p.unit != b.unit {
            let _ = write!(out, "<span class=\"unit\">{}</span> ", esc(&p.unit));
        }
        runs(out, &p.words);
        out.push_str("</div>");
    }
    out.push_str("</div>");
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            super::esc(r#"<script>"x" & 'y'</script>"#),
            "&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;"
        );
    }
}
