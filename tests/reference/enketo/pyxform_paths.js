// `${name}` written as pyxform writes it in an XForm, shared by the oracles over repeats: a
// path relative to the context node when the two share a repeat (from the nearest common
// repeat ancestor: `../name`; in a choice filter `current()/../name`), else the absolute path.
'use strict';

function names(node) {
  const out = [];
  for (let n = node; n && n.nodeType === 1; n = n.parentNode) out.unshift(n.nodeName);
  return out;
}

function firstNamed(doc, name) {
  const found = doc.getElementsByTagName(name)[0];
  if (!found) throw new Error(`no node named ${name}`);
  return found;
}

// `relative` is what a relative path starts with ('' in a bind, 'current()/' in a choice
// filter, where a bare path would start at the choice).
function pyxformPath(doc, context, name, repeats, relative = '') {
  const target = names(firstNamed(doc, name));
  const here = names(context);
  let shared = 0;
  while (shared < Math.min(target.length, here.length) && target[shared] === here[shared]) shared++;
  let common = 0;
  // The nearest repeat around both; a repeat referred to by name (count(${visits})) counts
  // from its parent instance, so its own level is left out.
  for (let i = 0; i < Math.min(shared, target.length - 1); i++) {
    if (repeats.includes(target[i])) common = i + 1;
  }
  if (common === 0) return ` /${target.join('/')} `;
  const up = '../'.repeat(here.length - common);
  return ` ${relative}${up}${target.slice(common).join('/')} `;
}

// Every `${name}` of `expr` as pyxform writes it for the node `context`.
function toXPath(expr, doc, context, repeats, relative = '') {
  return expr.replace(/\$\{([^}]+)\}/g,
    (_, name) => pyxformPath(doc, context, name, repeats, relative));
}

module.exports = { toXPath };
