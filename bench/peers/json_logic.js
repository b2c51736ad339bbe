#!/usr/bin/env node
// Decides the records of a JSON Lines file with json-logic-js and the rules
// of rules/hohhot-talent-25.jsonlogic.json; prints one decision per line:
// status, amount, window, missing facts and notes per program.
//
//   node json_logic.js --as-of YYYY-MM-DD [FILE]
'use strict';

const path = require('path');
const jsonLogic = require('json-logic-js');
const records = require('./lib/records');

const kUsage = 'usage: node json_logic.js --as-of YYYY-MM-DD [FILE]';
const rules = require(path.join(__dirname, 'rules', 'hohhot-talent-25.jsonlogic.json'));

// What every record's data shares: the as-of date, the parameters, and the
// named expressions, each evaluated when a rule first reads it and then kept
// in that record's data (json-logic-js reads `var` through the prototype).
function sharedData(asOf) {
  const shared = { as_of: asOf, parameters: rules.parameters };
  for (const expression of rules.expressions) {
    Object.defineProperty(shared, expression.id, {
      get() {
        const value = jsonLogic.apply(expression.is, this);
        Object.defineProperty(this, expression.id, { value, writable: true, enumerable: true });
        return value;
      },
    });
  }
  return shared;
}

function decide(data) {
  const programs = [];
  for (const program of rules.programs) {
    const status = jsonLogic.apply(program.status, data);
    let amount = null;
    let window = null;
    let missing = null;
    let notes = null;
    if (status === 'eligible') {
      if (program.expressions) {
        for (const expression of program.expressions) data[expression.id] = jsonLogic.apply(expression.is, data);
      }
      amount = jsonLogic.apply(program.amount, data);
      if (program.window) {
        window = { start: jsonLogic.apply(program.window.start, data), end: jsonLogic.apply(program.window.end, data) };
      }
      if (program.notes) notes = program.notes.filter((note) => jsonLogic.apply(note.when, data)).map((note) => note.id);
    } else if (status === 'needs_info') {
      missing = jsonLogic.apply(program.missing, data);
    }
    programs.push(records.programResult(program.program, status, amount, window, missing, notes));
  }
  return { id: data.id, programs };
}

function main() {
  const { asOf, file } = records.parseArguments(process.argv.slice(2), kUsage);
  const shared = sharedData(asOf);
  for (const lines of records.chunksOfLines(file)) {
    let out = '';
    for (const line of lines) out += JSON.stringify(decide(records.readFacts(JSON.parse(line), shared))) + '\n';
    records.writeAll(out);
  }
}

main();
