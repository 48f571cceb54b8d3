// Evaluates the cases of cases_repeats.json, expressions over repeat instances, with Enketo's
// openrosa-xpath-evaluator and writes tests/survey/fixtures/expression_oracle_repeats.json.
//
//   cd tests/reference/enketo && npm ci && npm run oracle-repeats
//
// cases_repeats.json holds XML instances with several repeat instances, the names of their
// repeats, and cases {"expr": "...", "instance": "roster", "context": "/data/members[2]/age"}.
// `${name}` is written as pyxform writes it: a path relative to the context node when the two
// share a repeat (from the nearest common repeat ancestor: `../name`), else the absolute path.
// The context node is the question the expression belongs to.
'use strict';
const fs = require('fs');
const path = require('path');
const { JSDOM } = require('jsdom');

const dom = new JSDOM('');
for (const k of ['Node', 'XPathResult', 'XPathEvaluator', 'Element', 'Document']) {
  global[k] = dom.window[k];
}
const orxe = require('openrosa-xpath-evaluator');
const evaluator = orxe();
const pkg = require('openrosa-xpath-evaluator/package.json');
const { toXPath } = require('./pyxform_paths');

function encodeNumber(n) {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return n;
}

function runCase(table, c) {
  const doc = new dom.window.DOMParser().parseFromString(table.instances[c.instance], 'text/xml');
  const context = doc.evaluate(c.context, doc, null, XPathResult.FIRST_ORDERED_NODE_TYPE,
    null).singleNodeValue;
  if (!context) throw new Error(`no context node ${c.context}`);
  const xpath = toXPath(c.expr, doc, context, table.repeats[c.instance]);
  const run = (type) => evaluator.evaluate(xpath, context, null, type, null);
  return {
    ...c,
    xpath,
    string: run(XPathResult.STRING_TYPE).stringValue,
    number: encodeNumber(run(XPathResult.NUMBER_TYPE).numberValue),
    boolean: run(XPathResult.BOOLEAN_TYPE).booleanValue,
  };
}

const table = JSON.parse(fs.readFileSync(path.join(__dirname, 'cases_repeats.json'), 'utf8'));
const results = table.cases.map((c) => {
  try {
    return runCase(table, c);
  } catch (e) {
    console.error(`Enketo cannot evaluate ${JSON.stringify(c)}: ${String(e.message).slice(0, 200)}`);
    process.exitCode = 1;
    return null;
  }
});
if (process.exitCode) process.exit(1);
const out = {
  generator: 'tests/reference/enketo/oracle_repeats.js',
  evaluator: `${pkg.name} ${pkg.version}`,
  timezone: process.env.TZ || '',
  instances: table.instances,
  repeats: table.repeats,
  cases: results,
};
const target = path.join(__dirname, '..', '..', 'survey', 'fixtures', 'expression_oracle_repeats.json');
fs.writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${results.length} cases to ${path.relative(process.cwd(), target)}`);
