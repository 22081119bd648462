//! `--help` in the interface language. clap writes its help from the doc comments of
//! `args.rs` (English, the reference); for another language the built command is walked
//! and every text it shows is replaced by the message of `locales/<lang>/help.ftl` keyed
//! by command path and argument id: `cmd-translate-export` (what the command does),
//! `cmd-translate-export-after` (its examples), `arg-translate-export-lang` (an option),
//! `arg-project` (a global option, the same under every command). The headings clap does
//! not let an application name ("Usage") come from a help template.
//!
//! This file depends only on `clap` and `sopdoc::i18n`, so the integration tests include
//! it (`#[path]`) and check that every text has its key in every language.

use clap::Command;
use clap::builder::StyledStr;

/// The command with every help text in `lang` (unchanged for English, whose texts are
/// the doc comments themselves). The command is built first, so clap's own `--help`,
/// `--version` and `help` entries are there to be translated too.
pub fn localize(mut cmd: Command, lang: &str) -> Command {
    if lang == "en" {
        return cmd;
    }
    cmd.build();
    localize_command(cmd, &[], lang)
}

/// The keys of every help text of `cmd` (built), with the English text clap shows for
/// it (the doc comment), in walking order: for tests and for writing `locales/en/help.ftl`.
#[allow(dead_code)] // Used by the integration tests.
pub fn english_texts(cmd: &Command) -> Vec<(String, String)> {
    let mut cmd = cmd.clone();
    cmd.build();
    let mut out = Vec::new();
    collect(&cmd, &[], &mut out);
    out
}

#[allow(dead_code)] // Used by the integration tests.
fn collect(cmd: &Command, path: &[String], out: &mut Vec<(String, String)>) {
    let base = command_key(path);
    let about = cmd
        .get_long_about()
        .or(cmd.get_about())
        .map(StyledStr::to_string)
        .unwrap_or_default();
    push_unique(out, base.clone(), about);
    if let Some(after) = cmd.get_after_help() {
        push_unique(out, format!("{base}-after"), after.to_string());
    }
    for arg in cmd.get_arguments() {
        let Some(help) = arg.get_long_help().or(arg.get_help()) else {
            continue;
        };
        push_unique(out, arg_key(path, arg), help.to_string());
    }
    for sub in cmd.get_subcommands() {
        let mut p = path.to_vec();
        p.push(sub.get_name().to_string());
        collect(sub, &p, out);
    }
}

#[allow(dead_code)] // Used by the integration tests.
fn push_unique(out: &mut Vec<(String, String)>, key: String, text: String) {
    if !out.iter().any(|(k, _)| *k == key) {
        out.push((key, text));
    }
}

/// `cmd` for the root, `cmd-translate-export` for a sub-command. clap's own `help`
/// sub-command lists the commands again (`help translate export`): those entries share the
/// commands' keys, and every `help` command itself is `cmd-help`.
fn command_key(path: &[String]) -> String {
    if path.last().is_some_and(|p| p == "help") {
        return "cmd-help".to_string();
    }
    let path: Vec<&str> = path
        .iter()
        .map(String::as_str)
        .filter(|p| *p != "help")
        .collect();
    if path.is_empty() {
        "cmd".to_string()
    } else {
        format!("cmd-{}", path.join("-"))
    }
}

/// `arg-<id>` for global and built-in arguments (the same text under every command),
/// `arg-<command path>-<id>` for the others.
fn arg_key(path: &[String], arg: &clap::Arg) -> String {
    let id = arg.get_id().as_str();
    if arg.is_global_set() || path.is_empty() || id == "help" || id == "version" {
        format!("arg-{id}")
    } else {
        format!("arg-{}-{id}", path.join("-"))
    }
}

/// clap takes these headings as `&'static str` (its `string` feature is off): a few
/// words, once per command, in a process that prints the help and exits.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

fn text(key: &str, lang: &str) -> Option<String> {
    sopdoc::i18n::lookup(key, lang)
}

/// `texts` as a Fluent file (what `locales/en/help.ftl` holds): one message a text, lines
/// after the first indented, characters Fluent reserves escaped.
#[allow(dead_code)] // Used by the integration tests.
pub fn to_ftl(header: &str, texts: &[(String, String)]) -> String {
    let mut out = String::from(header);
    for (key, text) in texts {
        let text: String = text
            .chars()
            .map(|c| match c {
                '{' => "{\"{\"}".to_string(),
                '}' => "{\"}\"}".to_string(),
                c => c.to_string(),
            })
            .collect();
        out.push_str(&format!("\n{key} ="));
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() == 1 {
            out.push_str(&format!(" {}\n", lines[0]));
            continue;
        }
        out.push('\n');
        for line in lines {
            if line.is_empty() {
                out.push('\n');
            } else {
                out.push_str(&format!("    {line}\n"));
            }
        }
    }
    out
}

fn localize_command(mut cmd: Command, path: &[String], lang: &str) -> Command {
    let base = command_key(path);
    if let Some(about) = text(&base, lang) {
        cmd = cmd.about(about.clone()).long_about(about);
    }
    if cmd.get_after_help().is_some()
        && let Some(after) = text(&format!("{base}-after"), lang)
    {
        cmd = cmd.after_help(after);
    }
    let heading = |key: &str, fallback: &str| text(key, lang).unwrap_or_else(|| fallback.into());
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            heading("help-usage", "Usage:")
        ))
        .subcommand_help_heading(leak(heading("help-commands", "Commands")))
        .subcommand_value_name(leak(heading("help-command", "COMMAND")));
    let values = heading("help-values", "possible values:");
    let default = heading("help-default", "default:");
    let path_owned = path.to_vec();
    cmd = cmd.mut_args(|arg| {
        let Some(help) = text(&arg_key(&path_owned, &arg), lang) else {
            return arg;
        };
        // clap words its value lists in English: say them here, in this language.
        let mut extra = String::new();
        let possible: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
        if takes_value && !possible.is_empty() && !arg.is_hide_possible_values_set() {
            extra.push_str(&format!(" [{values} {}]", possible.join(", ")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .filter(|v| !v.is_empty())
            .collect();
        if takes_value && !defaults.is_empty() && !arg.is_hide_default_value_set() {
            extra.push_str(&format!(" [{default} {}]", defaults.join(",")));
        }
        let full = format!("{help}{extra}");
        arg.help(full.clone())
            .long_help(full)
            .hide_possible_values(true)
            .hide_default_value(true)
    });
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let mut p = path.to_vec();
        p.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |sub| localize_command(sub, &p, lang));
    }
    cmd
}
