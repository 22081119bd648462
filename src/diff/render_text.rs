//! The terminal form of a diff: one line per changed section and block, words marked
//! `[-deleted-]{+inserted+}` (or coloured red and green when `color`).

use std::fmt::Write as _;

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

/// Renders `diff` for a terminal.
pub fn render(diff: &ProjectDiff, color: bool) -> String {
    let mut o = Out {
        color,
        text: String::new(),
    };
    let s = &diff.summary;
    if diff.documents.is_empty() {
        let _ = writeln!(
            o.text,
            "no differences between {} and {}",
            diff.old, diff.new
        );
        return o.text;
    }
    o.paint(BOLD, &format!("diff {} → {}", diff.old, diff.new));
    o.plain("\n");
    for d in &diff.documents {
        document(&mut o, d);
    }
    let _ = writeln!(
        o.text,
        "\n{} document(s) changed; sections: {} added, {} removed, {} moved, {} modified; blocks: {} added, {} removed, {} moved, {} modified",
        s.documents,
        s.sections_added,
        s.sections_removed,
        s.sections_moved,
        s.sections_modified,
        s.blocks_added,
        s.blocks_removed,
        s.blocks_moved,
        s.blocks_modified
    );
    o.text
}

fn document(o: &mut Out, d: &DocDiff) {
    let (m, c) = mark(d.status);
    o.plain("\n");
    o.paint(
        &format!("{BOLD}{c}"),
        &format!("{m} {} {}", d.id, clean(&d.title)),
    );
    if d.status != Status::Modified {
        let _ = write!(o.text, " ({})", d.status.as_str());
    }
    o.plain("\n");
    for mc in &d.metadata {
        let _ = write!(o.text, "  {}: ", mc.field);
        o.paint(RED, &clean(&mc.old));
        o.plain(" → ");
        o.paint(GREEN, &clean(&mc.new));
        o.plain("\n");
    }
    for l in &d.languages {
        o.paint(BOLD, &format!("  [{}]", l.lang));
        if l.status != Status::Modified {
            let _ = write!(o.text, " translation {}", l.status.as_str());
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
    let status = if s.moved && s.status == Status::Modified {
        "moved, modified".to_string()
    } else {
        s.status.as_str().to_string()
    };
    let _ = writeln!(o.text, " ({status}, {})", s.chapter);
    for b in &s.blocks {
        block(o, b);
    }
}

fn block(o: &mut Out, b: &BlockDiff) {
    let (m, c) = mark(b.status);
    o.paint(c, &format!("      {m} "));
    let _ = write!(o.text, "{} {}", b.kind, b.unit);
    if let Some(other) = &b.moved_with {
        let _ = write!(o.text, " (moved, with {{#{other}}})");
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
