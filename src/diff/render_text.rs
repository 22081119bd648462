//! The terminal form of a diff: one line per changed section and block, words marked
//! `[-deleted-]{+inserted+}` (or coloured red and green when `color`).

use std::fmt::Write as _;

use super::report_words::{ReportWords, report_words};
use super::words::{Op, Run};
use super::{BlockDiff, DocDiff, ProjectDiff, SectionDiff, Status};

const RED: &str = "\x1b[31m";
const GREEN: &str = "\x1b[32m";
const YELLOW: &str = "\x1b[33m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

struct Out {
    color: bool,
    text: String,
    words: ReportWords,
}

impl Out {
    fn paint(&mut self, style: &str, s: &str) {
        if self.color {
            self.text.push_str(style);
            self.text.push_str(s);
            self.text.push_str(RESET);
        } else {
            self.text.push_str(s);
        }
    }

    fn plain(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn runs(&mut self, runs: &[Run]) {
        for r in runs {
            let text = clean(&r.text);
            match r.op {
                Op::Equal => self.plain(&text),
                Op::Delete if self.color => self.paint(&format!("{RED}\x1b[9m"), &text),
                Op::Insert if self.color => self.paint(&format!("{GREEN}\x1b[4m"), &text),
                Op::Delete => {
                    let _ = write!(self.text, "[-{text}-]");
                }
                Op::Insert => {
                    let _ = write!(self.text, "{{+{text}+}}");
                }
            }
        }
    }
}

/// User text for the terminal: line breaks as ` ↵ `, tabs as spaces, other control
/// characters (a stray escape sequence) as visible `\u{…}` escapes.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\n' {
            // Code blocks keep their lines; one line per text reads better here.
            out.push_str(" ↵ ");
        } else if c == '\t' {
            out.push(' ');
        } else if c.is_control() {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

fn mark(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::Added => ("+", GREEN),
        Status::Removed => ("-", RED),
        Status::Modified => ("~", YELLOW),
        Status::Moved => (">", CYAN),
    }
}

/// Renders `diff` for a terminal, in the documents' language ([`ProjectDiff::lang`]).
pub fn render(diff: &ProjectDiff, color: bool) -> String {
    let words = report_words(&diff.lang);
    let mut o = Out {
        color,
        text: String::new(),
        words,
    };
    if diff.documents.is_empty() {
        let _ = writeln!(o.text, "{}", words.nothing_between(&diff.old, &diff.new));
        return o.text;
    }
    o.paint(BOLD, &clean(&diff.title));
    o.plain("\n");
    let _ = writeln!(o.text, "{}", words.between(&diff.old, &diff.new));
    for d in &diff.documents {
        document(&mut o, d);
    }
    let _ = writeln!(o.text, "\n{}", words.summary(&diff.summary));
    o.text
}

fn document(o: &mut Out, d: &DocDiff) {
    let (m, c) = mark(d.status);
    o.plain("\n");
    let w = o.words;
    o.paint(&format!("{BOLD}{c}"), &format!("{m} {}", clean(&d.heading)));
    if d.status != Status::Modified {
        let _ = write!(o.text, " ({})", w.document_status(d.status));
    }
    o.plain("\n");
    for mc in &d.metadata {
        let _ = write!(o.text, "  {}{} ", w.field(&mc.field), w.colon());
        o.paint(RED, &clean(&w.value(&mc.field, &mc.old)));
        o.plain(" → ");
        o.paint(GREEN, &clean(&w.value(&mc.field, &mc.new)));
        o.plain("\n");
    }
    for l in &d.languages {
        o.paint(BOLD, &format!("  [{}]", l.lang));
        if l.status != Status::Modified {
            let _ = write!(o.text, " {}", w.translation_status(l.status));
        }
        o.plain("\n");
        for s in &l.sections {
            section(o, s);
        }
    }
}

fn section(o: &mut Out, s: &SectionDiff) {
    let (m, c) = mark(s.status);
    o.paint(c, &format!("  {m} "));
    let number = match (s.old_number.as_str(), s.new_number.as_str()) {
        ("", n) | (n, "") => n.to_string(),
        (a, b) if a == b => a.to_string(),
        (a, b) => format!("{a}→{b}"),
    };
    if !number.is_empty() {
        let _ = write!(o.text, "{number} ");
    }
    o.runs(&s.title);
    o.paint(DIM, &format!(" {{#{}}}", s.id));
    let status = o.words.section_status(s.status, s.moved);
    let _ = writeln!(o.text, " ({status}, {})", s.chapter);
    for b in &s.blocks {
        block(o, b);
    }
}

fn block(o: &mut Out, b: &BlockDiff) {
    let (m, c) = mark(b.status);
    o.paint(c, &format!("      {m} "));
    let _ = write!(o.text, "{} {}", o.words.block_kind(&b.kind), b.unit);
    if let Some(other) = &b.moved_with {
        let _ = write!(o.text, " ({})", o.words.moved_with(other));
    }
    o.plain("\n");
    if b.status == Status::Moved {
        return;
    }
    for p in &b.parts {
        let (m, c) = mark(p.status);
        o.paint(c, &format!("        {m} "));
        if p.unit != b.unit {
            o.paint(DIM, &format!("{}: ", p.unit));
        }
        o.runs(&p.words);
        o.plain("\n");
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn control_characters_cannot_drive_the_terminal() {
        assert_eq!(super::clean("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(super::clean("x\ny"), "x ↵ y");
    }
}
