// The sopdoc extension for VS Code: a client only. It starts `sopdoc lsp` for the folder
// that holds sopdoc.yaml; every feature (diagnostics, definition, hover, completion,
// references, rename, code actions, outline) comes from the server.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function start() {
  const command = vscode.workspace.getConfiguration('sopdoc').get('path') || 'sopdoc';
  client = new LanguageClient(
    'sopdoc',
    'sopdoc',
    { command, args: ['lsp'] },
    {
      documentSelector: [
        { scheme: 'file', language: 'markdown' },
        { scheme: 'file', language: 'yaml' },
        { scheme: 'file', pattern: '**/styles/words*.txt' },
      ],
      // Files changed outside the editor (a git pull, a translation import) are analyzed
      // again.
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher(
          '**/{*.md,*.yaml,*.yml,styles/words*.txt}'
        ),
      },
    }
  );
  return client.start();
}

function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('sopdoc.restart', async () => {
      if (client) {
        await client.stop();
      }
      await start();
    })
  );
  return start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
