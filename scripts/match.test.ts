// The matching CLI as a real child process (`npm run --silent match`), on files written for each test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const folder = mkdtempSync(path.join(tmpdir(), 'rodyna-match-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function file(name: string, content: string | Uint8Array): string {
  const target = path.join(folder, name);
  writeFileSync(target, content);
  return target;
}

function match(cases: string, batch: string) {
  const result = spawnSync('npm', ['run', '--silent', 'match', '--', '--cases', cases, '--batch', batch], { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '..') });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CASES = [
  { id: 'oliinyk-1994', surname: 'Олійник', givenName: 'Микола', patronymic: 'Петрович', birthDate: '1994-03-14' },
  { id: 'oliinyk-1990', surname: 'Олійник', givenName: 'Микола', patronymic: 'Петрович', birthDate: '1990' },
  { id: 'koval', surname: 'Коваль', givenName: 'Олександр', patronymic: 'Миколайович', birthDate: '' },
  ...Array.from({ length: 30 }, (_, index) => ({ id: `other-${index}`, surname: `Прізвище${'абвгдежзиклмнопрстуфхцчшщюяєії'[index]}`, givenName: 'Іван', patronymic: 'Іванович', birthDate: `${1970 + index}` })),
];
const casesFile = file('cases.jsonl', `${CASES.map((c) => JSON.stringify(c)).join('\n')}\n`);

describe('npm run match', () => {
  it('prints one JSON line per batch row in file order, best first, at most five', () => {
    const batch = file('batch.csv', [
      'label;full_name;surname;given_name;patronymic;birth_date',
      '1;"OLEINIK Nikolai\nPetrovich";;;;14.03.1994',
      '2;;Невідомий;Тарас;;1971',
      '3;;Коваль;Александр;Николаевич;',
      '4;;;;;',
    ].join('\r\n'));
    const { status, stdout, stderr } = match(casesFile, batch);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trim().split('\n').map((line) => JSON.parse(line) as { row: number; candidates: { caseId: string; score: number; band: string }[] });
    expect(lines.map((line) => line.row)).toEqual([0, 1, 2, 3]);
    expect(lines[0]?.candidates.map((c) => [c.caseId, c.band])).toEqual([['oliinyk-1994', 'strong'], ['oliinyk-1990', 'possible']]);
    expect(Object.keys(lines[0]?.candidates[0] ?? {})).toEqual(['caseId', 'score', 'band']);
    expect(lines[1]?.candidates).toEqual([]);
    expect(lines[2]?.candidates[0]).toMatchObject({ caseId: 'koval', band: 'possible' });
    expect(lines[3]?.candidates).toEqual([]);
    for (const line of lines) expect(line.candidates.length).toBeLessThanOrEqual(5);
  });

  it('reads a Windows-1251 batch', () => {
    const bytes = Uint8Array.from([...'surname,given_name,birth_date\r\n'].map((c) => c.charCodeAt(0)).concat([0xce, 0xeb, 0xb3, 0xe9, 0xed, 0xe8, 0xea, 0x2c, 0xcc, 0xe8, 0xea, 0xee, 0xeb, 0xe0, 0x2c, 0x31, 0x39, 0x39, 0x34, 0x0d, 0x0a]));
    const { status, stdout } = match(casesFile, file('cp1251.csv', bytes));
    expect(status).toBe(0);
    expect(JSON.parse(stdout.trim()).candidates[0].caseId).toBe('oliinyk-1994');
  });

  it('exits 2 naming the file and line of a broken batch row', () => {
    const batch = file('broken.csv', 'surname,given_name,birth_date\nОлійник,Микола,1994\n"Коваль,Іван\nМороз,Петро,1990\n');
    const { status, stdout, stderr } = match(casesFile, batch);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${batch}:3: a quoted field is never closed`);
  });

  it('exits 2 on an unreadable date, a field count, and a header without names', () => {
    const dates = match(casesFile, file('dates.csv', 'surname,birth_date\nОлійник,1994\nКоваль,31.02.1990\nМороз\n'));
    expect(dates.status).toBe(2);
    expect(dates.stderr).toContain('dates.csv:3: birth date "31.02.1990" is not a real day');
    expect(dates.stderr).toContain('dates.csv:4: 1 fields where the header has 2');
    const header = match(casesFile, file('header.csv', 'a,b\n1,2\n'));
    expect(header.status).toBe(2);
    expect(header.stderr).toContain('header.csv:1: the header names no surname');
  });

  it('exits 2 naming the line of a malformed case', () => {
    const notJson = file('bad.jsonl', `${JSON.stringify(CASES[0])}\n{"id": "x", surname}\n`);
    const result = match(notJson, file('ok.csv', 'surname\nОлійник\n'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^${notJson.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: not JSON`));
    const badDate = file('date.jsonl', '{"id":"a","surname":"Олійник","birthDate":"14.03.1994"}\n');
    const dated = match(badDate, file('ok2.csv', 'surname\nОлійник\n'));
    expect(dated.status).toBe(2);
    expect(dated.stderr).toContain(`${badDate}:1: birthDate:`);
  });

  it('exits 2 with the usage when an argument is missing, and on a missing file', () => {
    expect(match(casesFile, '').status).toBe(2);
    const missing = match(path.join(folder, 'nope.jsonl'), file('ok3.csv', 'surname\nОлійник\n'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('nope.jsonl: cannot read');
  });
});
