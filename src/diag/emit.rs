//! Diagnostics as text: human (with the source line underlined), short (one line each),
//! JSON (DESIGN.md's contract) and SARIF 2.1.0 (for code-review tools).

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Diagnostic, Severity, Summary};
use crate::i18n::{tr, ui_lang};
use crate::msg;
use crate::source::{SourceMap, Span};

/// Longest source line shown in a snippet (DESIGN.md limits).
pub const SNIPPET_CHARS: usize = 200;

/// Whether `c` must not reach a terminal raw: C0 and C1 controls (escape sequences can
/// move the cursor, rewrite the title or hide text) and the bidirectional controls that
/// reorder what is shown (a "Trojan Source" line reads differently from what it holds).
pub fn is_unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every character [`is_unsafe_for_terminal`] written visibly as `<U+XXXX>`
/// (a tab as a space), for messages, paths and hints that quote the user's files.
pub fn terminal_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_for_terminal) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '\t' => out.push(' '),
            c if is_unsafe_for_terminal(c) => {
                let _ = write!(out, "<U+{:04X}>", c as u32);
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A source line for a snippet: each unsafe character becomes one `�`, so that the
/// underline below still lines up.
fn snippet_safe(line: &str) -> String {
    line.chars()
        .map(|c| {
            if c == '\t' {
                ' '
            } else if is_unsafe_for_terminal(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// 1-based start and end positions of a span.
fn positions(sources: &SourceMap, span: Span) -> (usize, usize, usize, usize) {
    let file = sources.get(span.source);
    let (l, c) = file.line_col(span.start);
    let (el, ec) = file.line_col(span.end);
    (l, c, el, ec)
}

/// `file:line:col: severity[rule]: message`, one line per diagnostic.
pub fn short(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in diags {
        let loc = match (d.path(sources), d.span()) {
            (Some(p), Some(s)) => {
                let (l, c, _, _) = positions(sources, s);
                format!("{}:{l}:{c}: ", terminal_safe(p))
            }
            (Some(p), None) => format!("{}: ", terminal_safe(p)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "{loc}{}[{}]: {}",
            d.severity.as_str(),
            terminal_safe(&d.rule),
            terminal_safe(&d.say(&d.message, ui_lang()))
        );
    }
    out
}

/// ANSI styles, or none.
#[derive(Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Styles that emit colour codes when `color` is true.
    pub fn new(color: bool) -> Self {
        Style { color }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, s: Severity) -> String {
        let code = match s {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;36",
        };
        self.paint(code, s.as_str())
    }
}

/// Human-readable diagnostics with the offending line underlined, and a summary line.
pub fn human(diags: &[Diagnostic], sources: &SourceMap, style: Style) -> String {
    let mut out = human_body(diags, sources, style);
    let _ = writeln!(out, "{}", summary_line(Summary::of(diags)));
    out
}

/// Human-readable diagnostics without the summary line.
/// The texts are in the interface language ([`ui_lang`]); the severity and the rule id
/// stay as they are in every language, being what `rules:` and suppressions name.
pub fn human_body<'d>(
    diags: impl IntoIterator<Item = &'d Diagnostic>,
    sources: &SourceMap,
    style: Style,
) -> String {
    let mut out = String::new();
    each_human(diags, sources, style, |one| {
        out.push_str(one);
        Ok(())
    })
    .expect("a string takes every write");
    out
}

/// [`human_body`] written to `w` one diagnostic at a time: a large collection's tens of
/// thousands of findings are 17 MB of text, which need not be held whole.
///
/// # Errors
/// When `w` fails.
pub fn write_human_body<'d>(
    w: &mut impl std::io::Write,
    diags: impl IntoIterator<Item = &'d Diagnostic>,
    sources: &SourceMap,
    style: Style,
) -> std::io::Result<()> {
    each_human(diags, sources, style, |one| w.write_all(one.as_bytes()))
}

/// Gives `emit` the text of each diagnostic in turn.
fn each_human<'d>(
    diags: impl IntoIterator<Item = &'d Diagnostic>,
    sources: &SourceMap,
    style: Style,
    mut emit: impl FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let lang = ui_lang();
    let (hint_label, fix_label) = (tr("label-hint"), tr("label-fix"));
    let mut out = String::new();
    for d in diags {
        out.clear();
        let _ = writeln!(
            out,
            "{}{}: {}",
            style.severity(d.severity),
            style.paint("1", &format!("[{}]", terminal_safe(&d.rule))),
            style.paint("1", &terminal_safe(&d.say(&d.message, lang)))
        );
        match (d.path(sources), d.span()) {
            (_, Some(span)) => snippet(&mut out, sources, span, None, style, d.severity),
            (Some(p), None) => {
                let _ = writeln!(out, "  {} {}", style.paint("34", "-->"), terminal_safe(p));
            }
            _ => {}
        }
        for (span, note) in &d.related {
            let note = d.say(note, lang);
            snippet(&mut out, sources, *span, Some(&note), style, Severity::Info);
        }
        for h in &d.hints {
            let _ = writeln!(
                out,
                "  {} {}",
                style.paint("1;32", &hint_label),
                terminal_safe(&d.say(h, lang))
            );
        }
        if let Some(fix) = &d.fix {
            let _ = writeln!(
                out,
                "  {} {} (sopdoc check --fix)",
                style.paint("1;32", &fix_label),
                terminal_safe(&describe_fix(d, fix, sources, lang))
            );
        }
        out.push('\n');
        emit(&out)?;
    }
    Ok(())
}

/// What a fix does, in words ([`super::fix_words::describe`]): the text it replaces is read
/// from the source, so an inserted no-break space is named rather than shown as a blank.
pub fn describe_fix(d: &Diagnostic, fix: &str, sources: &SourceMap, lang: &str) -> String {
    let Some(span) = d.span() else {
        return msg!("fix-replace-with", text = super::fix_words::visible(fix)).text(lang);
    };
    let text = &sources.get(span.source).text;
    let old = text.get(span.range()).unwrap_or("");
    let after = text.get(span.end..).and_then(|t| t.chars().next());
    super::fix_words::describe_in(lang, old, fix, after)
}

/// "2 errors, 1 warning, 0 infos", in the interface language.
pub fn summary_line(s: Summary) -> String {
    summary_line_in(ui_lang(), s)
}

/// "2 errors, 1 warning, 0 infos" in `lang` ("2 erreurs, 1 avertissement, 0 remarque").
pub fn summary_line_in(lang: &str, s: Summary) -> String {
    msg!(
        "summary-line",
        errors = s.errors,
        warnings = s.warnings,
        infos = s.infos
    )
    .text(lang)
}

/// The part of a long line to show: at most [`SNIPPET_CHARS`] characters, starting a
/// little before `col` (0-based, in characters). Returns the text, the character offset
/// it starts at, and whether text was cut at each end.
fn window(line: &str, col: usize) -> (String, usize, bool, bool) {
    let len = line.chars().count();
    if len <= SNIPPET_CHARS {
        return (line.to_string(), 0, false, false);
    }
    let start = col
        .saturating_sub(40)
        .min(len.saturating_sub(SNIPPET_CHARS));
    let text: String = line.chars().skip(start).take(SNIPPET_CHARS).collect();
    (text, start, start > 0, start + SNIPPET_CHARS < len)
}

fn snippet(
    out: &mut String,
    sources: &SourceMap,
    span: Span,
    note: Option<&str>,
    style: Style,
    sev: Severity,
) {
    let file = sources.get(span.source);
    let (l, c, el, ec) = positions(sources, span);
    let _ = writeln!(
        out,
        "  {} {}:{l}:{c}",
        style.paint("34", "-->"),
        terminal_safe(&file.path)
    );
    let line = file.line_text(l);
    if line.is_empty() && file.text.is_empty() {
        return;
    }
    let gutter = l.to_string();
    let pad = " ".repeat(gutter.len());
    let line = if line.chars().any(is_unsafe_for_terminal) {
        std::borrow::Cow::Owned(snippet_safe(line))
    } else {
        std::borrow::Cow::Borrowed(line)
    };
    let (shown, offset, cut_left, cut_right) = window(&line, c - 1);
    let lead = if cut_left { "… " } else { "" };
    let _ = writeln!(out, "  {pad} {}", style.paint("34", "|"));
    let _ = writeln!(
        out,
        "  {} {} {lead}{shown}{}",
        style.paint("34", &gutter),
        style.paint("34", "|"),
        if cut_right { " …" } else { "" }
    );
    let lead_len = lead.chars().count();
    let shown_len = shown.chars().count() + lead_len;
    let shift = |col: usize| (col - 1).saturating_sub(offset) + lead_len;
    let start = shift(c).min(shown_len);
    let end = if el == l {
        shift(ec).min(shown_len)
    } else {
        shown_len
    };
    let width = end.saturating_sub(start).max(1);
    let marker_code = match sev {
        Severity::Error => "1;31",
        Severity::Warning => "1;33",
        Severity::Info => "1;36",
    };
    let mut marker = "^".repeat(width);
    if let Some(n) = note {
        marker.push(' ');
        marker.push_str(&terminal_safe(n));
    }
    let _ = writeln!(
        out,
        "  {pad} {} {}{}",
        style.paint("34", "|"),
        " ".repeat(start),
        style.paint(marker_code, &marker)
    );
}

fn location_json(d: &Diagnostic, sources: &SourceMap) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    if let Some(p) = d.path(sources) {
        m.insert("file".into(), json!(p));
    }
    let (l, c, el, ec) = d.span().map_or((1, 1, 1, 1), |s| positions(sources, s));
    if d.path(sources).is_some() {
        m.insert("line".into(), json!(l));
        m.insert("column".into(), json!(c));
        m.insert("end_line".into(), json!(el));
        m.insert("end_column".into(), json!(ec));
    }
    m
}

/// The JSON object of DESIGN.md: version, diagnostics, summary.
pub fn json(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let list: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut m = serde_json::Map::new();
            m.insert("rule".into(), json!(d.rule));
            m.insert("severity".into(), json!(d.severity.as_str()));
            m.insert("message".into(), json!(d.message));
            m.extend(location_json(d, sources));
            m.insert("hints".into(), json!(d.hints));
            if let Some(fix) = &d.fix {
                m.insert("fix".into(), json!({ "replacement": fix }));
            }
            // `message` stays English for tools; the author's language comes beside it.
            let lang = ui_lang();
            // A text with no translation is `null` there (a style pack's English-only rule).
            if lang != "en" {
                let hints: Vec<Option<String>> =
                    d.hints.iter().map(|h| d.translation(h, lang)).collect();
                m.insert(
                    "localized".into(),
                    json!({"lang": lang, "message": d.translation(&d.message, lang), "hints": hints}),
                );
            }
            if !d.related.is_empty() {
                let related: Vec<Value> = d
                    .related
                    .iter()
                    .map(|(s, note)| {
                        let (l, c, _, _) = positions(sources, *s);
                        json!({"file": sources.get(s.source).path, "line": l, "column": c, "message": note})
                    })
                    .collect();
                m.insert("related".into(), Value::Array(related));
            }
            Value::Object(m)
        })
        .collect();
    let doc = json!({"version": 1, "diagnostics": list, "summary": Summary::of(diags)});
    serde_json::to_string_pretty(&doc).expect("JSON of plain values") + "\n"
}

/// SARIF 2.1.0. `tool.driver.rules` lists every rule of the catalogue, with its summary,
/// documentation and default level, and the style packs' rules that occur.
pub fn sarif(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let mut rules: Vec<&str> = super::rules::ALL
        .iter()
        .map(|r| r.id)
        .chain(diags.iter().map(|d| d.rule.as_str()))
        .collect();
    rules.sort_unstable();
    rules.dedup();
    let rule_objs: Vec<Value> = rules
        .iter()
        .map(|id| match super::rules::find(id) {
            Some(r) => {
                let level = match r.level {
                    super::rules::Level::Error => "error",
                    super::rules::Level::Warning => "warning",
                    super::rules::Level::Info => "note",
                    super::rules::Level::Off => "none",
                };
                json!({
                    "id": r.id,
                    "name": r.id,
                    "shortDescription": {"text": r.summary("en")},
                    "fullDescription": {"text": r.doc("en").trim_end()},
                    "help": {"text": r.doc("en").trim_end()},
                    "defaultConfiguration": {"level": level, "enabled": r.level != super::rules::Level::Off},
                })
            }
            None => json!({"id": id, "name": id}),
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "note",
            };
            let mut message = d.message.clone();
            for h in &d.hints {
                message.push_str("\nhint: ");
                message.push_str(h);
            }
            let mut result = json!({
                "ruleId": d.rule,
                "ruleIndex": rules.binary_search(&d.rule.as_str()).unwrap_or(0),
                "level": level,
                "message": {"text": message},
            });
            if let Some(path) = d.path(sources) {
                let mut physical = json!({"artifactLocation": {"uri": path, "uriBaseId": "PROJECTROOT"}});
                if let Some(s) = d.span() {
                    let (l, c, el, ec) = positions(sources, s);
                    physical["region"] = json!({"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec});
                }
                result["locations"] = json!([{"physicalLocation": physical}]);
            }
            if let (Some(fix), Some(s), Some(path)) = (&d.fix, d.span(), d.path(sources)) {
                let (l, c, el, ec) = positions(sources, s);
                result["fixes"] = json!([{
                    "description": {"text": "apply the suggested replacement"},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": path, "uriBaseId": "PROJECTROOT"},
                        "replacements": [{
                            "deletedRegion": {"startLine": l, "startColumn": c, "endLine": el, "endColumn": ec},
                            "insertedContent": {"text": fix}
                        }]
                    }]
                }]);
            }
            result
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "sopdoc",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_objs
            }},
            "originalUriBaseIds": {"PROJECTROOT": {"description": {"text": "the project root (the folder holding sopdoc.yaml)"}}},
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    });
    serde_json::to_string_pretty(&doc).expect("JSON of plain values") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_windowed_around_the_column() {
        let line: String = "a".repeat(500);
        let (text, offset, left, right) = window(&line, 300);
        assert_eq!(text.chars().count(), SNIPPET_CHARS);
        assert_eq!(offset, 260);
        assert!(left && right);
        let (_, offset, left, _) = window(&line, 10);
        assert_eq!(offset, 0);
        assert!(!left);
        assert_eq!(window("short", 2), ("short".to_string(), 0, false, false));
    }
}
