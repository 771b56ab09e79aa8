// crmplan for VS Code: starts `crmplan lsp` for the YAML files VS Code opens and hands it
// the plans as they are typed. The server decides which files are plans (docs/editor.md).
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

/** What VS Code starts, from the setting crmplan.command. */
function serverOptions(settings) {
  return {
    command: settings.get("command") || "crmplan",
    args: ["lsp"],
    transport: TransportKind.stdio,
  };
}

/** Which documents the server sees (saved or not), and the language it answers in. */
function clientOptions(settings) {
  const lang = settings.get("lang");
  return {
    documentSelector: [
      { scheme: "file", language: "yaml" },
      { scheme: "untitled", language: "yaml" },
    ],
    initializationOptions: lang ? { lang } : {},
  };
}

/** A client started with the settings as they are now. */
function start() {
  const settings = vscode.workspace.getConfiguration("crmplan");
  client = new LanguageClient("crmplan", "crmplan", serverOptions(settings),
                              clientOptions(settings));
  return client.start();
}

function activate(context) {
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration(async (change) => {
      if (change.affectsConfiguration("crmplan")) {  // another program or language
        await deactivate();
        await start();
      }
    }),
  );
  return start();
}

function deactivate() {
  const running = client;
  client = undefined;
  return running ? running.stop() : Promise.resolve();
}

module.exports = { activate, deactivate, serverOptions, clientOptions };
