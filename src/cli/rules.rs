//! `sopdoc rules` and `sopdoc explain RULE`: the rule catalogue and the style packs' rules,
//! as an author looks them up after a finding.

use sopdoc::diag::rules::{self, Level};
use sopdoc::i18n::{tr, ui_lang};
use sopdoc::msg;

use super::args::{ExplainArgs, RulesArgs};
use super::{Cli, EXIT_OK};

/// One line of the listing: id, level, summary.
struct Line {
    id: String,
    level: &'static str,
    summary: String,
}

fn all_lines(cli: &Cli) -> Vec<Line> {
    let mut lines: Vec<Line> = rules::ALL
        .iter()
        .map(|r| Line {
            id: r.id.to_string(),
            level: r.level.as_str(),
            summary: r.summary(ui_lang()).to_string(),
        })
        .collect();
    let set = sopdoc::check::style::rules_for(&own_rules(cli));
    for pack in &set.packs {
        for r in &pack.rules {
            lines.push(Line {
                id: r.id.clone(),
                level: severity_word(r.severity),
                summary: first_sentence(pack_message(r)),
            });
        }
    }
    lines
}

/// The current project's own rule files, when there is a project.
fn own_rules(cli: &Cli) -> Vec<(String, String)> {
    let Ok(root) = super::project_root(cli) else {
        return Vec::new();
    };
    match sopdoc::project::load(&root) {
        Ok(sopdoc::project::Loaded {
            project: Some(p), ..
        }) => sopdoc::check::style::project_rule_texts(&p),
        _ => Vec::new(),
    }
}

fn severity_word(s: sopdoc::diag::Severity) -> &'static str {
    match s {
        sopdoc::diag::Severity::Error => Level::Error.as_str(),
        sopdoc::diag::Severity::Warning => Level::Warning.as_str(),
        sopdoc::diag::Severity::Info => Level::Info.as_str(),
    }
}

/// A pack rule's message template in the interface language (English when the pack gives
/// no other).
fn pack_message(r: &sopdoc::check::style::compile::Rule) -> &str {
    r.messages
        .iter()
        .find(|(l, _)| l == ui_lang())
        .map_or(r.message.as_str(), |(_, t)| t.as_str())
}

/// A pack message without its `{match}`/`{fix}` placeholders, as a summary.
fn first_sentence(message: &str) -> String {
    message
        .replace("`{match}`", "…")
        .replace("{match}", "…")
        .replace("{fix}", "…")
        .replace("{count}", "N")
}

pub(super) fn run_rules(cli: &Cli, args: &RulesArgs) -> anyhow::Result<u8> {
    let lines: Vec<Line> = all_lines(cli)
        .into_iter()
        .filter(|l| {
            args.area.as_deref().is_none_or(|a| {
                l.id == a || l.id.strip_prefix(a).is_some_and(|r| r.starts_with('/'))
            })
        })
        .collect();
    if lines.is_empty() {
        let area = args.area.as_deref().unwrap_or("");
        return Err(sopdoc::Error::usage(msg!(
            "rules-no-rule-in",
            area = area,
            areas = rules::areas().join(", ")
        ))
        .into());
    }
    let width = lines.iter().map(|l| l.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for l in &lines {
        out.push_str(&format!("{:width$}  {:7}  {}\n", l.id, l.level, l.summary));
    }
    print!("{out}");
    Ok(EXIT_OK)
}

pub(super) fn run_explain(cli: &Cli, args: &ExplainArgs) -> anyhow::Result<u8> {
    let id = args.rule.trim_matches(|c| c == '[' || c == ']');
    if let Some(r) = rules::find(id) {
        println!(
            "{}  ({})\n\n{}\n\n{}",
            r.id,
            r.level.as_str(),
            r.summary(ui_lang()),
            r.doc(ui_lang()).trim_end()
        );
        return Ok(EXIT_OK);
    }
    let set = sopdoc::check::style::rules_for(&own_rules(cli));
    for pack in &set.packs {
        if let Some(r) = pack.rules.iter().find(|r| r.id == id) {
            let languages = if pack.languages.is_empty() {
                tr("explain-every-language")
            } else {
                pack.languages.join(", ")
            };
            let source = if r.source.is_empty() {
                tr("explain-source-not-given")
            } else {
                r.source.clone()
            };
            println!(
                "{}  ({})\n\n{}\n\n{}{}",
                r.id,
                severity_word(r.severity),
                first_sentence(pack_message(r)),
                msg!(
                    "explain-pack",
                    pack = &pack.name,
                    languages = languages,
                    source = source,
                    confidence = r.confidence.as_str()
                )
                .ui(),
                if r.fixable {
                    format!("\n{}", tr("explain-fixable"))
                } else {
                    String::new()
                },
            );
            return Ok(EXIT_OK);
        }
    }
    let known: Vec<String> = all_lines(cli).into_iter().map(|l| l.id).collect();
    let mut parts = vec![msg!("rules-unknown-id", id = id).into()];
    parts.extend(sopdoc::diag::did_you_mean(
        id,
        known.iter().map(String::as_str),
    ));
    Err(sopdoc::Error::Usage(parts).into())
}
