//! `sopdoc lsp`: the language server on this process's stdin and stdout.

use super::EXIT_OK;

/// Serves the editor until it says `exit`; exit code 1 when it exits without `shutdown`,
/// as the protocol asks.
pub fn run() -> anyhow::Result<u8> {
    let input = Box::new(std::io::BufReader::new(std::io::stdin()));
    let mut output = std::io::stdout().lock();
    let clean = sopdoc::lsp::serve(input, &mut output)?;
    Ok(if clean { EXIT_OK } else { 1 })
}
