// What the two peer engines share: reading JSON Lines in chunks, turning an
// applicant record into the facts the rule files read, and printing one
// decision line per record. The rules themselves are in rules/; nothing here
// decides anything.
//
// The record reader does what talent's schema does for these fields and no
// more: enum aliases become their values (the aliases of
// rules/hohhot-talent-25/schema.yaml, copied below), money becomes whole fen,
// a rate becomes whole billionths (at most 9 decimals, so this is exact). It
// does not validate: the records come from generate.js, which writes only
// valid ones, and talent's own check of every field is a cost the peers do
// not pay.
'use strict';

const fs = require('fs');

const kAliases = {
  degree: {
    doctorate: 'doctorate', 博士: 'doctorate', 博士研究生: 'doctorate',
    master: 'master', 硕士: 'master', 硕士研究生: 'master',
    bachelor: 'bachelor', 本科: 'bachelor', 本科生: 'bachelor',
    associate: 'associate', 专科: 'associate', 大专: 'associate', 高职: 'associate', 专科生: 'associate',
  },
  study_mode: {
    full_time: 'full_time', 全日制: 'full_time',
    part_time: 'part_time', 非全日制: 'part_time',
  },
  institution: {
    regular_university: 'regular_university', 普通高校: 'regular_university', 普通高等学校: 'regular_university',
    vocational_college: 'vocational_college', 高职院校: 'vocational_college',
    other: 'other', 其他: 'other',
  },
  employment_status: {
    enterprise: 'enterprise', 企业就业: 'enterprise', 企业: 'enterprise',
    self_employed: 'self_employed', 自主创业: 'self_employed', 创业: 'self_employed',
    public_sector: 'public_sector', 机关事业单位: 'public_sector',
    unemployed: 'unemployed', 未就业: 'unemployed', 待业: 'unemployed',
  },
  loan_kind: {
    personal_guarantee: 'personal_guarantee', 个人创业担保贷款: 'personal_guarantee',
    other: 'other', 其他: 'other',
  },
};

function enumValue(table, written) {
  if (written === undefined || written === null) return written;
  const value = table[written];
  return value === undefined ? written : value;
}

// Digits after the decimal point, padded on the right to `places`.
function fractionDigits(text, places) {
  return parseInt((text + '000000000').slice(0, places), 10);
}

// Money in whole fen. A string is read digit by digit; a JSON number has at
// most 2 decimals, so scaling it by 100 and rounding gives the same integer.
function moneyFen(written) {
  if (written === undefined || written === null) return written;
  if (typeof written === 'number') return Math.round(written * 100);
  const point = written.indexOf('.');
  if (point < 0) return parseInt(written, 10) * 100;
  return parseInt(written.slice(0, point) || '0', 10) * 100 + fractionDigits(written.slice(point + 1), 2);
}

// A rate in whole billionths (0.0385 → 38500000; "3.85%" → 38500000). A
// fraction has at most 9 decimals and a percentage at most 7, so this is
// exact; a JSON number is below 1, where scaling by 1e9 is off by far less
// than one half.
function rateBillionths(written) {
  if (written === undefined || written === null) return written;
  if (typeof written === 'number') return Math.round(written * 1e9);
  let places = 9;
  let text = written;
  if (text.endsWith('%')) {
    places = 7;
    text = text.slice(0, -1);
  }
  const point = text.indexOf('.');
  const whole = parseInt(point < 0 ? text : text.slice(0, point) || '0', 10);
  const fraction = point < 0 ? 0 : fractionDigits(text.slice(point + 1), places);
  return whole * 10 ** places + fraction;
}

// The facts of one record, under the record's own field paths. A field the
// record leaves out (or writes as null) stays out: unknown. An optional
// section written as null is absent. `prototype`, when given, is the facts
// object's prototype (what every record shares).
function readFacts(record, prototype) {
  const facts = prototype ? Object.create(prototype) : {};
  facts.id = record.id;
  facts.degree = enumValue(kAliases.degree, record.degree);
  facts.study_mode = enumValue(kAliases.study_mode, record.study_mode);
  facts.institution = enumValue(kAliases.institution, record.institution);
  facts.graduation_date = record.graduation_date;
  const employment = record.employment;
  if (employment !== undefined && employment !== null) {
    facts.employment = {
      status: enumValue(kAliases.employment_status, employment.status),
      in_city: employment.in_city,
    };
  }
  const home = record.home_purchase;
  if (home !== undefined && home !== null) {
    facts.home_purchase = { first_in_city: home.first_in_city, date: home.date };
  }
  const loan = record.startup_loan;
  if (loan !== undefined && loan !== null) {
    facts.startup_loan = {
      kind: enumValue(kAliases.loan_kind, loan.kind),
      principal: moneyFen(loan.principal),
      annual_rate: rateBillionths(loan.annual_rate),
      term_months: loan.term_months,
    };
  }
  return facts;
}

function yuanText(fen) {
  const cents = fen % 100;
  return `${(fen - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

// One program's result, in the shape and key order of talent's decision
// (the keys the comparison reads; no titles, clauses or reasons).
function programResult(program, status, amountFen, window, missing, notes) {
  const result = { program, status };
  if (status === 'eligible') {
    result.amount = yuanText(amountFen);
    if (window) result.window = { start: window.start, end: window.end };
    if (notes && notes.length > 0) result.notes = notes.map((id) => ({ id }));
  } else if (status === 'needs_info') {
    result.missing = missing;
  }
  return result;
}

// The lines of the file (or of standard input for '-'), yielded a chunk at
// a time, in order; blank lines are skipped. A chunk is what 64 KiB holds (a
// few hundred records): bigger chunks only cost the peers memory and time.
// A line longer than the buffer makes it grow.
function* chunksOfLines(path) {
  const fd = path === '-' ? 0 : fs.openSync(path, 'r');
  let buffer = Buffer.alloc(64 << 10);
  let carried = 0;
  try {
    for (;;) {
      const read = fs.readSync(fd, buffer, carried, buffer.length - carried, null);
      const end = carried + read;
      if (read === 0) {
        if (end > 0) yield buffer.toString('utf8', 0, end).split('\n').filter((l) => l.length > 0);
        return;
      }
      const lastNewline = buffer.lastIndexOf(10, end - 1);
      if (lastNewline < 0) {
        if (end === buffer.length) {
          const bigger = Buffer.alloc(buffer.length * 2);
          buffer.copy(bigger, 0, 0, end);
          buffer = bigger;
        }
        carried = end;
        continue;
      }
      const lines = buffer.toString('utf8', 0, lastNewline).split('\n').filter((l) => l.length > 0);
      buffer.copy(buffer, 0, lastNewline + 1, end);
      carried = end - lastNewline - 1;
      yield lines;
    }
  } finally {
    if (fd !== 0) fs.closeSync(fd);
  }
}

function writeAll(text) {
  let offset = 0;
  const bytes = Buffer.from(text, 'utf8');
  while (offset < bytes.length) offset += fs.writeSync(1, bytes, offset, bytes.length - offset);
}

// Command line shared by the peers: [--as-of YYYY-MM-DD] [FILE] (default: -).
function parseArguments(argv, usage) {
  let asOf = null;
  let file = '-';
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--as-of' && i + 1 < argv.length) asOf = argv[++i];
    else if (argv[i].startsWith('--')) throw new Error(usage);
    else file = argv[i];
  }
  if (!asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error(usage);
  return { asOf, file };
}

module.exports = {
  readFacts, programResult, yuanText, chunksOfLines, writeAll, parseArguments,
};
