//! Terminal output: colour choice, progress, errors. Human text goes to stderr; machine
//! output (JSON, SARIF, completions, diffs) to stdout.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use sopdoc::diag::emit::Style;
use sopdoc::i18n::{tr, ui_lang};

use super::ColorChoice;

/// How to talk to the user.
pub struct Term {
    color: bool,
    quiet: bool,
    interactive: bool,
}

impl Term {
    /// Decides colour and progress from flags, NO_COLOR and whether stderr is a terminal.
    pub fn new(choice: ColorChoice, quiet: bool) -> Self {
        let interactive = std::io::stderr().is_terminal();
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                interactive && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Term {
            color,
            quiet,
            interactive,
        }
    }

    /// Diagnostic styles.
    pub fn style(&self) -> Style {
        Style::new(self.color)
    }

    /// Whether to print summaries and progress.
    pub fn quiet(&self) -> bool {
        self.quiet
    }

    /// A status line on stderr (not in quiet mode).
    pub fn status(&self, msg: &str) {
        if !self.quiet {
            if self.color {
                eprintln!("\x1b[1;32m{msg}\x1b[0m");
            } else {
                eprintln!("{msg}");
            }
        }
    }

    /// A spinner for work that may take more than a moment; hidden when quiet or not a terminal.
    pub fn progress(&self, msg: &str) -> ProgressBar {
        if self.quiet || !self.interactive {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {msg} [{elapsed}]").expect("valid template"),
        );
        bar.set_message(msg.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    }

    /// Prints an environment error with its hint, in the interface language.
    pub fn error(&self, err: &anyhow::Error) {
        let lang = ui_lang();
        let library = err.downcast_ref::<sopdoc::Error>();
        let text = match library {
            Some(e) => e.text(lang),
            None => match err.downcast_ref::<std::io::Error>() {
                Some(io) => sopdoc::error::io_reason(io, lang),
                None => err.to_string(),
            },
        };
        self.error_text(&text, library.and_then(|e| e.hint_in(lang)).as_deref());
    }

    /// Prints an environment error already put into words, with an optional hint.
    pub fn error_text(&self, text: &str, hint: Option<&str>) {
        let label = tr("error-label");
        if self.color {
            eprintln!("\x1b[1;31m{label}\x1b[0m {text}");
        } else {
            eprintln!("{label} {text}");
        }
        if let Some(hint) = hint {
            let label = tr("hint-label");
            if self.color {
                eprintln!("\x1b[1;32m{label}\x1b[0m {hint}");
            } else {
                eprintln!("{label} {hint}");
            }
        }
    }
}
