//! `sopdoc lsp`: the language server on this process's stdin and stdout.

use super::EXIT_OK;

/// Serves the editor until it says `exit`; exit code 1 when it exits without `shutdown`,
/// as the protocol asks.
pub fn run(cli: &super::Cli) -> anyhow::Result<u8> {
    // The editor's language counts only when the user chose none for sopdoc itself.
    let chosen =
        cli.ui_lang.is_some() || std::env::var("SOPDOC_LANG").is_ok_and(|v| !v.trim().is_empty());
    let input = Box::new(std::io::BufReader::new(std::io::stdin()));
    let mut output = std::io::stdout().lock();
    let clean = sopdoc::lsp::serve(input, &mut output, !chosen)?;
    Ok(if clean { EXIT_OK } else { 1 })
}
