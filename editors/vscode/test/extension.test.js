// The extension under Node with a stand-in for VS Code's API (VS Code itself does not run
// here): what it asks vscode-languageclient to start, and that this command line is a
// language server that answers. CRMPLAN_COMMAND names the crmplan to start.
"use strict";

const assert = require("node:assert/strict");
const { spawn } = require("node:child_process");
const Module = require("node:module");
const path = require("node:path");
const { test } = require("node:test");

const started = [];
const settings = {};
let onChange;

// the API the extension uses; any other name (the classes vscode-languageclient extends
// when it loads) is an empty class
const api = {
  workspace: {
    getConfiguration: (section) => {
      assert.equal(section, "crmplan");
      return { get: (key) => settings[key] };
    },
    onDidChangeConfiguration: (listener) => {
      onChange = listener;
      return { dispose() {} };
    },
  },
};
const vscode = new Proxy(api, {
  get: (known, name) => (name in known ? known[name] : (known[name] = class {})),
});

const load = Module._load;
Module._load = function (request, ...rest) {
  if (request === "vscode") {
    return vscode;
  }
  const real = load.call(this, request, ...rest);
  if (request === "vscode-languageclient/node") {
    class RecordedClient {
      constructor(id, name, server, client) {
        Object.assign(this, { id, name, server, client, running: false });
        started.push(this);
      }
      async start() { this.running = true; }
      async stop() { this.running = false; }
    }
    return { ...real, LanguageClient: RecordedClient };
  }
  return real;
};

const extension = require(path.join(__dirname, "..", "extension.js"));

test("it starts `crmplan lsp` over stdio for YAML documents, saved or not", async () => {
  Object.assign(settings, { command: "/opt/tools/crmplan", lang: "ko" });
  const context = { subscriptions: [] };
  await extension.activate(context);
  const client = started.at(-1);
  assert.equal(client.id, "crmplan");
  assert.deepEqual(client.server, { command: "/opt/tools/crmplan", args: ["lsp"],
                                    transport: 0 });  // TransportKind.stdio
  assert.deepEqual(client.client.documentSelector, [
    { scheme: "file", language: "yaml" },
    { scheme: "untitled", language: "yaml" },
  ]);
  assert.deepEqual(client.client.initializationOptions, { lang: "ko" });
  assert.ok(client.running);
  assert.equal(context.subscriptions.length, 1);
  await extension.deactivate();
  assert.ok(!client.running);
});

test("without settings it starts `crmplan` from PATH in the editor's language", () => {
  const none = { get: () => undefined };
  assert.deepEqual(extension.serverOptions(none), { command: "crmplan", args: ["lsp"],
                                                    transport: 0 });
  assert.deepEqual(extension.clientOptions(none).initializationOptions, {});
});

test("a changed setting restarts the server with it", async () => {
  Object.assign(settings, { command: "crmplan", lang: "" });
  await extension.activate({ subscriptions: [] });
  const before = started.at(-1);
  settings.lang = "zh";
  await onChange({ affectsConfiguration: (section) => section === "crmplan" });
  const after = started.at(-1);
  assert.notEqual(after, before);
  assert.ok(!before.running && after.running);
  assert.deepEqual(after.client.initializationOptions, { lang: "zh" });
  await onChange({ affectsConfiguration: () => false });
  assert.equal(started.at(-1), after);
  await extension.deactivate();
});

test("the command line it starts is crmplan's language server", { timeout: 60000 },
     async () => {
  const command = process.env.CRMPLAN_COMMAND;
  assert.ok(command, "CRMPLAN_COMMAND names the crmplan to start");
  const options = extension.serverOptions({ get: (key) => (key === "command" ? command
                                                                            : undefined) });
  const initialize = extension.clientOptions({ get: () => "en" }).initializationOptions;
  const server = spawn(options.command, options.args, { stdio: ["pipe", "pipe", "inherit"] });
  const answer = await new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    server.on("error", reject);
    server.stdout.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      const text = received.toString("utf8");
      const head = text.indexOf("\r\n\r\n");
      const length = /Content-Length: (\d+)/i.exec(text);
      if (head >= 0 && length && received.length >= head + 4 + Number(length[1])) {
        resolve(JSON.parse(received.subarray(head + 4, head + 4 + Number(length[1]))));
      }
    });
    const body = JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: {
      processId: process.pid, rootUri: null, capabilities: {},
      initializationOptions: initialize } });
    server.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
  server.kill();
  assert.equal(answer.result.serverInfo.name, "crmplan");
  assert.ok(answer.result.capabilities.completionProvider);
  assert.ok(answer.result.capabilities.hoverProvider);
});
