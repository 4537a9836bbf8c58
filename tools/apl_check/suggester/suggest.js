// Amazon's apl-suggester over APL documents, offline, with no finding allowed (tools/apl_check runs it).
//
//   node suggest.js PACKAGES_DIR DOC.json [DOC.json ...]
//
// Each DOC.json is {"document": {...}, "datasources": {...}}. Prints one JSON object per document:
// {"file", "findings": [...]} and exits 1 when any document has a finding. A finding is whatever the
// suggester reports: its validation results (it reports problems as warnings), every error it raises
// through its ErrorController (unknown component types, packages it cannot load), and anything it prints
// with console.warn/console.error except its one debug line about its own tables ("No mixin for
// component : X", printed for every child of a component that adds no properties to its children).
//
// Packages (import) are never fetched: the suggester's requests to Amazon's package host are answered
// from PACKAGES_DIR/<name>-<version>.json, and any other request fails (and so is a finding).
'use strict';
const fs = require('fs');
const path = require('path');
const axios = require('axios');
const suggester = require('apl-suggester');

const [packagesDir, ...files] = process.argv.slice(2);
const PACKAGE_URL = /^https:\/\/arl\.assets\.apl-alexa\.com\/packages\/([^/]+)\/([^/]+)\//;
axios.get = async (url) => {
  const match = PACKAGE_URL.exec(url);
  const local = match && path.join(packagesDir, `${match[1]}-${match[2]}.json`);
  if (!local || !fs.existsSync(local)) {
    throw new Error(`offline: no local description for ${url}`);
  }
  return { data: JSON.parse(fs.readFileSync(local, 'utf8')) };
};

let current = [];
const errors = suggester.ErrorController.getInstance();
errors.registerErrors();
errors.setErrorInterface({
  sendError: (error) => current.push({ source: 'ErrorController', code: error.code,
    message: error.message || error.description, details: JSON.stringify(error.placeholders || {}) }),
});
const NOISE = /^No mixin for component : \w+$/;
for (const level of ['warn', 'error']) {
  console[level] = (...args) => {
    const text = args.map(String).join(' ');
    if (!NOISE.test(text)) current.push({ source: `console.${level}`, message: text });
  };
}

(async () => {
  let failed = false;
  for (const file of files) {
    current = [];
    errors.clearExistingWarn();
    const { document, datasources } = JSON.parse(fs.readFileSync(file, 'utf8'));
    const validator = new suggester.StaticAplTemplateValidator();
    for (const result of await validator.validate(document)) current.push({ source: 'validate', ...result });
    for (const result of await validator.validateDataSources(datasources || {})) {
      current.push({ source: 'validateDataSources', ...result });
    }
    failed = failed || current.length > 0;
    process.stdout.write(JSON.stringify({ file: path.basename(file), findings: current }) + '\n');
  }
  process.exit(failed ? 1 : 0);
})().catch((error) => {
  process.stdout.write(JSON.stringify({ file: null, findings: [{ source: 'crash', message: String(error) }] }) + '\n');
  process.exit(2);
});
