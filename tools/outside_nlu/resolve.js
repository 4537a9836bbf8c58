// Reads utterances (one a line) on stdin; prints one JSON object a line: the request virtual-alexa built.
const va = require("virtual-alexa");
const fs = require("fs");
const model = process.argv[2];
const lines = fs.readFileSync(0, "utf8").split("\n").filter((l) => l.trim());
let captured = null;
const alexa = va.VirtualAlexa.Builder()
  .handler((event, context, callback) => { captured = event; callback(null, { version: "1.0", response: {} }); })
  .interactionModelFile(model)
  .create();
(async () => {
  for (const line of lines) {
    captured = null;
    let error = null;
    try { await alexa.utter(line); } catch (e) { error = String(e.message || e); }
    const request = captured ? captured.request : null;
    process.stdout.write(JSON.stringify({ utterance: line, request, error }) + "\n");
  }
})();
