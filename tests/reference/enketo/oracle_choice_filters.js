// Evaluates the choice filters of cases_choice_filters.json with Enketo's
// openrosa-xpath-evaluator and writes tests/survey/fixtures/choice_filter_oracle_repeats.json.
//
//   cd tests/reference/enketo && npm ci && npm run oracle-choice-filters
//
// A case is a choice filter as written in an XLSForm ("filter"), the choice list it filters
// ("list", rows of cases_choice_filters.json's "lists") and the question it belongs to
// ("context", the indexed path of that question's node in the XML instance). `${name}` is
// written as pyxform writes it in a choice filter: `current()/` and a path relative to the
// question when the two share a repeat (from their nearest common repeat), else the absolute
// path. The evaluator has no `current()` and no `instance()`: enketo-core rewrites both before
// it evaluates an itemset, as it rewrites indexed-repeat(). Here `current()` becomes the
// choice list is placed inside the document, under the question's node (after the `${}` paths
// are found), as `_list_<name>/item`, and `current()` becomes `../..`, the path from an item to
// the question's node, the node current() returns (the evaluator cannot take a step after a
// predicate, so an indexed absolute path such as `/data/members[2]/relation/../age` is not
// an option). The filter is evaluated as a boolean with each item as its context node, as
// the predicate of `item[...]` is. The result per case is the names of the choices that pass,
// in list order.
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

function runCase(table, c) {
  const doc = new dom.window.DOMParser().parseFromString(table.instances[c.instance], 'text/xml');
  const context = doc.evaluate(c.context, doc, null, XPathResult.FIRST_ORDERED_NODE_TYPE,
    null).singleNodeValue;
  if (!context) throw new Error(`no context node ${c.context}`);
  const filter = toXPath(c.filter, doc, context, table.repeats[c.instance], 'current()/');
  const list = doc.createElement(`_list_${c.list}`);
  const items = table.lists[c.list].map((row) => {
    const item = doc.createElement('item');
    for (const [key, value] of Object.entries(row)) {
      const column = doc.createElement(key);
      column.textContent = value;
      item.appendChild(column);
    }
    list.appendChild(item);
    return [row.name, item];
  });
  context.appendChild(list);
  const predicate = filter.replace(/current\(\)/g, '../..');
  const passed = items.filter(([, item]) => evaluator.evaluate(
    predicate, item, null, XPathResult.BOOLEAN_TYPE, null).booleanValue).map(([name]) => name);
  return { ...c, xpath: predicate, passed };
}

const table = JSON.parse(fs.readFileSync(path.join(__dirname, 'cases_choice_filters.json'), 'utf8'));
const results = table.cases.map((c) => {
  const instance = c.instance || Object.keys(table.instances)[0];
  try {
    return runCase(table, { ...c, instance });
  } catch (e) {
    console.error(`Enketo cannot evaluate ${JSON.stringify(c)}: ${String(e.message).slice(0, 200)}`);
    process.exitCode = 1;
    return null;
  }
});
if (process.exitCode) process.exit(1);
const out = {
  generator: 'tests/reference/enketo/oracle_choice_filters.js',
  evaluator: `${pkg.name} ${pkg.version}`,
  timezone: process.env.TZ || '',
  instances: table.instances,
  repeats: table.repeats,
  lists: table.lists,
  cases: results,
};
const target = path.join(__dirname, '..', '..', 'survey', 'fixtures',
  'choice_filter_oracle_repeats.json');
fs.writeFileSync(target, JSON.stringify(out, null, 1) + '\n');
console.log(`wrote ${results.length} cases to ${path.relative(process.cwd(), target)}`);
