// Evaluates every case of cases.json with Enketo's openrosa-xpath-evaluator (ODK's web engine)
// and writes the results to tests/survey/fixtures/expression_oracle.json, so that the Python
// evaluator can be checked against it without Node.
//
//   cd tests/reference/enketo && npm ci && npm run oracle
//
// cases.json holds named instances ({"name": "text", ...}) and cases
// {"expr": "...", "instance": "main", "current": "text"}.
// `${name}` becomes ` /data/name ` (as pyxform writes it, with the spaces) and `.` is the
// <current> element, used as the context node. The process runs with TZ=UTC (see package.json)
// because Enketo counts days from 1970-01-01 in the browser's time zone.
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

function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function buildDocument(values, current) {
  const body = Object.entries(values)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  const xml = `<data>${body}<current>${escapeXml(current)}</current></data>`;
  return new dom.window.DOMParser().parseFromString(xml, 'text/xml');
}

function toXPath(expr) {
  return expr.replace(/\$\{([^}]+)\}/g, ' /data/$1 ');
}

function encodeNumber(n) {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return 'Infinity';
  if (n === -Infinity) return '-Infinity';
  return n;
}

function evaluate(xpath, doc, type) {
  const context = doc.getElementsByTagName('current')[0];
  return evaluator.evaluate(xpath, context, null, type, null);
}

function runCase(c) {
  const doc = buildDocument(table.instances[c.instance], c.current || '');
  const xpath = toXPath(c.expr);
  const any = evaluate(xpath, doc, XPathResult.ANY_TYPE);
  let raw;
  switch (any.resultType) {
    case XPathResult.NUMBER_TYPE: raw = { type: 'number', value: encodeNumber(any.numberValue) }; break;
    case XPathResult.BOOLEAN_TYPE: raw = { type: 'boolean', value: any.booleanValue }; break;
    case XPathResult.STRING_TYPE:
    case XPathResult.ANY_TYPE: raw = { type: 'string', value: any.stringValue }; break;
    default: {
      // A node-set: our evaluator returns the node's string value.
      const node = any.iterateNext();
      raw = { type: 'string', value: node ? node.textContent : '' };
    }
  }
  return {
    ...c,
    raw,
    string: evaluate(xpath, doc, XPathResult.STRING_TYPE).stringValue,
    number: encodeNumber(evaluate(xpath, doc, XPathResult.NUMBER_TYPE).numberValue),
    boolean: evaluate(xpath, doc, XPathResult.BOOLEAN_TYPE).booleanValue,
  };
}

// Optional arguments: another table and output file, and --keep-going to record the cases
// Enketo cannot evaluate (as {"error": ...}) instead of failing; used for exploratory runs.
const args = process.argv.slice(2).filter((a) => a !== '--keep-going');
const keepGoing = process.argv.includes('--keep-going');
const table = JSON.parse(fs.readFileSync(args[0] || path.join(__dirname, 'cases.json'), 'utf8'));
const cases = table.cases;
const results = [];
let failures = 0;
for (const c of cases) {
  try {
    results.push(runCase(c));
  } catch (e) {
    if (keepGoing) {
      results.push({ ...c, error: String(e.message).slice(0, 200) });
      continue;
    }
    failures += 1;
    console.error(`Enketo cannot evaluate ${JSON.stringify(c)}: ${String(e.message).slice(0, 200)}`);
  }
}
if (failures) {
  console.error(`${failures} case(s) failed; remove or fix them in cases.json`);
  process.exit(1);
}
const out = {
  generator: 'tests/reference/enketo/oracle.js',
  evaluator: `${pkg.name} ${pkg.version}`,
  timezone: process.env.TZ || '',
  instances: table.instances,
  cases: results,
};
const target = args[1] || path.join(__dirname, '..', '..', 'survey', 'fixtures', 'expression_oracle.json');
fs.writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${results.length} cases to ${path.relative(process.cwd(), target)}`);
