//! `sopdoc watch` and `sopdoc serve`: build, then rebuild on every save; `serve` also
//! serves the site with live reload.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use sopdoc::diag::{Diagnostic, Severity, emit};
use sopdoc::i18n::tr;
use sopdoc::msg;
use sopdoc::serve::{Live, Server};
use sopdoc::source::SourceMap;
use sopdoc::watch::{Cycle, Event, Outcome, PdfReport, Watch, WatchOptions};

use super::args::{ServeArgs, WatchArgs};
use super::{Cli, EXIT_OK, Term};

fn options(args: &WatchArgs) -> anyhow::Result<WatchOptions> {
    Ok(WatchOptions {
        out_dir: match &args.out {
            Some(dir) => Some(std::env::current_dir()?.join(dir)),
            None => None,
        },
        pdf: !args.no_pdf,
        ..WatchOptions::default()
    })
}

/// Runs `watch` until Ctrl-C.
pub(super) fn run_watch(cli: &Cli, args: &WatchArgs, term: &Term) -> anyhow::Result<u8> {
    let root = super::project_root(cli)?;
    let watch = Watch::new(&root, options(args)?)?;
    on_ctrl_c(&watch, None)?;
    term.status(&msg!("watch-watching", root = &root.display()).ui());
    let mut printer = Printer {
        term,
        live: None,
        shown: HashSet::new(),
    };
    watch.run(&mut |event| printer.event(event))?;
    term.status(&tr("watch-stopped"));
    Ok(EXIT_OK)
}

/// Runs `serve` until Ctrl-C.
pub(super) fn run_serve(cli: &Cli, args: &ServeArgs, term: &Term) -> anyhow::Result<u8> {
    let root = super::project_root(cli)?;
    let watch = Watch::new(&root, options(&args.watch)?)?;
    let live = Live::new();
    let server = Server::bind(&args.host, args.port, watch.out_dir(), Arc::clone(&live))?;
    let ip = server.addr().ip();
    if !ip.is_loopback() {
        eprintln!("{}", msg!("serve-public", ip = &ip).ui());
    }
    let url = server.url();
    let log: Option<sopdoc::serve::Logger> = std::env::var_os("SOPDOC_SERVE_LOG").map(|_| {
        Box::new(|method: &str, path: &str, status: u16| {
            // The path comes from the network: never raw escape sequences on the terminal.
            let safe = sopdoc::diag::emit::terminal_safe;
            eprintln!("{} {} {status}", safe(method), safe(path));
        }) as sopdoc::serve::Logger
    });
    server.spawn(log)?;
    on_ctrl_c(&watch, Some(Arc::clone(&live)))?;
    // Always printed (even with --quiet): the one thing the user needs.
    eprintln!("{}", msg!("serve-serving", url = &url).ui());
    let mut printer = Printer {
        term,
        live: Some(Arc::clone(&live)),
        shown: HashSet::new(),
    };
    watch.run(&mut |event| printer.event(event))?;
    live.stop();
    term.status(&tr("watch-stopped"));
    Ok(EXIT_OK)
}

fn on_ctrl_c(watch: &Watch, live: Option<Arc<Live>>) -> anyhow::Result<()> {
    let stopper = watch.stopper();
    ctrlc::set_handler(move || {
        stopper.stop();
        if let Some(live) = &live {
            live.stop();
        }
    })?;
    Ok(())
}

struct Printer<'a> {
    term: &'a Term,
    live: Option<Arc<Live>>,
    /// The warnings printed by the last cycle ([`warning_key`]): a save reprints only the
    /// new ones (errors always, as they hold the output back), so the one that matters is
    /// not lost among the same warnings printed again on every save.
    shown: HashSet<String>,
}

/// What identifies a warning from one save to the next: its rule, file, message and the
/// text of its line — not its line number, which moves when lines are added above.
fn warning_key(d: &Diagnostic, sources: &SourceMap) -> String {
    let line = d.span().map_or("", |s| {
        let file = sources.get(s.source);
        file.line_text(file.line_col(s.start).0)
    });
    format!(
        "{}\u{1f}{}\u{1f}{}\u{1f}{line}",
        d.rule,
        d.path(sources).unwrap_or(""),
        d.message
    )
}

impl Printer<'_> {
    fn event(&mut self, event: Event) {
        match event {
            Event::Cycle(c) => self.cycle(&c),
            Event::Pdf(r) => self.pdf(&r),
            Event::Trouble(msg) => eprintln!("{} {}", clock(), msg),
        }
    }

    fn diagnostics(&self, diags: &[Diagnostic], sources: &SourceMap) {
        let shown: Vec<Diagnostic> = diags
            .iter()
            .filter(|d| d.severity != Severity::Info)
            .cloned()
            .collect();
        if !shown.is_empty() {
            eprint!("{}", emit::human_body(&shown, sources, self.term.style()));
        }
    }

    /// Prints the cycle's errors and the warnings not printed by the last cycle; returns how
    /// many warnings are unchanged (not repeated) and how many of the last ones are gone.
    fn cycle_diagnostics(&mut self, c: &Cycle) -> (usize, usize) {
        let mut current = HashSet::new();
        let mut unchanged = 0;
        let shown: Vec<Diagnostic> = c
            .diagnostics
            .iter()
            .filter(|d| match d.severity {
                Severity::Info => false,
                Severity::Error => true,
                Severity::Warning => {
                    let key = warning_key(d, &c.sources);
                    let new = !self.shown.contains(&key);
                    unchanged += usize::from(!new);
                    current.insert(key);
                    new
                }
            })
            .cloned()
            .collect();
        if !shown.is_empty() {
            eprint!(
                "{}",
                emit::human_body(&shown, &c.sources, self.term.style())
            );
        }
        let gone = self.shown.difference(&current).count();
        self.shown = current;
        (unchanged, gone)
    }

    fn cycle(&mut self, c: &Cycle) {
        let (unchanged, gone) = self.cycle_diagnostics(c);
        let s = c.summary();
        let what = match c.outcome {
            Outcome::KeptPrevious => tr("watch-kept-previous"),
            Outcome::Written => {
                let docs = if c.full {
                    tr("watch-whole-site")
                } else if c.rendered.is_empty() {
                    tr("watch-site-pages")
                } else {
                    c.rendered
                        .iter()
                        .map(|(d, l)| format!("{d} ({l})"))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let mut w = msg!("watch-written", docs = docs, written = c.written).ui();
                if c.removed > 0 {
                    w.push_str(&msg!("watch-removed", removed = c.removed).ui());
                }
                if !c.pdf_queued.is_empty() {
                    w.push_str(&msg!("watch-pdf-queued", count = c.pdf_queued.len()).ui());
                }
                w
            }
        };
        let mut line = msg!(
            "watch-cycle",
            clock = clock(),
            trigger = &c.trigger,
            what = what,
            ms = &c.elapsed.as_millis(),
            errors = s.errors,
            warnings = s.warnings
        )
        .ui();
        if unchanged > 0 {
            line.push_str(&msg!("watch-unchanged", count = unchanged).ui());
        }
        if gone > 0 {
            line.push_str(&msg!("watch-fixed", count = gone).ui());
        }
        if std::env::var_os("SOPDOC_TIMINGS").is_some() {
            let t: Vec<String> = c
                .timings
                .iter()
                .map(|(what, at)| format!("{what} {} ms", at.as_millis()))
                .collect();
            eprintln!("timings: {}", t.join(", "));
            super::print_timings();
        }
        // The status line is printed even with --quiet: it is what the user watches.
        if s.errors > 0 {
            eprintln!("{line}");
        } else {
            self.term.status(&line);
            if self.term.quiet() {
                eprintln!("{line}");
            }
        }
        if let Some(live) = &self.live {
            live.publish(
                &c.diagnostics,
                &c.sources,
                c.outcome == Outcome::Written && c.written + c.removed > 0,
            );
        }
    }

    fn pdf(&mut self, r: &PdfReport) {
        self.diagnostics(&r.diagnostics, &r.sources);
        let (doc, lang) = &r.pair;
        let line = match &r.path {
            Some(_) => msg!(
                "watch-pdf-written",
                clock = clock(),
                file = format!("{doc}-{lang}.pdf"),
                pages = r.pages,
                ms = &r.elapsed.as_millis()
            )
            .ui(),
            None => msg!(
                "watch-pdf-not-written",
                clock = clock(),
                file = format!("{doc}-{lang}.pdf")
            )
            .ui(),
        };
        eprintln!("{line}");
    }
}

/// `HH:MM:SS` (UTC) for status lines.
fn clock() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or(Duration::ZERO)
        .as_secs();
    let day = secs % 86_400;
    format!("[{:02}:{:02}:{:02}]", day / 3600, day % 3600 / 60, day % 60)
}
