#!/usr/bin/env node
// Compares each peer's decisions with talent's, record by record: for every
// program its status, amount, window, missing facts and note ids. Prints the
// outcome counts of talent's decisions, then for each peer its mismatches
// (each with the record's number and id; the first 20 here, all of them in
// the file named) and their count. Exits 1 on any mismatch.
//
//   node compare.js TALENT.jsonl NAME=PEER.jsonl... [--mismatches-dir DIR]
'use strict';

const fs = require('fs');
const path = require('path');
const { chunksOfLines } = require('./lib/records');

const kUsage = 'usage: node compare.js TALENT.jsonl NAME=PEER.jsonl... [--mismatches-dir DIR]';
const kShown = 20;

function* linesOf(file) {
  for (const chunk of chunksOfLines(file)) yield* chunk;
}

// The compared part of one program's result, as text.
function fieldsOf(program) {
  return {
    program: program.program,
    status: program.status,
    amount: program.amount ?? '-',
    window: program.window ? `${program.window.start}..${program.window.end}` : '-',
    missing: program.missing ? program.missing.join(',') : '-',
    notes: program.notes ? program.notes.map((note) => note.id).join(',') : '-',
  };
}

function differences(expected, actual) {
  if (expected.error) return [`talent rejected the record: ${expected.error.message}`];
  if (actual.id !== expected.id) return [`id: talent ${expected.id}, peer ${actual.id}`];
  const found = [];
  const count = Math.max(expected.programs.length, actual.programs.length);
  for (let i = 0; i < count; ++i) {
    const want = expected.programs[i] ? fieldsOf(expected.programs[i]) : {};
    const got = actual.programs[i] ? fieldsOf(actual.programs[i]) : {};
    for (const key of ['program', 'status', 'amount', 'window', 'missing', 'notes']) {
      if (want[key] !== got[key]) found.push(`${want.program ?? got.program} ${key}: talent ${want[key]}, peer ${got[key]}`);
    }
  }
  return found;
}

function main() {
  const argv = process.argv.slice(2);
  let mismatchesDir = null;
  const files = [];
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--mismatches-dir' && i + 1 < argv.length) mismatchesDir = argv[++i];
    else files.push(argv[i]);
  }
  if (files.length < 2 || files.slice(1).some((f) => !f.includes('='))) throw new Error(kUsage);
  const talent = linesOf(files[0]);
  const peers = files.slice(1).map((spec) => {
    const [name, file] = [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)];
    const listFile = path.join(mismatchesDir ?? path.dirname(file), `mismatches-${name}.txt`);
    return { name, lines: linesOf(file), mismatches: 0, list: fs.openSync(listFile, 'w'), listFile, extra: 0 };
  });

  const outcomes = new Map();
  let records = 0;
  for (;;) {
    const next = talent.next();
    if (next.done) break;
    ++records;
    const expected = JSON.parse(next.value);
    for (const program of expected.programs ?? []) {
      const key = `${program.program}\t${program.status}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    for (const peer of peers) {
      const line = peer.lines.next();
      const found = line.done ? ['no decision from the peer'] : differences(expected, JSON.parse(line.value));
      if (found.length === 0) continue;
      ++peer.mismatches;
      const text = `record ${records} (${expected.id}): ${found.join('; ')}\n`;
      fs.writeSync(peer.list, text);
      if (peer.mismatches <= kShown) process.stdout.write(`${peer.name} mismatch, ${text}`);
    }
  }
  for (const peer of peers) {
    while (!peer.lines.next().done) ++peer.extra;
    fs.closeSync(peer.list);
  }

  const programs = [...new Set([...outcomes.keys()].map((key) => key.split('\t')[0]))];
  process.stdout.write(`talent's decisions of ${records} records:\n`);
  process.stdout.write(`  ${'program'.padEnd(32)}${'eligible'.padStart(10)}${'ineligible'.padStart(12)}${'needs_info'.padStart(12)}\n`);
  for (const program of programs) {
    const count = (status) => String(outcomes.get(`${program}\t${status}`) ?? 0);
    process.stdout.write(`  ${program.padEnd(32)}${count('eligible').padStart(10)}${count('ineligible').padStart(12)}${count('needs_info').padStart(12)}\n`);
  }
  let failed = false;
  for (const peer of peers) {
    const extra = peer.extra > 0 ? `, ${peer.extra} decisions more than records` : '';
    const list = peer.mismatches > 0 ? ` (all in ${peer.listFile})` : '';
    process.stdout.write(`${peer.name}: ${records} records compared, ${peer.mismatches} mismatch${peer.mismatches === 1 ? '' : 'es'}${extra}${list}\n`);
    if (peer.mismatches > 0 || peer.extra > 0) failed = true;
  }
  process.exitCode = failed ? 1 : 0;
}

main();
