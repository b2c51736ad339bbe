#!/usr/bin/env node
// Decides the records of a JSON Lines file with @gorules/zen-engine and the
// decision graph rules/hohhot-talent-25.zen.json; prints one decision per
// line: status, amount, window, missing facts and notes per program.
//
//   node zen.js --as-of YYYY-MM-DD [FILE]
'use strict';

const fs = require('fs');
const path = require('path');
const { ZenEngine } = require('@gorules/zen-engine');
const records = require('./lib/records');

const kUsage = 'usage: node zen.js --as-of YYYY-MM-DD [FILE]';
const kPrograms = ['rent_subsidy', 'home_purchase_subsidy', 'startup_loan_interest_subsidy'];

async function main() {
  const { asOf, file } = records.parseArguments(process.argv.slice(2), kUsage);
  const engine = new ZenEngine();
  const graph = engine.createDecision(fs.readFileSync(path.join(__dirname, 'rules', 'hohhot-talent-25.zen.json')));
  // The engine's evaluate is asynchronous; a chunk of records is in flight
  // at once and written in input order.
  for (const lines of records.chunksOfLines(file)) {
    const decided = await Promise.all(lines.map((line) => {
      const facts = records.readFacts(JSON.parse(line));
      facts.as_of = asOf;
      return graph.evaluate(facts).then((response) => [facts.id, response.result]);
    }));
    let out = '';
    for (const [id, result] of decided) {
      const programs = kPrograms.map((program) => {
        const r = result[program];
        return records.programResult(program, r.status, r.amount_fen, r.window, r.missing, r.notes);
      });
      out += JSON.stringify({ id, programs }) + '\n';
    }
    records.writeAll(out);
  }
}

main().catch((error) => {
  process.stderr.write(`zen.js: ${error.stack || error}\n`);
  process.exitCode = 2;
});
