#!/usr/bin/env node
// Writes N applicant records as JSON Lines, the same ones for the same seed:
//
//   node generate.js [--records N] [--seed S] [--as-of YYYY-MM-DD] > records.jsonl
//
// Every record is valid under rules/hohhot-talent-25/schema.yaml, and
// together they reach every status of every program: dates on and around the
// 2- and 5-year anniversaries of graduation and the as-of date, 29 February
// graduations, purchases before, on and after the limits, loans at and
// around the 300000.00 and 36-month caps, rates as fractions and percentages
// (numbers and strings) with up to 9 decimals, amounts that end in exactly
// half a fen, enum values written by their Chinese aliases, and facts left
// out or written as null (unknown), sections left out, null or empty.
'use strict';

const { writeAll } = require('./lib/records');

const kUsage = 'usage: node generate.js [--records N] [--seed S] [--as-of YYYY-MM-DD]';
const kDay = 86400000;

// mulberry32: a small seeded generator, so that the records do not depend on
// the Node version.
function makeRandom(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    chance: (p) => next() < p,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    weighted: (pairs) => {
      let r = next() * pairs.reduce((sum, [, w]) => sum + w, 0);
      for (const [value, weight] of pairs) {
        r -= weight;
        if (r < 0) return value;
      }
      return pairs[pairs.length - 1][0];
    },
  };
}

const kEnums = {
  degree: {
    doctorate: ['博士', '博士研究生'], master: ['硕士', '硕士研究生'],
    bachelor: ['本科', '本科生'], associate: ['专科', '大专', '高职', '专科生'],
  },
  study_mode: { full_time: ['全日制'], part_time: ['非全日制'] },
  institution: { regular_university: ['普通高校', '普通高等学校'], vocational_college: ['高职院校'], other: ['其他'] },
  employment_status: {
    enterprise: ['企业就业', '企业'], self_employed: ['自主创业', '创业'],
    public_sector: ['机关事业单位'], unemployed: ['未就业', '待业'],
  },
  loan_kind: { personal_guarantee: ['个人创业担保贷款'], other: ['其他'] },
};

const kNames = ['张三', '李四', '王芳', '刘洋', '陈静', '杨帆', '赵磊', '黄敏', 'Batu', 'Sarangerel', '乌兰', '其其格'];

function dayOf(text) {
  return Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)) / kDay;
}

function dateText(day) {
  return new Date(day * kDay).toISOString().slice(0, 10);
}

// The same day `years` later; 29 February lands on 28 February.
function addYears(day, years) {
  const d = new Date(day * kDay);
  const year = d.getUTCFullYear() + years;
  const month = d.getUTCMonth();
  let date = d.getUTCDate();
  if (month === 1 && date === 29 && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0))) date = 28;
  return Date.UTC(year, month, date) / kDay;
}

function makeGenerator(random, asOf) {
  const asOfDay = dayOf(asOf);
  const asOfYear = +asOf.slice(0, 4);

  // A field: left out, written as null, its value, or one of its aliases.
  const enumText = (enumName, weights) => {
    const value = random.weighted(weights);
    return JSON.stringify(random.chance(0.25) ? random.pick(kEnums[enumName][value]) : value);
  };
  const unknown = (fields, name, absent, textOf) => {
    if (random.chance(absent)) return;
    fields.push(`${JSON.stringify(name)}:${random.chance(0.03) ? 'null' : textOf()}`);
  };
  const object = (fields) => `{${fields.join(',')}}`;

  const graduationDay = () => {
    switch (random.weighted([['any', 30], ['rent_edge', 20], ['recent', 20], ['purchase_edge', 20], ['leap', 10]])) {
      case 'any': return asOfDay - random.int(0, 8 * 366) + random.int(0, 90);
      case 'rent_edge': return addYears(asOfDay, -2) + random.int(-3, 3);
      case 'recent': return asOfDay - random.int(0, 2 * 366);
      case 'purchase_edge': return addYears(asOfDay, -5) + random.int(-400, 400);
      default: {
        const year = random.pick([asOfYear - 6, asOfYear - 5, asOfYear - 3, asOfYear - 2, asOfYear - 1]);
        const leapYear = year - (year % 4);
        return random.pick([
          dayOf(`${leapYear}-02-29`), dayOf(`${leapYear}-02-28`), dayOf(`${leapYear}-03-01`),
          dayOf(`${year}-02-28`), dayOf(`${year}-03-01`), dayOf(`${year}-02-27`),
        ]);
      }
    }
  };

  const purchaseDay = (graduation) => {
    const base = graduation === null ? asOfDay - random.int(0, 6 * 366) : graduation;
    switch (random.weighted([['within', 50], ['five_years', 20], ['before', 10], ['as_of', 10], ['any', 10]])) {
      case 'within': return base + random.int(0, 5 * 365);
      case 'five_years': return addYears(base, 5) + random.int(-2, 2);
      case 'before': return base - random.int(0, 3);
      case 'as_of': return asOfDay + random.int(-2, 2);
      default: return base + random.int(-366, 6 * 366);
    }
  };

  const moneyText = () => {
    const fen = random.weighted([
      [30000000, 8], [30000001, 3], [29999999, 3], [40000000, 6], [100, 2], [1000000, 4], [10000000, 8],
      [20000000, 6], [0, 3], [random.int(1, 50000000), 45], [random.int(1, 2000000000), 5], [random.int(1, 10000), 7],
    ]);
    const cents = fen % 100;
    const yuan = (fen - cents) / 100;
    const text = random.chance(0.5) || cents !== 0 ? `${yuan}.${String(cents).padStart(2, '0')}` : `${yuan}`;
    return random.chance(0.5) ? `"${text}"` : text;
  };

  const rateText = () => {
    const kind = random.weighted([['common', 50], ['fraction', 20], ['percent', 15], ['half_fen', 5], ['zero', 3], ['tiny', 7]]);
    if (kind === 'common') {
      return random.pick(['"0.0385"', '0.0385', '"3.85%"', '"0.0345"', '0.0435', '"4.35%"', '"0.01"', '0.0365', '"3.65%"']);
    }
    if (kind === 'half_fen') return random.pick(['"0.0385001"', '0.0385001', '"3.85001%"']);
    if (kind === 'zero') return random.pick(['0', '"0"', '"0%"', '0.0']);
    if (kind === 'percent') {
      const digits = String(random.int(0, 9999999)).padStart(7, '0').replace(/0+$/, '');
      return `"${random.int(0, 19)}${digits ? `.${digits}` : ''}%"`;
    }
    const billionths = kind === 'tiny' ? random.int(1, 999) : random.int(1, 199999999);
    const text = `0.${String(billionths).padStart(9, '0').replace(/0+$/, '')}`;
    return random.chance(0.5) ? `"${text}"` : text;
  };

  return (index) => {
    const fields = [`"id":"P-${String(index).padStart(7, '0')}"`];
    if (random.chance(0.6)) fields.push(`"name":${JSON.stringify(random.pick(kNames))}`);
    const sparse = random.chance(0.01);
    const absent = sparse ? 1 : 0.03;
    unknown(fields, 'degree', absent, () => enumText('degree', [['doctorate', 10], ['master', 25], ['bachelor', 45], ['associate', 20]]));
    unknown(fields, 'study_mode', absent, () => enumText('study_mode', [['full_time', 88], ['part_time', 12]]));
    unknown(fields, 'institution', absent, () => enumText('institution', [['regular_university', 70], ['vocational_college', 20], ['other', 10]]));
    let graduation = null;
    if (!random.chance(absent)) {
      if (random.chance(0.03)) {
        fields.push('"graduation_date":null');
      } else {
        graduation = graduationDay();
        fields.push(`"graduation_date":"${dateText(graduation)}"`);
      }
    }

    let selfEmployed = false;
    const employment = sparse ? 'absent' : random.weighted([['absent', 3], ['null', 2], ['empty', 2], ['given', 93]]);
    if (employment === 'null') fields.push('"employment":null');
    if (employment === 'empty') fields.push('"employment":{}');
    if (employment === 'given') {
      const inner = [];
      unknown(inner, 'status', 0.02, () => {
        const value = random.weighted([['enterprise', 45], ['self_employed', 35], ['public_sector', 10], ['unemployed', 10]]);
        selfEmployed = value === 'self_employed';
        return JSON.stringify(random.chance(0.25) ? random.pick(kEnums.employment_status[value]) : value);
      });
      unknown(inner, 'in_city', 0.02, () => (random.chance(0.9) ? 'true' : 'false'));
      fields.push(`"employment":${object(inner)}`);
    }

    const home = sparse ? 'absent' : random.weighted([['absent', 50], ['null', 2], ['empty', 1], ['given', 47]]);
    if (home === 'null') fields.push('"home_purchase":null');
    if (home === 'empty') fields.push('"home_purchase":{}');
    if (home === 'given') {
      const inner = [];
      unknown(inner, 'first_in_city', 0.03, () => (random.chance(0.85) ? 'true' : 'false'));
      unknown(inner, 'date', 0.03, () => `"${dateText(purchaseDay(graduation))}"`);
      fields.push(`"home_purchase":${object(inner)}`);
    }

    const loanWeights = selfEmployed ? [['absent', 28], ['null', 1], ['empty', 1], ['given', 70]] : [['absent', 90], ['null', 1], ['empty', 1], ['given', 8]];
    const loan = sparse ? 'absent' : random.weighted(loanWeights);
    if (loan === 'null') fields.push('"startup_loan":null');
    if (loan === 'empty') fields.push('"startup_loan":{}');
    if (loan === 'given') {
      const inner = [];
      unknown(inner, 'kind', 0.03, () => enumText('loan_kind', [['personal_guarantee', 85], ['other', 15]]));
      unknown(inner, 'principal', 0.03, moneyText);
      unknown(inner, 'annual_rate', 0.03, rateText);
      unknown(inner, 'term_months', 0.03, () => String(random.weighted([
        [1, 5], [12, 15], [24, 15], [35, 10], [36, 20], [37, 10], [48, 10], [60, 5], [random.int(1, 120), 10]])));
      if (random.chance(0.5)) inner.push(`"start_date":"${dateText(asOfDay - random.int(0, 4 * 365))}"`);
      fields.push(`"startup_loan":${object(inner)}`);
    }
    return object(fields);
  };
}

function main() {
  let count = 1000;
  let seed = 20250630;
  let asOf = '2026-02-28';
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; ++i) {
    const value = argv[i + 1];
    if (argv[i] === '--records' && /^\d+$/.test(value ?? '')) count = +value;
    else if (argv[i] === '--seed' && /^\d+$/.test(value ?? '')) seed = +value;
    else if (argv[i] === '--as-of' && /^\d{4}-\d{2}-\d{2}$/.test(value ?? '')) asOf = value;
    else throw new Error(kUsage);
    ++i;
  }
  const random = makeRandom(seed);
  const record = makeGenerator(random, asOf);
  let out = '';
  for (let i = 1; i <= count; ++i) {
    out += record(i) + '\n';
    if (out.length > (1 << 20) || i === count) {
      writeAll(out);
      out = '';
    }
  }
}

main();
