//! Role cards as a standalone Typst document: one A4 page per card, compiled with the PDF
//! engine's built-in fonts, one sheet per SOP and language whose cards are then written as
//! PDFs of their own ([`crate::render::pdf::PdfEngine::render_standalone_split`]).
//!
//! The layout reads in black and white: roles are words ("Responsable" / "Appui") in a
//! box, not colours; "never" points sit behind a black bar with a bold label; the draft
//! mark is a word across the page and a line in the header. Text is 9.5 pt, small notes
//! 8 pt, so a printed card stays legible at arm's length.

use super::{Card, CardStep, card_words};
use crate::render::pdf::markup::{escape_markup, typst_str};

/// The label that marks where each card of a sheet starts.
pub const CARD_MARKER: &str = "sopdoc-card";

/// The PDF title of `card`.
pub fn title(card: &Card) -> String {
    let w = card_words(&card.lang);
    format!("{} — {} — {}", w.card, card.actor_short, card.code)
}

/// The Typst source of a sheet of cards of one SOP in one language, each starting on a
/// page of its own after a `<sopdoc-card>` marker, its pages counted on their own ("1/2"):
/// the build compiles a sheet once and writes each card as a PDF of its own
/// ([`crate::render::pdf::PdfEngine::render_standalone_split`]). Empty for no cards.
///
/// With `counted` false every footer reads "1/1" as written: counting a card's pages asks
/// Typst where each card starts, which makes it lay the sheet out twice, and almost every
/// card has one page. The build lays a sheet out that way first, and again with `counted`
/// only when a card turned out longer.
pub fn sheet(cards: &[&Card], counted: bool) -> String {
    let Some(card) = cards.first() else {
        return String::new();
    };
    let w = card_words(&card.lang);
    let mut s = String::new();
    s.push_str(&format!(
        "#set document(title: {}, author: {})\n",
        typst_str(&title(card)),
        typst_str(&card.actor_name)
    ));
    s.push_str(&format!(
        "#set text(font: (\"Carlito\", \"DejaVu Sans Mono\"), size: 9.5pt, lang: {}, hyphenate: false)\n",
        typst_str(&card.lang)
    ));
    s.push_str("#set smartquote(enabled: false)\n#set par(leading: 0.45em, spacing: 0.5em)\n");
    let draft_mark = if card.draft {
        format!(
            "place(center + horizon, rotate(-50deg, reflow: true, text(size: 96pt, weight: \"bold\", fill: luma(232), {})))",
            typst_str(w.draft)
        )
    } else {
        "none".to_string()
    };
    let header = format!(
        "[#set text(size: 8pt); #block(width: 100%)[*{}* · {} {} · {} #h(1fr) {}] #v(-0.4em) #line(length: 100%, stroke: 0.5pt)]",
        escape_markup(&card.code),
        escape_markup(w.version),
        escape_markup(&card.version),
        escape_markup(&card.date),
        if card.draft {
            format!(
                "*{}* — {}",
                escape_markup(w.draft),
                escape_markup(w.draft_note)
            )
        } else {
            String::new()
        }
    );
    let footer = format!(
        "[#set text(size: 8pt); #line(length: 100%, stroke: 0.5pt) #v(-0.4em) #block(width: 100%)[{} {} · {} {} #h(1fr) {}]]",
        escape_markup(w.generated),
        escape_markup(&card.code),
        escape_markup(w.version),
        escape_markup(&card.version),
        if counted {
            "#context card-page()"
        } else {
            "1/1"
        },
    );
    // "page / pages" of the card the page belongs to.
    s.push_str(&format!(
        "#let card-page() = {{\n  let starts = query(<{CARD_MARKER}>).map(m => m.location().page())\n  let p = here().page()\n  let i = starts.filter(s => s <= p).len() - 1\n  let first = starts.at(i, default: 1)\n  let last = if i + 1 < starts.len() {{ starts.at(i + 1) - 1 }} else {{ locate(<sopdoc-cards-end>).page() }}\n  [#(p - first + 1)/#(last - first + 1)]\n}}\n"
    ));
    s.push_str(&format!(
        "#set page(paper: \"a4\", margin: (top: 1.6cm, bottom: 1.5cm, x: 1.5cm), header: {header}, footer: {footer}, background: {draft_mark})\n\n"
    ));
    for card in cards {
        s.push_str(&format!(
            "#pagebreak(weak: true)\n#metadata(none) <{CARD_MARKER}>\n"
        ));
        body(card, &mut s);
    }
    s.push_str("#metadata(none) <sopdoc-cards-end>\n");
    s
}

/// One card's content.
fn body(card: &Card, s: &mut String) {
    let w = card_words(&card.lang);
    let colon = crate::l10n::colon(&card.lang);
    // Title block.
    s.push_str(&format!(
        "#block(width: 100%, inset: (bottom: 4pt), stroke: (bottom: 2pt))[#text(size: 8pt, upper({}))\\ #text(size: 16pt, weight: \"bold\", {}) #h(0.4em) #text(size: 11pt, {})]\n",
        typst_str(w.card),
        typst_str(&card.actor_short),
        typst_str(if card.actor_short == card.actor_name {
            ""
        } else {
            &card.actor_name
        }),
    ));
    s.push_str(&format!(
        "#text(size: 9pt)[{} · {}]\n",
        escape_markup(&card.code),
        escape_markup(&card.title)
    ));
    if let Some(contact) = &card.contact {
        s.push_str(&format!(
            "#block(above: 0.5em, inset: 4pt, stroke: 0.5pt, width: 100%)[*{}{colon}* {}]\n",
            escape_markup(w.contact),
            escape_markup(contact)
        ));
    }
    for p in &card.procedures {
        s.push_str(&format!(
            "\n#block(above: 0.9em, below: 0.4em, sticky: true, text(size: 11pt, weight: \"bold\")[{} {} — {}])\n",
            escape_markup(w.procedure),
            escape_markup(&p.number),
            escape_markup(&p.title)
        ));
        for step in &p.steps {
            s.push_str(&step_block(step, &card.lang));
        }
    }
}

/// One step: a number badge and role on the left, the details on the right.
///
/// Side by side in a `stack`, not a two-column `grid`: the pages look the same, and a
/// sheet lays out about a fifth faster (a grid measures each row before laying it out).
/// A step is therefore kept whole on its page, as a card's reader would want anyway.
fn step_block(step: &CardStep, lang: &str) -> String {
    let w = card_words(lang);
    let colon = crate::l10n::colon(lang);
    let role = if step.responsible {
        w.responsible
    } else {
        w.support
    };
    let mut body = String::new();
    let item = |label: &str, text: &str| {
        format!("_{}{colon}_ {}", escape_markup(label), escape_markup(text))
    };
    if !step.when.is_empty() {
        body.push_str(&format!(
            "#text(size: 8.5pt)[{}]\\\n",
            item(w.when, &step.when.join(" · "))
        ));
    }
    body.push_str(&format!("*{}*", escape_markup(&step.action)));
    if !step.with.is_empty() {
        let with = if step.responsible {
            w.support
        } else {
            w.responsible
        };
        body.push_str(&format!(
            " #text(size: 8.5pt)[({}{colon} {})]",
            escape_markup(with),
            escape_markup(&step.with.join(", "))
        ));
    }
    // Time frame, forms, documents and where next run on in one small paragraph.
    let mut details = Vec::new();
    if !step.time.is_empty() {
        details.push(item(w.time, &step.time));
    }
    let forms: Vec<&str> = step
        .outputs
        .iter()
        .filter(|o| o.form)
        .map(|o| o.text.as_str())
        .collect();
    if !forms.is_empty() {
        details.push(item(w.forms, &forms.join(" ; ")));
    }
    let docs: Vec<&str> = step
        .outputs
        .iter()
        .filter(|o| !o.form)
        .map(|o| o.text.as_str())
        .collect();
    if !docs.is_empty() {
        details.push(item(w.documents, &docs.join(" ; ")));
    }
    if !step.next.is_empty() {
        details.push(item(w.next, &step.next.join(" · ")));
    }
    if !details.is_empty() {
        body.push_str(&format!(
            "\\\n#text(size: 8.5pt)[{}]",
            details.join(" #h(0.3em)·#h(0.3em) ")
        ));
    }
    if !step.never.is_empty() {
        body.push_str(&format!(
            "#block(above: 0.3em, inset: (left: 5pt, y: 2pt), stroke: (left: 2.5pt))[*{}{colon}* {}]",
            escape_markup(&w.never.to_uppercase()),
            step.never
                .iter()
                .map(|n| escape_markup(n))
                .collect::<Vec<_>>()
                .join(" · ")
        ));
    }
    format!(
        "#block(above: 0.35em, below: 0.35em, width: 100%, inset: (y: 2pt), stroke: (bottom: 0.3pt + luma(160)), stack(dir: ltr, spacing: 0.6em, box(width: 4.2em, align(center)[#box(stroke: 1pt, inset: 3pt, radius: 2pt, text(size: 11pt, weight: \"bold\", {}))\\ #text(size: 7.5pt, {})]), block(width: 100% - 4.8em)[{}]))\n",
        typst_str(&step.number.to_string()),
        typst_str(role),
        body
    )
}
